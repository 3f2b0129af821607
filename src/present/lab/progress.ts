// What a runner is doing, line by line (StepProgress codes: creating, waiting, found and reusing, warnings about
// the SSH key file and known hosts). English templates are keys of l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import { knownHostsResetMessage, sshProblemMessage } from '../sshMessages';
import { arg } from './argText';
import { stateText } from '../explorer/text';
import { fixTitle } from './fixes';
import type { ProgressCode } from '../../lab/codes';
import { classicProgressText } from './classicWords';
import { originProgressText } from './originWords';
import type { StepProgress } from '../../lab/types';

/** The kinds of resource a runner finds and reuses (progress.reuse). */
function kindText(kind: string, t: Translate): string {
  switch (kind) {
    case 'instance':
      return t('instance');
    case 'snapshot':
      return t('snapshot');
    case 'image':
      return t('AMI');
    case 'keyPair':
      return t('key pair');
    case 'securityGroup':
      return t('security group');
    case 'elasticIp':
      return t('Elastic IP');
    case 'targetGroup':
      return t('target group');
    case 'loadBalancer':
      return t('load balancer');
    case 'listener':
      return t('listener');
    case 'vpc':
      return t('VPC');
    case 'subnet':
      return t('subnet');
    case 'internet gateway':
      return t('internet gateway');
    case 'route table':
      return t('route table');
    case 'NAT gateway':
      return t('NAT gateway');
    case 'dbSubnetGroup':
      return t('DB subnet group');
    case 'dbInstance':
      return t('DB instance');
    case 'dbCluster':
      return t('DB cluster');
    case 'launchTemplate':
      return t('launch template');
    case 'autoScalingGroup':
      return t('Auto Scaling group');
    case 'scalingPolicy':
      return t('scaling policy');
    case 'alarm':
      return t('CloudWatch alarm');
  }
  return kind;
}

export function progressText(p: StepProgress, t: Translate): string {
  const a = (key: string) => arg(p.args, key);
  switch (p.code as ProgressCode) {
    case 'progress.reuse':
      return t('Found {0} {1}: using it', kindText(a('kind'), t), a('id'));
    case 'progress.lookUpImage':
      return t('Looking up the latest Amazon Linux 2023 AMI and a free-tier instance type');
    case 'progress.createKeyPair':
      return t('Creating key pair {0} and saving {1}', a('name'), a('path'));
    case 'progress.createSecurityGroup':
      return t('Creating security group {0}', a('name'));
    case 'progress.authorize':
      return t('Allowing TCP {0} from {1} in {2}', a('port'), a('source'), a('group'));
    case 'progress.revoke':
      return t('Removing {0} from {1} in {2}', a('port'), a('source'), a('group'));
    case 'progress.launch':
      return t('Launching {0} in {1}', a('name'), a('az'));
    case 'progress.waitRunning':
      return t('Waiting for {0} to be running', a('name'));
    case 'progress.waitStatusOk':
      return t('Waiting for the status checks of {0} (2/2 passed)', a('name'));
    case 'progress.allocateAddress':
      return t('Allocating an Elastic IP for {0}', a('name'));
    case 'progress.associateAddress':
      return t('Associating {0} with {1}', a('publicIp'), a('name'));
    case 'progress.createSnapshot':
      return t('Creating a snapshot of {0}', a('volumeId'));
    case 'progress.waitSnapshot':
      return t('Waiting for snapshot {0} to complete', a('id'));
    case 'progress.imageNameTaken':
      return t('The AMI name {0} is taken by another image: this one is named {1}', a('name'), a('free'));
    case 'progress.registerImage':
      return t('Registering AMI {0} from {1}', a('name'), a('snapshotId'));
    case 'progress.createImage':
      return t('Creating AMI {0} from {1}', a('name'), a('instanceId'));
    case 'progress.waitImage':
      return t('Waiting for AMI {0} to be available', a('id'));
    case 'progress.createTargetGroup':
      return t('Creating target group {0}', a('name'));
    case 'progress.registerTargets':
      return t('Registering {0} in {1}', a('names'), a('targetGroup'));
    case 'progress.createLoadBalancer':
      return t('Creating load balancer {0} in {1}', a('name'), a('azs'));
    case 'progress.waitLoadBalancer':
      return t('Waiting for {0} to be active', a('name'));
    case 'progress.createListener':
      return t('Adding listener HTTP:{0} to {1}', a('port'), a('name'));
    case 'progress.waitTargets':
      return t('Waiting for the targets of {0} to be healthy', a('targetGroup'));
    case 'progress.request':
      return t('Request {0} of {1}', a('n'), a('of'));
    case 'progress.stopInstance':
      return t('Stopping {0}', a('name'));
    case 'progress.waitStopped':
      return t('Waiting for {0} to stop; the load balancer keeps answering', a('name'));
    case 'progress.startInstance':
      return t('Starting {0} again', a('name'));
    case 'progress.applyFix':
      return fixTitle({ code: a('fix'), args: p.args ?? {} }, t);
    case 'progress.createVpc':
      return t('Creating VPC {0} ({1})', a('name'), a('cidr'));
    case 'progress.createSubnet':
      return t('Creating subnet {0} ({1}) in {2}', a('name'), a('cidr'), a('az'));
    case 'progress.autoAssignIp':
      return t('Turning on auto-assign public IPv4 on {0}', a('subnet'));
    case 'progress.createGateway':
      return t('Creating internet gateway {0}', a('name'));
    case 'progress.attachGateway':
      return t('Attaching internet gateway {0} to {1}', a('gateway'), a('vpc'));
    case 'progress.createRouteTable':
      return t('Creating route table {0}', a('name'));
    case 'progress.createRoute':
      return t('Routing 0.0.0.0/0 in {0} to {1}', a('table'), a('target'));
    case 'progress.associateRouteTable':
      return t('Associating {0} with route table {1}', a('subnet'), a('table'));
    case 'progress.createNatGateway':
      return t('Creating NAT gateway {0} in {1}', a('name'), a('subnet'));
    case 'progress.waitNatGateway':
      return t('Waiting for NAT gateway {0} to be available', a('id'));
    case 'progress.releaseAddress':
      return t('Releasing the Elastic IP {0} of {1}', a('publicIp'), a('name'));
    case 'progress.sshConnect':
      return t('Connecting to {0} over SSH ({1})', a('name'), a('host'));
    case 'progress.keyFileMode':
      return t(
        'Warning: {0}',
        sshProblemMessage({ kind: 'keyFileMode', path: a('path'), mode: parseInt(a('mode'), 8) || 0 }, t),
      );
    case 'progress.knownHostsReset':
      return t('Warning: {0}', knownHostsResetMessage({ file: a('file'), keptAs: a('keptAs') }, t));
    case 'progress.readPage':
      return t('Reading {0} on {1}', a('path'), a('name'));
    case 'progress.savePage':
      return t('Saving {0} on {1} (a temporary file, then renamed: never half written)', a('path'), a('name'));
    case 'progress.pageAlreadyEdited':
      return t('{0} on {1} already says 私たちのビジョン2: nothing to change', a('path'), a('name'));
    case 'progress.createDbSubnetGroup':
      return t('Creating DB subnet group {0} over {1}', a('name'), a('azs'));
    case 'progress.setDbSubnetGroupSubnets':
      return t('Giving DB subnet group {0} subnets in {1}', a('name'), a('azs'));
    case 'progress.createDatabase':
      return t('Creating the database {0} ({1}, {2}) in {3}', a('name'), a('engine'), a('instanceClass'), a('az'));
    case 'progress.dbStatus':
      return t('{0}: {1}', a('name'), stateText(a('status'), t));
    case 'progress.modifyMultiAz':
      return t('Modifying {0}: Multi-AZ, applied immediately (the standby is built from a snapshot)', a('name'));
    case 'progress.rebootFailover':
      return t('Rebooting {0} with failover (the primary is in {1})', a('name'), a('az'));
    case 'progress.rebootNoFailover':
      return t(
        'Rebooting {0} without failover (it stays in {1}: the site waits for the engine to restart)',
        a('name'),
        a('az'),
      );
    case 'progress.failedOver':
      return t('{0} failed over: the primary moved from {1} to {2}', a('name'), a('from'), a('to'));
    case 'progress.failoverAlreadyDone':
      return t('{0} has failed over already: nothing to do (ask for another failover to see one again)', a('name'));
    case 'progress.createAuroraCluster':
      return t('Creating the Aurora MySQL cluster {0} in {1}', a('name'), a('subnetGroup'));
    case 'progress.createAuroraInstance':
      return a('role') === 'reader'
        ? t('Adding the reader {0} ({1}) in {2}', a('name'), a('instanceClass'), a('az'))
        : t('Adding the writer {0} ({1}) in {2}', a('name'), a('instanceClass'), a('az'));
    case 'progress.failoverCluster':
      return t('Failing over {0}: the reader {2} takes over from the writer {1}', a('name'), a('from'), a('to'));
    case 'progress.auroraSwapped':
      return t('{0} failed over: {1} is the writer now, {2} a reader', a('name'), a('writer'), a('reader'));
    case 'progress.createLaunchTemplate':
      return t('Creating launch template {0} ({1}, {2})', a('name'), a('image'), a('type'));
    case 'progress.createScalingGroup':
      return t(
        'Creating Auto Scaling group {0} over {1} (min {2}, desired {3}, max {4})',
        a('name'),
        a('azs'),
        a('min'),
        a('desired'),
        a('max'),
      );
    case 'progress.setGroupHealthCheck':
      return t('Turning on ELB health checks for {0} (grace period {1} s)', a('name'), a('grace'));
    case 'progress.attachTargetGroups':
      return t('Attaching {0} to target group {1}', a('name'), a('targetGroup'));
    case 'progress.waitGroup':
      return t(
        'Waiting until {0} has {1} instances InService and healthy in the target group',
        a('name'),
        a('desired'),
      );
    case 'progress.groupInstances':
      return t(
        '{0}: {1} of {2} InService, {3} healthy in the target group',
        a('name'),
        a('inService'),
        a('desired'),
        a('healthy'),
      );
    case 'progress.putScalingPolicy':
      return a('target')
        ? t('Creating target tracking policy {0} (average CPU {1}%)', a('name'), a('target'))
        : t('Creating scaling policy {0} ({1} instance)', a('name'), a('adjustment'));
    case 'progress.putAlarm':
      return t(
        'Creating CloudWatch alarm {0} (average CPU {1} {2}%) that runs {3}',
        a('name'),
        a('comparison'),
        a('threshold'),
        a('policy'),
      );
    case 'progress.loadStarted':
      return t(
        'Load on http://{0}/: {1} requests at a time, for at most {2} s',
        a('host'),
        a('concurrency'),
        a('seconds'),
      );
    case 'progress.alarmState':
      return t('Alarm {0} is {1} ({2} s after the load started)', a('name'), a('state'), a('seconds'));
    case 'progress.scaledOut':
      return t(
        '{0} scaled out: desired capacity {1} → {2} ({3} s after the load started)',
        a('name'),
        a('from'),
        a('to'),
        a('seconds'),
      );
    case 'progress.newInstanceHealthy':
      return t(
        'The new instance {0} ({1}) is healthy in the target group ({2} s after the load started)',
        a('id'),
        a('az'),
        a('seconds'),
      );
    case 'progress.loadStopped':
      return t(
        'Load stopped: {0} requests sent, {1} answered, {2} failed; waiting for the scale-in',
        a('sent'),
        a('answered'),
        a('failed'),
      );
    case 'progress.scaledIn':
      return t(
        '{0} scaled in: desired capacity {1} → {2} ({3} s after the load stopped)',
        a('name'),
        a('from'),
        a('to'),
        a('seconds'),
      );
    case 'progress.terminateInstance':
      return t('Terminating {0} as the EC2 console does; the group {1} should replace it', a('id'), a('name'));
    case 'progress.replaced':
      return t('{0} replaced {1}: healthy in the target group after {2} s', a('new'), a('old'), a('seconds'));
    case 'progress.check':
      return t('Checking the result');
    case 'progress.done':
      return t('Done');
  }
  return classicProgressText(p.code, p.args, t) ?? originProgressText(p.code, p.args, t) ?? p.code;
}
