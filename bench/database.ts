// Issue 11's figures for track 2 (a redundant database) through the lab engine in the practice account.
// 1. At a fixed speed (60: a minute of AWS time per real second), runTrack('2') against the critical path of the
//    simulated AWS waits, computed from the practice account's own durations (goal <= 1.1x): 2.1 first, then the
//    RDS MySQL branch and the Aurora branch side by side.
// 2. At instant speed, each runnable step's wall time when run on its own: our overhead per step (goal <= 50 ms).
import { performance } from 'node:perf_hooks';
import { runStep, runTrack } from '../src/lab/run/runner';
import type { StepContext, StepId, StepOutcome } from '../src/lab/types';
import { RDS_DURATIONS } from '../src/practice/rds/transitions';
import { log, median, round, startLab, type Lab } from './lab';

/** The practice password (the runners ask for it through the context's secrets, as the editor and the CLI do). */
const PASSWORD = 'bench-password-1';

const withPassword = (ctx: StepContext): StepContext => ({
  ...ctx,
  secrets: { databasePassword: async () => PASSWORD },
});

/**
 * The longest chain of AWS waits through track 2 (AWS ms, speed 1). 2.1 waits for nothing (a group and a subnet
 * group exist at once). RDS MySQL: created (backups off, so no backing-up), Multi-AZ modifying, the reboot with
 * failover. Aurora: the cluster and both members are created together, the members are the longer; its failover.
 */
export function criticalPath() {
  const rds = RDS_DURATIONS.creating + RDS_DURATIONS.multiAzModifying + RDS_DURATIONS.failoverOutage;
  const aurora =
    Math.max(RDS_DURATIONS.clusterCreating, RDS_DURATIONS.auroraInstanceCreating) + RDS_DURATIONS.auroraFailover;
  return { trackMs: Math.max(rds, aurora), parts: { rds, aurora, sequentialWouldBe: rds + aurora } };
}

const ratio = (wallMs: number, pathMs: number) => Math.round((wallMs / pathMs) * 1000) / 1000;

function failures(outcomes: readonly StepOutcome[]): number {
  const bad = outcomes.filter((o) => o.check.status !== 'passed');
  for (const o of bad) log(`${o.step} did not pass: ${JSON.stringify(o.check)}`);
  return bad.length;
}

async function trackAtSpeed(speed: number) {
  const lab = await startLab(speed, { seeded: true });
  try {
    const stepEnds: Record<string, number> = {};
    const start = performance.now();
    const outcomes = await runTrack('2', withPassword(lab.ctx), {
      onOutcome: (o) => (stepEnds[o.step] = round(performance.now() - start)),
    });
    const wallMs = performance.now() - start;
    const pathMs = criticalPath().trackMs / speed;
    return {
      speed,
      wallMs: round(wallMs),
      criticalPathMs: round(pathMs),
      criticalPathAwsSeconds: criticalPath().trackMs / 1000,
      ratio: ratio(wallMs, pathMs),
      goalRatio: 1.1,
      stepEndsMs: stepEnds,
      everyCheckPassed: failures(outcomes) === 0,
    };
  } finally {
    await lab.close();
  }
}

const RUNNABLE: StepId[] = ['2.1', '2.2', '2.4', '2.5', '2.6', '2.7'];

async function timedStep(lab: Lab, ctx: StepContext, id: StepId) {
  const before = lab.clients.apiCalls;
  const started = performance.now();
  const outcome = await runStep(id, {}, ctx);
  const ms = performance.now() - started;
  if (outcome.check.status !== 'passed') throw new Error(`${id} did not pass: ${JSON.stringify(outcome.check)}`);
  return { ms, requests: lab.clients.apiCalls - before };
}

/** Each runnable step on its own at instant speed, in order on a fresh seeded account per run (the first run warms up). */
async function overheadPerStep(runs: number) {
  const samples = new Map<StepId, number[]>();
  const requests: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    const lab = await startLab('instant', { seeded: true });
    try {
      const ctx = withPassword(lab.ctx);
      for (const id of RUNNABLE) {
        const { ms, requests: n } = await timedStep(lab, ctx, id);
        if (run > 0 || runs === 1) samples.set(id, [...(samples.get(id) ?? []), ms]);
        requests[id] = n;
      }
    } finally {
      await lab.close();
    }
  }
  const perStep = Object.fromEntries(RUNNABLE.map((id) => [id, round(median(samples.get(id) ?? []))]));
  return {
    medianMsPerStep: perStep,
    maxMs: Math.max(...Object.values(perStep)),
    goalMs: 50,
    requestsPerStep: requests,
    runs: Math.max(1, runs - 1),
  };
}

export async function measureDatabase(options: { speed?: number; runs?: number; trackRuns?: number } = {}) {
  const speed = options.speed ?? 60;
  log('database: warm-up (track 2 at instant speed)');
  for (let i = 0; i < 3; i++) {
    const warm = await startLab('instant', { seeded: true });
    await runTrack('2', withPassword(warm.ctx)).finally(() => warm.close());
  }
  const track = [];
  for (let i = 0; i < (options.trackRuns ?? 3); i++) {
    log(`database: track 2 at speed ${speed} (${i + 1})`);
    track.push(await trackAtSpeed(speed));
  }
  track.sort((a, b) => a.ratio - b.ratio);
  const middle = track[Math.floor(track.length / 2)];
  log('database: each step at instant speed');
  const overhead = await overheadPerStep(options.runs ?? 4);
  return {
    track2: { ...middle, ratios: track.map((t) => t.ratio), everyCheckPassed: track.every((t) => t.everyCheckPassed) },
    criticalPath: criticalPath().parts,
    overhead,
  };
}

if (require.main === module) {
  measureDatabase().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
