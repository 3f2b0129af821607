// Every runner against the practice account through the real SDK (its default three attempts), under the two
// faults that once made duplicates and orphans: a section of the inventory that cannot be read (throttled past
// the retries) must fail the run with that AwsError and create nothing, never read as "nothing there"; a create
// whose reply is lost (the account changed, no answer came) must be found by its tags on the rerun, not made again.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { StopInstancesCommand } from '@aws-sdk/client-ec2';
import { AwsError } from '../../../src/aws/errors';
import { checkAll } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { runStep } from '../../../src/lab/run/runner';
import { runDiagnosis, runSecure } from '../../../src/lab/run/balancer';
import { isLabTagged, type StepId } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import type { Fault } from '../../../src/practice/core/faults';
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

const cloneId = (lab: LabHarness) =>
  lab.server.world.region(PRACTICE_REGION).instances.find((i) => i.tags.Name === 'WebServer2' && i.state === 'running')
    ?.id ?? '';

/** Everything of the account a runner could add, by ID (a second of anything shows here). */
function worldIds(lab: LabHarness): Record<string, string[]> {
  const r = lab.server.world.region(PRACTICE_REGION);
  return {
    instances: r.instances.filter((i) => i.state !== 'terminated').map((i) => i.id),
    keyPairs: r.keyPairs.map((k) => k.name),
    securityGroups: r.securityGroups.map((g) => g.id),
    addresses: r.addresses.map((a) => a.allocationId),
    snapshots: r.snapshots.map((s) => s.id),
    images: r.images.filter((i) => i.state !== 'deregistered').map((i) => i.id),
    loadBalancers: r.loadBalancers.map((l) => l.arn),
    targetGroups: r.targetGroups.map((t) => t.arn),
    listeners: r.listeners.map((l) => l.arn),
    targets: r.targetGroups.flatMap((t) => t.targets.map((x) => `${t.arn} ${x.id}`)),
  };
}

describe('a section of the inventory that cannot be read fails the run, which creates nothing', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await lab.server.reset();
  });
  after(() => lab.close());

  /** Per step, the Describe* whose section it decides from (what exists, what to adopt). */
  const unreadable: [StepId, string][] = [
    ['0.1', 'DescribeInstances'],
    ['0.2', 'DescribeAddresses'],
    ['1.1', 'DescribeSnapshots'],
    ['1.2', 'DescribeImages'],
    ['1.3', 'DescribeInstances'],
    ['1.4', 'DescribeAddresses'],
    ['1.5', 'DescribeInstances'],
    ['1.6', 'DescribeLoadBalancers'],
    ['1.7', 'DescribeTargetGroups'],
    ['1.8', 'DescribeLoadBalancers'],
    ['1.9', 'DescribeSecurityGroups'],
    ['1.10', 'DescribeListeners'],
  ];

  for (const [step, action] of unreadable) {
    it(`${step}: ${action} throttled past the retries`, async () => {
      const ctx = lab.context();
      // Done once (so what it makes exists and an empty section would look like "missing"), then run again.
      if (step === '1.5') editClonePage(lab, cloneId(lab));
      else assert.equal((await runStep(step, {}, ctx)).check.status, 'passed', step);
      const before = worldIds(lab);
      // ELBv2's list, not ELB v1's of the same name (the Classic Load Balancers are read beside it).
      const only = action === 'DescribeLoadBalancers' ? `elasticloadbalancing:${action}` : action;
      lab.server.injectFault({ action: only, kind: 'throttle', count: 4 });
      const error = await rejects(runStep(step, {}, ctx));
      assert.ok(error instanceof AwsError, `${step}: ${String(error)}`);
      assert.equal(error.problem.kind, 'throttled', JSON.stringify(error.problem));
      assert.match('action' in error.problem ? error.problem.action : '', new RegExp(`:${action}$`));
      assert.deepEqual(worldIds(lab), before, `${step} changed the account`);
    });
  }

  it('the account is the finished lab, once each', async () => {
    const inventory = await lab.context().inventory();
    for (const r of checkAll({ inventory, observations: await observe(inventory, lab.context().web) }, ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
    assert.deepEqual(labCounts(lab), { ...TRACKS_DONE, 'instances tagged': 1 });
  });
});

describe('a create whose reply is lost, then run again: exactly one of it', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await withoutWebServer(lab);
  });
  after(() => lab.close());

  const lost = (action: string): Fault => ({ action, kind: 'replyLost' });
  /**
   * Per step, the rounds its successive runs meet: the creates of a round (made in parallel by the runner) are
   * applied by the account and their answers lost.
   */
  const faults: [StepId, Fault[][]][] = [
    ['0.1', [[lost('CreateKeyPair'), lost('CreateSecurityGroup')], [lost('RunInstances')]]],
    ['0.2', [[lost('AllocateAddress')]]],
    ['1.1', [[lost('CreateSnapshot')]]],
    ['1.2', [[lost('RegisterImage')]]],
    ['1.3', [[lost('RunInstances')]]],
    ['1.4', [[lost('AllocateAddress')]]],
    [
      '1.6',
      [
        [lost('CreateSecurityGroup'), lost('CreateTargetGroup')],
        [lost('CreateLoadBalancer')],
        [lost('CreateListener')],
      ],
    ],
  ];

  for (const [step, rounds] of faults) {
    it(`${step}: ${rounds.map((r) => r.map((f) => f.action).join(' + ')).join(', ')}`, async () => {
      const ctx = lab.context();
      if (step === '1.6') editClonePage(lab, cloneId(lab));
      for (const round of rounds) {
        for (const fault of round) lab.server.injectFault(fault);
        const actions = round.map((f) => f.action).join(' + ');
        // A lost reply fails the run (the SDK must not repeat an answerless create blindly); a create with a
        // ClientToken (RunInstances) may be repeated safely, and the run then goes on.
        await runStep(step, {}, ctx).then(
          () => assert.equal(actions, 'RunInstances', `${step}: ${actions} lost, yet the run passed`),
          (error: unknown) => {
            assert.ok(error instanceof AwsError, `${step} ${actions}: ${String(error)}`);
            assert.equal(error.problem.kind, 'network', JSON.stringify(error.problem));
          },
        );
        // What the failed run left running in parallel (its other creates) settles.
        await new Promise((r) => setTimeout(r, 200));
      }
      const again = await runStep(step, {}, ctx);
      assert.equal(again.check.status, 'passed', `${step}: ${JSON.stringify(again.check)}`);
    });
  }

  it('then the whole lab: one of each, all of it tagged, every check passing', async () => {
    const ctx = lab.context();
    for (const step of ['1.7', '1.8', '1.9'] as StepId[])
      assert.equal((await runStep(step, {}, ctx)).check.status, 'passed', step);
    assert.deepEqual(labCounts(lab), TRACKS_DONE);
    const r = lab.server.world.region(PRACTICE_REGION);
    for (const a of r.addresses) assert.ok(isLabTagged(a.tags), a.allocationId);
    for (const s of r.snapshots) assert.ok(isLabTagged(s.tags), s.id);
    for (const l of r.listeners) assert.ok(isLabTagged(l.tags), `listener ${l.arn} tagged at creation`);
  });
});

describe('a lost reply of CreateImage (1.2 from the instance), then run again', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await lab.server.reset();
  });
  after(() => lab.close());

  it('one AMI, one snapshot', async () => {
    const ctx = lab.context();
    lab.server.injectFault({ action: 'CreateImage', kind: 'replyLost' });
    const error = await rejects(runStep('1.2', { method: 'instance' }, ctx));
    assert.ok(error instanceof AwsError && error.problem.kind === 'network', String(error));
    const o = await runStep('1.2', { method: 'instance' }, ctx);
    assert.equal(o.check.status, 'passed', JSON.stringify(o.check));
    assert.deepEqual(o.created, []);
    const counts = labCounts(lab);
    assert.deepEqual([counts.AMIs, counts.snapshots], [1, 1]);
  });
});

describe('a create refused with an answer (throttled) is still retried by the SDK', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await lab.server.reset();
  });
  after(() => lab.close());

  it('1.1 with CreateSnapshot throttled twice: one run, one snapshot', async () => {
    lab.server.injectFault({ action: 'CreateSnapshot', kind: 'throttle', count: 2 });
    const o = await runStep('1.1', {}, lab.context());
    assert.equal(o.check.status, 'passed', JSON.stringify(o.check));
    assert.equal(o.created.length, 1);
    assert.equal(labCounts(lab).snapshots, 1);
  });
});

describe("a runner deciding from its check, given a context that lets an unreadable section through: 'unknown' is not done", () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await lab.server.reset();
    const ctx = lab.context();
    for (const step of ['1.1', '1.2', '1.3', '1.4'] as StepId[])
      assert.equal((await runStep(step, {}, ctx)).check.status, 'passed', step);
    editClonePage(lab, cloneId(lab));
    assert.equal((await runStep('1.6', {}, ctx)).check.status, 'passed', '1.6');
  });
  after(() => lab.close());

  const groupsOf = (lab: LabHarness) =>
    JSON.stringify(lab.server.world.region(PRACTICE_REGION).securityGroups.map((g) => [g.id, g.inbound]));

  it('1.7 with WebServer2 stopped and the security groups unreadable: the AwsError, nothing started', async () => {
    const id = cloneId(lab);
    await lab.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    lab.server.injectFault({ action: 'DescribeSecurityGroups', kind: 'throttle', count: 4 });
    const error = await rejects(runDiagnosis(lab.context()));
    assert.ok(error instanceof AwsError && error.problem.kind === 'throttled', String(error));
    const clone = lab.server.world.region(PRACTICE_REGION).instances.find((i) => i.id === id);
    assert.notEqual(clone?.state, 'running', 'the run started WebServer2 from an unknown check');
    // Readable again: the same run finds the stopped instance and starts it.
    assert.equal((await runDiagnosis(lab.context())).check.status, 'passed');
  });

  it('1.9 with the security groups unreadable: the AwsError, no rule changed', async () => {
    const before = groupsOf(lab);
    lab.server.injectFault({ action: 'DescribeSecurityGroups', kind: 'throttle', count: 4 });
    const error = await rejects(runSecure(lab.context()));
    assert.ok(error instanceof AwsError && error.problem.kind === 'throttled', String(error));
    assert.equal(groupsOf(lab), before);
  });
});
