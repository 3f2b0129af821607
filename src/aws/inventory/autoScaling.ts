// Auto Scaling section: groups with their sizes, subnets, target groups, launch template and instances.
import { paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import type * as AS from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroup } from '../types';
import { allPages, call, type Caller } from './calls';
import { defined, tagsOf } from './shapes';

export async function fetchAutoScalingGroups(c: Caller): Promise<AS.AutoScalingGroup[]> {
  const pager = { client: c.clients.autoScaling, pageSize: 100, withCommand: c.counted };
  return call('autoscaling:DescribeAutoScalingGroups', () =>
    allPages(paginateDescribeAutoScalingGroups(pager, {}, c.options), (p) => p.AutoScalingGroups),
  );
}

export function mapAutoScalingGroup(g: AS.AutoScalingGroup): AutoScalingGroup {
  const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  return defined({
    name: g.AutoScalingGroupName ?? '',
    arn: g.AutoScalingGroupARN ?? '',
    min: g.MinSize ?? 0,
    max: g.MaxSize ?? 0,
    desired: g.DesiredCapacity ?? 0,
    azs: g.AvailabilityZones ?? [],
    subnetIds: (g.VPCZoneIdentifier ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    targetGroupArns: g.TargetGroupARNs ?? [],
    launchTemplate: lt
      ? defined({ id: lt.LaunchTemplateId, name: lt.LaunchTemplateName, version: lt.Version })
      : undefined,
    instances: (g.Instances ?? []).map((i) => ({
      id: i.InstanceId ?? '',
      az: i.AvailabilityZone ?? '',
      lifecycleState: i.LifecycleState ?? '',
      healthStatus: i.HealthStatus ?? '',
    })),
    tags: tagsOf(g.Tags),
  });
}
