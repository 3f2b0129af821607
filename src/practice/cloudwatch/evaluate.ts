// Alarm evaluation (CloudWatch's advancer, Contract 2 and 3): at the end of each of an alarm's periods (scaled
// time), the last EvaluationPeriods datapoints decide its state as AWS documents ("Evaluating an alarm": M of N,
// TreatMissingData), in AWS's words. A state change is recorded in the history and its actions are queued on
// `region.alarmInvocations`; an Auto Scaling policy action is queued again every period the state lasts.
import type { AlarmStateValue, MetricAlarmRecord, RegionState } from '../core/records';
import type { Clock } from '../core/world';
import { observeInstances, scaledMs } from '../machine/cpu';
import { addAlarmHistory } from './alarmRecords';
import { metricDatapoints, statisticValue } from './series';

/** One period of the evaluation range: its start (epoch ms) and the statistic's value, absent when missing. */
export interface EvaluatedPeriod {
  start: number;
  value?: number;
  sampleCount?: number;
}

export interface AlarmEvaluation {
  state: AlarmStateValue;
  reason: string;
  /** JSON text. */
  reasonData: string;
}

const COMPARISON_WORDS: Record<string, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Catch-up bound: at most this many past periods evaluated in one advance. */
const MAX_CATCH_UP = 10;
/** Invocations older than this are dropped (Contract 2). */
const INVOCATION_TTL_MS = 3600_000;

function breaches(alarm: MetricAlarmRecord, value: number): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
  return false;
}

/** A number as AWS (Java) prints a double: 70.0, 85.33333333333333. */
export function javaDouble(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** AWS's datapoint time in a StateReason: dd/MM/yy HH:mm:ss (UTC). */
function reasonTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** AWS's time in StateReasonData: 2026-12-02T06:05:00.000+0000. */
export function reasonDataTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The alarm's state from its evaluation range (oldest first, EvaluationPeriods long), or undefined when it keeps
 * its state (TreatMissingData `ignore` with every datapoint missing). Pure: unit tests drive it over a fake clock.
 */
export function evaluateAlarm(
  alarm: MetricAlarmRecord,
  periods: readonly EvaluatedPeriod[],
  now: Date,
): AlarmEvaluation | undefined {
  const treat = alarm.treatMissingData ?? 'missing';
  const needed = alarm.datapointsToAlarm ?? alarm.evaluationPeriods;
  const present = periods.filter((p) => p.value !== undefined);
  const missing = periods.length - present.length;
  const newestFirst = [...present].reverse();
  const stat = alarm.statistic ?? alarm.extendedStatistic ?? 'Average';
  const data = {
    version: '1.0',
    queryDate: reasonDataTime(now.getTime()),
    ...(periods[0] ? { startDate: reasonDataTime(periods[0].start) } : {}),
    ...(alarm.statistic ? { statistic: alarm.statistic } : { extendedStatistic: stat }),
    ...(alarm.unit ? { unit: alarm.unit } : {}),
    period: alarm.period,
    recentDatapoints: present.map((p) => p.value as number),
    threshold: alarm.threshold,
    evaluatedDatapoints: newestFirst.map((p) => ({
      timestamp: reasonDataTime(p.start),
      ...(p.sampleCount !== undefined ? { sampleCount: p.sampleCount } : {}),
      value: p.value,
    })),
  };
  const reasonData = JSON.stringify(data);
  if (present.length === 0 && (treat === 'missing' || treat === 'ignore')) {
    if (treat === 'ignore') return undefined;
    return {
      state: 'INSUFFICIENT_DATA',
      reason: `Insufficient Data: ${plural(periods.length, 'datapoint')} ${periods.length === 1 ? 'was' : 'were'} unknown.`,
      reasonData,
    };
  }
  let breaching = present.filter((p) => breaches(alarm, p.value as number)).length;
  if (treat === 'breaching') breaching += missing;
  const state: AlarmStateValue = breaching >= needed ? 'ALARM' : 'OK';
  const words = COMPARISON_WORDS[alarm.comparison] ?? alarm.comparison;
  const threshold = javaDouble(alarm.threshold);
  const listed = `[${newestFirst.map((p) => `${javaDouble(p.value as number)} (${reasonTime(p.start)})`).join(', ')}]`;
  if (present.length === 0) {
    const as = treat === 'breaching' ? 'Breaching' : 'NonBreaching';
    return {
      state,
      reason: `Threshold Crossed: no datapoints were received for ${plural(periods.length, 'period')} and ${plural(missing, 'missing datapoint')} ${missing === 1 ? 'was' : 'were'} treated as [${as}].`,
      reasonData,
    };
  }
  const counted = state === 'ALARM' ? breaching - (treat === 'breaching' ? missing : 0) : present.length - breaching;
  const not = state === 'ALARM' ? '' : 'not ';
  if (periods.length === 1) {
    return {
      state,
      reason: `Threshold Crossed: 1 datapoint ${listed} was ${not}${words} the threshold (${threshold}).`,
      reasonData,
    };
  }
  const minimum = state === 'ALARM' ? needed : periods.length - needed + 1;
  const transition = state === 'ALARM' ? 'OK -> ALARM' : 'ALARM -> OK';
  return {
    state,
    reason:
      `Threshold Crossed: ${counted} out of the last ${present.length} datapoints ${listed} were ${not}${words} ` +
      `the threshold (${threshold}) (minimum ${plural(minimum, 'datapoint')} for ${transition} transition).`,
    reasonData,
  };
}

/** The alarm's evaluation range ending at `end` (epoch ms, a period boundary), from the region's metrics. */
export function evaluationRange(
  region: RegionState,
  alarm: MetricAlarmRecord,
  end: number,
  clock: Clock,
): EvaluatedPeriod[] {
  const width = scaledMs(alarm.period, clock);
  const from = end - alarm.evaluationPeriods * width;
  const points = metricDatapoints(region, alarm, { from, to: end, period: alarm.period, now: end }, clock);
  const stat = alarm.statistic ?? alarm.extendedStatistic ?? 'Average';
  return Array.from({ length: alarm.evaluationPeriods }, (_, i) => {
    const start = from + i * width;
    const point = points.find((p) => Math.abs(p.at - start) < 1);
    const value = point ? statisticValue(point, stat) : undefined;
    return value === undefined ? { start } : { start, value, sampleCount: point?.sampleCount };
  });
}

function actionsFor(alarm: MetricAlarmRecord, state: AlarmStateValue): string[] {
  if (state === 'ALARM') return alarm.alarmActions;
  if (state === 'OK') return alarm.okActions;
  return alarm.insufficientDataActions;
}

const isScalingPolicy = (arn: string) => arn.startsWith('arn:aws:autoscaling:');

/**
 * Sets the alarm's state (an evaluation, or SetAlarmState: `manual`), with AWS's history item and the actions it
 * invokes. As on AWS, an evaluation that finds the same state changes nothing (the reason stays the transition's),
 * but an Auto Scaling policy action is invoked again.
 */
export function changeAlarmState(
  region: RegionState,
  alarm: MetricAlarmRecord,
  next: AlarmEvaluation,
  at: Date,
  manual = false,
): boolean {
  const previous = { stateValue: alarm.state, stateReason: alarm.stateReason };
  const changed = next.state !== alarm.state;
  const iso = at.toISOString();
  if (changed || manual) {
    alarm.state = next.state;
    alarm.stateUpdated = iso;
    alarm.stateReason = next.reason;
    alarm.stateReasonData = next.reasonData;
  }
  if (changed) {
    alarm.stateTransitioned = iso;
    addAlarmHistory(region, {
      alarmName: alarm.name,
      alarmType: 'MetricAlarm',
      timestamp: iso,
      type: 'StateUpdate',
      summary: `Alarm updated from ${previous.stateValue} to ${next.state}`,
      data: JSON.stringify({
        version: '1.0',
        oldState: previous,
        newState: { stateValue: next.state, stateReason: next.reason, stateReasonData: JSON.parse(next.reasonData) },
      }),
    });
  }
  if (!alarm.actionsEnabled) return true;
  // As on AWS: every action on the transition; an Auto Scaling policy again each period the state lasts.
  const due = actionsFor(alarm, next.state).filter((arn) => changed || (!manual && isScalingPolicy(arn)));
  for (const actionArn of due) {
    (region.alarmInvocations ??= []).push({
      alarmName: alarm.name,
      alarmArn: alarm.arn,
      actionArn,
      state: next.state,
      at: iso,
    });
    addAlarmHistory(region, {
      alarmName: alarm.name,
      alarmType: 'MetricAlarm',
      timestamp: iso,
      type: 'Action',
      summary: `Successfully executed action ${actionArn}`,
      data: JSON.stringify({ actionState: 'Succeeded', stateUpdateTimestamp: Date.parse(alarm.stateUpdated) }),
    });
  }
  return true;
}

/** The advancer: observes the instances (CPU model), evaluates every alarm period due since the last advance. */
export function advanceCloudWatch(region: RegionState, now: Date, clock: Clock): boolean {
  let changed = observeInstances(region, now, clock);
  const at = now.getTime();
  if (region.alarmInvocations?.length) {
    const kept = region.alarmInvocations.filter((i) => at - Date.parse(i.at) <= INVOCATION_TTL_MS);
    if (kept.length !== region.alarmInvocations.length) {
      region.alarmInvocations = kept;
      changed = true;
    }
  }
  for (const alarm of region.metricAlarms ?? []) {
    const width = scaledMs(alarm.period, clock);
    const last = Math.floor(at / width) * width;
    // A new (or updated) alarm is first evaluated at the end of the period it was made in.
    alarm.evaluatedUntil ??= Math.floor(Date.parse(alarm.configurationUpdated) / width) * width;
    if (alarm.evaluatedUntil > last) {
      alarm.evaluatedUntil = last; // the speed changed (a state file reopened faster): from now on
      changed = true;
      continue;
    }
    if (alarm.evaluatedUntil === last) continue;
    const boundaries: number[] = [];
    for (let b = last; b > alarm.evaluatedUntil + width / 2 && boundaries.length < MAX_CATCH_UP; b -= width)
      boundaries.unshift(b);
    for (const end of boundaries) {
      const result = evaluateAlarm(alarm, evaluationRange(region, alarm, end, clock), new Date(end));
      if (result) changeAlarmState(region, alarm, result, new Date(end));
    }
    alarm.evaluatedUntil = last;
    changed = true;
  }
  return changed;
}
