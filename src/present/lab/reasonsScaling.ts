// Track 3's reasons: the launch template (3.1), the Auto Scaling group (3.2), the alarms and policies that scale it
// on CPU (3.3), the load exercise (3.4) and self-healing (3.5). Each says the cause and the fix, in the console's
// words. reasons.ts dispatches here.
import type { Translate } from '../translate';
import type { ArgOf } from './argText';
import { stateText } from '../explorer/text';
import type { ReasonCode } from '../../lab/codes';

/** An alarm's state as the CloudWatch console shows it. */
export function alarmStateText(state: string, t: Translate): string {
  switch (state) {
    case 'OK':
      return t('OK');
    case 'ALARM':
      return t('In alarm');
    case 'INSUFFICIENT_DATA':
      return t('Insufficient data');
  }
  return state;
}

export function scalingReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  return templateText(code, a, t) ?? groupText(code, a, t) ?? policyText(code, a, t) ?? exerciseText(code, a, t);
}

function templateText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'launchTemplate.missing':
      return a('image')
        ? t(
            "There is no launch template yet. Create {0} (EC2 › Launch templates › Create launch template) from the lab's AMI {1}, an instance type, the web servers' security group and your key pair: the group launches every new server from it.",
            a('name'),
            a('image'),
          )
        : t(
            "There is no launch template yet. Create {0} (EC2 › Launch templates › Create launch template) from the lab's AMI, an instance type, the web servers' security group and your key pair: the group launches every new server from it.",
            a('name'),
          );
    case 'launchTemplate.noImage':
      return t(
        "The default version of {0} names no AMI, so the group cannot launch from it. Create a new version with the lab's AMI and make it the default.",
        a('name'),
      );
    case 'launchTemplate.notLabImage':
      return a('image')
        ? t(
            "{0} launches {1}, which is not the lab's AMI: its servers would not serve the CPS Research Center page. Create a new version with the AMI {2} and make it the default.",
            a('name'),
            a('imageId'),
            a('image'),
          )
        : t(
            "{0} launches {1}, which is not the lab's AMI: its servers would not serve the CPS Research Center page. Create a new version with an AMI made from WebServer and make it the default.",
            a('name'),
            a('imageId'),
          );
    case 'launchTemplate.stockImage':
      return t(
        '{0} launches {1}, the Amazon Linux image {2} started from, with no user data: a new server would have no httpd and no page. Use the AMI made from {2} (step 1.2), or add user data that installs the page.',
        a('name'),
        a('imageId'),
        a('webServer'),
      );
    case 'launchTemplate.imageGone':
      return t(
        '{0} launches {1}, an AMI that has been deregistered: the group can launch nothing. Create a new version with an AMI that exists (step 1.2 makes one) and make it the default.',
        a('name'),
        a('imageId'),
      );
    case 'launchTemplate.imageNotAvailable':
      return t(
        '{0} launches {1}, which is {2}, not available: the group cannot launch from it yet. Wait until the AMI is Available, or use another.',
        a('name'),
        a('imageId'),
        stateText(a('state'), t),
      );
    case 'launchTemplate.noInstanceType':
      return t(
        'The default version of {0} has no instance type. Create a new version with t2.micro or t3.micro and make it the default.',
        a('name'),
      );
    case 'launchTemplate.noSecurityGroup':
      return t(
        "{0} names no security group: its servers would get the VPC's default group, which does not admit the load balancer. Create a new version with the web servers' group and make it the default.",
        a('name'),
      );
    case 'launchTemplate.groupMissing':
      return t(
        "{0} names security groups that do not exist ({1}): the group cannot launch. Create a new version with the web servers' group and make it the default.",
        a('name'),
        a('groups'),
      );
    case 'launchTemplate.groupClosed':
      return a('loadBalancer')
        ? t(
            "{0}'s security group {1} does not admit {2} on TCP {3}: every server the group launches would fail its health checks and be replaced. Use the web servers' group, or add the inbound rule HTTP from the load balancer's group.",
            a('name'),
            a('groups'),
            a('loadBalancer'),
            a('port'),
          )
        : t(
            "{0}'s security group {1} admits nothing on TCP {3}: its servers could not serve the page. Use the web servers' group, or add the inbound rule HTTP.",
            a('name'),
            a('groups'),
            a('loadBalancer'),
            a('port'),
          );
    case 'launchTemplate.defaultNotLatest':
      return t(
        '{0} has version {2}, but its default is still version {1}, and the group launches the default. "Modify template (Create new version)" does not change it: Actions › Set default version › {2}.',
        a('name'),
        a('defaultVersion'),
        a('latestVersion'),
      );
    case 'note.templateNewerVersion':
      return t(
        '{0} has a version {2} newer than its default {1}: the group launches version {1}. If version {2} is the one you meant, make it the default (Actions › Set default version).',
        a('name'),
        a('defaultVersion'),
        a('latestVersion'),
      );
    case 'note.groupOtherVersion':
      return t(
        "{1} launches version {2} of {0}, not its default version {3}: this check judged version {3}. To launch the version checked, set the group's launch template version to Default.",
        a('name'),
        a('group'),
        a('version'),
        a('defaultVersion'),
      );
    case 'note.templateNoKeyPair':
      return t(
        '{0} names no key pair: the servers it launches work, but nobody can SSH into them (3.4 puts load on them over SSH as an alternative).',
        a('name'),
      );
  }
  return undefined;
}

function groupText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'asg.missing':
      return a('template') && a('targetGroup')
        ? t(
            'There is no Auto Scaling group yet. Create {0} (EC2 › Auto Scaling groups › Create Auto Scaling group) from {1}, over two subnets in two AZs, attached to the target group {2}, with ELB health checks.',
            a('name'),
            a('template'),
            a('targetGroup'),
          )
        : t(
            'There is no Auto Scaling group yet. Create {0} (EC2 › Auto Scaling groups › Create Auto Scaling group) from the launch template, over two subnets in two AZs, attached to the target group, with ELB health checks.',
            a('name'),
          );
    case 'asg.oneAz':
      return t(
        '{0} launches into {1} only: if that AZ fails, every server goes with it. Edit the group (Network) and add a subnet of another Availability Zone.',
        a('name'),
        a('az'),
      );
    case 'asg.noTargetGroup':
      return t(
        '{0} is not attached to the target group {1}: its servers run, but the load balancer never sends them a request. Edit the group (Load balancing) and attach {1}.',
        a('name'),
        a('targetGroup'),
      );
    case 'asg.otherTargetGroup':
      return t(
        "{0} is attached to {2}, not to the lab's target group {1}: the load balancer does not send its servers requests. Edit the group (Load balancing) and attach {1}.",
        a('name'),
        a('targetGroup'),
        a('attached'),
      );
    case 'asg.ec2HealthCheck':
      return t(
        '{0} uses EC2 health checks: a server whose web server is broken still counts as healthy and is kept. Edit the group (Health checks) and turn on Elastic Load Balancing health checks.',
        a('name'),
      );
    case 'asg.noGracePeriod':
      return t(
        '{0} has no health check grace period: a new server is judged before httpd has started and may be replaced at once. Set the grace period to {1} seconds.',
        a('name'),
        a('seconds'),
      );
    case 'asg.cannotScale':
      return t(
        '{0} has minimum {1} and maximum {2}: it can never add a server. Edit the group size and make the maximum larger than the minimum (the handout: min 2, desired 2, max 4).',
        a('name'),
        a('min'),
        a('max'),
      );
    case 'asg.instancesPending':
      return t(
        '{0} has {1} of {2} instances InService ({3} pending). New servers take a few minutes to start and pass their health checks: wait and check again.',
        a('name'),
        a('inService'),
        a('desired'),
        a('pending'),
      );
    case 'asg.instancesOneAz':
      return t(
        "All of {0}'s servers are in {1}: with a desired capacity of {2} there is no second AZ to survive in. Set the desired capacity to 2 or more.",
        a('name'),
        a('az'),
        a('count'),
      );
    case 'asg.tooSmall':
      return t(
        '{0} wants {1} instances: fewer than one in each of two AZs, so one failure takes the site down. Edit the group size and set the desired capacity (and the minimum) to 2.',
        a('name'),
        a('desired'),
      );
    case 'asg.instanceUnhealthy':
      return t(
        '{1} in {0} is {2}: the group is about to replace it. If it happens again and again, its servers fail their health checks: see the target group.',
        a('name'),
        a('instance'),
        a('health'),
      );
    case 'asg.notRegistered':
      return t(
        '{1} of {0} is not registered in {2} yet. The group registers its servers itself once InService: wait and check again.',
        a('name'),
        a('instance'),
        a('targetGroup'),
      );
  }
  return undefined;
}

function policyText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'scaling.none':
      return t(
        '{0} has no scaling policy: it stays at its desired capacity whatever the load. Create two CloudWatch alarms on its average CPUUtilization (> {1} % and < {2} %) with a policy each that adds or removes one instance, or one target-tracking policy (Automatic scaling › Create dynamic scaling policy).',
        a('name'),
        a('high'),
        a('low'),
      );
    case 'scaling.alarmNoAction':
      return t(
        "The alarm {0} watches {1}'s CPU but triggers no scaling policy: it changes state and nothing happens. Edit the alarm's actions (Auto Scaling action) or choose it in the policy.",
        a('alarm'),
        a('name'),
      );
    case 'scaling.alarmActionsDisabled':
      return t(
        "The alarm {0}'s actions are disabled: it reaches ALARM and the policy never runs. Enable its actions (Actions › Enable actions in the CloudWatch console).",
        a('alarm'),
      );
    case 'scaling.alarmWrongMetric':
      return t(
        "The alarm {0} watches {2}, not {3}: it does not follow the group's load (and with no such data it stays Insufficient data). Create the alarm again on the group's metric: EC2 › By Auto Scaling Group › {1} › CPUUtilization.",
        a('alarm'),
        a('name'),
        a('watched'),
        a('wanted'),
      );
    case 'scaling.inverted':
      return t(
        'The alarm {0} ({1} {2}) triggers {3}, which changes the capacity by {4}: the wrong way round. High CPU must add an instance and low CPU remove one.',
        a('alarm'),
        a('comparison'),
        a('threshold'),
        a('policy'),
        a('adjustment'),
      );
    case 'scaling.policyDisabled':
      return t('The scaling policy {0} is disabled: enable it (Automatic scaling › Actions › Enable).', a('policy'));
    case 'scaling.policyNoAlarm':
      return t(
        "No alarm triggers the scaling policy {0}: it never runs. Choose a CloudWatch alarm for it, or name it in the alarm's Auto Scaling action.",
        a('policy'),
      );
    case 'scaling.trackingOtherMetric':
      return t(
        "The target-tracking policy {0} follows {1}, not the group's average CPU utilization. Create it with the metric Average CPU utilization.",
        a('policy'),
        a('metric'),
      );
    case 'scaling.noScaleOut':
      return t(
        "Nothing adds a server to {0} when its CPU is high. Create an alarm on the group's average CPUUtilization > {1} % and a policy that adds one instance, triggered by it.",
        a('name'),
        a('threshold'),
      );
    case 'scaling.noScaleIn':
      return t(
        "Nothing removes a server from {0} when its CPU is low: after the load it stays big, and bills. Create an alarm on the group's average CPUUtilization < {1} % and a policy that removes one instance, triggered by it.",
        a('name'),
        a('threshold'),
      );
    case 'scaling.thresholdsCross':
      return t(
        'The scale-out alarm {2} fires above {0} % but the scale-in alarm {3} below {1} %: between them both fire, and the group adds and removes servers in turn. Make the scale-out threshold higher than the scale-in one (70 and 30).',
        a('high'),
        a('low'),
        a('highAlarm'),
        a('lowAlarm'),
      );
  }
  return undefined;
}

function exerciseText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'exercise.noLoad':
      return a('cpu')
        ? t(
            "{0} has not reached ALARM: the group's average CPU was {2} %, under {1} %. Put load on the web tier (the load generator, or stress over SSH) and watch it rise.",
            a('alarm'),
            a('threshold'),
            a('cpu'),
          )
        : t(
            "{0} has not reached ALARM: the group's average CPU is under {1} %. Put load on the web tier (the load generator, or stress over SSH) and watch it rise.",
            a('alarm'),
            a('threshold'),
          );
    case 'exercise.noData':
      return t(
        '{0} has Insufficient data: CloudWatch has no CPU datapoint of {1} for it yet (a new alarm waits one period), or it watches a metric nobody sends. Wait a period; if it stays so, see step 3.3.',
        a('alarm'),
        a('name'),
      );
    case 'exercise.atMax':
      return t(
        '{2} is in ALARM but {0} is already at its maximum of {1}: it cannot add more. Lighten the load, or raise the maximum.',
        a('name'),
        a('max'),
        a('alarm'),
      );
    case 'exercise.cooldown':
      return a('seconds') && a('seconds') !== '0'
        ? t(
            '{1} is in ALARM: {0} scales out when its cooldown ends (about {2} seconds). Keep the load on.',
            a('name'),
            a('alarm'),
            a('seconds'),
          )
        : t(
            "{1} is in ALARM: {0} scales out at the policy's next run. Keep the load on and check again.",
            a('name'),
            a('alarm'),
            a('seconds'),
          );
    case 'exercise.notScaledIn':
      return a('alarm')
        ? t(
            '{0} scaled out from {1} to {2}; it has not scaled back in yet. Stop the load: once {3} (now {4}) is in ALARM, the group removes a server after its cooldown.',
            a('name'),
            a('from'),
            a('to'),
            a('alarm'),
            alarmStateText(a('state'), t),
          )
        : t(
            '{0} scaled out from {1} to {2}; it has not scaled back in yet. Stop the load and wait for the scale-in alarm and the cooldown.',
            a('name'),
            a('from'),
            a('to'),
          );
    case 'healing.none':
      return t(
        '{0} has not replaced an instance yet. Terminate one of its instances by hand (EC2 › Instances › Instance state › Terminate instance): the group notices and launches another.',
        a('name'),
      );
    case 'healing.inProgress':
      return t(
        '{0} took {1} out of service and is replacing it: {2} of {3} instances are InService and healthy. Wait and check again.',
        a('name'),
        a('instance'),
        a('inService'),
        a('desired'),
      );
  }
  return undefined;
}
