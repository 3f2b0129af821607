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
    case 'run.noLaunchTemplate':
      return t(
        'There is no launch template for the web servers yet ({0}): the Auto Scaling group launches its instances from one. Run step 3.1 first.',
        a('name'),
      );
    case 'run.noScalingGroup':
      return t('There is no Auto Scaling group for the web servers yet ({0}). Run step 3.2 first.', a('name'));
    case 'run.noGroupSubnets':
      return t(
        'The VPC {0} has no subnets in two Availability Zones for the Auto Scaling group: it needs two so one AZ can fail.',
        a('vpc'),
      );
    case 'run.notScaledOut':
      return t(
        'The group {0} did not scale out within {1} seconds of load (its CPU was {2}%). Look at its alarms and policies (step 3.3), then run the step again.',
        a('group'),
        a('seconds'),
        a('cpu'),
      );
    case 'run.notReplaced':
      return t(
        'The group {0} has not replaced the terminated instance {1} yet. Check its activity history in the console, then run the step again.',
        a('group'),
        a('id'),
      );
    case 'load.tooMany':
      return t('The load is bounded: at most {0} requests at a time ({1} was asked).', a('max'), a('concurrency'));
    case 'load.tooLong':
      return t(
        'The load is bounded: it runs for at most {0} minutes ({1} seconds was asked).',
        a('maxMinutes'),
        a('seconds'),
      );
    case 'load.tooFast':
      return t('The load is bounded: at most {0} requests per second ({1} was asked).', a('max'), a('perSecond'));
    case 'load.notTheLab':
      return t('The load only goes to your own load balancer, {0}: {1} is not it.', a('lab'), a('host'));
    case 'load.endpointNotLocal':
      return t(
        'The load goes through an endpoint URL only when it is the practice account on this computer; {0} is not.',
        a('endpoint'),
      );
  }
  return undefined;
}
