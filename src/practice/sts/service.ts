// STS (awsQuery, API version 2011-06-15): who the practice account says you are.
import { GetCallerIdentity$, type GetCallerIdentityRequest, type GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { action, type ServiceDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID, PRACTICE_USER_ARN, PRACTICE_USER_ID } from '../core/constants';

export const stsService: ServiceDefinition = {
  signingName: 'sts',
  dialect: 'query',
  version: '2011-06-15',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  actions: {
    GetCallerIdentity: action<GetCallerIdentityRequest, GetCallerIdentityResponse>(GetCallerIdentity$, () => ({
      UserId: PRACTICE_USER_ID,
      Account: PRACTICE_ACCOUNT_ID,
      Arn: PRACTICE_USER_ARN,
    })),
  },
};
