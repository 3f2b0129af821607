// Where a resource lives in the AWS Management Console, so "Open in AWS Console" lands on its details page.
// Pure: the explorer model uses the resource types, the command builds the URL.

export type ConsoleResourceType =
  | 'instance'
  | 'vpc'
  | 'subnet'
  | 'securityGroup'
  | 'loadBalancer'
  | 'listener'
  | 'targetGroup'
  | 'elasticIp'
  | 'image'
  | 'snapshot'
  | 'volume'
  | 'dbInstance'
  | 'dbCluster'
  | 'autoScalingGroup';

export interface ConsoleTarget {
  readonly type: ConsoleResourceType;
  /** The resource id (or name, for load balancers, target groups and Auto Scaling groups). */
  readonly id: string;
  readonly arn?: string;
  readonly region: string;
}

/** The console's host for the region's partition (China and GovCloud have their own). */
export function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return 'console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  return `${region}.console.aws.amazon.com`;
}

export function consoleUrl(target: ConsoleTarget): string {
  const { region } = target;
  const e = encodeURIComponent;
  const home = (service: string, fragment: string) =>
    `https://${consoleHost(region)}/${service}/home?region=${e(region)}#${fragment}`;
  const id = e(target.id);
  switch (target.type) {
    case 'instance':
      return home('ec2', `InstanceDetails:instanceId=${id}`);
    case 'vpc':
      return home('vpcconsole', `VpcDetails:VpcId=${id}`);
    case 'subnet':
      return home('vpcconsole', `SubnetDetails:subnetId=${id}`);
    case 'securityGroup':
      return home('ec2', `SecurityGroup:groupId=${id}`);
    case 'loadBalancer':
      return target.arn ? home('ec2', `LoadBalancer:loadBalancerArn=${e(target.arn)}`) : home('ec2', 'LoadBalancers:');
    case 'listener':
      return target.arn ? home('ec2', `ListenerDetails:listenerArn=${e(target.arn)}`) : home('ec2', 'LoadBalancers:');
    case 'targetGroup':
      return target.arn ? home('ec2', `TargetGroup:targetGroupArn=${e(target.arn)}`) : home('ec2', 'TargetGroups:');
    case 'elasticIp':
      return home('ec2', `ElasticIpDetails:AllocationId=${id}`);
    case 'image':
      return home('ec2', `ImageDetails:imageId=${id}`);
    case 'snapshot':
      return home('ec2', `SnapshotDetails:snapshotId=${id}`);
    case 'volume':
      return home('ec2', `VolumeDetails:volumeId=${id}`);
    case 'dbInstance':
      return home('rds', `database:id=${id};is-cluster=false`);
    case 'dbCluster':
      return home('rds', `database:id=${id};is-cluster=true`);
    case 'autoScalingGroup':
      return home('ec2', `AutoScalingGroupDetails:id=${id};view=details`);
  }
}
