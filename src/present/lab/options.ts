// The questions a step asks before it runs (name, AZ, who may SSH, ...) and the labels of their choices, for the
// extension's pickers and the CLI's prompts. English templates are keys of l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import { type Args, arg } from './argText';
import type { OptionCode } from '../../lab/codes';
import { classicOptionText } from './classicWords';
import { originOptionText } from './originWords';

/** Questions a step asks before it runs, and the labels of their choices. */
export function optionText(code: string, args: Args, t: Translate): string {
  const a = (key: string) => arg(args, key);
  switch (code as OptionCode) {
    case 'option.instanceName':
      return t('Name of the instance');
    case 'option.instanceType':
      return t('Instance type');
    case 'option.az':
      return t('Availability Zone');
    case 'option.sshSource':
      return t('Who may connect with SSH (port 22)?');
    case 'option.keyName':
      return t('Key pair name');
    case 'option.sshKeyFile':
      return t("The key pair's private key (.pem) to log in with");
    case 'option.keyFile':
      return t('Where to save the private key (.pem)');
    case 'option.snapshotDescription':
      return t('Snapshot description');
    case 'option.stateTag':
      return t('Tag State (letters, no Japanese)');
    case 'option.dateTag':
      return t('Tag Date');
    case 'option.imageMethod':
      return t('Create the AMI from');
    case 'option.imageName':
      return t('AMI name');
    case 'option.noReboot':
      return t('Reboot WebServer while the image is made?');
    case 'option.loadBalancerName':
      return t('Load balancer name');
    case 'option.targetGroupName':
      return t('Target group name');
    case 'option.healthCheckPath':
      return t('Health-check path');
    case 'option.albSecurityGroup':
      return t("Load balancer's security group");
    case 'option.requests':
      return t('How many requests to send');
    case 'option.stopInstance':
      return t('Which server to stop');
    case 'option.vpcName':
      return t('VPC name');
    case 'option.vpcCidr':
      return t('VPC CIDR block');
    case 'option.firstAz':
      return t('First Availability Zone (subnets 10.0.0.0/24 and 10.0.2.0/24)');
    case 'option.secondAz':
      return t('Second Availability Zone (subnets 10.0.1.0/24 and 10.0.3.0/24)');
    case 'option.natGateway':
      return t('NAT gateway (lets private subnets reach the internet)');
    case 'option.dbSecurityGroupName':
      return t("The database's security group");
    case 'option.dbSubnetGroupName':
      return t('DB subnet group name');
    case 'option.dbInstanceName':
      return t('DB instance identifier');
    case 'option.dbInstanceClass':
      return t('DB instance class');
    case 'option.masterUser':
      return t('Master username');
    case 'option.dbName':
      return t('Initial database name (WordPress needs it)');
    case 'option.failoverAgain':
      return t('A failover is on record already. Fail over again?');
    case 'option.clusterName':
      return t('DB cluster identifier');
    case 'option.writerName':
      return t('Writer instance identifier');
    case 'option.readerName':
      return t('Reader instance identifier');
    case 'option.writerAz':
      return t("The writer's Availability Zone");
    case 'option.readerAz':
      return t("The reader's Availability Zone");
    case 'option.failoverTarget':
      return t('The reader that becomes the writer');
    case 'option.launchTemplateName':
      return t('Launch template name');
    case 'option.templateInstanceType':
      return t('Instance type of the servers the group launches');
    case 'option.groupName':
      return t('Auto Scaling group name');
    case 'option.minSize':
      return t('Minimum capacity (instances)');
    case 'option.desiredCapacity':
      return t('Desired capacity (instances)');
    case 'option.maxSize':
      return t('Maximum capacity (instances)');
    case 'option.gracePeriod':
      return t('Health check grace period (seconds)');
    case 'option.healthCheckType':
      return t('Health checks');
    case 'option.policyKind':
      return t('How the group scales');
    case 'option.highCpu':
      return t('Add an instance when the average CPU is above (%)');
    case 'option.lowCpu':
      return t('Remove an instance when the average CPU is below (%)');
    case 'option.targetCpu':
      return t('Keep the average CPU near (%)');
    case 'option.loadConcurrency':
      return t('Requests at a time (at most 20)');
    case 'option.loadSeconds':
      return t('Longest the load runs (seconds, at most 600)');
    case 'option.loadPerSecond':
      return t('At most this many requests per second (empty: as fast as the answers come)');
    case 'option.terminateInstance':
      return t('Which instance of the group to terminate');
    case 'choice.elbHealthCheck':
      return t('ELB: an instance the load balancer finds unhealthy is replaced');
    case 'choice.ec2HealthCheck':
      return t('EC2 only: replaced only when the instance itself fails (a broken web server is kept)');
    case 'choice.simplePolicies':
      return t('Two CloudWatch alarms (> {0}% adds one, < {1}% removes one), as the handout', a('high'), a('low'));
    case 'choice.targetTracking':
      return t('One target tracking policy (AWS keeps the CPU near {0}%)', a('target'));
    case 'choice.dbClass':
      return a('freeTier') === 'yes' ? t('{0} (free tier eligible)', a('instanceClass')) : a('instanceClass');
    case 'choice.failoverAgainNo':
      return t('No: leave it as it is');
    case 'choice.failoverAgainYes':
      return t('Yes: fail over once more (the site is briefly down again)');
    case 'choice.noNat':
      return t('None, as the handout (free)');
    case 'choice.oneNat':
      return a('usdPerHour')
        ? t('One, in the first public subnet (about {0} USD per hour, and its Elastic IP)', a('usdPerHour'))
        : t('One, in the first public subnet (billed by the hour, and its Elastic IP)');
    case 'choice.freeTier':
      return a('freeTier') === 'yes' ? t('{0} (free tier eligible)', a('type')) : a('type');
    case 'choice.az':
      return a('note') === 'webServer' ? t('{0} (where WebServer is)', a('az')) : a('az');
    case 'choice.sshMyIp':
      return t('Only my IP address ({0})', a('ip') || t('looked up when the step runs'));
    case 'choice.sshAnywhere':
      return t('Anywhere (0.0.0.0/0): anyone may try to log in');
    case 'choice.fromSnapshot':
      return t('The snapshot of step 1.1 (as handout 000)');
    case 'choice.fromInstance':
      return t('The instance WebServer directly (makes its own snapshot)');
    case 'choice.noReboot':
      return t('No reboot: WebServer keeps serving; the page files are static, so the copy is consistent');
    case 'choice.reboot':
      return t('Reboot: AWS stops writes for a consistent copy; WebServer is down for about a minute');
    case 'choice.keepGroups':
      return t('Its own groups: {0}', a('names'));
    case 'choice.newGroup':
      return t('A new group {0} (HTTP 80 from anywhere)', a('name'));
    case 'choice.existingGroup':
      return t('The existing group {0} ({1})', a('name'), a('id'));
    case 'choice.instance':
      return t('{0} ({1}, {2})', a('name'), a('id'), a('az'));
  }
  return classicOptionText(code, args, t) ?? originOptionText(code, args, t) ?? code;
}
