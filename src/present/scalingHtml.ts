// The live Auto Scaling page (3.4, or "Watch Auto Scaling" at any time): a summary of now — the group's CPU, the
// alarms' states, desired and in-service instances, the load's rate, the latest activity in AWS's own words —
// above the chart of how it got there (scalingChart.ts). Pure HTML built here; the webview only shows it.
import type { ScalingExercise, ScalingTimeline, SelfHealing } from '../lab/scaling/samples';
import { escapeHtml, livePageHtml } from './html';
import { scalingChartModel, scalingChartSvg, type ChartWords } from './scalingChart';
import type { Translate } from './translate';

export interface ScalingWords {
  readonly title: string;
  readonly subtitle: string;
  readonly chart: ChartWords;
  readonly cpuNow: (percent: string) => string;
  readonly noCpu: string;
  readonly capacityNow: (desired: number, inService: number, min: number, max: number) => string;
  readonly rate: (rps: string) => string;
  readonly latestActivity: string;
  readonly live: string;
  readonly done: string;
  readonly waiting: string;
}

export interface ScalingView {
  readonly timeline: ScalingTimeline;
  /** True while the watch still samples. */
  readonly live: boolean;
  /** A line under the chart (3.4: what the run is waiting for, then the times it measured). */
  readonly note?: string;
}

export function scalingWords(t: Translate, groupName: string): ScalingWords {
  return {
    title: t('Auto Scaling: {0}', groupName),
    subtitle: t('The group’s average CPU, its alarms, and its instances as they come and go'),
    chart: {
      cpu: t('Average CPU utilization (%)'),
      alarms: t('Alarms'),
      capacity: t('Instances: desired and in service'),
      desired: t('desired'),
      inService: t('in service'),
      instances: t('Each instance (Pending → InService → Terminating)'),
      requests: t('Requests per second'),
      high: (v) => t('scale out above {0} %', v),
      low: (v) => t('scale in below {0} %', v),
      target: (v) => t('target {0} %', v),
      elapsed: (s) => (s < 120 ? t('{0} s', s) : t('{0} min {1} s', Math.floor(s / 60), s % 60)),
    },
    cpuNow: (p) => t('CPU {0} %', p),
    noCpu: t('CPU: no data yet'),
    capacityNow: (d, i, min, max) => t('desired {0} · in service {1} (min {2}, max {3})', d, i, min, max),
    rate: (r) => t('{0} requests/s', r),
    latestActivity: t('Latest activity'),
    live: t('watching…'),
    done: t('done'),
    waiting: t('Waiting for the first sample…'),
  };
}

export function scalingSummaryHtml(view: ScalingView, words: ScalingWords): string {
  const last = view.timeline.samples.at(-1);
  if (!last) return `<div class="empty">${escapeHtml(words.waiting)}</div>`;
  const cpu = last.cpuAverage === undefined ? words.noCpu : words.cpuNow(last.cpuAverage.toFixed(1));
  const alarms = last.alarms
    .map(
      (a) =>
        `<span class="chip ${a.state}" title="${escapeHtml(`${a.comparison} ${a.threshold}`)}">${escapeHtml(a.name)}: ${escapeHtml(a.state)}</span>`,
    )
    .join('');
  const parts = [
    `<strong class="cpu-now">${escapeHtml(cpu)}</strong>`,
    `<span>${escapeHtml(words.capacityNow(last.desired, last.inService, last.min, last.max))}</span>`,
    last.requestsPerSecond !== undefined
      ? `<span class="rate">${escapeHtml(words.rate(last.requestsPerSecond.toFixed(1)))}</span>`
      : '',
    `<span class="state">${escapeHtml(view.live ? words.live : words.done)}</span>`,
  ];
  // The activity is AWS's own sentence: shown as it is, never translated.
  const activity = last.activity
    ? `<div class="activity"><span class="what">${escapeHtml(words.latestActivity)}:</span> ${escapeHtml(last.activity)}</div>`
    : '';
  return `<div class="summary">${parts.join('')}</div><div class="alarms">${alarms}</div>${activity}`;
}

export function scalingChartHtml(view: ScalingView, words: ScalingWords): string {
  if (view.timeline.samples.length === 0) return '';
  return scalingChartSvg(scalingChartModel(view.timeline), words.chart);
}

const STYLE = `
  body { max-width: 900px; }
  .summary { display: flex; gap: 18px; flex-wrap: wrap; align-items: baseline; margin-bottom: 6px; }
  .cpu-now { font-size: 1.4em; font-variant-numeric: tabular-nums; }
  .state { color: var(--vscode-descriptionForeground); font-style: italic; }
  .alarms { display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 6px; }
  .chip { border-radius: 3px; padding: 1px 6px; border: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.4)); }
  .chip.ALARM { border-color: var(--vscode-charts-red); color: var(--vscode-charts-red); }
  .chip.OK { border-color: var(--vscode-charts-green); }
  .activity { color: var(--vscode-descriptionForeground); margin-bottom: 10px; word-break: break-word; }
  .activity .what { font-weight: 600; }
  .note { margin-top: 10px; color: var(--vscode-descriptionForeground); }
  svg.chart text { fill: var(--vscode-foreground); font-size: 11px; }
  svg.chart .heading { font-weight: 600; }
  svg.chart .tick, svg.chart .label { fill: var(--vscode-descriptionForeground); }
  svg.chart text.label { font-size: 10px; }
  svg.chart .frame { fill: var(--vscode-editorWidget-background, rgba(128,128,128,0.08)); stroke: var(--vscode-widget-border, rgba(128,128,128,0.4)); }
  svg.chart .cpu { fill: none; stroke: var(--vscode-charts-blue); stroke-width: 2; }
  svg.chart .cpu-dot { fill: var(--vscode-charts-blue); }
  svg.chart line.high { stroke: var(--vscode-charts-red); stroke-dasharray: 5 3; }
  svg.chart line.low { stroke: var(--vscode-charts-green); stroke-dasharray: 5 3; }
  svg.chart line.target { stroke: var(--vscode-charts-orange); stroke-dasharray: 5 3; }
  svg.chart text.high { fill: var(--vscode-charts-red); }
  svg.chart text.low { fill: var(--vscode-charts-green); }
  svg.chart text.target { fill: var(--vscode-charts-orange); }
  svg.chart .alarm.OK { fill: var(--vscode-charts-green); opacity: 0.55; }
  svg.chart .alarm.ALARM { fill: var(--vscode-charts-red); }
  svg.chart .alarm.INSUFFICIENT_DATA { fill: var(--vscode-descriptionForeground); opacity: 0.4; }
  svg.chart .bound { stroke: var(--vscode-descriptionForeground); stroke-dasharray: 2 3; opacity: 0.6; }
  svg.chart .desired { fill: none; stroke: var(--vscode-charts-purple); stroke-width: 2; stroke-dasharray: 6 3; }
  svg.chart .in-service { fill: none; stroke: var(--vscode-charts-green); stroke-width: 2; }
  svg.chart .desired-label { fill: var(--vscode-charts-purple); }
  svg.chart .in-service-label { fill: var(--vscode-charts-green); }
  svg.chart .lane.pending { fill: var(--vscode-charts-yellow); }
  svg.chart .lane.inService { fill: var(--vscode-charts-green); }
  svg.chart .lane.terminating { fill: var(--vscode-charts-orange); }
  svg.chart .lane.standby, svg.chart .lane.other { fill: var(--vscode-descriptionForeground); opacity: 0.5; }
  svg.chart .lane.unhealthy { fill: var(--vscode-charts-red); }
  svg.chart .rps { fill: none; stroke: var(--vscode-charts-orange); stroke-width: 1.5; }`;

export function scalingPageHtml(view: ScalingView, words: ScalingWords, nonce: string, cspSource: string): string {
  return livePageHtml({
    title: words.title,
    nonce,
    cspSource,
    style: STYLE,
    body: [
      `<h1>${escapeHtml(words.title)}</h1>`,
      `<div class="sub">${escapeHtml(words.subtitle)}</div>`,
      `<div id="summary">${scalingSummaryHtml(view, words)}</div>`,
      `<div id="chart">${scalingChartHtml(view, words)}</div>`,
      `<div class="note" id="note">${escapeHtml(view.note ?? '')}</div>`,
    ].join('\n'),
    htmlRegions: ['summary', 'chart'],
    textRegions: ['note'],
  });
}

/** The message that updates a shown page (HTML built and escaped here, never in the page). */
export function scalingUpdate(
  view: ScalingView,
  words: ScalingWords,
): { summary: string; chart: string; note: string } {
  return { summary: scalingSummaryHtml(view, words), chart: scalingChartHtml(view, words), note: view.note ?? '' };
}

/**
 * The line under the chart once 3.4 or 3.5 is done: what the run measured, in seconds from the load's start (and
 * from its stop for the scale-in), or how long the group took to replace the instance terminated by hand.
 */
export function scalingNote(
  outcome: { readonly scaling?: ScalingExercise; readonly healing?: SelfHealing },
  t: Translate,
): string | undefined {
  const e = outcome.scaling;
  if (e) {
    const parts = [
      e.alarmSeconds !== undefined ? t('alarm in ALARM after {0} s', e.alarmSeconds) : undefined,
      e.scaledOutSeconds !== undefined
        ? t('desired {0} → {1} after {2} s', e.desiredBefore, e.desiredPeak, e.scaledOutSeconds)
        : undefined,
      e.healthySeconds !== undefined ? t('the new instance healthy after {0} s', e.healthySeconds) : undefined,
      e.scaledInSeconds !== undefined ? t('scaled in {0} s after the load stopped', e.scaledInSeconds) : undefined,
    ].filter((p): p is string => p !== undefined);
    return t('From the load’s start: {0}.', parts.join(', '));
  }
  const h = outcome.healing;
  if (h)
    return t(
      '{0} was terminated; the group replaced it with {1} in {2} s.',
      h.terminatedId,
      h.replacementId ?? '?',
      h.healSeconds,
    );
  return undefined;
}
