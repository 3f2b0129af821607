// `scale-out-lab load` and `watch-scaling` through main() against a practice server reached by --endpoint-url,
// over track 1 and 3.1-3.3 as the runners leave them: the load goes to the lab's load balancer (through 127.0.0.1)
// and prints its rate; its bounds are refused in the student's words; the watch prints the group's samples.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { runStep, runTrack } from '../../../src/lab/run/runner';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';
import { captureCli } from '../../fixtures/cliIo';

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: 600 });
  await runTrack('1', lab.context(), { editClonePage: async (id) => editClonePage(lab, id) });
  for (const id of ['3.1', '3.2', '3.3'] as const) await runStep(id, {}, lab.context());
});
after(() => lab.close());

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const run = captureCli(env);
  const code = await main([...argv, '--endpoint-url', lab.server.endpoint], run.io);
  return { code, out: run.out(), err: run.err() };
}

test('load sends to the lab load balancer for the duration, printing its rate, and ends with its figures', async () => {
  const r = await cli(['load', '--concurrency', '3', '--duration', '2s', '--json']);
  assert.equal(r.code, 0, r.err);
  const figures = JSON.parse(r.out) as {
    host: string;
    answered: number;
    failed: number;
    statuses: Record<string, number>;
  };
  assert.match(figures.host, /^LoadBalancer-\d+\.ap-northeast-1\.elb\.amazonaws\.com$/);
  assert.ok(figures.answered > 0);
  assert.equal(figures.statuses['200'], figures.answered);
  assert.match(r.err, /^Load on LoadBalancer-/m);
  assert.match(r.err, /requests\/s · \d+ sent · \d+ answered · 0 failed/);
});

test('load refuses more than 20 at a time and more than 10 minutes, in Japanese too', async () => {
  const many = await cli(['load', '--concurrency', '21', '--duration', '1s']);
  assert.equal(many.code, 1);
  assert.match(many.err, /at most 20 requests at a time \(21 was asked\)/);
  const long = await cli(['load', '--duration', '11m'], { LANG: 'ja_JP.UTF-8' });
  assert.equal(long.code, 1);
  assert.match(long.err, /最大 10 分です/);
  const bad = await cli(['load', '--duration', 'soon']);
  assert.equal(bad.code, 2);
});

test('watch-scaling prints the group (the load before may have scaled it out): CPU, sizes and its alarms, and its timeline as JSON', async () => {
  const text = await cli(['watch-scaling', '--every', '100ms', '--duration', '500ms']);
  assert.equal(text.code, 0, text.err);
  assert.match(
    text.err,
    /CPU [\d.]+% · desired \d · InService \d \(min 2, max 4\) · alarms: WebServer-ASG-CPU-High \w+, WebServer-ASG-CPU-Low \w+/,
  );
  const json = await cli(['watch-scaling', '--every', '100ms', '--duration', '500ms', '--json']);
  assert.equal(json.code, 0, json.err);
  const timeline = JSON.parse(json.out) as { groupName: string; samples: unknown[]; thresholds: unknown };
  assert.equal(timeline.groupName, 'WebServer-ASG');
  assert.ok(timeline.samples.length >= 2);
  assert.deepEqual(timeline.thresholds, { high: 70, low: 30 });
});
