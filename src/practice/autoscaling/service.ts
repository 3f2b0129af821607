// Auto Scaling reads (awsQuery, API version 2011-01-01): DescribeAutoScalingGroups, paged with
// NextToken/MaxRecords (default 50, at most 100).
import {
  DescribeAutoScalingGroups$,
  type AutoScalingGroupNamesType,
  type AutoScalingGroupsType,
  type Filter,
} from '@aws-sdk/client-auto-scaling';
import { action, type ServiceDefinition } from '../core/actions';
import { validationError } from '../core/errors';
import { autoScalingRules, paginate } from '../core/pagination';
import type { AutoScalingGroupRecord } from '../core/records';

const FILTER_NAMES = /^(auto-scaling-group|tag-key|tag-value|tag:.+)$/;

/** Auto Scaling's filters: group name, and tags by key, value, or `tag:<key>`. */
function matchesFilters(group: AutoScalingGroupRecord, filters: readonly Filter[] | undefined): boolean {
  return (filters ?? []).every((f) => {
    const name = f.Name ?? '';
    const values = f.Values ?? [];
    if (name === 'auto-scaling-group') return values.includes(group.name);
    if (name === 'tag-key') return group.tags.some((t) => values.includes(t.key));
    if (name === 'tag-value') return group.tags.some((t) => values.includes(t.value));
    return group.tags.some((t) => t.key === name.slice(4) && values.includes(t.value));
  });
}

const describeAutoScalingGroups = action<AutoScalingGroupNamesType, AutoScalingGroupsType>(
  DescribeAutoScalingGroups$,
  (input, { records }) => {
    const names = input.AutoScalingGroupNames;
    const unknown = input.Filters?.find((f) => !FILTER_NAMES.test(f.Name ?? ''));
    if (unknown) {
      throw validationError(
        `Filter type ${unknown.Name ?? ''} is not correct. Allowed Filter types are: auto-scaling-group, tag-key, tag-value and tag:<key name>`,
      );
    }
    // Unknown names are simply absent from the answer, as on AWS.
    const selected = records.autoScalingGroups.filter(
      (g) => (!names?.length || names.includes(g.name)) && matchesFilters(g, input.Filters),
    );
    const page = paginate(
      selected,
      { token: input.NextToken, size: input.MaxRecords },
      autoScalingRules('auto-scaling-groups'),
    );
    return {
      AutoScalingGroups: page.items.map((g) => ({
        AutoScalingGroupName: g.name,
        AutoScalingGroupARN: g.arn,
        LaunchTemplate: g.launchTemplate && {
          LaunchTemplateId: g.launchTemplate.id,
          LaunchTemplateName: g.launchTemplate.name,
          Version: g.launchTemplate.version,
        },
        MinSize: g.min,
        MaxSize: g.max,
        DesiredCapacity: g.desired,
        DefaultCooldown: 300,
        AvailabilityZones: [
          ...new Set(
            g.subnetIds.map((id) => records.subnets.find((s) => s.id === id)?.az).filter((az): az is string => !!az),
          ),
        ],
        LoadBalancerNames: [],
        TargetGroupARNs: g.targetGroupArns,
        HealthCheckType: g.healthCheckType,
        HealthCheckGracePeriod: g.healthCheckGracePeriod,
        Instances: g.instances.map((i) => ({
          InstanceId: i.id,
          InstanceType: i.type,
          AvailabilityZone: i.az,
          LifecycleState: i.lifecycleState as 'InService',
          HealthStatus: i.healthStatus,
          LaunchTemplate: g.launchTemplate && {
            LaunchTemplateId: g.launchTemplate.id,
            LaunchTemplateName: g.launchTemplate.name,
            Version: g.launchTemplate.version,
          },
          ProtectedFromScaleIn: false,
        })),
        CreatedTime: new Date(g.createdTime),
        SuspendedProcesses: [],
        VPCZoneIdentifier: g.subnetIds.join(','),
        EnabledMetrics: [],
        Tags: g.tags.map((t) => ({
          ResourceId: g.name,
          ResourceType: 'auto-scaling-group',
          Key: t.key,
          Value: t.value,
          PropagateAtLaunch: t.propagateAtLaunch,
        })),
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
      })),
      NextToken: page.next,
    };
  },
);

export const autoScalingService: ServiceDefinition = {
  signingName: 'autoscaling',
  dialect: 'query',
  version: '2011-01-01',
  xmlns: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  actions: { DescribeAutoScalingGroups: describeAutoScalingGroups },
};
