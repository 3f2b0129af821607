// Track 3's roles: the Auto Scaling group found by what it does before what it is called — the group serving the
// lab's target group, else the one the layout names, else ours, else the only one — and from it its launch template,
// its policies and the alarms that drive them. A console-made alarm is found by its metric and dimension or by the
// policy it triggers, never by its name alone.
import type {
  AutoScalingGroup,
  Inventory,
  LaunchTemplate,
  MetricAlarm,
  ScalingActivity,
  ScalingPolicy,
} from '../aws/types';
import { namesInOrder, type LayoutId } from './layout';
import type { LabRoles } from './roles';
import { isLabTagged } from './types';

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
/** AWS keeps a deleted group listed, "Delete in progress", until its instances are gone. */
const deleting = (g: AutoScalingGroup) => g.status === 'Delete in progress';

export const CPU_METRIC = 'CPUUtilization';
export const GROUP_DIMENSION = 'AutoScalingGroupName';
export const TRACKED_CPU = 'ASGAverageCPUUtilization';

export interface ScalingRoles {
  readonly group?: AutoScalingGroup;
  /** Groups that look like the lab's but are not the one judged (tagged, named, or on the lab's target group). */
  readonly otherGroups: readonly AutoScalingGroup[];
  /** The group's template, else the one the layout names, else ours, else the only one. */
  readonly launchTemplate?: LaunchTemplate;
  readonly policies: readonly ScalingPolicy[];
  /** Alarms about the group: those triggering its policies, those on its CPU, those its policies list. */
  readonly alarms: readonly MetricAlarm[];
  /** The group's activities, newest first. */
  readonly activities: readonly ScalingActivity[];
}

function findGroup(inv: Inventory, roles: LabRoles, layout?: LayoutId): AutoScalingGroup | undefined {
  const groups = inv.autoScalingGroups;
  const tg = roles.targetGroup?.arn;
  const serving = groups.filter((g) => tg !== undefined && g.targetGroupArns.includes(tg));
  const named = namesInOrder(layout, inv.student)
    .map((n) => groups.find((g) => sameName(g.name, n.scaling.group)))
    .find((g) => g !== undefined);
  const best = (list: readonly AutoScalingGroup[]) => list.find((g) => !deleting(g)) ?? list[0];
  return (
    best(serving) ??
    named ??
    best(groups.filter((g) => isLabTagged(g.tags))) ??
    (groups.length === 1 ? groups[0] : undefined)
  );
}

function findTemplate(
  inv: Inventory,
  group: AutoScalingGroup | undefined,
  layout?: LayoutId,
): LaunchTemplate | undefined {
  const spec = group?.launchTemplate;
  const list = inv.launchTemplates;
  if (spec) {
    const used = list.find((t) => (spec.id !== undefined && t.id === spec.id) || sameName(t.name, spec.name ?? ''));
    if (used) return used;
  }
  const named = namesInOrder(layout, inv.student)
    .map((n) => list.find((t) => sameName(t.name, n.scaling.launchTemplate)))
    .find((t) => t !== undefined);
  return named ?? list.find((t) => isLabTagged(t.tags)) ?? (list.length === 1 ? list[0] : undefined);
}

/** Whether an alarm watches this group's metric (the dimension AutoScalingGroupName = the group). */
export function watchesGroup(alarm: MetricAlarm, group: AutoScalingGroup): boolean {
  return alarm.dimensions.some((d) => d.name === GROUP_DIMENSION && d.value === group.name);
}

/** The group's policies whose ARN this alarm's actions name. */
export function policiesTriggered(alarm: MetricAlarm, policies: readonly ScalingPolicy[]): ScalingPolicy[] {
  return policies.filter((p) => alarm.alarmActions.includes(p.arn) || alarm.okActions.includes(p.arn));
}

/**
 * Whether an alarm drives this group: it invokes one of the group's policies, one of them lists it (target
 * tracking's own alarms), or an action's ARN names the group (a policy the inventory did not list).
 */
export function drivesGroup(alarm: MetricAlarm, groupName: string, inv: Pick<Inventory, 'scalingPolicies'>): boolean {
  const policies = inv.scalingPolicies.filter((p) => p.groupName === groupName);
  return (
    policiesTriggered(alarm, policies).length > 0 ||
    policies.some((p) => p.alarmNames.includes(alarm.name)) ||
    [...alarm.alarmActions, ...alarm.okActions].some((arn) => arn.includes(`:autoScalingGroupName/${groupName}:`))
  );
}

/** The alarms about a group: those that drive it, and those on its metric (the explorer, the meter, cleanup). */
export function alarmsOfGroup(
  inv: Pick<Inventory, 'scalingPolicies' | 'metricAlarms'>,
  groupName: string,
): MetricAlarm[] {
  return inv.metricAlarms.filter(
    (a) =>
      drivesGroup(a, groupName, inv) || a.dimensions.some((d) => d.name === GROUP_DIMENSION && d.value === groupName),
  );
}

export function findScalingRoles(inv: Inventory, roles: LabRoles, layout?: LayoutId): ScalingRoles {
  const group = findGroup(inv, roles, layout);
  const tg = roles.targetGroup?.arn;
  const otherGroups = inv.autoScalingGroups.filter(
    (g) =>
      g !== group &&
      !deleting(g) &&
      (isLabTagged(g.tags) ||
        (tg !== undefined && g.targetGroupArns.includes(tg)) ||
        namesInOrder(layout, inv.student).some((n) => sameName(g.name, n.scaling.group))),
  );
  const launchTemplate = findTemplate(inv, group, layout);
  const policies = group ? inv.scalingPolicies.filter((p) => p.groupName === group.name) : [];
  const alarms = group ? alarmsOfGroup(inv, group.name) : [];
  const activities = group ? inv.scalingActivities.filter((a) => a.groupName === group.name) : [];
  return {
    ...(group ? { group } : {}),
    otherGroups,
    ...(launchTemplate ? { launchTemplate } : {}),
    policies,
    alarms,
    activities,
  };
}

/** Which way a simple or step policy moves the group: +1 adds capacity, -1 removes it, 0 neither (or unknown). */
export function policyDirection(p: ScalingPolicy): 1 | -1 | 0 {
  if (p.type === 'TargetTrackingScaling' || p.adjustmentType === 'ExactCapacity') return 0;
  const steps = p.stepAdjustments.map((s) => s.adjustment);
  const all = p.scalingAdjustment !== undefined ? [p.scalingAdjustment, ...steps] : steps;
  if (all.length > 0 && all.every((n) => n > 0)) return 1;
  if (all.length > 0 && all.every((n) => n < 0)) return -1;
  return 0;
}

/** Whether an alarm fires on a rise (> threshold) or on a fall (< threshold) of its metric. */
export function alarmDirection(alarm: MetricAlarm): 1 | -1 | 0 {
  if (alarm.comparison.startsWith('GreaterThan')) return 1;
  if (alarm.comparison.startsWith('LessThan')) return -1;
  return 0;
}
