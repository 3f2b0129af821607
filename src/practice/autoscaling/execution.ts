// Executing a scaling policy (an alarm's invocation, Contract 2, or ExecutePolicy): simple scaling honours the
// policy's (or the group's default) cooldown after the last scaling; step scaling picks the step from the breach
// (metric value - threshold) and counts instances still warming up as already there; target tracking scales out
// to what brings the average to the target (ceil(capacity x metric / target)) and in by one, conservatively.
// The new desired capacity is clamped to min/max; its cause (AWS's words) heads the next launch's or
// termination's activity.
import type { AutoScalingGroupRecord, RegionState, ScalingPolicyRecord } from '../core/records';
import type { World } from '../core/world';
import { instanceCpu } from '../machine/cpu';
import { causes } from './activities';
import { DEFAULT_COOLDOWN, scaledMs } from './common';

const INVOCATION_TTL_MS = 3_600_000;
const DEFAULT_WARMUP = 300;

export interface Trigger {
  at: Date;
  alarmName?: string;
  /** The metric's value that breached (step scaling, target tracking). */
  metricValue?: number;
  /** The alarm's threshold (step scaling's bounds are relative to it). */
  threshold?: number;
  honorCooldown: boolean;
}

export type Outcome = { changed: true; from: number; to: number } | { changed: false; reason: 'cooldown' | 'none' };

/** AWS's rounding of a percent change: away from zero below 1 in magnitude, else toward zero. */
function percentChange(current: number, percent: number): number {
  const raw = (current * percent) / 100;
  if (raw > 0 && raw < 1) return 1;
  if (raw < 0 && raw > -1) return -1;
  return Math.trunc(raw);
}

function adjusted(policy: ScalingPolicyRecord, base: number, adjustment: number): number {
  if (policy.adjustmentType === 'ExactCapacity') return adjustment;
  if (policy.adjustmentType === 'PercentChangeInCapacity') {
    let change = percentChange(base, adjustment);
    const magnitude = policy.minAdjustmentMagnitude;
    if (magnitude && Math.abs(change) < magnitude) change = Math.sign(change) * magnitude;
    return base + change;
  }
  return base + adjustment;
}

/** The step whose interval holds the breach (lower bound inclusive, upper exclusive; absent: unbounded). */
export function stepFor(policy: ScalingPolicyRecord, breach: number) {
  return (policy.stepAdjustments ?? []).find(
    (s) => (s.lower === undefined || breach >= s.lower) && (s.upper === undefined || breach < s.upper),
  );
}

function withinSeconds(world: World, since: string | undefined, seconds: number, at: Date): boolean {
  return since !== undefined && at.getTime() - Date.parse(since) < scaledMs(world.clock, seconds);
}

/** Members the last scaling launched that are still within the warm-up: capacity already on its way. */
function warmingUp(world: World, region: RegionState, group: AutoScalingGroupRecord, seconds: number, at: Date) {
  const since = group.lastScalingAt;
  if (!since) return 0;
  return group.instances.filter((m) => {
    if (m.lifecycleState === 'Terminating') return false;
    const launched = region.instances.find((i) => i.id === m.id)?.launchTime;
    return !!launched && launched >= since && withinSeconds(world, launched, seconds, at);
  }).length;
}

function wanted(
  world: World,
  region: RegionState,
  group: AutoScalingGroupRecord,
  policy: ScalingPolicyRecord,
  t: Trigger,
) {
  if (policy.type === 'SimpleScaling') {
    const cooldown = policy.cooldown ?? group.defaultCooldown ?? DEFAULT_COOLDOWN;
    if (t.honorCooldown && withinSeconds(world, group.lastScalingAt, cooldown, t.at)) return 'cooldown' as const;
    return adjusted(policy, group.desired, policy.scalingAdjustment ?? 0);
  }
  if (policy.type === 'StepScaling') {
    const breach = (t.metricValue ?? t.threshold ?? 0) - (t.threshold ?? 0);
    const step = stepFor(policy, breach);
    if (!step) return group.desired;
    const warmup = policy.estimatedInstanceWarmup ?? group.defaultCooldown ?? DEFAULT_WARMUP;
    const warming = warmingUp(world, region, group, warmup, t.at);
    const next = adjusted(policy, group.desired - warming, step.adjustment);
    // Out: instances still warming up already count; a bigger step adds only the difference.
    return step.adjustment > 0 ? Math.max(group.desired, next) : Math.min(group.desired, next);
  }
  const tt = policy.targetTracking;
  if (!tt) return group.desired;
  const warmup = policy.estimatedInstanceWarmup ?? DEFAULT_WARMUP;
  // The alarm repeats its invocation each minute with the reading of its transition: the average now decides.
  const metric = groupAverageCpu(world, region, group, t.at) ?? t.metricValue;
  const low = t.alarmName !== undefined && t.alarmName === policy.alarms?.[1]?.name;
  if (!low) {
    if (metric === undefined || metric <= tt.targetValue) return group.desired;
    const serving = Math.max(1, group.desired - warmingUp(world, region, group, warmup, t.at));
    return Math.max(group.desired, Math.ceil((serving * metric) / tt.targetValue));
  }
  if (tt.disableScaleIn) return group.desired;
  if (withinSeconds(world, group.lastScalingAt, warmup, t.at)) return 'cooldown' as const;
  return group.desired - 1;
}

/** The group's average CPU over the last minute of its InService instances (the CPU model's, Contract 4). */
function groupAverageCpu(world: World, region: RegionState, group: AutoScalingGroupRecord, at: Date) {
  const values = group.instances
    .filter((m) => m.lifecycleState === 'InService')
    .map((m) => instanceCpu(region, m.id, at, world.clock))
    .filter((v): v is number => v !== undefined);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

/** Applies the policy to its group; the new desired capacity (clamped) or why nothing changed. */
export function executePolicy(world: World, region: RegionState, policy: ScalingPolicyRecord, t: Trigger): Outcome {
  const group = region.autoScalingGroups.find((g) => g.name === policy.groupName);
  if (!group || group.status === 'Delete in progress') return { changed: false, reason: 'none' };
  const next = wanted(world, region, group, policy, t);
  if (next === 'cooldown') return { changed: false, reason: 'cooldown' };
  const to = Math.max(group.min, Math.min(group.max, next));
  const from = group.desired;
  if (to === from) return { changed: false, reason: 'none' };
  group.desired = to;
  group.lastScalingAt = t.at.toISOString();
  group.desiredCause = causes.policy(t.at, t.alarmName, policy.name, from, to);
  return { changed: true, from, to };
}

/** The alarm's latest datapoint, from the reason data CloudWatch recorded with its state. */
function alarmReading(region: RegionState, name: string): { value?: number; threshold?: number } {
  const alarm = region.metricAlarms?.find((a) => a.name === name);
  if (!alarm) return {};
  let value: number | undefined;
  try {
    const data = JSON.parse(alarm.stateReasonData ?? '{}') as { recentDatapoints?: number[] };
    value = data.recentDatapoints?.at(-1);
  } catch {
    value = undefined;
  }
  return { value, threshold: alarm.threshold };
}

const isPolicyArn = (arn: string) => /^arn:aws:autoscaling:[^:]+:\d{12}:scalingPolicy:/.test(arn);

/** Drains the queued invocations of Auto Scaling policies (others stay for their services; an hour at most). */
export function applyAlarmInvocations(world: World, regionName: string, region: RegionState, now: Date): boolean {
  void regionName;
  const queue = region.alarmInvocations;
  if (!queue?.length) return false;
  const fresh = (at: string) => now.getTime() - Date.parse(at) < INVOCATION_TTL_MS;
  const mine = queue.filter((i) => isPolicyArn(i.actionArn)).sort((a, b) => a.at.localeCompare(b.at));
  const rest = queue.filter((i) => !isPolicyArn(i.actionArn) && fresh(i.at));
  const changed = mine.length > 0 || rest.length !== queue.length;
  region.alarmInvocations = rest;
  for (const invocation of mine) {
    const policy = region.scalingPolicies?.find((p) => p.arn === invocation.actionArn);
    if (!policy?.enabled || !fresh(invocation.at)) continue;
    const reading = alarmReading(region, invocation.alarmName);
    executePolicy(world, region, policy, {
      at: new Date(Math.min(Date.parse(invocation.at), now.getTime())),
      alarmName: invocation.alarmName,
      metricValue: reading.value,
      threshold: reading.threshold,
      honorCooldown: true,
    });
  }
  return changed;
}
