// The practice account's identity: fixed, so handouts, tests and screenshots always show the same values.

export const PRACTICE_ACCOUNT_ID = '123456789012';
export const PRACTICE_REGION = 'ap-northeast-1';
/** Any credentials are accepted; these are the ones the extension and the tests sign with. */
export const PRACTICE_CREDENTIALS = { accessKeyId: 'AKIAPRACTICE0000000', secretAccessKey: 'practice' };
/** The IAM user the practice account says you are (STS GetCallerIdentity, AccessDenied messages). */
export const PRACTICE_USER_ARN = `arn:aws:iam::${PRACTICE_ACCOUNT_ID}:user/student`;
export const PRACTICE_USER_ID = 'AIDAPRACTICESTUDENT01';
/** Owner of Amazon's public AMIs (Amazon Linux), as on AWS. */
export const AMAZON_IMAGE_OWNER_ID = '137112412989';
/** The practice student's public IPv4 (a documentation address): web requests from "the internet" come from it, and checkip.amazonaws.com answers it. */
export const PRACTICE_STUDENT_IP = '203.0.113.25';

/** On every API answer of the practice account (not on its web pages). */
export const PRACTICE_HEADER = 'x-scale-out-lab-practice';

/** The speed that periodic machinery (metric periods, alarms, cooldowns) runs at when the clock is 'instant'. */
export const CONTINUOUS_SPEED_WHEN_INSTANT = 600;
