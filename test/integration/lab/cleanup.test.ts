// Cleanup against the practice account at instant speed, through the real SDK: tracks 0-1 on the seeded
// account (WebServer, its Elastic IP and launch-wizard-1 were there before the lab) plus decoys made by hand
// without the lab's tag (or with another course's value of it); cleanup leaves nothing billable of the lab, every
// decoy standing, and WebServer serving its page on its Elastic IP again (1.9 had closed it to all but the ALB).
// A fault in the middle is reported, and cleanup again finishes; picked resources that are not the lab's go, and a
// group still in use is retried for a bounded time. Unread sections and lost replies: cleanupFaults.test.ts.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  AllocateAddressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { listKeyPairs } from '../../../src/aws/actions/cleanupActions';
import type { Inventory } from '../../../src/aws/types';
import { priceTable } from '../../../src/cost/prices';
import { cleanupIncomplete, planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupProgress } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator } from '../../../src/present/l10n';
import { LAB_TAG } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { assertWebServerServes, labBilling, tracks01 } from '../../fixtures/labCleanup';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

interface Decoys {
  instance: string;
  allocation: string;
  group: string;
  webServer: string;
  webServerAllocation: string;
  /** Tagged scale-out-lab:lab by another course's tool: not ours. */
  otherCourse: string;
}

const en = bundleTranslator();

function assertDecoysStand(inv: Inventory, d: Decoys): void {
  for (const id of [d.instance, d.webServer])
    assert.equal(inv.instances.find((i) => i.id === id)?.state, 'running', id);
  for (const id of [d.allocation, d.webServerAllocation])
    assert.ok(
      inv.elasticIps.some((e) => e.allocationId === id),
      id,
    );
  assert.ok(
    inv.securityGroups.some((g) => g.id === d.group),
    d.group,
  );
  assert.ok(
    inv.securityGroups.some((g) => g.name === 'launch-wizard-1'),
    'launch-wizard-1 (seeded) stays',
  );
  assert.ok(
    inv.securityGroups.some((g) => g.id === d.otherCourse),
    "another course's group stays",
  );
}

describe('cleanup on the practice account', () => {
  let lab: LabHarness;
  let decoys: Decoys;

  before(async () => {
    lab = await startLab();
    const ctx = lab.context();
    // Tracks 0-1 on the seeded account: 0.1 and 0.2 find WebServer and its address; track 1 creates the rest.
    await tracks01(lab);
    const inv = await ctx.inventory();
    const ws = inv.instances.find((i) => i.name === 'WebServer');
    const wsIp = inv.elasticIps.find((e) => e.instanceId === ws?.id);
    assert.ok(ws && wsIp && !ws.tags['scale-out-lab:lab'], "the seeded WebServer is not the lab's");
    const ec2 = lab.clients.ec2;
    const vpcId = inv.vpcs.find((v) => v.isDefault)?.id;
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: ws.imageId,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'my-own' }] }],
      }),
    );
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'my-group', Description: 'made by hand', VpcId: vpcId }),
    );
    const theirs = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'their-group', Description: 'another course', VpcId: vpcId }),
    );
    await ec2.send(
      new CreateTagsCommand({
        Resources: [theirs.GroupId ?? ''],
        Tags: [{ Key: LAB_TAG, Value: 'another-course' }],
      }),
    );
    decoys = {
      otherCourse: theirs.GroupId ?? '',
      instance: run.Instances?.[0]?.InstanceId ?? '',
      allocation: eip.AllocationId ?? '',
      group: sg.GroupId ?? '',
      webServer: ws.id,
      webServerAllocation: wsIp.allocationId,
    };
  });
  after(() => lab.close());

  it("plans the lab's resources only, with what they cost per hour", async () => {
    const inv = await lab.context().inventory();
    const prices = priceTable(PRACTICE_REGION);
    assert.ok(prices);
    const plan = planCleanup(inv, {
      prices,
      keyPairs: await listKeyPairs({ clients: lab.clients, signal: new AbortController().signal }),
    });
    const kinds = new Set(plan.items.map((i) => i.kind));
    for (const k of [
      'listener',
      'loadBalancer',
      'targetGroup',
      'instance',
      'elasticIp',
      'image',
      'snapshot',
      'securityGroup',
    ] as const)
      assert.ok(kinds.has(k), k);
    for (const id of Object.values(decoys)) {
      assert.ok(!plan.items.some((i) => i.id === id), `${id} is not planned`);
      assert.ok(
        plan.others.some((i) => i.id === id),
        `${id} is offered`,
      );
    }
    assert.ok(!plan.items.some((i) => i.kind === 'keyPair'), "the seeded ec2-key is not the lab's");
    assert.ok(plan.hourlyUsd > 0);
    // 1.9 left launch-wizard-1 admitting HTTP only from alb-sg, which goes: HTTP from anywhere comes back, first.
    const wizard = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    const albSg = inv.securityGroups.find((g) => g.name === 'alb-sg');
    assert.ok(wizard && albSg);
    assert.deepEqual(
      plan.changes.map(
        (c) =>
          `${c.action} ${c.groupName} ${c.fromPort} ${c.source.kind === 'group' ? c.source.groupName : c.source.cidr}`,
      ),
      [
        'authorizeIngress launch-wizard-1 80 0.0.0.0/0',
        'authorizeIngress launch-wizard-1 80 ::/0',
        'revokeIngress launch-wizard-1 80 alb-sg',
      ],
    );
    assert.equal(cleanupPlanLines(plan, en)[0], 'Changes to what is kept, made first:');
    assert.match(
      cleanupPlanLines(plan, en)[1] ?? '',
      /launch-wizard-1 \(sg-\w+\): allow TCP 80 from 0\.0\.0\.0\/0 again/,
    );
  });

  it('a fault in the middle is reported; cleanup again leaves nothing billable of the lab, and the decoys stand', async () => {
    const ctx = lab.context();
    const prices = priceTable(PRACTICE_REGION);
    const first = planCleanup(await ctx.inventory(), { ...(prices ? { prices } : {}) });
    // More failures than the SDK's three attempts: the run sees them.
    lab.server.injectFault({ action: 'ReleaseAddress', kind: 'internal', count: 3 });
    lab.server.injectFault({ action: 'DeleteSecurityGroup', kind: 'throttle', count: 3 });
    const progress: CleanupProgress[] = [];
    const run = {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: (p: CleanupProgress) => progress.push(p),
    };
    const result = await runCleanup(first, { ...run, ...(prices ? { prices } : {}) });

    assert.deepEqual(
      result.failed.map((f) => `${f.item.kind} ${f.problem.kind}`).sort(),
      ['elasticIp service', 'securityGroup throttled'],
      JSON.stringify(result.failed),
    );
    assert.deepEqual(
      result.leftBillable.map((i) => i.kind),
      ['elasticIp'],
      'the Elastic IP still bills',
    );
    assert.ok((result.leftBillable[0]?.hourlyUsd ?? 0) > 0);
    assert.ok(
      progress.some((p) => p.phase === 'waiting' && p.item.kind === 'instance'),
      'waits for termination',
    );
    assert.ok(
      progress.some((p) => p.phase === 'failed' && p.problem),
      'failures are reported as they happen',
    );
    assert.equal(result.deleted.length + result.failed.length, first.items.length);
    assert.deepEqual(
      result.changed,
      first.changes.filter((c) => c.action === 'authorizeIngress'),
    );
    assert.ok(cleanupIncomplete(result));

    const again = planCleanup(await ctx.inventory());
    assert.deepEqual(again.items.map((i) => i.kind).sort(), ['elasticIp', 'securityGroup']);
    const second = await runCleanup(again, run);
    assert.deepEqual(second.failed, []);
    assert.deepEqual(second.leftBillable, []);

    const inv = await ctx.inventory();
    assert.deepEqual(labBilling(inv), { estimate: [], plan: [] });
    assert.deepEqual(planCleanup(inv).items, [], 'nothing of the lab is left at all');
    assertDecoysStand(inv, decoys);
    // alb-sg's source rule in launch-wizard-1 went with alb-sg; HTTP from anywhere is back, SSH stays.
    const wizard = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    assert.ok(wizard && wizard.inbound.every((r) => r.source.kind !== 'group'));
    assert.ok(wizard.inbound.some((r) => r.fromPort === 22));
    await assertWebServerServes(ctx);
  });

  it('cleanup with nothing of the lab left deletes nothing', async () => {
    const ctx = lab.context();
    const plan = planCleanup(await ctx.inventory());
    const result = await runCleanup(plan, {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: () => undefined,
    });
    assert.deepEqual(result, { changed: [], changeFailed: [], deleted: [], failed: [], leftBillable: [], unread: [] });
    assertDecoysStand(await ctx.inventory(), decoys);
  });

  it("deletes a picked resource that is not the lab's", async () => {
    const ctx = lab.context();
    const plan = planCleanup(await ctx.inventory(), { include: [decoys.allocation, decoys.group] });
    assert.deepEqual(plan.items.map((i) => i.id).sort(), [decoys.allocation, decoys.group].sort());
    const result = await runCleanup(plan, {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: () => undefined,
    });
    assert.deepEqual(result.failed, []);
    const inv = await ctx.inventory();
    assert.ok(!inv.elasticIps.some((e) => e.allocationId === decoys.allocation));
    assert.ok(!inv.securityGroups.some((g) => g.id === decoys.group));
    assert.equal(inv.instances.find((i) => i.id === decoys.webServer)?.state, 'running');
  });

  it('retries a group still in use for a bounded time, then reports it; with its instance picked too, both go', async () => {
    const ctx = lab.context();
    const ec2 = lab.clients.ec2;
    const inv = await ctx.inventory();
    const ws = inv.instances.find((i) => i.id === decoys.webServer);
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'busy-group',
        Description: 'in use',
        VpcId: inv.vpcs.find((v) => v.isDefault)?.id,
      }),
    );
    const groupId = sg.GroupId ?? '';
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: ws?.imageId,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        SecurityGroupIds: [groupId],
      }),
    );
    const instanceId = launched.Instances?.[0]?.InstanceId ?? '';
    const progress: CleanupProgress[] = [];
    const run = {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: (p: CleanupProgress) => progress.push(p),
      delays: { minDelay: 0.01, maxDelay: 0.02 },
      retrySeconds: 0.3,
    };

    const alone = await runCleanup(planCleanup(await ctx.inventory(), { include: [groupId] }), run);
    assert.deepEqual(
      alone.failed.map((f) => [f.item.id, f.problem.kind === 'service' ? f.problem.code : f.problem.kind]),
      [[groupId, 'DependencyViolation']],
    );
    assert.ok(progress.filter((p) => p.phase === 'retrying').length >= 2, 'retried before giving up');

    const both = await runCleanup(planCleanup(await ctx.inventory(), { include: [groupId, instanceId] }), run);
    assert.deepEqual(both.failed, []);
    assert.deepEqual(
      both.deleted.map((i) => i.kind),
      ['instance', 'volume', 'securityGroup'],
      'its root volume with it (gone with the instance)',
    );
    const left = await ctx.inventory();
    for (const id of [decoys.instance, decoys.webServer])
      assert.equal(left.instances.find((i) => i.id === id)?.state, 'running', id);
    assert.ok(left.elasticIps.some((e) => e.allocationId === decoys.webServerAllocation));
  });
});
