// Seed 001's own story run by the extension against the practice account, from its seeded WebServer: under seed
// 001's layout track 1 stops WebServer, makes the AMI from it, launches image1server and image2server from that AMI,
// edits image2server, puts both behind a Classic Load Balancer and passes 1.1-1.10 with WebServer stopped. 1.3
// stopped between its two launches (a 500, an answer lost) is finished by a rerun with no duplicate, and an
// image1server launched by hand in the console with another key pair and AZ is adopted.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateKeyPairCommand, DescribeSubnetsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceHealthCommand } from '@aws-sdk/client-elastic-load-balancing';
import { AwsError } from '../../../src/aws/errors';
import { checkAll } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { findRoles } from '../../../src/lab/roles';
import { planStep, runStep, runTrack } from '../../../src/lab/run/runner';
import type { StepContext, StepId, StepOutcome } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import type { Fault } from '../../../src/practice/core/faults';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

const passed = (o: StepOutcome) => assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
const world = (lab: LabHarness) => lab.server.world.region(PRACTICE_REGION);
const live = (lab: LabHarness) =>
  world(lab).instances.filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down');
const named = (lab: LabHarness, name: string) => live(lab).filter((i) => i.tags.Name === name);

/** The lab under seed 001's layout, with progress seen as it comes (`onProgress`). */
function seed001(lab: LabHarness, onProgress?: (code: string, args: Record<string, unknown>) => void): StepContext {
  const base = lab.context();
  return {
    ...base,
    layout: 'seed001',
    progress: (p) => {
      base.progress(p);
      onProgress?.(p.code, p.args ?? {});
    },
  };
}

/** 1.1 and 1.2 as the track runs them: WebServer's snapshot, then WebServer stopped and its AMI. */
async function imaged(ctx: StepContext): Promise<void> {
  for (const id of ['1.1', '1.2'] as StepId[]) passed(await runStep(id, {}, ctx));
}

/** 1.4-1.10 on the two servers, image2server edited as a student does over SSH. */
async function finish(lab: LabHarness, ctx: StepContext): Promise<void> {
  passed(await runStep('1.4', {}, ctx));
  editClonePage(lab, findRoles(await ctx.inventory(), undefined, 'seed001').clone?.id ?? '');
  for (const id of ['1.5', '1.6', '1.7', '1.8', '1.9', '1.10'] as StepId[]) passed(await runStep(id, {}, ctx));
}

describe("seed 001's story from the practice account's WebServer", () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('stops WebServer, images it, runs image1server and image2server behind the CLB, and passes 1.1-1.10', async () => {
    const seen: string[] = [];
    const ctx = seed001(lab, (code, args) => seen.push(`${code} ${String(args.name ?? '')}`.trim()));
    const start = await ctx.inventory();
    const webServerId = start.instances.find((i) => i.name === 'WebServer')?.id ?? '';
    assert.equal(start.instances.find((i) => i.id === webServerId)?.state, 'running');
    (await runTrack('0', ctx)).forEach(passed);

    // What 1.2 and (once the AMI is there) 1.3 say they will do.
    const plan12 = planStep('1.2', { inventory: start, observations: new Map(), layout: 'seed001' });
    assert.ok(plan12.ready);
    assert.deepEqual(
      plan12.preview?.map((r) => r.code),
      ['plan.stopOrigin'],
    );
    assert.equal(plan12.options.find((o) => o.key === 'method')?.default, 'instance');

    const one = await runTrack('1', ctx, { editClonePage: async (id) => editClonePage(lab, id) });
    assert.deepEqual(
      one.map((o) => o.step),
      ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'],
    );
    one.forEach(passed);
    // WebServer was stopped (waited for) before its AMI was made, and both servers were launched from it.
    const at = (entry: string) => seen.indexOf(entry);
    assert.ok(at('progress.stopOrigin WebServer') >= 0, seen.join('\n'));
    assert.ok(at('progress.waitOriginStopped WebServer') > at('progress.stopOrigin WebServer'));
    const imageAt = seen.findIndex((s) => s.startsWith('progress.createImage'));
    assert.ok(imageAt > at('progress.waitOriginStopped WebServer'), seen.join('\n'));
    assert.ok(at('progress.launch image1server') > imageAt && at('progress.launch image2server') > imageAt);

    const end = await ctx.inventory();
    assert.equal(end.instances.find((i) => i.id === webServerId)?.state, 'stopped', 'WebServer stays stopped');
    const roles = findRoles(end, undefined, 'seed001');
    assert.equal(roles.webServer?.name, 'image1server');
    assert.equal(roles.clone?.name, 'image2server');
    assert.equal(roles.origin?.id, webServerId);
    const image = roles.images[0];
    assert.equal(image?.sourceInstanceId, webServerId, 'the AMI is made from WebServer (Create image)');
    assert.equal(roles.webServer?.imageId, image?.id);
    assert.equal(roles.clone?.imageId, image?.id);
    assert.notEqual(roles.webServer?.az, roles.clone?.az);
    assert.equal(named(lab, 'image1server').length, 1);
    assert.equal(named(lab, 'image2server').length, 1);
    assert.equal(named(lab, 'WebServer2').length, 0, 'no WebServer2 in this handout');

    // The CLB holds image1server and image2server, both InService; WebServer is not on it.
    const clb = roles.classicLoadBalancer;
    assert.ok(clb, 'a Classic Load Balancer is judged');
    assert.equal(end.classicLoadBalancers.length, 1);
    assert.equal(end.loadBalancers.length, 0);
    const health = await lab.clients.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: clb.name }));
    const states = new Map((health.InstanceStates ?? []).map((s) => [s.InstanceId, s.State]));
    assert.deepEqual([...states.keys()].sort(), [roles.webServer?.id, roles.clone?.id].sort());
    assert.ok(
      [...states.values()].every((s) => s === 'InService'),
      JSON.stringify([...states]),
    );
    const tally = one.find((o) => o.step === '1.8')?.tally;
    assert.equal(tally?.byBackend.length, 2, JSON.stringify(tally));

    // Every check of tracks 0 and 1 passes with WebServer stopped (0.2: its Elastic IP kept).
    const observations = await observe(end, ctx.web);
    for (const r of checkAll({ inventory: end, observations, layout: 'seed001' }, ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);

    // Run again: everything is found, nothing is made twice, WebServer is not started.
    const again = await runTrack('1', ctx, { editClonePage: async (id) => editClonePage(lab, id) });
    again.forEach(passed);
    for (const o of again.filter((x) => ['1.1', '1.2', '1.3', '1.4', '1.6'].includes(x.step)))
      assert.deepEqual(o.created, [], `${o.step} creates nothing`);
    assert.equal(named(lab, 'image1server').length + named(lab, 'image2server').length, 2);
    assert.equal(named(lab, 'WebServer')[0]?.state, 'stopped');
    // 0.2 run now finds WebServer's Elastic IP kept, as its check does: no address allocated for image1server.
    const addresses = world(lab).addresses.length;
    const o02 = await runStep('0.2', {}, ctx);
    passed(o02);
    assert.deepEqual(o02.created, []);
    assert.equal(world(lab).addresses.length, addresses);
  });
});

describe("seed 001's 1.3 stopped between its two launches, then run again", () => {
  const cases: [string, Fault][] = [
    ['a 500 on the second launch', { action: 'ec2:RunInstances', kind: 'internal' }],
    ['the second launch done but its answer lost', { action: 'ec2:RunInstances', kind: 'replyLost' }],
  ];
  for (const [what, fault] of cases) {
    it(`${what}: image1server is adopted, image2server launched once, and 1.4-1.10 pass`, async () => {
      const lab = await startLab({ maxAttempts: 1 });
      try {
        const ctx = seed001(lab, (code, args) => {
          if (code === 'progress.launch' && args.name === 'image2server') lab.server.injectFault(fault);
        });
        await imaged(ctx);
        const plan = planStep('1.3', { inventory: await ctx.inventory(), observations: new Map(), layout: 'seed001' });
        assert.equal(plan.ready && plan.preview?.[0]?.code, 'plan.launchServers');
        const error = await runStep('1.3', {}, ctx).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof AwsError || error instanceof Error, `1.3 stopped: ${String(error)}`);
        assert.equal(named(lab, 'image1server').length, 1, 'one of two launched');
        const secondLanded = fault.kind === 'replyLost';
        assert.equal(named(lab, 'image2server').length, secondLanded ? 1 : 0);

        // The checks see image1server as the web server; 1.3 asks only for what is missing.
        const mid = await ctx.inventory();
        assert.equal(findRoles(mid, undefined, 'seed001').webServer?.name, 'image1server');
        const rerunPlan = planStep('1.3', { inventory: mid, observations: new Map(), layout: 'seed001' });
        assert.ok(rerunPlan.ready);
        assert.ok(!rerunPlan.options.some((o) => o.key === 'firstName'), 'image1server is not asked for again');

        const o = await runStep('1.3', {}, seed001(lab));
        passed(o);
        assert.equal(named(lab, 'image1server').length, 1);
        assert.equal(named(lab, 'image2server').length, 1, 'no second image2server');
        // An answer lost: the instance it made is found by its name and finished, not launched again.
        const secondId = named(lab, 'image2server')[0]?.id;
        assert.deepEqual(secondLanded ? o.reused : o.created, [secondId]);
        assert.equal(named(lab, 'WebServer')[0]?.state, 'stopped');
        await finish(lab, seed001(lab));
        const end = await seed001(lab).inventory();
        const observations = await observe(end, seed001(lab).web);
        for (const r of checkAll({ inventory: end, observations, layout: 'seed001' }, ['1']))
          assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
      } finally {
        await lab.close();
      }
    });
  }
});

describe('an image1server launched by hand in the console', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('with another key pair and AZ is adopted: 1.3 launches image2server only, elsewhere, and 1.4-1.10 pass', async () => {
    const ctx = seed001(lab);
    await imaged(ctx);
    const inv = await ctx.inventory();
    const roles = findRoles(inv, undefined, 'seed001');
    const origin = roles.origin;
    assert.ok(origin && roles.images[0]);
    assert.equal(origin.state, 'stopped');
    // By hand: a key pair of its own, AZ d, the web group, Name image1server.
    const ec2 = lab.clients.ec2;
    const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'my-key' }));
    // Saved where the student keeps it: 1.5 logs in to image2server, launched with image1server's key pair.
    mkdirSync(join(lab.home, '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(lab.home, '.ssh', 'my-key.pem'), key.KeyMaterial ?? '', { mode: 0o600 });
    const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
    const az = `${PRACTICE_REGION}d`;
    const byHand = await ec2.send(
      new RunInstancesCommand({
        ImageId: roles.images[0].id,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'my-key',
        SubnetId: subnets.find((s) => s.AvailabilityZone === az)?.SubnetId,
        SecurityGroupIds: origin.securityGroups.map((g) => g.id),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'image1server' }] }],
      }),
    );
    const handId = byHand.Instances?.[0]?.InstanceId;
    const plan = planStep('1.3', { inventory: await ctx.inventory(), observations: new Map(), layout: 'seed001' });
    assert.ok(plan.ready);
    assert.deepEqual(
      plan.options.map((o) => o.key),
      ['name', 'az'],
    );
    assert.equal(plan.preview?.[0]?.code, 'plan.launchServer');

    const o = await runStep('1.3', {}, ctx);
    passed(o);
    assert.deepEqual(o.reused, [], 'image1server is the web server, not a resource of 1.3');
    assert.equal(o.created.length, 1);
    const first = named(lab, 'image1server');
    const second = named(lab, 'image2server');
    assert.deepEqual(
      first.map((i) => i.id),
      [handId],
    );
    assert.equal(second.length, 1);
    assert.notEqual(second[0]?.az, az, 'not in image1server’s AZ');
    assert.equal(second[0]?.keyName, 'my-key', "image1server's key pair, as the web server's");
    await finish(lab, ctx);
    const end = await ctx.inventory();
    const after = findRoles(end, undefined, 'seed001');
    assert.equal(after.webServer?.id, handId);
    assert.deepEqual(after.classicLoadBalancer?.instances.map((i) => i.id).sort(), [handId, second[0]?.id].sort());
  });
});
