// Why a runner could not do a step (StepError reasons run.*): a key pair without its file, no default VPC, a wait
// that gave up, a bad option. reasons.ts dispatches here.
import type { Translate } from '../translate';
import { type ArgOf, pageErrorText, waitGoalText } from './argText';
import type { ReasonCode } from '../../lab/codes';

/** The runners' reasons (run.*); undefined for any other code. */
export function runReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'run.keyPairWithoutFile':
      return t(
        'Key pair {0} already exists, but its private key is not at {1}, and AWS cannot give it again. Put the .pem there, or choose another key pair name.',
        a('keyName'),
        a('path'),
      );
    case 'run.keyFileExists':
      return t(
        'A file already exists at {0}. Choose another place for the private key of the new key pair {1}, so no other key is overwritten.',
        a('path'),
        a('keyName'),
      );
    case 'run.myIpUnknown':
      return t(
        'Your public IP address could not be found ({0}). Choose "Anywhere" for SSH, or try again.',
        pageErrorText(a('error'), t),
      );
    case 'run.myIpNotAnAddress':
      return t(
        'Your public IP address could not be found: checkip.amazonaws.com answered "{0}", which is not an IP address (a proxy may be in the way). Choose "Anywhere" for SSH, or try again.',
        a('answer'),
      );
    case 'run.imageNameTaken':
      return t(
        'The AMI name {0} is taken by an image that was not made from WebServer. Choose another AMI name.',
        a('name'),
      );
    case 'run.noAmazonLinux':
      return t('No Amazon Linux 2023 AMI was found in {0}.', a('region'));
    case 'run.noDefaultVpc':
      return t(
        'This region has no default VPC. Create one (VPC > Actions > Create default VPC), or choose another region.',
      );
    case 'run.noSubnetInAz':
      return t('There is no subnet in {0} in the VPC {1}.', a('az'), a('vpcId'));
    case 'run.noOtherAz':
      return t('There is no Availability Zone other than {0} with a subnet in the VPC.', a('az'));
    case 'run.waitTimedOut':
      return t(
        'Gave up waiting for {0} to become {1}. Check it in the console, then run the step again: it continues where it stopped.',
        a('id'),
        waitGoalText(a('state'), t),
      );
    case 'run.waitFailed':
      return t(
        '{0} will not become {1}: it went another way (terminated, failed or deleted). Check it in the console, then run the step again.',
        a('id'),
        waitGoalText(a('state'), t),
      );
    case 'run.nothingToFix':
      return t('Nothing to fix right now.');
    case 'run.unknownFix':
      return t('Unknown fix: {0}.', a('fix'));
    case 'run.badOption':
      return t('The option {0} cannot be {1}.', a('key'), a('value'));
    case 'run.noDbPassword':
      return t(
        'The database needs a master password you choose, and none was given. In the editor, type it when asked; with the CLI, set SCALE_OUT_LAB_DB_PASSWORD or run it in a terminal to be asked.',
      );
    case 'run.badDbPassword':
      return a('rule') === 'length'
        ? t('RDS needs a master password of 8 to 41 characters; this one has {0}. Choose another.', a('length'))
        : t('RDS takes printable ASCII characters in a master password, except /, @, " and spaces. Choose another.');
    case 'run.noDbSubnets':
      return t(
        'The VPC {0} has no subnets in two Availability Zones to put the database in: a DB subnet group needs two. Add a subnet in a second AZ (in Test-VPC: the private subnets of step 4.1).',
        a('vpc'),
      );
  }
  return undefined;
}
