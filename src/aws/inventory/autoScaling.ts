// Auto Scaling section: groups with their sizes, subnets, target groups, launch template and instances; their
// scaling policies and last activities (AWS's own words for what happened and why).
import {
  DescribeScalingActivitiesCommand,
  paginateDescribeAutoScalingGroups,
  paginateDescribePolicies,
} from '@aws-sdk/client-auto-scaling';
import type * as AS from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroup, ScalingActivity, ScalingPolicy } from '../types';
import { allPages, call, mapLimit, settleAll, type Caller } from './calls';
import { defined, iso, tagsOf } from './shapes';

/** Activities read per group: enough for a scale-out, a scale-in and a replacement (newest first). */
export const ACTIVITIES_PER_GROUP = 20;

export interface RawScaling {
  readonly policies: readonly AS.ScalingPolicy[];
  readonly activities: readonly AS.Activity[];
}

export async function fetchAutoScalingGroups(c: Caller): Promise<AS.AutoScalingGroup[]> {
  const pager = { client: c.clients.autoScaling, pageSize: 100, withCommand: c.counted };
  return call('autoscaling:DescribeAutoScalingGroups', () =>
    allPages(paginateDescribeAutoScalingGroups(pager, {}, c.options), (p) => p.AutoScalingGroups),
  );
}

/**
 * The groups' policies and each group's last activities: the policies in one account-wide listing, or, for a
 * student's groups (`own`, focus.ts), one listing per group (the class's other groups are not theirs to page through).
 */
export async function fetchScaling(
  c: Caller,
  groups: readonly AS.AutoScalingGroup[],
  own?: readonly AS.AutoScalingGroup[],
): Promise<RawScaling> {
  const pager = { client: c.clients.autoScaling, pageSize: 50, withCommand: c.counted };
  const names = (own ?? groups).flatMap((g) => (g.AutoScalingGroupName ? [g.AutoScalingGroupName] : []));
  const listPolicies = (input: AS.DescribePoliciesCommandInput) =>
    allPages(paginateDescribePolicies(pager, input, c.options), (p) => p.ScalingPolicies);
  const [policies, activities] = await settleAll<[AS.ScalingPolicy[], AS.Activity[][]]>([
    names.length === 0
      ? Promise.resolve([])
      : call('autoscaling:DescribePolicies', async () =>
          own
            ? (await mapLimit(names, 4, (name) => listPolicies({ AutoScalingGroupName: name }))).flat()
            : listPolicies({}),
        ),
    call('autoscaling:DescribeScalingActivities', () =>
      mapLimit(names, 4, async (name) => {
        const command = new DescribeScalingActivitiesCommand({
          AutoScalingGroupName: name,
          MaxRecords: ACTIVITIES_PER_GROUP,
        });
        const page = await c.clients.autoScaling.send(c.counted(command), c.options);
        return page.Activities ?? [];
      }),
    ),
  ]);
  return { policies, activities: activities.flat() };
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
    healthCheckType: g.HealthCheckType,
    healthCheckGracePeriod: g.HealthCheckGracePeriod,
    defaultCooldown: g.DefaultCooldown,
    status: g.Status,
    instances: (g.Instances ?? []).map((i) =>
      defined({
        id: i.InstanceId ?? '',
        az: i.AvailabilityZone ?? '',
        lifecycleState: i.LifecycleState ?? '',
        healthStatus: i.HealthStatus ?? '',
        launchTemplateVersion: i.LaunchTemplate?.Version,
      }),
    ),
    tags: tagsOf(g.Tags),
  });
}

export function mapScalingPolicy(p: AS.ScalingPolicy): ScalingPolicy {
  const tracking = p.TargetTrackingConfiguration;
  return defined({
    name: p.PolicyName ?? '',
    arn: p.PolicyARN ?? '',
    groupName: p.AutoScalingGroupName ?? '',
    // AWS leaves PolicyType out for policies made before step scaling existed: they are simple ones.
    type: p.PolicyType ?? 'SimpleScaling',
    adjustmentType: p.AdjustmentType,
    scalingAdjustment: p.ScalingAdjustment,
    stepAdjustments: (p.StepAdjustments ?? []).map((s) =>
      defined({
        lower: s.MetricIntervalLowerBound,
        upper: s.MetricIntervalUpperBound,
        adjustment: s.ScalingAdjustment ?? 0,
      }),
    ),
    cooldown: p.Cooldown,
    targetValue: tracking?.TargetValue,
    predefinedMetric: tracking?.PredefinedMetricSpecification?.PredefinedMetricType,
    alarmNames: (p.Alarms ?? []).flatMap((a) => (a.AlarmName ? [a.AlarmName] : [])),
    enabled: p.Enabled ?? true,
  });
}

/** Newest first, as AWS lists them (the groups' lists merged by start time). */
export function mapScalingActivities(list: readonly AS.Activity[]): ScalingActivity[] {
  return list
    .map((a) =>
      defined({
        groupName: a.AutoScalingGroupName ?? '',
        id: a.ActivityId ?? '',
        description: a.Description ?? '',
        cause: a.Cause ?? '',
        statusCode: a.StatusCode ?? '',
        startTime: iso(a.StartTime) ?? '',
        endTime: iso(a.EndTime),
      }),
    )
    .sort((a, b) => Date.parse(b.startTime || '0') - Date.parse(a.startTime || '0'));
}
