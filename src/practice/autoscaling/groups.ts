// Auto Scaling groups' writes and reads: CreateAutoScalingGroup, UpdateAutoScalingGroup, DeleteAutoScalingGroup
// (ForceDelete: "Delete in progress" until the instances are gone), SetDesiredCapacity (HonorCooldown),
// TerminateInstanceInAutoScalingGroup, DescribeAutoScalingGroups, DescribeAutoScalingInstances. The controller
// (controller.ts) does what a change asks for at the next advance; the change's cause is kept for its activity.
import {
  CreateAutoScalingGroup$,
  DeleteAutoScalingGroup$,
  DescribeAutoScalingGroups$,
  DescribeAutoScalingInstances$,
  SetDesiredCapacity$,
  TerminateInstanceInAutoScalingGroup$,
  UpdateAutoScalingGroup$,
  type ActivityType,
  type AutoScalingGroupNamesType,
  type AutoScalingGroupsType,
  type AutoScalingInstancesType,
  type CreateAutoScalingGroupType,
  type DeleteAutoScalingGroupType,
  type DescribeAutoScalingInstancesType,
  type Filter,
  type LaunchTemplateSpecification,
  type SetDesiredCapacityType,
  type TerminateInstanceInAutoScalingGroupType,
  type UpdateAutoScalingGroupType,
} from '@aws-sdk/client-auto-scaling';
import { action, type RequestContext } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import { availabilityZones } from '../core/geography';
import { autoScalingRules, paginate } from '../core/pagination';
import type { AutoScalingGroupRecord, RegionState } from '../core/records';
import { resolveLaunchTemplate } from '../ec2/launchTemplates';
import { causes } from './activities';
import { DEFAULT_COOLDOWN, findGroup, groupArn, requireNotDeleting, required, scaledMs } from './common';
import { beginTermination } from './controller';
import { HealthEvaluator } from '../elbv2/targetHealth';
import { memberDetails, groupShape } from './shapes';
import { groupTagsFrom } from './tags';

function writable(context: RequestContext): RegionState {
  return context.world.writableRegion(context.region);
}

/** min <= desired <= max, with AWS's messages. */
function checkSizes(min: number, max: number, desired: number): void {
  if (min < 0 || max < 0 || desired < 0)
    throw validationError('The sizes of an AutoScalingGroup must not be negative.');
  if (max < min) throw validationError(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (desired < min || desired > max)
    throw validationError(
      `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
    );
}

/** The launch template as the group keeps it (id, name, version), checked against EC2's templates. */
function groupTemplate(records: RegionState, spec: LaunchTemplateSpecification | undefined) {
  if (!spec) return undefined;
  if (spec.LaunchTemplateId && spec.LaunchTemplateName)
    throw validationError(
      'You must use a valid fully-formed launch template. Both launch template ID or name cannot be specified.',
    );
  try {
    const { template } = resolveLaunchTemplate(records, {
      id: spec.LaunchTemplateId,
      name: spec.LaunchTemplateName,
      version: spec.Version,
    });
    return { id: template.id, name: template.name, version: spec.Version ?? '$Default' };
  } catch (error) {
    if (error instanceof PracticeError)
      throw validationError(`You must use a valid fully-formed launch template. ${error.message}`);
    throw error;
  }
}

/** VPCZoneIdentifier's subnets and AvailabilityZones, checked as AWS does. */
function placement(records: RegionState, region: string, vpcZones: string | undefined, zones: string[] | undefined) {
  const subnetIds = (vpcZones ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of subnetIds)
    if (!records.subnets.some((s) => s.id === id)) throw validationError(`The subnet ID '${id}' does not exist`);
  const vpcs = new Set(subnetIds.map((id) => records.subnets.find((s) => s.id === id)?.vpcId));
  if (vpcs.size > 1) throw validationError('The subnets of an AutoScalingGroup must be in the same VPC.');
  const known = availabilityZones(region).map((z) => z.name);
  for (const az of zones ?? []) if (!known.includes(az)) throw validationError(`Invalid Availability Zone: ${az}`);
  if (!subnetIds.length && !zones?.length)
    throw validationError('At least one Availability Zone or VPC Subnet is required.');
  return { subnetIds, availabilityZones: subnetIds.length ? undefined : zones };
}

function checkTargetGroups(records: RegionState, arns: readonly string[] | undefined): string[] {
  for (const arn of arns ?? [])
    if (!records.targetGroups.some((g) => g.arn === arn))
      throw validationError('Provided Target Groups may not be valid. Please ensure they exist and try again.');
  return [...(arns ?? [])];
}

const createAutoScalingGroup = action<CreateAutoScalingGroupType, object>(CreateAutoScalingGroup$, (input, context) => {
  const name = required(input.AutoScalingGroupName, 'autoScalingGroupName');
  const records = writable(context);
  if (records.autoScalingGroups.some((g) => g.name === name))
    throw new PracticeError(
      'AlreadyExists',
      `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
    );
  if (!input.LaunchTemplate)
    throw validationError(
      'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.',
    );
  const min = required(input.MinSize, 'minSize');
  const max = required(input.MaxSize, 'maxSize');
  const desired = input.DesiredCapacity ?? min;
  checkSizes(min, max, desired);
  const launchTemplate = groupTemplate(records, input.LaunchTemplate);
  const where = placement(records, context.region, input.VPCZoneIdentifier, input.AvailabilityZones);
  const healthCheckType = input.HealthCheckType ?? 'EC2';
  if (healthCheckType !== 'EC2' && healthCheckType !== 'ELB')
    throw validationError(`Invalid health check type: ${healthCheckType}. Valid values are EC2 and ELB.`);
  const group: AutoScalingGroupRecord = {
    name,
    arn: groupArn(context.world, context.region, name),
    launchTemplate,
    min,
    max,
    desired,
    subnetIds: where.subnetIds,
    ...(where.availabilityZones ? { availabilityZones: where.availabilityZones } : {}),
    targetGroupArns: checkTargetGroups(records, input.TargetGroupARNs),
    healthCheckType,
    healthCheckGracePeriod: input.HealthCheckGracePeriod ?? 0,
    defaultCooldown: input.DefaultCooldown ?? DEFAULT_COOLDOWN,
    instances: [],
    createdTime: context.now.toISOString(),
    tags: groupTagsFrom(name, input.Tags),
    desiredCause: causes.created(context.now, 0, desired),
  };
  records.autoScalingGroups.push(group);
  context.world.changed();
  return {};
});

const updateAutoScalingGroup = action<UpdateAutoScalingGroupType, object>(UpdateAutoScalingGroup$, (input, context) => {
  const records = writable(context);
  const group = findGroup(records, required(input.AutoScalingGroupName, 'autoScalingGroupName'));
  requireNotDeleting(group);
  const min = input.MinSize ?? group.min;
  const max = input.MaxSize ?? group.max;
  // AWS moves the desired capacity into new bounds when only the bounds are given.
  const desired = input.DesiredCapacity ?? Math.max(min, Math.min(max, group.desired));
  checkSizes(min, max, desired);
  const launchTemplate = input.LaunchTemplate ? groupTemplate(records, input.LaunchTemplate) : group.launchTemplate;
  if (input.VPCZoneIdentifier !== undefined || input.AvailabilityZones !== undefined) {
    const where = placement(
      records,
      context.region,
      input.VPCZoneIdentifier ?? group.subnetIds.join(','),
      input.AvailabilityZones ?? group.availabilityZones,
    );
    group.subnetIds = where.subnetIds;
    group.availabilityZones = where.availabilityZones;
  }
  if (input.HealthCheckType !== undefined) {
    if (input.HealthCheckType !== 'EC2' && input.HealthCheckType !== 'ELB')
      throw validationError(`Invalid health check type: ${input.HealthCheckType}. Valid values are EC2 and ELB.`);
    group.healthCheckType = input.HealthCheckType;
  }
  if (input.HealthCheckGracePeriod !== undefined) group.healthCheckGracePeriod = input.HealthCheckGracePeriod;
  if (input.DefaultCooldown !== undefined) group.defaultCooldown = input.DefaultCooldown;
  const from = group.desired;
  // A changed group is tried again at once, whatever the backoff of its failed launches.
  delete group.retryLaunchAt;
  delete group.launchFailures;
  group.launchTemplate = launchTemplate;
  group.min = min;
  group.max = max;
  group.desired = desired;
  if (desired !== from) {
    group.desiredCause = causes.updated(context.now, { min, max, desired }, from);
    group.lastScalingAt = context.now.toISOString();
  }
  context.world.changed();
  return {};
});

const deleteAutoScalingGroup = action<DeleteAutoScalingGroupType, object>(DeleteAutoScalingGroup$, (input, context) => {
  const records = writable(context);
  const group = findGroup(records, required(input.AutoScalingGroupName, 'autoScalingGroupName'));
  if (group.status === 'Delete in progress') return {};
  if (!input.ForceDelete && group.instances.length) {
    if (group.instances.some((m) => m.lifecycleState !== 'InService'))
      throw new PracticeError(
        'ScalingActivityInProgress',
        'You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.',
      );
    throw new PracticeError(
      'ResourceInUse',
      'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
    );
  }
  // The controller terminates the instances, then removes the group (DescribeAutoScalingGroups shows it until then).
  group.status = 'Delete in progress';
  context.world.changed();
  return {};
});

const setDesiredCapacity = action<SetDesiredCapacityType, object>(SetDesiredCapacity$, (input, context) => {
  const records = writable(context);
  const group = findGroup(records, required(input.AutoScalingGroupName, 'autoScalingGroupName'));
  requireNotDeleting(group);
  const desired = required(input.DesiredCapacity, 'desiredCapacity');
  if (desired > group.max)
    throw validationError(
      `New SetDesiredCapacity value ${desired} is above max value ${group.max} for the AutoScalingGroup.`,
    );
  if (desired < group.min)
    throw validationError(
      `New SetDesiredCapacity value ${desired} is below min value ${group.min} for the AutoScalingGroup.`,
    );
  const cooldown = group.defaultCooldown ?? DEFAULT_COOLDOWN;
  const since = group.lastScalingAt ? context.now.getTime() - Date.parse(group.lastScalingAt) : Infinity;
  if (input.HonorCooldown && since < scaledMs(context.world.clock, cooldown))
    throw new PracticeError(
      'ScalingActivityInProgress',
      'You cannot set the desired capacity of this AutoScalingGroup while its cooldown period is in effect.',
    );
  if (desired !== group.desired) {
    group.desiredCause = causes.setDesired(context.now, group.desired, desired);
    group.desired = desired;
    group.lastScalingAt = context.now.toISOString();
    context.world.changed();
  }
  return {};
});

const terminateInstanceInGroup = action<TerminateInstanceInAutoScalingGroupType, ActivityType>(
  TerminateInstanceInAutoScalingGroup$,
  (input, context) => {
    const id = required(input.InstanceId, 'instanceId');
    const decrement = required(input.ShouldDecrementDesiredCapacity, 'shouldDecrementDesiredCapacity');
    const records = writable(context);
    const group = records.autoScalingGroups.find((g) => g.instances.some((m) => m.id === id));
    const member = group?.instances.find((m) => m.id === id);
    if (!group || !member)
      throw validationError(`Instance Id not found - No managed instance found for instance ID: ${id}`);
    if (decrement && member.lifecycleState !== 'Terminating' && group.desired - 1 < group.min)
      throw validationError(
        `Currently, desiredCapacity is ${group.desired} and minSize is ${group.min}. Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`,
      );
    if (member.lifecycleState !== 'Terminating') {
      const from = group.desired;
      if (decrement) group.desired -= 1;
      const pass = {
        world: context.world,
        regionName: context.region,
        region: records,
        now: context.now,
        evaluator: new HealthEvaluator(records, context.now, context.world.clock.speed),
      };
      beginTermination(
        pass,
        group,
        member,
        causes.userTerminate(context.now, id, decrement ? { from, to: group.desired } : undefined),
      );
      context.world.changed();
    }
    const activity = records.scalingActivities?.find((a) => a.id === member.activityId);
    return {
      Activity: activity && {
        ActivityId: activity.id,
        AutoScalingGroupName: group.name,
        Description: activity.description,
        Cause: activity.cause,
        StartTime: new Date(activity.startTime),
        StatusCode: 'InProgress',
        Progress: 0,
        Details: activity.details,
      },
    };
  },
);

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
    return { AutoScalingGroups: page.items.map((g) => groupShape(g, records)), NextToken: page.next };
  },
);

const describeAutoScalingInstances = action<DescribeAutoScalingInstancesType, AutoScalingInstancesType>(
  DescribeAutoScalingInstances$,
  (input, { records }) => {
    const ids = input.InstanceIds;
    const all = records.autoScalingGroups.flatMap((g) =>
      g.instances.filter((m) => !ids?.length || ids.includes(m.id)).map((m) => memberDetails(g, m)),
    );
    const page = paginate(
      all,
      { token: input.NextToken, size: input.MaxRecords },
      autoScalingRules('auto-scaling-instances'),
    );
    return { AutoScalingInstances: page.items, NextToken: page.next };
  },
);

export const autoScalingGroupActions = {
  CreateAutoScalingGroup: createAutoScalingGroup,
  UpdateAutoScalingGroup: updateAutoScalingGroup,
  DeleteAutoScalingGroup: deleteAutoScalingGroup,
  SetDesiredCapacity: setDesiredCapacity,
  TerminateInstanceInAutoScalingGroup: terminateInstanceInGroup,
  DescribeAutoScalingGroups: describeAutoScalingGroups,
  DescribeAutoScalingInstances: describeAutoScalingInstances,
};
