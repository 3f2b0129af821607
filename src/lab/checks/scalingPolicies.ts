// 3.3: scaling that reacts to CPU, as seed 002 does it (two CloudWatch alarms on the group's average CPU, > 70 %
// adds an instance and < 30 % removes one, through simple or step policies) or as AWS now advises (one
// target-tracking policy on ASGAverageCPUUtilization). Alarms and policies are paired by what they do: the alarm's
// actions name the policy's ARN; names are never needed.
import type { AutoScalingGroup, MetricAlarm, ScalingPolicy } from '../../aws/types';
import { reason } from '../codes';
import { namesOf } from '../layout';
import {
  CPU_METRIC,
  GROUP_DIMENSION,
  TRACKED_CPU,
  alarmDirection,
  policiesTriggered,
  policyDirection,
  watchesGroup,
  type ScalingRoles,
} from '../scaling';
import type { LabRoles } from '../roles';
import type { CheckInput, CheckResult } from '../types';
import { resultOf, waiting, type Problem } from './kit';

const isTracking = (p: ScalingPolicy) => p.type === 'TargetTrackingScaling';

/** Whether an alarm measures the group's average CPU: AWS/EC2 CPUUtilization with AutoScalingGroupName = the group. */
export function onGroupCpu(alarm: MetricAlarm, group: AutoScalingGroup): boolean {
  return (
    alarm.namespace === 'AWS/EC2' &&
    alarm.metricName === CPU_METRIC &&
    watchesGroup(alarm, group) &&
    (alarm.statistic ?? 'Average') === 'Average'
  );
}

/** What the alarm watches, as the console shows it: "CPUUtilization (InstanceId = i-…)". */
function watched(alarm: MetricAlarm): string {
  const dims = alarm.dimensions.map((d) => `${d.name} = ${d.value}`).join(', ');
  return `${alarm.namespace ? `${alarm.namespace} ` : ''}${alarm.metricName}${dims ? ` (${dims})` : ''}`;
}

/** A working direction: an alarm on the group's CPU, enabled, whose action is a policy moving the same way. */
export interface ScalingPair {
  readonly alarm: MetricAlarm;
  readonly policy: ScalingPolicy;
}

export interface ScalingPlan {
  /** One enabled target-tracking policy on the group's average CPU. */
  readonly tracking?: ScalingPolicy;
  readonly out?: ScalingPair;
  readonly in?: ScalingPair;
}

/** How the group scales, as far as its policies and alarms really work. */
export function scalingPlan(group: AutoScalingGroup, scaling: ScalingRoles): ScalingPlan {
  const tracking = scaling.policies.find((p) => isTracking(p) && p.enabled && p.predefinedMetric === TRACKED_CPU);
  const pair = (direction: 1 | -1): ScalingPair | undefined => {
    for (const alarm of scaling.alarms) {
      if (!alarm.actionsEnabled || !onGroupCpu(alarm, group) || alarmDirection(alarm) !== direction) continue;
      const policy = policiesTriggered(alarm, scaling.policies).find(
        (p) => p.enabled && !isTracking(p) && policyDirection(p) === direction && alarm.alarmActions.includes(p.arn),
      );
      if (policy) return { alarm, policy };
    }
    return undefined;
  };
  const out = pair(1);
  const inward = pair(-1);
  return { ...(tracking ? { tracking } : {}), ...(out ? { out } : {}), ...(inward ? { in: inward } : {}) };
}

/** What is wrong with the alarms and the simple or step policies (a target-tracking policy's own alarms aside). */
function alarmProblems(group: AutoScalingGroup, scaling: ScalingRoles): Problem[] {
  const problems: Problem[] = [];
  const simple = scaling.policies.filter((p) => !isTracking(p));
  const tracking = scaling.policies.filter(isTracking);
  for (const alarm of scaling.alarms) {
    const triggered = policiesTriggered(alarm, scaling.policies);
    if (triggered.some(isTracking) || tracking.some((p) => p.alarmNames.includes(alarm.name))) continue;
    const base = { alarm: alarm.name, name: group.name };
    if (triggered.length === 0) {
      problems.push({ reason: reason('scaling.alarmNoAction', base) });
      continue;
    }
    if (!alarm.actionsEnabled) problems.push({ reason: reason('scaling.alarmActionsDisabled', base) });
    if (!onGroupCpu(alarm, group)) {
      problems.push({
        reason: reason('scaling.alarmWrongMetric', {
          ...base,
          watched: watched(alarm),
          wanted: `AWS/EC2 ${CPU_METRIC} (${GROUP_DIMENSION} = ${group.name})`,
        }),
      });
      continue;
    }
    for (const policy of triggered) {
      const way = policyDirection(policy);
      if (way !== 0 && alarmDirection(alarm) !== 0 && way !== alarmDirection(alarm))
        problems.push({
          reason: reason('scaling.inverted', {
            alarm: alarm.name,
            comparison: alarm.comparison,
            threshold: alarm.threshold,
            policy: policy.name,
            adjustment: policy.scalingAdjustment ?? policy.stepAdjustments[0]?.adjustment ?? 0,
          }),
        });
    }
  }
  for (const policy of simple) {
    if (!policy.enabled) problems.push({ reason: reason('scaling.policyDisabled', { policy: policy.name }) });
    const triggers = scaling.alarms.filter((a) => a.alarmActions.includes(policy.arn));
    if (triggers.length === 0) problems.push({ reason: reason('scaling.policyNoAlarm', { policy: policy.name }) });
  }
  return problems;
}

function trackingProblems(scaling: ScalingRoles): Problem[] {
  return scaling.policies.filter(isTracking).flatMap((p): Problem[] => {
    if (p.predefinedMetric !== TRACKED_CPU)
      return [{ reason: reason('scaling.trackingOtherMetric', { policy: p.name, metric: p.predefinedMetric ?? '' }) }];
    return p.enabled ? [] : [{ reason: reason('scaling.policyDisabled', { policy: p.name }) }];
  });
}

/** 3.3: two directions driven by CPU alarms, or one target-tracking policy on the group's average CPU. */
export function checkScalingPolicies(input: CheckInput, _roles: LabRoles, scaling: ScalingRoles): CheckResult {
  const names = namesOf(input.layout, input.inventory.student).scaling;
  const g = scaling.group;
  if (!g) return waiting('3.3', '3.2', reason('asg.missing', { name: names.group, template: '', targetGroup: '' }));
  const plan = scalingPlan(g, scaling);
  if (plan.tracking) {
    return resultOf('3.3', [], {
      kind: 'targetTracking',
      policy: plan.tracking.name,
      target: plan.tracking.targetValue,
    });
  }
  if (scaling.policies.length === 0 && scaling.alarms.length === 0)
    return resultOf('3.3', [
      { reason: reason('scaling.none', { name: g.name, high: names.highCpu, low: names.lowCpu }) },
    ]);
  const problems = [...alarmProblems(g, scaling), ...trackingProblems(scaling)];
  if (!plan.out) problems.push({ reason: reason('scaling.noScaleOut', { name: g.name, threshold: names.highCpu }) });
  if (!plan.in) problems.push({ reason: reason('scaling.noScaleIn', { name: g.name, threshold: names.lowCpu }) });
  // Out above in: between the two thresholds both alarms would fire in turn, adding and removing for ever.
  if (plan.out && plan.in && plan.out.alarm.threshold <= plan.in.alarm.threshold)
    return resultOf('3.3', [
      {
        reason: reason('scaling.thresholdsCross', {
          high: plan.out.alarm.threshold,
          low: plan.in.alarm.threshold,
          highAlarm: plan.out.alarm.name,
          lowAlarm: plan.in.alarm.name,
        }),
      },
    ]);
  // Both directions work: what else is wrong does not stop the group scaling (an unused alarm, say).
  if (plan.out && plan.in) {
    return resultOf(
      '3.3',
      [],
      {
        kind: 'alarms',
        scaleOut: `${plan.out.alarm.name} → ${plan.out.policy.name}`,
        scaleIn: `${plan.in.alarm.name} → ${plan.in.policy.name}`,
        high: plan.out.alarm.threshold,
        low: plan.in.alarm.threshold,
      },
      problems.map((p) => p.reason),
    );
  }
  return resultOf('3.3', problems);
}
