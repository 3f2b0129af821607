// Track 3's exercises against the practice account through the real SDK: a bounded load through the practice ALB
// (127.0.0.1, the load balancer's name in the Host header) scales the group out by one within the time AWS's
// periods allow, and back in after it stops (3.4); the watch's samples show it; a terminated instance is replaced
// (3.5); the load refuses any host but the lab's load balancer.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { fetchInventory } from '../../../src/aws/inventory';
import { findRoles } from '../../../src/lab/roles';
import { runStep, runTrack } from '../../../src/lab/run/runner';
import { LoadError, loadTargetFor, PRACTICE_LOAD_PER_SECOND } from '../../../src/lab/scaling/load';
import type { ScalingTimeline } from '../../../src/lab/scaling/samples';
import type { StepOutcome } from '../../../src/lab/types';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

const SPEED = 600;

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: SPEED });
  await runTrack('1', lab.context(), { editClonePage: async (id) => editClonePage(lab, id) });
  for (const id of ['3.1', '3.2', '3.3'] as const) await runStep(id, {}, lab.context());
});
after(() => lab.close());

const passed = (o: StepOutcome) => assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);

describe('track 3 exercises (3.4, 3.5)', () => {
  it('3.4: the load scales the group out by one within the modelled time and back in after it stops', async () => {
    const timelines: ScalingTimeline[] = [];
    const ctx = { ...lab.context(), onScaling: (t: ScalingTimeline) => timelines.push(t) };
    const started = Date.now();
    const outcome = await runStep('3.4', { concurrency: '5' }, ctx);
    passed(outcome);
    const s = outcome.scaling;
    assert.ok(s, 'no scaling record');
    assert.equal(s.desiredBefore, 2);
    // Out by one; perhaps once more before the high alarm sees a period without the load (AWS does so too).
    assert.equal(s.desiredOut, 3);
    assert.ok(s.desiredPeak === 3 || s.desiredPeak === 4, `peak ${s.desiredPeak}`);
    assert.equal(s.desiredAfter, s.desiredPeak - 1);
    assert.ok(s.newInstanceId);
    assert.ok(s.alarmSeconds !== undefined && s.scaledOutSeconds !== undefined && s.healthySeconds !== undefined);
    assert.ok(s.alarmSeconds <= s.scaledOutSeconds && s.scaledOutSeconds <= s.healthySeconds);
    // AWS's least: one 300 s period over 70 %, a launch (~30 s) and the target group's 5 checks 30 s apart; at most
    // twice that (a minute of CPU to cross 70 %, polls), in wall seconds at this speed.
    const least = (300 + 30 + 5 * 30) / SPEED;
    assert.ok(s.healthySeconds <= 2 * least + 2, `healthy after ${s.healthySeconds} s (least ${least} s)`);
    assert.ok(s.scaledInSeconds !== undefined && s.scaledInSeconds > 0);
    assert.ok(
      s.requests.answered > 0 && s.peakRequestsPerSecond > 0 && s.peakRequestsPerSecond <= PRACTICE_LOAD_PER_SECOND,
    );
    // The watch's samples: the CPU over the high line, three wanted first, the new instance healthy, then fewer.
    const last = timelines.at(-1);
    assert.ok(last);
    assert.equal(last.groupName, 'WebServer-ASG');
    assert.deepEqual(last.thresholds, { high: 70, low: 30 });
    const samples = last.samples;
    assert.ok(
      samples.some((x) => (x.cpuAverage ?? 0) > 70),
      'no sample over 70 %',
    );
    assert.ok(samples.some((x) => x.alarms.some((a) => a.name === 'WebServer-ASG-CPU-High' && a.state === 'ALARM')));
    const out = samples.find((x) => x.desired > 2);
    assert.equal(out?.desired, 3);
    const peak = samples.findIndex((x) => x.desired === s.desiredPeak);
    assert.ok(peak >= 0);
    assert.ok(
      samples.slice(peak).some((x) => x.desired < s.desiredPeak),
      'no scale-in in the samples',
    );
    assert.ok(samples.some((x) => x.instances.some((i) => i.id === s.newInstanceId && i.targetHealth === 'healthy')));
    assert.ok(samples.some((x) => (x.requestsPerSecond ?? 0) > 0));
    assert.ok(Date.now() - started < 60_000);
  });

  it('3.4 cancelled while the load runs stops the load and the watch at once', async () => {
    const stop = new AbortController();
    let samples = 0;
    const ctx = {
      ...lab.context(stop.signal),
      progress: (p: { code: string }) => {
        if (p.code === 'progress.loadStarted') setTimeout(() => stop.abort(new Error('student cancelled')), 100);
      },
      onScaling: () => (samples += 1),
    };
    const started = Date.now();
    await assert.rejects(runStep('3.4', { concurrency: '5', seconds: '600' }, ctx), /student cancelled/);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    const seen = samples;
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(samples, seen, 'the watch went on after the cancel');
  });

  it('3.5: an instance terminated by hand is replaced, healthy in the target group', async () => {
    const inv = await fetchInventory(lab.clients);
    const group = inv.autoScalingGroups.find((g) => g.name === 'WebServer-ASG');
    const victim = group?.instances.find((i) => i.lifecycleState === 'InService');
    assert.ok(victim);
    const outcome = await runStep('3.5', { instance: victim.id }, lab.context());
    passed(outcome);
    assert.equal(outcome.healing?.terminatedId, victim.id);
    assert.ok(outcome.healing?.replacementId && outcome.healing.replacementId !== victim.id);
    const after = await fetchInventory(lab.clients);
    const ids = after.autoScalingGroups.find((g) => g.name === 'WebServer-ASG')?.instances.map((i) => i.id) ?? [];
    assert.ok(!ids.includes(victim.id) && ids.includes(outcome.healing.replacementId));
  });

  it('the load refuses any host but the lab load balancer', async () => {
    const inv = await fetchInventory(lab.clients);
    const endpoint = lab.clients.account.endpoint;
    const lb = findRoles(inv).loadBalancer;
    assert.ok(lb && endpoint);
    assert.equal(loadTargetFor(inv, { endpoint }).host, lb.dnsName);
    const ws = findRoles(inv).webServer;
    for (const url of [`http://${ws?.elasticIp ?? ws?.publicIp}/`, 'http://example.com/', `http://${lb.dnsName}:8080/`])
      assert.throws(
        () => loadTargetFor(inv, { endpoint, url }),
        (e: unknown) => e instanceof LoadError && e.reason.code === 'load.notTheLab',
      );
  });
});
