// The live Auto Scaling chart: a hand-made scale-out and scale-in (load → CPU over 70 → the high alarm in ALARM →
// desired 3 → a third instance Pending → InService; load stopped → the low alarm → one instance Terminating, gone)
// read as the model a student sees, and as the page in English and Japanese.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ScalingInstanceSample, ScalingSample, ScalingTimeline } from '../../../src/lab/scaling/samples';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { laneTone, niceTop, scalingChartModel } from '../../../src/present/scalingChart';
import { scalingNote, scalingPageHtml, scalingUpdate, scalingWords } from '../../../src/present/scalingHtml';

const GROUP = 'WebServer-ASG';
const T0 = Date.parse('2026-12-02T06:00:00Z');
const inService = (id: string, az: string): ScalingInstanceSample => ({
  id,
  az,
  lifecycle: 'InService',
  health: 'Healthy',
  targetHealth: 'healthy',
});
const a = inService('i-0aaa', 'ap-northeast-1a');
const c = inService('i-0ccc', 'ap-northeast-1c');

function sample(
  s: number,
  cpu: number | undefined,
  high: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
  low: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
  desired: number,
  instances: ScalingInstanceSample[],
  extra: Partial<ScalingSample> = {},
): ScalingSample {
  return {
    at: T0 + s * 1000,
    ...(cpu !== undefined ? { cpuAverage: cpu } : {}),
    alarms: [
      { name: `${GROUP}-CPU-High`, state: high, threshold: 70, comparison: 'GreaterThanThreshold' },
      { name: `${GROUP}-CPU-Low`, state: low, threshold: 30, comparison: 'LessThanThreshold' },
    ],
    desired,
    inService: instances.filter((i) => i.lifecycle === 'InService').length,
    min: 2,
    max: 4,
    instances,
    ...extra,
  };
}

const third = (lifecycle: string, health = 'Healthy'): ScalingInstanceSample => ({
  id: 'i-0new',
  az: 'ap-northeast-1a',
  lifecycle,
  health,
});

const timeline: ScalingTimeline = {
  groupName: GROUP,
  thresholds: { high: 70, low: 30 },
  samples: [
    sample(0, undefined, 'INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 2, [a, c]),
    sample(10, 2.1, 'OK', 'ALARM', 2, [a, c], { requestsPerSecond: 0 }),
    sample(20, 85.3, 'ALARM', 'OK', 2, [a, c], { requestsPerSecond: 40 }),
    sample(30, 88, 'ALARM', 'OK', 3, [a, c, third('Pending')], {
      requestsPerSecond: 41,
      activity: 'Launching a new EC2 instance: i-0new',
    }),
    sample(40, 60, 'OK', 'OK', 3, [a, c, third('InService')], { requestsPerSecond: 40 }),
    sample(50, 3, 'OK', 'ALARM', 2, [a, c, third('Terminating')]),
    sample(60, 2.5, 'OK', 'ALARM', 2, [a, c], { activity: 'Terminating EC2 instance: i-0new' }),
  ],
};

describe('Auto Scaling chart: the model', () => {
  const m = scalingChartModel(timeline);

  it('spans the samples, the last one held for as long as the gap before it', () => {
    assert.equal(m.from, T0);
    assert.equal(m.to, T0 + 70_000);
  });

  it('draws CPU only where a datapoint came, clamped to 0-100, with the alarms’ thresholds', () => {
    assert.equal(m.cpu.length, 1);
    assert.deepEqual(
      m.cpu[0]!.map((p) => [(p.at - T0) / 1000, p.value]),
      [
        [10, 2.1],
        [20, 85.3],
        [30, 88],
        [40, 60],
        [50, 3],
        [60, 2.5],
      ],
    );
    assert.deepEqual(m.thresholds, { high: 70, low: 30 });
    const gap = scalingChartModel({
      ...timeline,
      samples: [timeline.samples[1]!, sample(15, undefined, 'OK', 'OK', 2, []), timeline.samples[2]!],
    });
    assert.equal(gap.cpu.length, 2, 'a group with no instance has no average: the line breaks');
  });

  it('bands each alarm’s state, merging the samples that repeat it', () => {
    const high = m.alarms.find((x) => x.name === `${GROUP}-CPU-High`);
    assert.deepEqual(
      high?.bands.map((b) => [b.state, (b.from - T0) / 1000, (b.to - T0) / 1000]),
      [
        ['INSUFFICIENT_DATA', 0, 10],
        ['OK', 10, 20],
        ['ALARM', 20, 40],
        ['OK', 40, 70],
      ],
    );
  });

  it('steps desired and in-service counts, the capacity axis up to the group’s max', () => {
    assert.deepEqual(
      m.desired.map((b) => [b.state, (b.from - T0) / 1000]),
      [
        [2, 0],
        [3, 30],
        [2, 50],
      ],
    );
    assert.deepEqual(
      m.inService.map((b) => [b.state, (b.from - T0) / 1000]),
      [
        [2, 0],
        [3, 40],
        [2, 50],
      ],
    );
    assert.equal(m.capacityTop, 4);
    assert.deepEqual([m.min, m.max], [2, 4]);
  });

  it('gives each instance a lane in the order it appeared: Pending → InService → Terminating, then gone', () => {
    assert.deepEqual(
      m.lanes.map((l) => [l.id, l.az]),
      [
        ['i-0aaa', 'ap-northeast-1a'],
        ['i-0ccc', 'ap-northeast-1c'],
        ['i-0new', 'ap-northeast-1a'],
      ],
    );
    assert.deepEqual(
      m.lanes[2]!.bands.map((b) => [b.state.tone, (b.from - T0) / 1000, (b.to - T0) / 1000]),
      [
        ['pending', 30, 40],
        ['inService', 40, 50],
        ['terminating', 50, 60],
      ],
    );
    assert.equal(m.lanes[0]!.bands.length, 1, 'an instance in service throughout is one band');
  });

  it('colours an unhealthy instance red whatever its lifecycle, and scales the load’s axis', () => {
    assert.equal(laneTone('InService', 'Unhealthy'), 'unhealthy');
    assert.equal(laneTone('Pending:Wait', 'Healthy'), 'pending');
    assert.equal(laneTone('Terminating:Proceed', 'Healthy'), 'terminating');
    assert.equal(m.rps?.top, 50);
    assert.deepEqual([niceTop(0.3), niceTop(7), niceTop(20), niceTop(21)], [0.5, 10, 20, 50]);
    const noLoad = scalingChartModel({ ...timeline, samples: [timeline.samples[0]!] });
    assert.equal(noLoad.rps, undefined, 'no load generator ran: no requests panel');
  });
});

describe('Auto Scaling chart: a cycle of seconds (the practice account samples several times a second)', () => {
  const fast = (ms: number, cpu: number, desired: number) => ({
    ...sample(0, cpu, cpu > 70 ? 'ALARM' : 'OK', cpu < 30 ? 'ALARM' : 'OK', desired, [a, c]),
    at: T0 + ms,
  });
  const quick: ScalingTimeline = {
    ...timeline,
    samples: [
      fast(0, 20, 2),
      fast(250, 90, 2),
      fast(500, 95, 3),
      fast(750, 60, 3),
      fast(1000, 10, 2),
      fast(1250, 5, 2),
      fast(1500, 4, 2),
      fast(1750, 3, 2),
      fast(2000, 2, 2),
      fast(2250, 2, 2),
      fast(2500, 2, 2),
      fast(2750, 2, 2),
    ],
  };
  const words = scalingWords(bundleTranslator(), GROUP);
  const chart = scalingUpdate({ timeline: quick, live: false }, words).chart;

  it('holds the last sample for the gap before it, not a whole second more', () => {
    assert.equal(scalingChartModel(quick).to, T0 + 3000);
    assert.equal(scalingChartModel({ ...quick, samples: [quick.samples[0]!] }).to, T0 + 1000, 'a lone sample: 1 s');
  });

  it('draws the CPU line on to the right edge, where the alarms’ strips and the steps end', () => {
    const points = /<polyline class="cpu" points="([^"]+)"/.exec(chart)?.[1]?.split(' ') ?? [];
    const frame = /<rect class="frame" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(chart);
    const right = Number(frame?.[1]) + Number(frame?.[2]);
    assert.equal(Number(points.at(-1)?.split(',')[0]), right);
    assert.equal(points.at(-1)?.split(',')[1], points.at(-2)?.split(',')[1], 'the last value held, flat');
    const empty = { ...fast(3000, 0, 0), instances: [], cpuAverage: undefined };
    const broken = scalingUpdate({ timeline: { ...quick, samples: [...quick.samples, empty] }, live: false }, words);
    const last = /<polyline class="cpu" points="([^"]+)"/.exec(broken.chart)?.[1]?.split(' ').at(-1);
    assert.ok(Number(last?.split(',')[0]) < right - 10, `no datapoint at the end: the line stops there (${last})`);
  });

  it('labels a time axis of seconds with tenths', () => {
    assert.deepEqual(
      [...chart.matchAll(/<text class="tick" x="[\d.]+" y="[\d.]+" text-anchor="(?:start|middle|end)">([^<]+)</g)]
        .map((m) => m[1])
        .slice(-3),
      ['0 s', '1.5 s', '3 s'],
    );
  });
});

describe('Auto Scaling chart: the page', () => {
  it('says what is happening now, with AWS’s words for states and activities, and draws the chart', () => {
    const words = scalingWords(bundleTranslator(), GROUP);
    const view = { timeline: { ...timeline, samples: timeline.samples.slice(0, 4) }, live: true };
    const html = scalingPageHtml(view, words, 'n0nce', 'vscode-resource:');
    assert.match(html, /Auto Scaling: WebServer-ASG/);
    assert.match(html, /CPU 88\.0 %/);
    assert.match(html, /desired 3 · in service 2 \(min 2, max 4\)/);
    assert.match(html, /WebServer-ASG-CPU-High: ALARM/);
    assert.match(html, /41\.0 requests\/s/);
    assert.match(html, /Latest activity:<\/span> Launching a new EC2 instance: i-0new/);
    assert.match(html, /scale out above 70 %/);
    assert.match(html, /scale in below 30 %/);
    assert.match(html, /i-0new · ap-northeast-1a/);
    assert.match(html, /<rect class="lane pending"/);
    assert.match(html, /watching…/);
    assert.match(html, /nonce="n0nce"/);
    assert.doesNotMatch(html, /style="/, 'the CSP allows no inline style');
    assert.doesNotMatch(html, /<script(?! nonce="n0nce")/);
  });

  it('a target-tracking policy shows its target line; an empty timeline waits for its first sample', () => {
    const words = scalingWords(bundleTranslator(), GROUP);
    const tt = scalingUpdate({ timeline: { ...timeline, thresholds: { target: 70 } }, live: false }, words);
    assert.match(tt.chart, /target 70 %/);
    assert.doesNotMatch(tt.chart, /scale out above/);
    assert.match(tt.summary, /done/);
    const empty = scalingUpdate({ timeline: { ...timeline, samples: [] }, live: true }, words);
    assert.match(empty.summary, /Waiting for the first sample…/);
    assert.equal(empty.chart, '');
  });

  it('has an element and a place in the page’s update script for every part a live update replaces', () => {
    const words = scalingWords(bundleTranslator(), GROUP);
    const view = { timeline, live: true };
    const html = scalingPageHtml(view, words, 'n', 'c');
    const script = html.slice(html.indexOf('<script'));
    for (const key of Object.keys(scalingUpdate(view, words))) {
      assert.match(html, new RegExp(`id="${key}"`), key);
      assert.match(script, new RegExp(`"${key}"`), key);
    }
  });

  it('escapes what comes from the account', () => {
    const words = scalingWords(bundleTranslator(), '<b>x</b>');
    const odd = { ...timeline, samples: [sample(0, 50, 'OK', 'OK', 2, [a], { activity: '<img src=x>' })] };
    const html = scalingPageHtml({ timeline: odd, live: true }, words, 'n', 'c');
    assert.doesNotMatch(html, /<b>x<\/b>|<img src=x>/);
    assert.match(html, /&lt;img src=x&gt;/);
  });

  it('reads in Japanese (AWS’s state words and activity sentences stay as AWS writes them)', () => {
    const words = scalingWords(bundleTranslator(loadBundle('ja')), GROUP);
    const update = scalingUpdate({ timeline, live: true }, words);
    assert.match(update.summary, /CPU 2\.5 %/);
    assert.match(update.summary, /希望 2 · 稼働中 2（最小 2、最大 4）/);
    assert.match(update.summary, /WebServer-ASG-CPU-Low: ALARM/);
    assert.match(update.summary, /Terminating EC2 instance: i-0new/);
    assert.match(update.chart, /70 % を超えたらスケールアウト/);
    assert.match(update.chart, />70 秒</);
  });
});

describe('Auto Scaling chart: the line under it once the run is done', () => {
  const exercise = {
    groupName: GROUP,
    loadStartedAt: T0,
    loadStoppedAt: T0 + 60_000,
    desiredBefore: 2,
    desiredPeak: 3,
    desiredAfter: 2,
    alarmSeconds: 20,
    scaledOutSeconds: 30,
    healthySeconds: 40,
    newInstanceId: 'i-0new',
    scaledInSeconds: 15,
    requests: { sent: 1000, answered: 998, failed: 2 },
    peakRequestsPerSecond: 41,
  };

  it('says what 3.4 measured, and what 3.5 healed, in English and Japanese', () => {
    assert.equal(
      scalingNote({ scaling: exercise }, bundleTranslator()),
      'From the load’s start: alarm in ALARM after 20 s, desired 2 → 3 after 30 s, the new instance healthy after 40 s, scaled in 15 s after the load stopped.',
    );
    const healing = { groupName: GROUP, terminatedId: 'i-0aaa', replacementId: 'i-0bbb', healSeconds: 12 };
    assert.equal(
      scalingNote({ healing }, bundleTranslator()),
      'i-0aaa was terminated; the group replaced it with i-0bbb in 12 s.',
    );
    assert.equal(scalingNote({}, bundleTranslator()), undefined);
    const ja = bundleTranslator(loadBundle('ja'));
    assert.match(scalingNote({ scaling: exercise }, ja) ?? '', /^負荷の開始から: 20 秒後にアラームが ALARM/);
    assert.match(scalingNote({ healing }, ja) ?? '', /i-0bbb/);
  });
});
