// A group's target groups: AttachLoadBalancerTargetGroups / DetachLoadBalancerTargetGroups (and the newer
// AttachTrafficSources / DetachTrafficSources for ELBv2 target groups). Attaching registers the InService
// instances; detaching deregisters them (ELB drains them as usual).
import {
  AttachLoadBalancerTargetGroups$,
  AttachTrafficSources$,
  DescribeLoadBalancerTargetGroups$,
  DetachLoadBalancerTargetGroups$,
  DetachTrafficSources$,
  type AttachLoadBalancerTargetGroupsType,
  type AttachTrafficSourcesType,
  type DescribeLoadBalancerTargetGroupsRequest,
  type DescribeLoadBalancerTargetGroupsResponse,
  type DetachLoadBalancerTargetGroupsType,
  type DetachTrafficSourcesType,
} from '@aws-sdk/client-auto-scaling';
import { action, type RequestContext } from '../core/actions';
import { validationError } from '../core/errors';
import { findGroup, requireNotDeleting, required } from './common';
import { deregisterInstance, registerInstance } from './fleet';

function attach(context: RequestContext, name: string | undefined, arns: readonly string[]): object {
  const records = context.world.writableRegion(context.region);
  const group = findGroup(records, required(name, 'autoScalingGroupName'));
  requireNotDeleting(group);
  for (const arn of arns)
    if (!records.targetGroups.some((g) => g.arn === arn))
      throw validationError('Provided Target Groups may not be valid. Please ensure they exist and try again.');
  const added = arns.filter((arn) => !group.targetGroupArns.includes(arn));
  group.targetGroupArns = [...group.targetGroupArns, ...added];
  const only = { ...group, targetGroupArns: added };
  for (const m of group.instances.filter((x) => x.lifecycleState === 'InService'))
    registerInstance(context.world, context.region, only, m.id, context.now);
  context.world.changed();
  return {};
}

function detach(context: RequestContext, name: string | undefined, arns: readonly string[]): object {
  const records = context.world.writableRegion(context.region);
  const group = findGroup(records, required(name, 'autoScalingGroupName'));
  const removed = arns.filter((arn) => group.targetGroupArns.includes(arn));
  group.targetGroupArns = group.targetGroupArns.filter((arn) => !removed.includes(arn));
  for (const m of group.instances) deregisterInstance(context.world, context.region, group, m.id, context.now, removed);
  context.world.changed();
  return {};
}

const attachTargetGroups = action<AttachLoadBalancerTargetGroupsType, object>(
  AttachLoadBalancerTargetGroups$,
  (input, context) => attach(context, input.AutoScalingGroupName, input.TargetGroupARNs ?? []),
);

const detachTargetGroups = action<DetachLoadBalancerTargetGroupsType, object>(
  DetachLoadBalancerTargetGroups$,
  (input, context) => detach(context, input.AutoScalingGroupName, input.TargetGroupARNs ?? []),
);

function elbv2Sources(sources: readonly { Identifier?: string; Type?: string }[] | undefined): string[] {
  return (sources ?? []).map((s) => {
    if (s.Type !== undefined && s.Type !== 'elbv2')
      throw validationError(`The practice account attaches only elbv2 traffic sources, not ${s.Type}.`);
    return s.Identifier ?? '';
  });
}

const attachTrafficSources = action<AttachTrafficSourcesType, object>(AttachTrafficSources$, (input, context) =>
  attach(context, input.AutoScalingGroupName, elbv2Sources(input.TrafficSources)),
);

const detachTrafficSources = action<DetachTrafficSourcesType, object>(DetachTrafficSources$, (input, context) =>
  detach(context, input.AutoScalingGroupName, elbv2Sources(input.TrafficSources)),
);

const describeTargetGroups = action<DescribeLoadBalancerTargetGroupsRequest, DescribeLoadBalancerTargetGroupsResponse>(
  DescribeLoadBalancerTargetGroups$,
  (input, { records }) => {
    const group = findGroup(records, required(input.AutoScalingGroupName, 'autoScalingGroupName'));
    return {
      LoadBalancerTargetGroups: group.targetGroupArns.map((arn) => ({
        LoadBalancerTargetGroupARN: arn,
        State: group.instances.some((m) => m.lifecycleState === 'InService') ? 'InService' : 'Added',
      })),
    };
  },
);

export const autoScalingAttachmentActions = {
  AttachLoadBalancerTargetGroups: attachTargetGroups,
  DetachLoadBalancerTargetGroups: detachTargetGroups,
  AttachTrafficSources: attachTrafficSources,
  DetachTrafficSources: detachTrafficSources,
  DescribeLoadBalancerTargetGroups: describeTargetGroups,
};
