// Why steps 1.8–1.10 are not done yet, and what to do: the answers counted through the load balancer, the web
// servers reachable only through it, the availability exercise. reasons.ts dispatches here.
import type { Translate } from '../translate';
import { type ArgOf, pageErrorText, portText } from './argText';
import type { ReasonCode } from '../../lab/codes';

function variantText(variant: string, t: Translate): string {
  if (variant === 'vision2') return '私たちのビジョン2';
  if (variant === 'vision') return '私たちのビジョン';
  return t('another page');
}

/** The reasons of steps 1.8–1.10 (tally, secure, exercise); undefined for any other code. */
export function trafficReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'tally.noAnswer':
      return t(
        'The load balancer at http://{0}/ gave no answer ({1}). Check that it is active, that its security group admits HTTP 80, and that a target is healthy.',
        a('host'),
        pageErrorText(a('error'), t),
      );
    case 'tally.oneVariant':
      return t(
        'All {1} answers from http://{0}/ were {2}: only one server answers. Check that both targets are healthy and that WebServer2 says 私たちのビジョン2.',
        a('host'),
        a('count'),
        variantText(a('variant'), t),
      );
    case 'tally.onlyOneVariant':
      return t('All {1} answers from http://{0}/ were {2}.', a('host'), a('count'), variantText(a('variant'), t));
    case 'tally.noVision':
      return t(
        'The load balancer at http://{0}/ answered {1} times, but never with the CPS Research Center page (neither 私たちのビジョン nor 私たちのビジョン2): its targets serve another page. Check the AMI the servers were launched from (step 1.3).',
        a('host'),
        a('count'),
      );
    case 'secure.sharedGroup':
      return t(
        'The load balancer {2} and the web servers share the security group {1}: it must stay open to the internet for the load balancer. Give the load balancer its own group (alb-sg, HTTP 80 from anywhere) first.',
        a('groupId'),
        a('groupName'),
        a('name'),
      );
    case 'secure.albNotAdmitted':
      return t(
        "{0}'s security group {1} does not admit the load balancer's group {2} on TCP {3}. Add the inbound rule HTTP, source {2}, to {1}.",
        a('instance'),
        a('groupName'),
        a('sourceGroupName') || a('sourceGroupId'),
        a('port'),
      );
    case 'secure.openRule':
      // One address (the student's /32) or a range is not "anyone": say who.
      if (a('source') !== '0.0.0.0/0' && a('source') !== '::/0')
        return t(
          'The security group {0} lets {2} reach {1} directly, not only through the load balancer. Remove this inbound rule so HTTP comes only through the load balancer.',
          a('groupName'),
          portText(a('protocol'), a('fromPort'), a('toPort'), t),
          a('source'),
        );
      return t(
        'The security group {0} lets anyone at {2} reach {1} directly. Remove this inbound rule so HTTP comes only through the load balancer.',
        a('groupName'),
        portText(a('protocol'), a('fromPort'), a('toPort'), t),
        a('source'),
      );
    case 'secure.directAnswered':
      return t(
        '{0} still answers directly at http://{1}/ (HTTP {2}). After the rules change it should time out.',
        a('instance'),
        a('host'),
        a('status'),
      );
    case 'secure.albNotAnswering':
      return t(
        'The load balancer at http://{0}/ does not answer ({1}): the web servers must admit its security group before the open rules go.',
        a('host'),
        pageErrorText(a('error'), t),
      );
    case 'exercise.notRun':
      return t(
        'The availability exercise has not been run on {0}: stop one server, keep requesting the load balancer, then start it again (run step 1.10).',
        a('name'),
      );
    case 'exercise.failed':
      return t(
        'During the last exercise, {0} stopped answering while one server was stopped. Check that both targets are healthy and in different AZs, then run step 1.10 again.',
        a('name'),
      );
    case 'exercise.albStoppedAnswering':
      return t(
        'While {0} was stopped, the load balancer failed {1} of {2} requests.',
        a('instance'),
        a('failed'),
        a('requests'),
      );
    case 'exercise.needsTwoTargets':
      return t('The exercise needs two healthy targets, so one can be stopped. Finish step 1.6 first.');
  }
  return undefined;
}
