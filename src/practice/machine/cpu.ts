// The instances' simulated CPUUtilization (Contract 4): an idle floor, the HTTP requests each serves (web.ts counts
// them), and the burners started in its shell (shellLoad.ts), capped at 100 %, per minute of scaled time. The
// records keep only what the model needs to answer for the past: request counts in small buckets, burners with
// their start and end, and when each instance ran, all bounded to about three hours of scaled time.
import { CONTINUOUS_SPEED_WHEN_INSTANT } from '../core/constants';
import type { BurnerRecord, CpuRecord, InstanceRecord, RegionState } from '../core/records';
import type { Clock } from '../core/world';
import { INSTANCE_TYPES } from '../ec2/instanceTypes';

/** How much of one (≤ 2 vCPU) instance a request per second of wall time uses: ~20/s is ~80 % with the idle floor. */
export const CPU_PERCENT_PER_REQUEST_PER_SECOND = 3.9;
/** The tag Auto Scaling puts on its instances (the group's metric averages them). */
export const GROUP_TAG = 'aws:autoscaling:groupName';
/** Scaled time kept. */
const RETAIN_SCALED_MS = 3 * 3600_000;
/** A request bucket spans this much scaled time. */
const BUCKET_SCALED_MS = 5_000;

/** The speed periodic machinery runs at ('instant' is finite: periods never collapse to zero). */
export function continuousSpeed(clock: Pick<Clock, 'speed'>): number {
  return clock.speed === 'instant' ? CONTINUOUS_SPEED_WHEN_INSTANT : clock.speed;
}

/** Wall milliseconds that `awsSeconds` of scaled time last. */
export function scaledMs(awsSeconds: number, clock: Pick<Clock, 'speed'>): number {
  return (awsSeconds * 1000) / continuousSpeed(clock);
}

export function cpuOf(region: RegionState): CpuRecord {
  return (region.cpu ??= { requests: {}, burners: [], runs: {}, nextPid: 2400 });
}

/** One served request (direct or through a load balancer), counted for the instance that served it. */
export function countRequest(region: RegionState, instanceId: string, at: Date, clock: Clock): void {
  const width = scaledMs(BUCKET_SCALED_MS / 1000, clock);
  const start = Math.floor(at.getTime() / width) * width;
  const buckets = (cpuOf(region).requests[instanceId] ??= []);
  const last = buckets[buckets.length - 1];
  if (last && last[0] === start) last[1]++;
  else buckets.push([start, 1]);
}

function vcpusOf(instance: InstanceRecord): number {
  return INSTANCE_TYPES.find((t) => t.name === instance.type)?.vcpus ?? 1;
}

/** When the instance ran: the advancer's observations, else (never observed) since its launch if running now. */
function runsOf(region: RegionState, instance: InstanceRecord, now: number): [number, number][] {
  const seen = region.cpu?.runs[instance.id];
  const runs: [number, number][] = (seen ?? []).map(([from, to]) => [from, to ?? now]);
  if (!seen?.length && instance.state === 'running') runs.push([Date.parse(instance.launchTime), now]);
  return runs;
}

/** Records when instances start and stop running, ends the burners of instances no longer running, prunes. */
export function observeInstances(region: RegionState, now: Date, clock: Clock): boolean {
  const cpu = region.cpu;
  if (!cpu && !region.instances.some((i) => i.state === 'running')) return false;
  const state = cpuOf(region);
  const at = now.getTime();
  let changed = !cpu;
  const byId = new Map(region.instances.map((i) => [i.id, i]));
  for (const instance of region.instances) {
    const runs = (state.runs[instance.id] ??= []);
    const last = runs[runs.length - 1];
    const open = last !== undefined && last[1] === undefined;
    if (instance.state === 'running' && !open) {
      const launched = Date.parse(instance.launchTime);
      runs.push([Math.min(at, Math.max(launched, last?.[1] ?? 0)), undefined]);
      changed = true;
    } else if (instance.state !== 'running' && open) {
      last[1] = at;
      changed = true;
    }
  }
  for (const [id, runs] of Object.entries(state.runs)) {
    const last = runs[runs.length - 1];
    if (!byId.has(id) && last && last[1] === undefined) {
      last[1] = at;
      changed = true;
    }
  }
  for (const burner of state.burners) {
    if (burner.endedAt === undefined && byId.get(burner.instanceId)?.state !== 'running') {
      burner.endedAt = at; // a burner dies with its instance (stop, terminate)
      changed = true;
    }
  }
  return prune(state, at - scaledMs(RETAIN_SCALED_MS / 1000, clock)) || changed;
}

function prune(cpu: CpuRecord, before: number): boolean {
  let changed = false;
  for (const [id, buckets] of Object.entries(cpu.requests)) {
    const keep = buckets.findIndex(([start]) => start >= before);
    if (keep === 0) continue;
    changed = true;
    if (keep < 0) delete cpu.requests[id];
    else buckets.splice(0, keep);
  }
  for (const [id, runs] of Object.entries(cpu.runs)) {
    const kept = runs.filter(([, to]) => to === undefined || to >= before);
    if (kept.length === runs.length) continue;
    changed = true;
    if (kept.length) cpu.runs[id] = kept;
    else delete cpu.runs[id];
  }
  const burners = cpu.burners.filter((b) => b.endedAt === undefined || b.endedAt >= before);
  if (burners.length !== cpu.burners.length) {
    cpu.burners = burners;
    changed = true;
  }
  return changed;
}

/** A deterministic 0..1 from an instance and a minute: the idle floor's noise, the same on every read. */
function noise(instanceId: string, minute: number): number {
  let h = 2166136261 ^ minute;
  for (let i = 0; i < instanceId.length; i++) h = Math.imul(h ^ instanceId.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return ((h ^ (h >>> 15)) >>> 0) / 0x1_0000_0000;
}

function overlap(a: number, b: number, from: number, to: number): number {
  return Math.max(0, Math.min(b, to) - Math.max(a, from));
}

/** The CPU (%) over the wall window [from, to): idle + requests + burners, capped at 100. */
function windowCpu(region: RegionState, instance: InstanceRecord, from: number, to: number, now: number): number {
  const vcpus = vcpusOf(instance);
  const seconds = (to - from) / 1000;
  let requests = 0;
  for (const [start, count] of region.cpu?.requests[instance.id] ?? [])
    if (start >= from && start < to) requests += count;
  let busy = 0;
  for (const b of region.cpu?.burners ?? []) {
    if (b.instanceId === instance.id)
      busy += (b.vcpus * overlap(b.startedAt, b.endedAt ?? now, from, to)) / (to - from);
  }
  const idle = 1 + 2 * noise(instance.id, Math.floor(from / 1000));
  const perRequest = (CPU_PERCENT_PER_REQUEST_PER_SECOND * 2) / Math.max(2, vcpus);
  const load = idle + (seconds > 0 ? (requests / seconds) * perRequest : 0) + (100 * Math.min(busy, vcpus)) / vcpus;
  return Math.min(100, Math.round(load * 100) / 100);
}

export interface CpuSample {
  /** The minute's start (epoch ms, wall). */
  at: number;
  value: number;
}

/** The instance's per-minute (scaled) CPU samples whose minutes start in [from, to) and have ended by `now`. */
export function instanceSamples(
  region: RegionState,
  instance: InstanceRecord,
  from: number,
  to: number,
  now: number,
  clock: Clock,
): CpuSample[] {
  const minute = scaledMs(60, clock);
  const runs = runsOf(region, instance, now);
  if (!runs.length) return [];
  const out: CpuSample[] = [];
  // Nothing older than the model keeps (and a bounded loop, whatever the asked range).
  const earliest = Math.max(from, runs[0]![0] - minute, now - scaledMs(RETAIN_SCALED_MS / 1000, clock));
  for (let m = Math.ceil(earliest / minute); m * minute < to && (m + 1) * minute <= now; m++) {
    const start = m * minute;
    const middle = start + minute / 2;
    // An instance has a datapoint for a minute it ran through the middle of (a partial minute still reports).
    if (!runs.some(([a, b]) => a <= middle && b > middle)) continue;
    out.push({ at: start, value: windowCpu(region, instance, start, start + minute, now) });
  }
  return out;
}

/** The instances of an Auto Scaling group (tagged by Auto Scaling, as on AWS). */
export function groupInstances(region: RegionState, groupName: string): InstanceRecord[] {
  return region.instances.filter((i) => i.tags[GROUP_TAG] === groupName);
}

/** An instance's CPU (%) over the minute of scaled time before `at`; undefined when it was not running. */
export function instanceCpu(region: RegionState, instanceId: string, at: Date, clock: Clock): number | undefined {
  const instance = region.instances.find((i) => i.id === instanceId);
  if (!instance) return undefined;
  const end = at.getTime();
  const runs = runsOf(region, instance, end);
  if (!runs.some(([a, b]) => a < end && b >= end)) return undefined;
  return windowCpu(region, instance, end - scaledMs(60, clock), end, end);
}

/** The load average over the last `minutes` of scaled time (busy vCPUs: burners and requests), as uptime shows it. */
export function instanceLoad(
  region: RegionState,
  instanceId: string,
  at: Date,
  minutes: number,
  clock: Pick<Clock, 'speed'>,
): number {
  const instance = region.instances.find((i) => i.id === instanceId);
  if (!instance || instance.state !== 'running') return 0;
  const end = at.getTime();
  const from = Math.max(end - scaledMs(60 * minutes, clock), Date.parse(instance.launchTime));
  if (from >= end) return 0;
  return (windowCpu(region, instance, from, end, end) * vcpusOf(instance)) / 100;
}

export interface CpuDatapoint {
  /** The period's start (epoch ms, wall). */
  at: number;
  average: number;
  minimum: number;
  maximum: number;
  sum: number;
  sampleCount: number;
  samples: number[];
}

/** Samples grouped into periods of `period` seconds of scaled time, aligned on the epoch; empty periods absent. */
export function aggregate(samples: readonly CpuSample[], period: number, clock: Clock): CpuDatapoint[] {
  const width = scaledMs(period, clock);
  const buckets = new Map<number, number[]>();
  for (const s of samples) {
    const start = Math.floor(s.at / width + 1e-9) * width;
    let values = buckets.get(start);
    if (!values) buckets.set(start, (values = []));
    values.push(s.value);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, values]) => {
      const sum = values.reduce((a, b) => a + b, 0);
      return {
        at,
        average: sum / values.length,
        minimum: Math.min(...values),
        maximum: Math.max(...values),
        sum,
        sampleCount: values.length,
        samples: values,
      };
    });
}

/** The group's CPU per period over [from, to): every running member's minute samples, as AWS/EC2 aggregates them. */
export function groupCpu(
  region: RegionState,
  groupName: string,
  from: Date,
  to: Date,
  period: number,
  clock: Clock,
): CpuDatapoint[] {
  const now = clock.now().getTime();
  const samples = groupInstances(region, groupName).flatMap((i) =>
    instanceSamples(region, i, from.getTime(), to.getTime(), now, clock),
  );
  return aggregate(samples, period, clock);
}

// ---- burners ---------------------------------------------------------------------------------------

/** Starts a burner (its pid from the region's counter). */
export function startBurner(
  region: RegionState,
  spec: { instanceId: string; command: string; vcpus: number; job?: number; now: Date; awsSeconds?: number },
  clock: Pick<Clock, 'speed'>,
): BurnerRecord {
  const cpu = cpuOf(region);
  const at = spec.now.getTime();
  const burner: BurnerRecord = {
    instanceId: spec.instanceId,
    pid: cpu.nextPid++,
    command: spec.command,
    vcpus: spec.vcpus,
    startedAt: at,
    ...(spec.job !== undefined ? { job: spec.job } : {}),
    ...(spec.awsSeconds !== undefined ? { endedAt: at + scaledMs(spec.awsSeconds, clock) } : {}),
  };
  cpu.burners.push(burner);
  return burner;
}

/** The instance's burners still running at `now`. */
export function liveBurners(region: RegionState, instanceId: string, now: Date): BurnerRecord[] {
  const at = now.getTime();
  return (region.cpu?.burners ?? []).filter(
    (b) => b.instanceId === instanceId && b.startedAt <= at && (b.endedAt === undefined || b.endedAt > at),
  );
}

export function endBurner(burner: BurnerRecord, now: Date): void {
  burner.endedAt = now.getTime();
}
