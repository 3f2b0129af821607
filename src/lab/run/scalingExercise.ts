// Track 3's exercises: 3.4 puts the bounded load on the lab's load balancer, watches the group until it has scaled
// out by one and the new instance is healthy, stops the load and watches it scale back in, measuring each part from
// the watch's samples; 3.5 terminates one of the group's instances as the EC2 console does and waits until the group
// has replaced it. Both report the scaling watch's timeline through ctx.onScaling (the editor's chart).
import { terminateInstance } from '../../aws/actions/autoScaling';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { LoadError, loadTargetFor, startLoad, type LoadFigures, type LoadHandle } from '../scaling/load';
import type { ScalingExercise, ScalingSample, ScalingTimeline, SelfHealing } from '../scaling/samples';
import { watchScaling } from '../scaling/watch';
import { StepError, type StepContext, type StepId, type StepOptions, type StepOutcome } from '../types';
import { finishRun, startRun } from './kit';
import { groupFollower, scalingRolesOf } from './scaling';
import { groupAtDesired, waits, type GroupState } from './waits';

/** Between two samples: the practice account runs its clock fast and answers in milliseconds. */
const PRACTICE_EVERY_MS = 250;
const AWS_EVERY_MS = 5000;
/** Longest wait for the scale-in after the load stops (on AWS: a 5-minute period below 30 %, then the cooldown). */
const SCALE_IN_MAX_MS = 30 * 60_000;
/** Longest wait for a replacement in 3.5, in seconds. */
const HEAL_MAX_SECONDS = 30 * 60;

const seconds = (from: number, to: number) => Math.round((to - from) / 100) / 10;

function everyMs(ctx: StepContext): number {
  return ctx.clients.account.endpoint ? PRACTICE_EVERY_MS : AWS_EVERY_MS;
}

/** The watch on its own signal (stopped with the step, or when the step is done with it). */
function startWatch(
  ctx: StepContext,
  groupName: string,
  onSample: (s: ScalingSample) => void,
  load?: () => LoadFigures | undefined,
) {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const watching = watchScaling(ctx.clients, groupName, {
    signal: stop.signal,
    everyMs: everyMs(ctx),
    ...(load ? { load } : {}),
    onSample: (timeline: ScalingTimeline) => {
      ctx.onScaling?.(timeline);
      const last = timeline.samples.at(-1);
      if (last) onSample(last);
    },
  });
  return {
    watching,
    stop: async () => {
      stop.abort();
      ctx.signal.removeEventListener('abort', onAbort);
      return watching;
    },
  };
}

/** Resolves when `ready` is called; rejects with the signal's reason or the watch's failure. */
function milestone(ctx: StepContext, watching: Promise<unknown>) {
  let ready!: () => void;
  const reached = new Promise<void>((resolve, reject) => {
    ready = resolve;
    ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    watching.catch(reject);
  });
  // A milestone the step no longer waits for (it failed before) must not become an unhandled rejection.
  reached.catch(() => undefined);
  return { reached, ready };
}

function loadTarget(step: StepId, ctx: StepContext, inv: Parameters<typeof loadTargetFor>[0]) {
  try {
    const endpoint = ctx.clients.account.endpoint;
    return loadTargetFor(inv, { ...(endpoint ? { endpoint } : {}), ...(ctx.layout ? { layout: ctx.layout } : {}) });
  } catch (error) {
    if (error instanceof LoadError) throw new StepError(step, error.reason);
    throw error;
  }
}

/** 3.4: load on, scaled out by one and healthy, load off, scaled back in; each time measured. */
export async function runScalingExercise(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('3.4', ctx);
  const inv = await ctx.inventory();
  const { scaling } = scalingRolesOf(inv, ctx);
  const group = scaling.group;
  if (!group)
    throw new StepError(
      run.step,
      reason('run.noScalingGroup', { name: namesOf(ctx.layout, ctx.student).scaling.group }),
    );
  const target = loadTarget(run.step, ctx, inv);
  const before = new Set(group.instances.map((i) => i.id));
  const desiredBefore = group.desired;
  let peak = desiredBefore;
  let load: LoadHandle | undefined;
  let loadStartedAt = 0;
  let loadStoppedAt: number | undefined;
  let alarmAt: number | undefined;
  let scaledOutAt: number | undefined;
  let healthyAt: number | undefined;
  let scaledInAt: number | undefined;
  let desiredAfter: number | undefined;
  let desiredOut: number | undefined;
  let newInstanceId: string | undefined;
  let peakRate = 0;
  let last: ScalingSample | undefined;

  const judge = (s: ScalingSample) => {
    last = s;
    if (!loadStartedAt) return;
    peakRate = Math.max(peakRate, s.requestsPerSecond ?? 0);
    const high = s.alarms.find((a) => a.comparison.startsWith('GreaterThan') && a.state === 'ALARM');
    if (!alarmAt && high) {
      alarmAt = s.at;
      run.progress('progress.alarmState', {
        name: high.name,
        state: high.state,
        seconds: seconds(loadStartedAt, s.at),
      });
    }
    if (!scaledOutAt && s.desired > desiredBefore) {
      scaledOutAt = s.at;
      // The alarm went to ALARM and back between two samples (a fast clock): it fired no later than this.
      alarmAt ??= s.at;
      desiredOut = s.desired;
      run.progress('progress.scaledOut', {
        name: group.name,
        from: desiredBefore,
        to: s.desired,
        seconds: seconds(loadStartedAt, s.at),
      });
    }
    peak = Math.max(peak, s.desired);
    if (scaledOutAt && !healthyAt) {
      const fresh = s.instances.find(
        (i) => !before.has(i.id) && i.lifecycle === 'InService' && i.targetHealth === 'healthy',
      );
      if (fresh) {
        healthyAt = s.at;
        newInstanceId = fresh.id;
        run.progress('progress.newInstanceHealthy', {
          id: fresh.id,
          az: fresh.az,
          seconds: seconds(loadStartedAt, s.at),
        });
        out.ready();
      }
    }
    if (loadStoppedAt && !scaledInAt && s.desired < peak) {
      scaledInAt = s.at;
      desiredAfter = s.desired;
      run.progress('progress.scaledIn', {
        name: group.name,
        from: peak,
        to: s.desired,
        seconds: seconds(loadStoppedAt, s.at),
      });
      back.ready();
    }
  };

  const watch = startWatch(ctx, group.name, judge, () => load?.figures());
  const out = milestone(ctx, watch.watching);
  const back = milestone(ctx, watch.watching);
  try {
    const concurrency = Number(opts.concurrency);
    const durationMs = Number(opts.seconds) * 1000;
    run.progress('progress.loadStarted', { host: target.host, concurrency, seconds: Number(opts.seconds) });
    loadStartedAt = Date.now();
    load = startLoad({
      target,
      concurrency,
      durationMs,
      signal: ctx.signal,
      ...(opts.perSecond ? { perSecond: Number(opts.perSecond) } : {}),
    });
    await Promise.race([out.reached, load.done]);
    load.stop();
    const figures = await load.done;
    ctx.signal.throwIfAborted();
    loadStoppedAt = Date.now();
    run.progress('progress.loadStopped', { sent: figures.sent, answered: figures.answered, failed: figures.failed });
    if (!healthyAt) {
      throw new StepError(
        run.step,
        reason('run.notScaledOut', {
          group: group.name,
          seconds: seconds(loadStartedAt, loadStoppedAt),
          cpu: last?.cpuAverage ?? '?',
        }),
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SCALE_IN_MAX_MS)));
    const ended = await Promise.race([back.reached, gaveUp]).finally(() => clearTimeout(timer));
    if (ended === 'timeout')
      throw new StepError(run.step, reason('run.waitTimedOut', { id: group.name, state: 'scaled in' }));
    const result: ScalingExercise = {
      groupName: group.name,
      loadStartedAt,
      loadStoppedAt,
      desiredBefore,
      ...(desiredOut !== undefined ? { desiredOut } : {}),
      desiredPeak: peak,
      ...(desiredAfter !== undefined ? { desiredAfter } : {}),
      ...(alarmAt ? { alarmSeconds: seconds(loadStartedAt, alarmAt) } : {}),
      ...(scaledOutAt ? { scaledOutSeconds: seconds(loadStartedAt, scaledOutAt) } : {}),
      healthySeconds: seconds(loadStartedAt, healthyAt),
      ...(newInstanceId ? { newInstanceId } : {}),
      ...(scaledInAt ? { scaledInSeconds: seconds(loadStoppedAt, scaledInAt) } : {}),
      requests: { sent: figures.sent, answered: figures.answered, failed: figures.failed },
      peakRequestsPerSecond: peakRate,
    };
    await watch.stop();
    return await finishRun(run, { scaling: result });
  } finally {
    load?.stop();
    await watch.stop().catch(() => undefined);
  }
}

/** 3.5: one of the group's instances terminated by hand (as the console does); the group replaces it. */
export async function runSelfHealing(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('3.5', ctx);
  const inv = await ctx.inventory();
  const { scaling } = scalingRolesOf(inv, ctx);
  const group = scaling.group;
  if (!group)
    throw new StepError(
      run.step,
      reason('run.noScalingGroup', { name: namesOf(ctx.layout, ctx.student).scaling.group }),
    );
  const victim = group.instances.find((i) => i.id === opts.instance && i.lifecycleState === 'InService');
  if (!victim) throw new StepError(run.step, reason('run.badOption', { key: 'instance', value: opts.instance ?? '' }));
  const before = new Set(group.instances.map((i) => i.id));
  const watch = startWatch(ctx, group.name, () => undefined);
  try {
    run.progress('progress.terminateInstance', { id: victim.id, name: group.name });
    const started = Date.now();
    await terminateInstance(run.aws, victim.id);
    let replacement: string | undefined;
    const healed = (s: GroupState) => {
      const ids = (s.group.Instances ?? []).map((i) => i.InstanceId ?? '');
      replacement = (s.group.Instances ?? []).find(
        (i) => !before.has(i.InstanceId ?? '') && i.LifecycleState === 'InService' && s.healthy.has(i.InstanceId ?? ''),
      )?.InstanceId;
      return !ids.includes(victim.id) && replacement !== undefined && groupAtDesired(s);
    };
    try {
      await waits.group(ctx, run.step, group.name, {
        accept: healed,
        seen: groupFollower(run, group.name),
        maxSeconds: HEAL_MAX_SECONDS,
      });
    } catch (error) {
      if (error instanceof StepError && error.reason.code === 'run.waitTimedOut')
        throw new StepError(run.step, reason('run.notReplaced', { group: group.name, id: victim.id }));
      throw error;
    }
    const healing: SelfHealing = {
      groupName: group.name,
      terminatedId: victim.id,
      ...(replacement ? { replacementId: replacement } : {}),
      healSeconds: seconds(started, Date.now()),
    };
    run.progress('progress.replaced', { new: replacement ?? '', old: victim.id, seconds: healing.healSeconds });
    await watch.stop();
    return await finishRun(run, { healing });
  } finally {
    await watch.stop().catch(() => undefined);
  }
}
