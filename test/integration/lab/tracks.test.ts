// Tracks 0 and 1 through the lab engine against the practice account at instant speed: the whole lab, then
// every check passes; every step interrupted by a fault and run again, with no duplicate resource; a run
// cancelled while it waits, and the web probe reaching pages as a browser would.
import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AwsError } from '../../../src/aws/errors';
import { createWebProbe } from '../../../src/aws/web';
import { checkAll } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { runStep, runTrack } from '../../../src/lab/run/runner';
import { EXERCISE_TAG, isLabTagged, STEP_TAG, type StepId, type StepOutcome } from '../../../src/lab/types';
import type { Fault } from '../../../src/practice/core/faults';
import { PRACTICE_REGION, PRACTICE_STUDENT_IP } from '../../../src/practice/core/constants';
import {
  editClonePage,
  labCounts,
  startLab,
  TRACKS_DONE,
  withoutWebServer,
  type LabHarness,
} from '../../fixtures/labPractice';

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the run to fail');
}

function assertPassed(o: StepOutcome): void {
  assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
}

describe('tracks 0 and 1 through the engine', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await withoutWebServer(lab);
  });
  after(() => lab.close());

  it('runs track 0 from an account without WebServer, and track 1; then every check passes', async () => {
    const ctx = lab.context();
    const zero = await runTrack('0', ctx);
    assert.deepEqual(
      zero.map((o) => o.step),
      ['0.1', '0.2'],
    );
    zero.forEach(assertPassed);
    const pem = statSync(join(lab.home, '.ssh', 'ec2-key.pem'));
    assert.equal(pem.mode & 0o777, 0o600, 'the key is saved 0600');

    const one = await runTrack('1', ctx, { editClonePage: async (id) => editClonePage(lab, id) });
    assert.deepEqual(
      [...one.map((o) => o.step)].sort(),
      ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'].sort(),
    );
    one.forEach(assertPassed);
    const tally = one.find((o) => o.step === '1.8')?.tally;
    assert.ok(tally && tally.answered === 20 && tally.byBackend.length === 2, JSON.stringify(tally));
    assert.ok(
      tally.byBackend.every((b) => b.count === 10),
      'round robin over the two targets',
    );
    const exercise = one.find((o) => o.step === '1.10')?.exercise;
    assert.equal(exercise?.passed, true);
    assert.ok(exercise.whileStopped.byBackend.every((b) => b.name === 'WebServer'));

    const inventory = await ctx.inventory();
    const observations = await observe(inventory, ctx.web);
    for (const r of checkAll({ inventory, observations }, ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);

    // Everything the runners made carries the lab tag and a Name, set at creation.
    const world = lab.server.world.region(PRACTICE_REGION);
    const lb = world.loadBalancers[0];
    assert.ok(lb && isLabTagged(lb.tags));
    assert.equal(lb?.tags[STEP_TAG], '1.6');
    assert.equal(lb?.tags.Name, 'LoadBalancer');
    assert.match(lb?.tags[EXERCISE_TAG] ?? '', /^passed /);
    for (const i of world.instances.filter((x) => x.state !== 'terminated'))
      assert.ok(isLabTagged(i.tags) && i.tags[STEP_TAG] && i.tags.Name, JSON.stringify([i.id, i.state, i.tags]));
    for (const s of world.snapshots) assert.ok(isLabTagged(s.tags) && s.tags.Name && s.tags.State && s.tags.Date, s.id);
    for (const a of world.addresses) assert.ok(isLabTagged(a.tags) && a.tags.Name, a.allocationId);
    assert.deepEqual(labCounts(lab), TRACKS_DONE);
  });

  it('runs every step again with nothing new created (idempotent)', async () => {
    const ctx = lab.context();
    const before = labCounts(lab);
    for (const id of ['0.1', '0.2', '1.1', '1.2', '1.3', '1.4', '1.6', '1.9'] as StepId[]) {
      const o = await runStep(id, {}, ctx);
      assertPassed(o);
      assert.deepEqual(o.created, [], `${id} created ${o.created.join(', ')}`);
      if (id !== '1.9') assert.ok(o.reused.length > 0, `${id} says what it found`);
    }
    assert.deepEqual(labCounts(lab), before);
  });
});

describe('each step interrupted by a fault, then run again', () => {
  let lab: LabHarness;
  before(async () => {
    // One attempt per call (so one fault interrupts) and a short request timeout (so a slow answer is lost
    // while AWS still does the work: the case ClientToken and find-first exist for).
    lab = await startLab({ maxAttempts: 1, requestTimeoutMs: 400 });
    await withoutWebServer(lab);
  });
  after(() => lab.close());

  const LOST_ANSWER_MS = 700;
  const lost = (action: string): Fault => ({ action, kind: 'latency', latencyMs: LOST_ANSWER_MS });
  /**
   * Per step, the faults its successive runs meet, in the order the runs reach them: throttling, 500s, dropped
   * connections, and answers lost while AWS still did the work (the case ClientToken and find-first exist for).
   */
  const faults: [StepId, Fault[]][] = [
    ['0.1', [lost('CreateKeyPair'), lost('RunInstances')]],
    ['0.2', [lost('AllocateAddress'), { action: 'AssociateAddress', kind: 'throttle' }]],
    ['1.1', [lost('CreateSnapshot')]],
    ['1.2', [{ action: 'RegisterImage', kind: 'throttle' }, lost('RegisterImage')]],
    ['1.3', [{ action: 'RunInstances', kind: 'internal' }, lost('RunInstances')]],
    ['1.4', [{ action: 'AllocateAddress', kind: 'internal' }]],
    [
      '1.6',
      [
        lost('CreateSecurityGroup'),
        lost('CreateLoadBalancer'),
        { action: 'CreateListener', kind: 'drop' },
        { action: 'RegisterTargets', kind: 'internal' },
      ],
    ],
    ['1.8', [{ action: '*', kind: 'drop' }]],
    [
      '1.9',
      [
        { action: 'AuthorizeSecurityGroupIngress', kind: 'drop' },
        { action: 'RevokeSecurityGroupIngress', kind: 'throttle' },
      ],
    ],
    [
      '1.10',
      [
        { action: 'StartInstances', kind: 'internal' },
        { action: 'AddTags', kind: 'drop' },
      ],
    ],
  ];

  it('finishes every step with no duplicate resource', async () => {
    const ctx = lab.context();
    for (const [step, list] of faults) {
      if (step === '1.8') {
        const clone = lab.server.world
          .region(PRACTICE_REGION)
          .instances.find((i) => i.tags.Name === 'WebServer2' && i.state === 'running');
        editClonePage(lab, clone?.id ?? '');
      }
      for (const fault of list) {
        lab.server.injectFault(fault);
        const error = await rejects(runStep(step, {}, ctx)).catch((e: Error) =>
          assert.fail(`${step} ${fault.action} ${fault.kind}: ${e.message}`),
        );
        // It failed where the fault was put, the way the SDK reports that fault.
        assert.ok(error instanceof AwsError, `${step} ${fault.action}: ${String(error)}`);
        const p = error.problem;
        const expected = {
          latency: 'network',
          drop: 'network',
          replyLost: 'network',
          throttle: 'throttled',
          internal: 'service',
          accessDenied: 'accessDenied',
        }[fault.kind];
        assert.equal(p.kind, expected, `${step} ${fault.action}: ${JSON.stringify(p)}`);
        if (fault.action !== '*' && 'action' in p) assert.match(p.action, new RegExp(`:${fault.action}$`));
        // A student runs it again a moment later, after the lost answer's work is done.
        if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, LOST_ANSWER_MS + 100));
      }
      assertPassed(await runStep(step, {}, ctx));
    }
    for (const r of checkAll(
      { inventory: await ctx.inventory(), observations: await observe(await ctx.inventory(), ctx.web) },
      ['0', '1'],
    )) {
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
    }
    const counts = labCounts(lab);
    assert.deepEqual(counts, TRACKS_DONE);
  });
});

describe('cancelling and the web probe', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab({ speed: 1 });
  });
  after(() => lab.close());

  it('a run aborted while it waits stops at once; run again later, it finishes what exists', async () => {
    const stop = new AbortController();
    const ctx = lab.context(stop.signal);
    const waiting = new Promise<void>((resolve) => {
      const base = ctx.progress;
      Object.assign(ctx, {
        progress: (p: { code: string }) => (base(p as never), p.code === 'progress.waitSnapshot' && resolve()),
      });
    });
    const running = runStep('1.1', {}, ctx);
    await waiting;
    const started = Date.now();
    stop.abort(new Error('cancelled by the student'));
    await assert.rejects(running, /cancelled by the student/);
    assert.ok(Date.now() - started < 1000, 'the waiter stops without waiting for its next poll');
    // Later: AWS finished the snapshot meanwhile (2 min 20 s at speed 1).
    const snap = lab.server.world.writableRegion(PRACTICE_REGION).snapshots[0];
    assert.equal(snap?.state, 'pending');
    if (snap) snap.completeAt = new Date().toISOString();
    const again = await runStep('1.1', {}, lab.context());
    assertPassed(again);
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.reused, [snap?.id]);
    assert.equal(lab.server.world.region(PRACTICE_REGION).snapshots.length, 1);
  });

  it('reaches pages as a browser would: checkip, an instance (X-Served-By), nothing at an unknown address', async () => {
    const web = createWebProbe(lab.clients.account, { timeoutMs: 300 });
    const ip = await web.fetch('checkip.amazonaws.com', '/');
    assert.deepEqual([ip.status, ip.body], [200, `${PRACTICE_STUDENT_IP}\n`]);
    const ws = (await lab.context().inventory()).instances.find((i) => i.name === 'WebServer');
    const page = await web.fetch(ws?.elasticIp ?? '', '/');
    assert.equal(page.status, 200);
    assert.equal(page.servedBy, ws?.id);
    assert.match(page.body ?? '', /私たちのビジョン/);
    const nothing = await web.fetch('198.51.100.7', '/');
    assert.deepEqual([nothing.status, nothing.error], [undefined, 'timeout']);
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    await assert.rejects(web.fetch('checkip.amazonaws.com', '/', { signal: aborted.signal }), /stop/);
  });
});
