// 3.4 the group scaled out under load and back in after it, 3.5 it replaced an instance that was terminated or
// unhealthy. Judged from the group's activities as AWS words their causes ("a monitor alarm … in state ALARM
// triggered policy … changing the desired capacity from 2 to 3", "an instance was taken out of service in response
// to …"), or, during the exercise, from the group's state and its alarms.
import type { AutoScalingGroup, Inventory, MetricAlarm, ScalingActivity } from '../../aws/types';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { alarmDirection, policiesTriggered, type ScalingRoles } from '../scaling';
import type { LabRoles } from '../roles';
import type { CheckInput, CheckResult } from '../types';
import { resultOf, waiting } from './kit';
import { onGroupCpu, scalingPlan } from './scalingPolicies';

const CHANGE = /changing the desired capacity from (\d+) to (\d+)/i;
const BY_ALARM = /monitor alarm (.+?) in state ALARM triggered policy (.+?) changing/i;
// Taken out by a health or status check, or terminated/stopped by hand; not a scale-in, which AWS words "taken out
// of service in response to a difference between desired and actual capacity".
const TAKEN_OUT =
  /taken out of service in response to an? [^.]*?(health[- ]?check|status check)|instance i-[0-9a-z]+ was (terminated|stopped)/i;
const REFILLED = /in response to a difference between desired and actual capacity/i;
const INSTANCE = /\bi-[0-9a-z]+\b/;
/** AWS's alarm reason names the datapoint it judged: "1 datapoint [85.3 (02/12/26 06:00:00)] was greater …". */
const DATAPOINT = /\[(\d+(?:\.\d+)?) \(/;

const live = (a: ScalingActivity) => a.statusCode !== 'Failed' && a.statusCode !== 'Cancelled';
const at = (a: ScalingActivity) => Date.parse(a.startTime) || 0;

/** A change of desired capacity an alarm made, read from the activity's cause. */
export interface AlarmChange {
  readonly activity: ScalingActivity;
  readonly from: number;
  readonly to: number;
  readonly alarm: string;
  readonly policy: string;
}

export function alarmChanges(activities: readonly ScalingActivity[]): AlarmChange[] {
  return activities.filter(live).flatMap((activity) => {
    const change = CHANGE.exec(activity.cause);
    const by = BY_ALARM.exec(activity.cause);
    if (!change || !by) return [];
    return [{ activity, from: Number(change[1]), to: Number(change[2]), alarm: by[1] ?? '', policy: by[2] ?? '' }];
  });
}

/** The datapoint an alarm last judged, when its reason names one. */
export function lastDatapoint(alarm: MetricAlarm): number | undefined {
  const m = DATAPOINT.exec(alarm.stateReason);
  return m ? Number(m[1]) : undefined;
}

/** The alarm of one direction that drives the group: its working pair's, else the target-tracking policy's own. */
function alarmOf(group: AutoScalingGroup, scaling: ScalingRoles, direction: 1 | -1): MetricAlarm | undefined {
  const plan = scalingPlan(group, scaling);
  const pair = direction === 1 ? plan.out : plan.in;
  if (pair) return pair.alarm;
  const tracking = plan.tracking;
  if (!tracking) return undefined;
  return scaling.alarms.find(
    (a) =>
      alarmDirection(a) === direction &&
      (policiesTriggered(a, [tracking]).length > 0 || tracking.alarmNames.includes(a.name)) &&
      onGroupCpu(a, group),
  );
}

function cooldownLeft(inv: Inventory, group: AutoScalingGroup, scaling: ScalingRoles, last?: AlarmChange): number {
  if (!last) return 0;
  const policy = scaling.policies.find((p) => p.name === last.policy);
  const seconds = policy?.cooldown ?? group.defaultCooldown ?? 300;
  const since = (Date.parse(inv.fetchedAt) - Date.parse(last.activity.endTime ?? last.activity.startTime)) / 1000;
  return Math.max(0, Math.ceil(seconds - since));
}

/** 3.4: the group scaled out under load (an alarm's activity, or now: desired above min, the alarm in ALARM), then in. */
export function checkScalingExercise(input: CheckInput, _roles: LabRoles, scaling: ScalingRoles): CheckResult {
  const inv = input.inventory;
  const names = namesOf(input.layout, input.inventory.student).scaling;
  const g = scaling.group;
  if (!g) return waiting('3.4', '3.2', reason('asg.missing', { name: names.group, template: '', targetGroup: '' }));
  const high = alarmOf(g, scaling, 1);
  const low = alarmOf(g, scaling, -1);
  if (!high) return waiting('3.4', '3.3', reason('scaling.noScaleOut', { name: g.name, threshold: names.highCpu }));
  const changes = alarmChanges(scaling.activities).sort((a, b) => at(a.activity) - at(b.activity));
  const out = changes.find((c) => c.to > c.from);
  const back = out ? changes.find((c) => c.to < c.from && at(c.activity) >= at(out.activity)) : undefined;
  if (out && back) {
    return resultOf('3.4', [], {
      name: g.name,
      scaledOut: `${out.from} → ${out.to}`,
      scaledOutAt: out.activity.startTime,
      scaledIn: `${back.from} → ${back.to}`,
      scaledInAt: back.activity.startTime,
      alarm: out.alarm,
    });
  }
  const underLoad = high.state === 'ALARM';
  if (out || (underLoad && g.desired > g.min)) {
    const from = out?.from ?? g.min;
    const to = out?.to ?? g.desired;
    return resultOf('3.4', [
      {
        reason: reason('exercise.notScaledIn', {
          name: g.name,
          from,
          to,
          alarm: low?.name ?? '',
          state: low?.state ?? '',
        }),
      },
    ]);
  }
  if (underLoad) {
    if (g.desired >= g.max)
      return resultOf('3.4', [{ reason: reason('exercise.atMax', { name: g.name, max: g.max, alarm: high.name }) }]);
    const seconds = cooldownLeft(inv, g, scaling, changes[changes.length - 1]);
    return resultOf('3.4', [{ reason: reason('exercise.cooldown', { name: g.name, alarm: high.name, seconds }) }]);
  }
  if (high.state === 'INSUFFICIENT_DATA')
    return resultOf('3.4', [{ reason: reason('exercise.noData', { alarm: high.name, name: g.name }) }]);
  const cpu = lastDatapoint(high);
  return resultOf('3.4', [
    {
      reason: reason('exercise.noLoad', {
        alarm: high.name,
        threshold: high.threshold,
        ...(cpu !== undefined ? { cpu: Math.round(cpu * 10) / 10 } : {}),
      }),
    },
  ]);
}

/** 3.5: an instance taken out of service (terminated by hand, or unhealthy), a launch after it, the group whole again. */
export function checkSelfHealing(input: CheckInput, _roles: LabRoles, scaling: ScalingRoles): CheckResult {
  const names = namesOf(input.layout, input.inventory.student).scaling;
  const g = scaling.group;
  if (!g) return waiting('3.5', '3.2', reason('asg.missing', { name: names.group, template: '', targetGroup: '' }));
  const oldestFirst = scaling.activities.filter(live).sort((a, b) => at(a) - at(b));
  const takenOut = [...oldestFirst].reverse().find((a) => TAKEN_OUT.test(a.cause));
  if (!takenOut) return resultOf('3.5', [{ reason: reason('healing.none', { name: g.name }) }]);
  const lost = INSTANCE.exec(takenOut.description)?.[0] ?? INSTANCE.exec(takenOut.cause)?.[0] ?? '';
  const refill = oldestFirst.find((a) => at(a) >= at(takenOut) && a !== takenOut && REFILLED.test(a.cause));
  const inService = g.instances.filter((i) => i.lifecycleState === 'InService' && i.healthStatus === 'Healthy');
  if (!refill || refill.statusCode !== 'Successful' || inService.length < g.desired) {
    return resultOf('3.5', [
      {
        reason: reason('healing.inProgress', {
          name: g.name,
          instance: lost,
          inService: inService.length,
          desired: g.desired,
        }),
      },
    ]);
  }
  return resultOf('3.5', [], {
    name: g.name,
    replaced: lost,
    replacement: INSTANCE.exec(refill.description)?.[0],
    takenOutAt: takenOut.startTime,
    launchedAt: refill.startTime,
    cause: takenOut.cause,
  });
}
