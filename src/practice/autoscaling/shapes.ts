// Auto Scaling's answer shapes derived from the records: a group (DescribeAutoScalingGroups), its members
// (and DescribeAutoScalingInstances'), its tags.
import type {
  AutoScalingGroup,
  AutoScalingInstanceDetails,
  Instance,
  LifecycleState,
  TagDescription,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroupRecord, GroupInstanceRecord, RegionState } from '../core/records';
import { DEFAULT_COOLDOWN, groupZones } from './common';

function templateOf(g: AutoScalingGroupRecord, version?: string) {
  return (
    g.launchTemplate && {
      LaunchTemplateId: g.launchTemplate.id,
      LaunchTemplateName: g.launchTemplate.name,
      Version: version ?? g.launchTemplate.version,
    }
  );
}

function memberShape(g: AutoScalingGroupRecord, i: GroupInstanceRecord): Instance {
  return {
    InstanceId: i.id,
    InstanceType: i.type,
    AvailabilityZone: i.az,
    LifecycleState: i.lifecycleState as LifecycleState,
    HealthStatus: i.healthStatus,
    LaunchTemplate: templateOf(g, i.launchTemplateVersion),
    ProtectedFromScaleIn: i.protectedFromScaleIn ?? false,
  };
}

export function memberDetails(g: AutoScalingGroupRecord, i: GroupInstanceRecord): AutoScalingInstanceDetails {
  return {
    ...memberShape(g, i),
    AutoScalingGroupName: g.name,
    HealthStatus: i.healthStatus.toUpperCase(),
    LifecycleState: i.lifecycleState,
    ProtectedFromScaleIn: i.protectedFromScaleIn ?? false,
  };
}

export function tagShapes(g: AutoScalingGroupRecord): TagDescription[] {
  return g.tags.map((t) => ({
    ResourceId: g.name,
    ResourceType: 'auto-scaling-group',
    Key: t.key,
    Value: t.value,
    PropagateAtLaunch: t.propagateAtLaunch,
  }));
}

export function groupShape(g: AutoScalingGroupRecord, records: RegionState): AutoScalingGroup {
  return {
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: g.arn,
    LaunchTemplate: templateOf(g),
    MinSize: g.min,
    MaxSize: g.max,
    DesiredCapacity: g.desired,
    DefaultCooldown: g.defaultCooldown ?? DEFAULT_COOLDOWN,
    AvailabilityZones: groupZones(g, records),
    LoadBalancerNames: [],
    TargetGroupARNs: g.targetGroupArns,
    HealthCheckType: g.healthCheckType,
    HealthCheckGracePeriod: g.healthCheckGracePeriod,
    Instances: g.instances.map((i) => memberShape(g, i)),
    CreatedTime: new Date(g.createdTime),
    SuspendedProcesses: [],
    VPCZoneIdentifier: g.subnetIds.join(','),
    EnabledMetrics: [],
    Status: g.status,
    Tags: tagShapes(g),
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: `${g.arn
      .split(':autoScalingGroup:')[0]
      ?.replace(':autoscaling:', ':iam:')
      .replace(
        /:[a-z0-9-]+:(\d{12})$/,
        '::$1',
      )}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: false,
  };
}
