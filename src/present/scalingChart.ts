// The live Auto Scaling chart as a model and an SVG: from a ScalingTimeline (the watch's samples) to the group's
// average CPU with the alarm thresholds, each alarm's state as a band, desired and in-service counts as steps,
// one lane per instance (Pending → InService → Terminating, coloured by lifecycle and health) and the load's
// requests per second. Pure: the SVG is built here from numbers and already translated words; the page
// (scalingHtml.ts) only shows it. Colours are classes, so the theme decides them and no inline style is needed.
import type { AlarmState, ScalingSample, ScalingTimeline } from '../lab/scaling/samples';
import { escapeHtml } from './html';

/** How an instance's lane looks at a moment. */
export type LaneTone = 'pending' | 'inService' | 'terminating' | 'standby' | 'unhealthy' | 'other';

export interface Band<S> {
  readonly from: number;
  readonly to: number;
  readonly state: S;
}

export interface Lane {
  readonly id: string;
  readonly az: string;
  readonly bands: readonly Band<{ readonly lifecycle: string; readonly health: string; readonly tone: LaneTone }>[];
}

export interface ScalingChartModel {
  /** Epoch ms of the chart's left and right edges. */
  readonly from: number;
  readonly to: number;
  /** Epoch ms of the last sample (its values are held from there to `to`). */
  readonly lastAt: number;
  /** The CPU line, split where no datapoint came (a group with no instance has no average). */
  readonly cpu: readonly (readonly { readonly at: number; readonly value: number }[])[];
  readonly thresholds: ScalingTimeline['thresholds'];
  readonly alarms: readonly { readonly name: string; readonly bands: readonly Band<AlarmState>[] }[];
  readonly desired: readonly Band<number>[];
  readonly inService: readonly Band<number>[];
  /** The capacity axis' top: the group's max (or more, if a sample went above it). */
  readonly capacityTop: number;
  readonly min?: number;
  readonly max?: number;
  /** In the order they first appeared. */
  readonly lanes: readonly Lane[];
  /** Absent when no load generator ran. */
  readonly rps?: { readonly bands: readonly Band<number>[]; readonly top: number };
}

export function laneTone(lifecycle: string, health: string): LaneTone {
  if (health.toLowerCase() === 'unhealthy') return 'unhealthy';
  if (lifecycle.startsWith('Pending') || lifecycle.startsWith('Warmed')) return 'pending';
  if (lifecycle === 'InService') return 'inService';
  if (lifecycle.startsWith('Terminating') || lifecycle.startsWith('Detach')) return 'terminating';
  if (lifecycle.startsWith('Standby') || lifecycle.startsWith('Entering')) return 'standby';
  return 'other';
}

/**
 * Each sample's state lasts until the next one; the last one for as long as the gap before it (1 s when it is the
 * only one). Not at least 1 s: the practice account samples several times a second, and a whole cycle takes a few
 * seconds, so a second more would leave a third of the chart empty after the CPU line.
 */
function ends(samples: readonly ScalingSample[]): number[] {
  const tail = samples.length > 1 ? samples.at(-1)!.at - samples.at(-2)!.at : 1000;
  return samples.map((s, i) => samples[i + 1]?.at ?? s.at + Math.max(1, tail));
}

/** Runs of the same value merged into bands (undefined: nothing drawn there). */
function bands<S>(samples: readonly ScalingSample[], value: (s: ScalingSample) => S | undefined, same = Object.is) {
  const to = ends(samples);
  const out: { from: number; to: number; state: S }[] = [];
  samples.forEach((s, i) => {
    const v = value(s);
    if (v === undefined) return;
    const last = out.at(-1);
    if (last && last.to === s.at && same(last.state, v)) last.to = to[i]!;
    else out.push({ from: s.at, to: to[i]!, state: v });
  });
  return out;
}

export function scalingChartModel(timeline: ScalingTimeline): ScalingChartModel {
  const samples = [...timeline.samples].sort((a, b) => a.at - b.at);
  const to = ends(samples);
  const from = samples[0]?.at ?? 0;
  const cpu: { at: number; value: number }[][] = [];
  let run: { at: number; value: number }[] | undefined;
  for (const s of samples) {
    if (s.cpuAverage === undefined) run = undefined;
    else {
      if (!run) cpu.push((run = []));
      run.push({ at: s.at, value: Math.min(100, Math.max(0, s.cpuAverage)) });
    }
  }
  const alarmNames = [...new Set(samples.flatMap((s) => s.alarms.map((a) => a.name)))];
  const alarms = alarmNames.map((name) => ({
    name,
    bands: bands(samples, (s) => s.alarms.find((a) => a.name === name)?.state),
  }));
  const laneIds: string[] = [];
  for (const s of samples) for (const i of s.instances) if (!laneIds.includes(i.id)) laneIds.push(i.id);
  const lanes = laneIds.map((id) => {
    // The AZ it was last seen in (an instance never moves, but the first sample may not know it yet).
    const az = samples
      .map((s) => s.instances.find((i) => i.id === id)?.az)
      .filter(Boolean)
      .at(-1);
    return {
      id,
      az: az ?? '',
      bands: bands(
        samples,
        (s) => {
          const i = s.instances.find((x) => x.id === id);
          return i ? { lifecycle: i.lifecycle, health: i.health, tone: laneTone(i.lifecycle, i.health) } : undefined;
        },
        (a, b) => a.lifecycle === b.lifecycle && a.health === b.health,
      ),
    };
  });
  const last = samples.at(-1);
  const peak = Math.max(0, ...samples.flatMap((s) => [s.desired, s.inService, s.max]));
  const rpsSeen = samples.some((s) => s.requestsPerSecond !== undefined);
  const rpsTop = Math.max(1, ...samples.map((s) => s.requestsPerSecond ?? 0));
  return {
    from,
    to: to.at(-1) ?? from + 1000,
    lastAt: last?.at ?? from,
    cpu,
    thresholds: timeline.thresholds,
    alarms,
    desired: bands(samples, (s) => s.desired),
    inService: bands(samples, (s) => s.inService),
    capacityTop: Math.max(1, peak),
    ...(last ? { min: last.min, max: last.max } : {}),
    lanes,
    ...(rpsSeen ? { rps: { bands: bands(samples, (s) => s.requestsPerSecond), top: niceTop(rpsTop) } } : {}),
  };
}

/** 1, 2, 5 × 10ⁿ at or above `v`: an axis top a student reads at a glance. */
export function niceTop(v: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(v, 1e-9)));
  return [1, 2, 5, 10].map((m) => m * p).find((x) => x >= v) ?? 10 * p;
}

/** The chart's labels, translated by the caller. */
export interface ChartWords {
  readonly cpu: string;
  readonly alarms: string;
  readonly capacity: string;
  readonly desired: string;
  readonly inService: string;
  readonly instances: string;
  readonly requests: string;
  readonly high: (v: string) => string;
  readonly low: (v: string) => string;
  readonly target: (v: string) => string;
  readonly elapsed: (seconds: number) => string;
}

const W = 860;
/** Wide enough for a lane's "i-0123456789abcdef0 · ap-northeast-1a" at the labels' 10 px. */
const GUTTER = 230;
const PLOT = W - GUTTER - 10;
const CPU_H = 130;
const STRIP_H = 14;
const CAP_H = 80;
const RPS_H = 60;

const f = (n: number) => (Math.round(n * 10) / 10).toString();

/** The chart as one SVG (viewBox-scaled to the page's width). */
export function scalingChartSvg(m: ScalingChartModel, words: ChartWords): string {
  const span = Math.max(1000, m.to - m.from);
  const x = (at: number) => GUTTER + ((at - m.from) / span) * PLOT;
  const parts: string[] = [];
  let y = 4;
  const label = (text: string, yy: number, cls = 'label') =>
    parts.push(`<text class="${cls}" x="${GUTTER - 8}" y="${f(yy)}" text-anchor="end">${escapeHtml(text)}</text>`);
  const heading = (text: string) => {
    parts.push(`<text class="heading" x="0" y="${f(y + 11)}">${escapeHtml(text)}</text>`);
    // Below the heading's line: the axis' top label (100 %) must not run into it.
    y += 22;
  };

  // CPU, 0-100 %, with the thresholds the alarms (or the target) use.
  heading(words.cpu);
  const cpuY = (v: number) => y + CPU_H - (v / 100) * CPU_H;
  parts.push(`<rect class="frame" x="${GUTTER}" y="${f(y)}" width="${PLOT}" height="${CPU_H}"/>`);
  for (const v of [0, 50, 100]) label(`${v} %`, cpuY(v) + 4, 'tick');
  const line = (v: number | undefined, cls: string, text: (s: string) => string) => {
    if (v === undefined) return;
    parts.push(`<line class="${cls}" x1="${GUTTER}" x2="${GUTTER + PLOT}" y1="${f(cpuY(v))}" y2="${f(cpuY(v))}"/>`);
    parts.push(
      `<text class="threshold-label ${cls}" x="${GUTTER + PLOT - 4}" y="${f(cpuY(v) - 3)}" text-anchor="end">${escapeHtml(text(f(v)))}</text>`,
    );
  };
  line(m.thresholds.high, 'high', words.high);
  line(m.thresholds.low, 'low', words.low);
  line(m.thresholds.target, 'target', words.target);
  // The last sample's value held to the right edge, as the strips and steps hold theirs (when it has one).
  for (const run of m.cpu) {
    const end = run.at(-1);
    const held = end && end.at === m.lastAt ? [...run, { at: m.to, value: end.value }] : run;
    const pts = held.map((p) => `${f(x(p.at))},${f(cpuY(p.value))}`).join(' ');
    parts.push(
      run.length === 1
        ? `<circle class="cpu-dot" cx="${f(x(run[0]!.at))}" cy="${f(cpuY(run[0]!.value))}" r="2.5"/>`
        : `<polyline class="cpu" points="${pts}"/>`,
    );
  }
  y += CPU_H + 10;

  // Each alarm's state over time, one strip each.
  if (m.alarms.length > 0) {
    heading(words.alarms);
    for (const a of m.alarms) {
      label(a.name, y + 11);
      for (const b of a.bands)
        parts.push(
          `<rect class="alarm ${b.state}" x="${f(x(b.from))}" y="${f(y)}" width="${f(x(b.to) - x(b.from))}" height="${STRIP_H - 2}"><title>${escapeHtml(`${a.name}: ${b.state}`)}</title></rect>`,
        );
      y += STRIP_H;
    }
    y += 8;
  }

  // Desired and in-service counts as steps, the group's min and max as faint lines.
  heading(words.capacity);
  const capY = (v: number) => y + CAP_H - (v / m.capacityTop) * CAP_H;
  parts.push(`<rect class="frame" x="${GUTTER}" y="${f(y)}" width="${PLOT}" height="${CAP_H}"/>`);
  for (const v of new Set([0, m.min ?? 0, m.max ?? m.capacityTop])) {
    label(String(v), capY(v) + 4, 'tick');
    if (v > 0)
      parts.push(`<line class="bound" x1="${GUTTER}" x2="${GUTTER + PLOT}" y1="${f(capY(v))}" y2="${f(capY(v))}"/>`);
  }
  parts.push(stepLine(m.desired, 'desired', x, capY), stepLine(m.inService, 'in-service', x, capY));
  // The legend on the heading's line, right-aligned: inside the frame it would cover the steps it names.
  parts.push(
    `<text class="legend desired-label" x="${GUTTER + PLOT - 90}" y="${f(y - 11)}" text-anchor="end">${escapeHtml(words.desired)}</text>`,
    `<text class="legend in-service-label" x="${GUTTER + PLOT}" y="${f(y - 11)}" text-anchor="end">${escapeHtml(words.inService)}</text>`,
  );
  y += CAP_H + 10;

  // One lane per instance, its lifecycle as coloured bands, its AZ beside its id.
  if (m.lanes.length > 0) {
    heading(words.instances);
    for (const lane of m.lanes) {
      label(lane.az ? `${lane.id} · ${lane.az}` : lane.id, y + 11);
      for (const b of lane.bands)
        parts.push(
          `<rect class="lane ${b.state.tone}" x="${f(x(b.from))}" y="${f(y)}" width="${f(x(b.to) - x(b.from))}" height="${STRIP_H - 2}"><title>${escapeHtml(`${lane.id}: ${b.state.lifecycle} · ${b.state.health}`)}</title></rect>`,
        );
      y += STRIP_H;
    }
    y += 8;
  }

  // The load's requests per second.
  if (m.rps) {
    heading(words.requests);
    const top = m.rps.top;
    const rpsY = (v: number) => y + RPS_H - (v / top) * RPS_H;
    parts.push(`<rect class="frame" x="${GUTTER}" y="${f(y)}" width="${PLOT}" height="${RPS_H}"/>`);
    for (const v of [0, top]) label(String(v), rpsY(v) + 4, 'tick');
    parts.push(stepLine(m.rps.bands, 'rps', x, rpsY));
    y += RPS_H + 10;
  }

  // The time axis: seconds since the first sample (with tenths when the whole chart is a few seconds).
  const tenths = span < 10_000;
  for (const share of [0, 0.5, 1]) {
    const at = m.from + share * span;
    const anchor = share === 0 ? 'start' : share === 1 ? 'end' : 'middle';
    const seconds = tenths ? Math.round((at - m.from) / 100) / 10 : Math.round((at - m.from) / 1000);
    parts.push(
      `<text class="tick" x="${f(x(at))}" y="${f(y + 10)}" text-anchor="${anchor}">${escapeHtml(words.elapsed(seconds))}</text>`,
    );
  }
  y += 16;
  return `<svg class="chart" viewBox="0 0 ${W} ${f(y)}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

/** A count held from one sample to the next, drawn as steps. */
function stepLine(bs: readonly Band<number>[], cls: string, x: (at: number) => number, y: (v: number) => number) {
  if (bs.length === 0) return '';
  const pts = bs.flatMap((b) => [`${f(x(b.from))},${f(y(b.state))}`, `${f(x(b.to))},${f(y(b.state))}`]);
  return `<polyline class="${cls}" points="${pts.join(' ')}"/>`;
}
