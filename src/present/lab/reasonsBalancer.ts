// Why steps 1.6–1.7 are not done yet, and what to do: the load balancer, its listener, subnets and groups, the
// target group and its targets, and the diagnosis of an unhealthy target. reasons.ts dispatches here.
import type { Translate } from '../translate';
import { stateText } from '../explorer/text';
import type { ArgOf } from './argText';
import type { ReasonCode } from '../../lab/codes';

/** The reasons of steps 1.6–1.7 (load balancer, target group, targets, diagnosis); undefined for others. */
export function balancerReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'alb.missing':
      return t(
        'There is no Application Load Balancer for WebServer and WebServer2. Run step 1.6, or create one (Load Balancers > Create load balancer > Application Load Balancer).',
      );
    case 'alb.provisioning':
      return t('Load balancer {0} is still provisioning. Wait until its state is Active (a few minutes).', a('name'));
    case 'alb.failed':
      return t(
        'Load balancer {0} is {1} ({2}). Delete it and create it again.',
        a('name'),
        stateText(a('state'), t),
        a('reason'),
      );
    case 'alb.internal':
      return t(
        'Load balancer {0} is internal: it cannot be reached from the internet. The scheme cannot change: delete it and create an internet-facing one.',
        a('name'),
      );
    case 'alb.azNotEnabled':
      return t(
        'Load balancer {0} is enabled in {1} only: {2} in {3} gets no traffic. Enable {3} (Network mapping > Edit subnets).',
        a('name'),
        a('enabled'),
        a('instance'),
        a('az'),
      );
    case 'alb.noListener':
      return t(
        'Load balancer {0} has no listener on HTTP:{1}. Add one that forwards to the target group.',
        a('name'),
        a('port'),
      );
    case 'alb.listenerNotForwarding':
      return t(
        "The HTTP:{1} listener of {0} does not forward to the target group {2}. Edit the listener's default action: Forward to {2}.",
        a('name'),
        a('port'),
        a('targetGroup'),
      );
    case 'alb.groupClosed':
      return t(
        'The security group {2} of load balancer {0} admits nobody on HTTP {1} (a new group has no inbound rule): the load balancer answers no one, even with healthy targets. Add the inbound rule HTTP, port {1}, source Anywhere (0.0.0.0/0) to {2}.',
        a('name'),
        a('port'),
        a('groupName'),
      );
    case 'alb.privateSubnet':
      return a('publicSubnet')
        ? t(
            'Load balancer {0} is internet-facing, but its subnet {1} in {2} has no route to an internet gateway: requests from the internet cannot reach it there. Choose the public subnet {3} in {2} instead (Network mapping > Edit subnets).',
            a('name'),
            a('subnetName'),
            a('az'),
            a('publicSubnet'),
          )
        : t(
            'Load balancer {0} is internet-facing, but its subnet {1} in {2} has no route to an internet gateway: requests from the internet cannot reach it there. Give that subnet a route 0.0.0.0/0 to an internet gateway, or choose a public subnet (Network mapping > Edit subnets).',
            a('name'),
            a('subnetName'),
            a('az'),
          );
    case 'note.otherLoadBalancer':
      return t(
        "Another load balancer like the lab's: {0} ({1}), made by the lab, besides {2}, which the checks follow. It is billed by the hour too; cleanup removes it.",
        a('name'),
        a('dnsName'),
        a('judged'),
      );
    case 'note.otherLoadBalancerUntagged':
      return t(
        "Another load balancer like the lab's: {0} ({1}), besides {2}, which the checks follow. It is billed by the hour too; cleanup lists it, and removes it only if you pick it.",
        a('name'),
        a('dnsName'),
        a('judged'),
      );
    case 'note.otherTargetGroup':
      return t(
        "Another target group like the lab's: {0}, made by the lab, besides {1}, which the checks follow. Cleanup removes it.",
        a('name'),
        a('judged'),
      );
    case 'note.otherTargetGroupUntagged':
      return t(
        "Another target group like the lab's: {0}, besides {1}, which the checks follow. Cleanup lists it, and removes it only if you pick it.",
        a('name'),
        a('judged'),
      );
    case 'targetGroup.missing':
      return t(
        'Load balancer {0} has no target group. Create the target group WebServers (HTTP:80, instances) and forward the listener to it.',
        a('name'),
      );
    case 'targetGroup.targetMissing':
      return t(
        '{1} ({2}) is not registered in the target group {0}. Register it (Targets > Register targets).',
        a('targetGroup'),
        a('instance'),
        a('id'),
      );
    case 'target.initial':
      return t(
        '{1} in {0}: the first health checks are running. It turns healthy after about {2} seconds of passed checks.',
        a('targetGroup'),
        a('instance'),
        a('seconds'),
      );
    case 'target.notHealthy':
      // AWS gives no reason for some states (an unused target, a draining one): no empty "()" then.
      return a('reason')
        ? t(
            '{1} in {0} is {2} ({3}). See step 1.7 for the cause and the fix.',
            a('targetGroup'),
            a('instance'),
            stateText(a('state'), t),
            a('reason'),
          )
        : t(
            '{1} in {0} is {2}. See step 1.7 for the cause and the fix.',
            a('targetGroup'),
            a('instance'),
            stateText(a('state'), t),
          );
    case 'targets.none':
      return t('The target group {0} has no targets. Register WebServer and WebServer2.', a('targetGroup'));
    case 'targets.allHealthy':
      return t('Every target is healthy: nothing to fix.');
    case 'diagnosis.instanceGone':
      return t('{0} is registered in {1} but the instance no longer exists. Deregister it.', a('id'), a('targetGroup'));
    case 'diagnosis.instanceStopped':
      return t(
        '{0} ({1}) is {2}: a stopped instance receives no traffic and fails no checks; it is unused. Start it.',
        a('instance'),
        a('id'),
        stateText(a('state'), t),
      );
    case 'diagnosis.instanceStarting':
      return t(
        '{0} ({1}) is starting ({2}). Wait: health checks begin when it is running.',
        a('instance'),
        a('id'),
        stateText(a('state'), t),
      );
    case 'diagnosis.targetGroupNotInUse':
      return t(
        'No listener of {1} forwards to the target group {0}, so its targets are unused. Forward the HTTP:80 listener to {0}.',
        a('targetGroup'),
        a('name'),
      );
    case 'diagnosis.azNotEnabled':
      return t(
        '{0} is in {2}, an Availability Zone not enabled on {3} (enabled: {4}). Enable {2} on the load balancer (Network mapping > Edit subnets).',
        a('instance'),
        a('id'),
        a('az'),
        a('name'),
        a('enabled'),
      );
    case 'diagnosis.securityGroup': {
      const source = a('sourceGroupName') ? `${a('sourceGroupName')} (${a('sourceGroupId')})` : a('cidr');
      return t(
        "{0}'s security group {1} does not admit the load balancer on TCP {2}, so the health checks time out. Add the inbound rule: Custom TCP, port {2}, source {3}, to {1} ({4}).",
        a('instance'),
        a('groupName'),
        a('port'),
        source,
        a('groupId'),
      );
    }
    case 'diagnosis.healthCheckPath':
      return t(
        'The health-check path {2} of {4} does not answer 200 on {0} (got {3}). Put a page there, or change the health-check path (Target group > Health checks > Edit).',
        a('instance'),
        a('id'),
        a('path'),
        a('status'),
        a('targetGroup'),
      );
    case 'diagnosis.initial':
      return t(
        '{0}: the first health checks are still running (about {2} seconds). Wait.',
        a('instance'),
        a('id'),
        a('seconds'),
      );
    case 'diagnosis.draining':
      return t('{0} is being deregistered (draining).', a('instance'), a('id'));
    case 'diagnosis.stockImage':
      return t(
        "{0} ({1}) was launched from {2}, the Amazon Linux AMI {3} itself started from, not from the lab's AMI: it has no httpd and no page, so its health checks fail. An instance's AMI cannot change: terminate it, launch it again from {4} (step 1.3) and register the new instance.",
        a('instance'),
        a('id'),
        a('imageId'),
        a('webServer'),
        a('image') || t('the AMI of step 1.2'),
      );
    case 'diagnosis.notFromImage':
      return t(
        "{0} ({1}) was launched from {2}, which is not the lab's AMI made from {3}: it does not serve {3}'s page, so its health checks fail. An instance's AMI cannot change: terminate it, launch it again from {4} (step 1.3) and register the new instance.",
        a('instance'),
        a('id'),
        a('imageId'),
        a('webServer'),
        a('image') || t('the AMI of step 1.2'),
      );
    case 'diagnosis.unknown':
      return t(
        '{0} is {2} ({3}: {4}), and the account shows no cause: check that httpd runs on {0} (sudo systemctl status httpd).',
        a('instance'),
        a('id'),
        stateText(a('state'), t),
        a('reason'),
        a('description'),
      );
  }
  return undefined;
}
