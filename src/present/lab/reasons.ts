// What is wrong, and what to do about it: reasonText words any Reason. The reasons every step shares (an
// observation not made yet, a section of the account unreadable) are here; the others live with their steps'
// group (reasonsServer, reasonsBalancer, reasonsTraffic, reasonsRun, reasonsNetwork, reasonsDatabase,
// reasonsScaling), each file under ~300 lines.
import { databaseReasonText } from './reasonsDatabase';
import { scalingReasonText } from './reasonsScaling';
import { networkReasonText } from './reasonsNetwork';
import type { Translate } from '../translate';
import { type ArgOf, arg } from './argText';
import { serverReasonText } from './reasonsServer';
import { balancerReasonText } from './reasonsBalancer';
import { trafficReasonText } from './reasonsTraffic';
import { runReasonText } from './reasonsRun';
import { classicReasonText } from './classicWords';
import { originReasonText } from './originWords';
import type { ReasonCode } from '../../lab/codes';
import type { Reason } from '../../lab/types';

/** The sections of the inventory (InventorySection), as the student knows them. */
export function sectionText(section: string, t: Translate): string {
  switch (section) {
    case 'network':
      return t('subnets and route tables');
    case 'instances':
      return t('instances');
    case 'storage':
      return t('volumes, snapshots and AMIs');
    case 'addresses':
      return t('Elastic IPs');
    case 'securityGroups':
      return t('security groups');
    case 'loadBalancing':
      return t('load balancers and target groups');
    case 'databases':
      return t('databases');
    case 'autoScaling':
      return t('Auto Scaling groups, launch templates and CloudWatch alarms');
  }
  return section;
}

/** Why a section could not be read, in short (AwsProblem kinds; the explorer words them in full). */
function unreadableWhy(kind: string, detail: string, t: Translate): string {
  switch (kind) {
    case 'throttled':
      return t('AWS throttled the requests');
    case 'accessDenied':
      return t('access denied by your IAM permissions');
    case 'network':
      return t('AWS could not be reached');
    case 'credentialsExpired':
      return t('your sign-in has expired');
  }
  return detail || kind;
}

/** What is wrong, and what to do about it. */
export function reasonText(r: Reason, t: Translate): string {
  const a = (key: string) => arg(r.args, key);
  const code = r.code as ReasonCode;
  return (
    sharedReasonText(code, a, t) ??
    serverReasonText(code, a, t) ??
    balancerReasonText(code, a, t) ??
    trafficReasonText(code, a, t) ??
    runReasonText(code, a, t) ??
    networkReasonText(code, a, t) ??
    databaseReasonText(code, a, t) ??
    scalingReasonText(code, a, t) ??
    classicReasonText(code, a, t) ??
    originReasonText(code, a, t) ??
    r.code
  );
}

/** The reasons of any step: an observation not made yet, a section of the account that could not be read. */
function sharedReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'observation.missing':
      return t('http://{0}{1} has not been requested yet. Check again to fetch it.', a('host'), a('path'));
    case 'account.unreadable':
      return t(
        "The account's {0} could not be read ({1}: {2}), so this step cannot be judged: nothing is known missing. Check again in a moment.",
        sectionText(a('section'), t),
        a('action'),
        unreadableWhy(a('problem'), a('detail'), t),
      );
  }
  return undefined;
}
