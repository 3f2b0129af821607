// Issue 12's figures for track 3 (Auto Scaling) through the lab engine in the practice account.
// 1. The exercise (3.4) at speed 60: from the load's start to the new instance healthy in the target group, and from
//    the load's stop to the scale-in, each against the least time AWS's own periods allow for the configured alarms
//    at that moment (goal <= 1.1x): an alarm period of 300 s is evaluated on its boundaries, so a load that starts
//    late in a period cannot breach before the next one ends; then a launch and the target group's healthy checks;
//    a scale-in waits for a period below 30 % and for the scale-out's cooldown.
// 2. At instant speed, 3.1-3.3 each on its own: our overhead per step (goal <= 50 ms).
// 3. The load generator against the practice account: the requests per second it reaches, paced and unpaced.
import { performance } from 'node:perf_hooks';
import { namesOf } from '../src/lab/layout';
import { runStep } from '../src/lab/run/runner';
import { MAX_LOAD_RATE, PRACTICE_LOAD_PER_SECOND, loadTargetFor, startLoad } from '../src/lab/scaling/load';
import type { StepId, StepOutcome } from '../src/lab/types';
import { EC2_DURATIONS } from '../src/practice/ec2/transitions';
import { systemClock } from '../src/practice/core/world';
import { log, median, round, startLab, type Lab } from './lab';

const SETUP: StepId[] = ['1.1', '1.2', '1.3', '1.6', '1.7'];
const TRACK3: StepId[] = ['3.1', '3.2', '3.3'];
/** The idle floor's CPU (1-3 %): what a period's average holds where the load did not run. */
const IDLE_CPU = 2;

async function passed(lab: Lab, id: StepId, options: Record<string, string> = {}): Promise<StepOutcome> {
  const outcome = await runStep(id, options, lab.ctx);
  if (outcome.check.status !== 'passed') throw new Error(`${id} did not pass: ${JSON.stringify(outcome.check)}`);
  return outcome;
}

/** A practice account with the lab's load balancer, its AMI and the group with its two alarms, all at instant. */
async function groupReady(): Promise<Lab> {
  const lab = await startLab('instant', { seeded: true });
  for (const id of [...SETUP, ...TRACK3]) await passed(lab, id);
  return lab;
}

/** The end (AWS seconds after `at`) of the first period whose average a load from (or until) `at` can move past `threshold`. */
function firstPeriodEnd(atAwsS: number, periodS: number, loadedShareNeeded: number, loadAfter: boolean): number {
  const into = atAwsS % periodS;
  const share = loadAfter ? (periodS - into) / periodS : into / periodS;
  const current = periodS - into;
  return (loadAfter ? share >= loadedShareNeeded : share <= loadedShareNeeded) ? current : current + periodS;
}

async function exerciseAtSpeed(speed: number) {
  const lab = await groupReady();
  try {
    const names = namesOf(undefined).scaling;
    const inv = await lab.ctx.inventory();
    const tg = inv.targetGroups.find((g) => inv.autoScalingGroups.some((a) => a.targetGroupArns.includes(g.arn)));
    const healthS = (tg?.healthCheck.intervalSeconds ?? 30) * (tg?.healthCheck.healthyThreshold ?? 5);
    lab.server.world.clock = systemClock(speed);
    // Start right after a period boundary, as a student who waits for one would; the least time counts the real phase.
    const width = (names.alarmPeriod * 1000) / speed;
    await new Promise((r) => setTimeout(r, width - (Date.now() % width) + 5));
    const outcome = await passed(lab, '3.4', { seconds: '600' });
    const s = outcome.scaling;
    if (!s?.healthySeconds || s.scaledInSeconds === undefined || !s.loadStoppedAt || !s.scaledOutSeconds)
      throw new Error(`3.4 measured no scale-out and scale-in: ${JSON.stringify(s)}`);
    const aws = (wallMs: number) => (wallMs * speed) / 1000;
    // Out: the load lifts a period past 70 % when it covers (70 - idle) / (100 - idle) of it at full CPU.
    const outShare = (names.highCpu - IDLE_CPU) / (100 - IDLE_CPU);
    const inShare = (names.lowCpu - IDLE_CPU) / (100 - IDLE_CPU);
    const leastOut =
      firstPeriodEnd(aws(s.loadStartedAt), names.alarmPeriod, outShare, true) +
      EC2_DURATIONS.instancePending / 1000 +
      healthS;
    const scaledOutAt = s.loadStartedAt + s.scaledOutSeconds * 1000;
    const leastIn = Math.max(
      firstPeriodEnd(aws(s.loadStoppedAt), names.alarmPeriod, inShare, false),
      aws(scaledOutAt) + names.cooldown - aws(s.loadStoppedAt),
    );
    const outAws = aws(s.healthySeconds * 1000);
    const inAws = aws(s.scaledInSeconds * 1000);
    return {
      speed,
      scaleOut: { awsSeconds: round(outAws), leastAwsSeconds: round(leastOut), ratio: round3(outAws / leastOut) },
      scaleIn: { awsSeconds: round(inAws), leastAwsSeconds: round(leastIn), ratio: round3(inAws / leastIn) },
      desired: { before: s.desiredBefore, out: s.desiredOut, peak: s.desiredPeak, after: s.desiredAfter },
      peakRequestsPerSecond: s.peakRequestsPerSecond,
    };
  } finally {
    await lab.close();
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** 3.1-3.3 each timed alone at instant speed on a fresh account per run (the first run warms up, not counted). */
async function overheadPerStep(runs: number) {
  const samples = new Map<StepId, number[]>();
  const requests: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    const lab = await startLab('instant', { seeded: true });
    try {
      for (const id of SETUP) await passed(lab, id);
      for (const id of TRACK3) {
        const before = lab.clients.apiCalls;
        const started = performance.now();
        await passed(lab, id);
        const ms = performance.now() - started;
        if (run > 0) samples.set(id, [...(samples.get(id) ?? []), ms]);
        requests[id] = lab.clients.apiCalls - before;
      }
    } finally {
      await lab.close();
    }
  }
  const medianMsPerStep = Object.fromEntries(TRACK3.map((id) => [id, round(median(samples.get(id) ?? []))]));
  return { medianMsPerStep, maxMs: Math.max(...Object.values(medianMsPerStep)), goalMs: 50, requests, runs: runs - 1 };
}

/** The generator's rate against the lab's load balancer in the practice account, for a few seconds each way. */
async function loadRate() {
  const lab = await groupReady();
  try {
    const inv = await lab.ctx.inventory();
    const endpoint = lab.ctx.clients.account.endpoint;
    const target = loadTargetFor(inv, endpoint ? { endpoint } : {});
    const rate = async (perSecond: number) => {
      const done = await startLoad({ target, concurrency: 20, durationMs: 3000, perSecond }).done;
      return { askedPerSecond: perSecond, requestsPerSecond: round(done.answered / 3), failed: done.failed };
    };
    // The default pace through the practice endpoint, and the most the generator allows anywhere.
    return {
      concurrency: 20,
      practiceDefault: await rate(PRACTICE_LOAD_PER_SECOND),
      atMost: await rate(MAX_LOAD_RATE),
    };
  } finally {
    await lab.close();
  }
}

export async function measureScaling(options: { speed?: number; runs?: number; exerciseRuns?: number } = {}) {
  const speed = options.speed ?? 60;
  const exercises: Awaited<ReturnType<typeof exerciseAtSpeed>>[] = [];
  for (let i = 0; i < (options.exerciseRuns ?? 3); i++) {
    log(`scaling: 3.4 at speed ${speed} (${i + 1})`);
    exercises.push(await exerciseAtSpeed(speed));
  }
  const mid = (key: 'scaleOut' | 'scaleIn') => {
    const ratios = exercises.map((e) => e[key].ratio);
    return { ...[...exercises].sort((a, b) => a[key].ratio - b[key].ratio)[1]?.[key], ratios, goalRatio: 1.1 };
  };
  log('scaling: 3.1-3.3 at instant speed');
  const overhead = await overheadPerStep(options.runs ?? 5);
  log('scaling: the load generator against the practice account');
  const load = await loadRate();
  return { speed, scaleOut: mid('scaleOut'), scaleIn: mid('scaleIn'), runs: exercises, overhead, load };
}

if (require.main === module) {
  measureScaling().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
