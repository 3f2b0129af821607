// Cleanup of the lab's VPC against the practice account through the real SDK: a runner-made Test-VPC (every part
// tagged) goes with everything in it, in AWS's order (instance, NAT gateway waited for, its Elastic IP, the gateway
// detached, the tables disassociated, the subnets, the groups, the VPC), decoys standing; a cleanup interrupted
// halfway finishes when run again. The VPC and the decoys are built in fixtures/labCleanupVpc.ts.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DescribeNatGatewaysCommand } from '@aws-sdk/client-ec2';
import { CLEANUP_ORDER, planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupProgress } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupProgressText } from '../../../src/present/lab/cleanupText';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { priceTable } from '../../../src/cost/prices';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import {
  assertDecoysStand,
  assertGone,
  buildDecoys,
  buildVpc,
  cleanupRun,
  idsIn,
  launchInto,
  type Decoys,
} from '../../fixtures/labCleanupVpc';
import { startLab, type LabHarness } from '../../fixtures/labPractice';
import { repoRoot } from '../../fixtures/repo';

const en = bundleTranslator();
const ja = bundleTranslator(loadBundle('ja', repoRoot));

describe('cleanup of the lab VPC on the practice account', () => {
  let lab: LabHarness;
  let decoys: Decoys;
  const prices = priceTable(PRACTICE_REGION);
  const run = cleanupRun(() => lab);

  before(async () => {
    lab = await startLab();
    decoys = await buildDecoys(lab.clients.ec2, await lab.context().inventory());
  });
  after(() => lab.close());

  it("a runner-made Test-VPC: planned in AWS's order with the NAT gateway's hourly cost, removed with everything in it, decoys untouched", async () => {
    const ec2 = lab.clients.ec2;
    const built = await buildVpc(ec2, '10.0', true);
    const ctx = lab.context();
    await launchInto(ec2, await ctx.inventory(), built, true);
    const plan = planCleanup(await ctx.inventory(), { ...(prices ? { prices } : {}) });

    const planned = plan.items.filter((i) => built.ids.includes(i.id));
    assert.deepEqual(
      planned.map((i) => i.kind),
      [
        'instance',
        'natGateway',
        'elasticIp',
        'internetGateway',
        'routeTable',
        'routeTable',
        'subnet',
        'subnet',
        'subnet',
        'subnet',
        'securityGroup',
        'securityGroup',
        'vpc',
      ],
    );
    for (const i of planned) assert.equal(i.stage, CLEANUP_ORDER.indexOf(i.kind), i.id);
    assert.ok(!plan.items.some((i) => i.kind === 'routeTable' && !built.ids.includes(i.id)), 'no main table');
    assert.equal(plan.items.find((i) => i.id === built.natId)?.hourlyUsd, 0.062);
    assert.equal(plan.items.find((i) => i.id === built.allocationId)?.hourlyUsd, 0.005);
    const decoyIds = [decoys.vpcId, ...decoys.parts, decoys.detachedIgw, decoys.allocation, decoys.webServer];
    assert.deepEqual(
      plan.items.filter((i) => decoyIds.includes(i.id) || i.id === decoys.defaultVpc).map((i) => i.id),
      [],
    );
    assert.ok(
      plan.others.some((i) => i.id === decoys.vpcId && i.kind === 'vpc'),
      'the other VPC is offered',
    );
    assert.ok(
      plan.others.some((i) => i.id === decoys.detachedIgw),
      'the detached gateway is offered',
    );
    const lines = cleanupPlanLines(plan, en);
    assert.ok(lines.includes(`   2. NAT gateway Test-VPC-nat (${built.natId})  0.0620 USD/h`), lines.join('\n'));
    assert.ok(
      cleanupPlanLines(plan, ja).some((l) => l.includes(`NAT ゲートウェイ Test-VPC-nat (${built.natId})`)),
      'the plan in Japanese',
    );

    const seen: CleanupProgress[] = [];
    const result = await runCleanup(plan, run(ctx, { progress: (p) => seen.push(p) }));
    assert.deepEqual(
      result.failed.map((f) => `${f.item.kind} ${f.item.id} ${JSON.stringify(f.problem)}`),
      [],
    );
    assert.deepEqual(result.leftBillable, []);
    assert.ok(
      seen.some((p) => 'item' in p && p.item.id === built.natId && p.phase === 'waiting'),
      'the NAT gateway is waited for until deleted',
    );
    assert.ok(
      seen
        .flatMap((p) => ('item' in p ? [cleanupProgressText(p, en)] : []))
        .includes(`Waiting until gone: NAT gateway Test-VPC-nat (${built.natId})`),
    );
    const inv = await ctx.inventory();
    assertGone(inv, built);
    const nat = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [built.natId] }));
    assert.equal(nat.NatGateways?.[0]?.State, 'deleted');
    assertDecoysStand(inv, decoys);
  });

  it('interrupted halfway (aborted once the gateway is gone, a lost reply on the way), cleanup again finishes', async () => {
    const ec2 = lab.clients.ec2;
    const built = await buildVpc(ec2, '10.1', true);
    const first = lab.context();
    await launchInto(ec2, await first.inventory(), built, true);
    // The detach is applied but its reply is lost: the SDK's retry finds it detached, and the delete goes on.
    lab.server.injectFault({ action: 'DetachInternetGateway', kind: 'replyLost', count: 1 });
    const stop = new AbortController();
    const interrupted = lab.context(stop.signal);
    const plan = planCleanup(await interrupted.inventory(), { ...(prices ? { prices } : {}) });
    await assert.rejects(
      runCleanup(
        plan,
        run(interrupted, {
          progress: (p) => {
            if ('item' in p && p.item.kind === 'internetGateway' && p.phase === 'deleted')
              stop.abort(new Error('closed'));
          },
        }),
      ),
      /closed/,
    );
    const halfway = await first.inventory();
    assert.ok(!idsIn(halfway).has(built.natId) && !idsIn(halfway).has(built.igwId), 'the first stages are done');
    assert.ok(idsIn(halfway).has(built.vpcId), 'the VPC is still there');

    const again = planCleanup(halfway, { ...(prices ? { prices } : {}) });
    assert.deepEqual(
      [...new Set(again.items.filter((i) => built.ids.includes(i.id)).map((i) => i.kind))],
      ['routeTable', 'subnet', 'securityGroup', 'vpc'],
    );
    const second = lab.context();
    const result = await runCleanup(again, run(second));
    assert.deepEqual(
      result.failed.map((f) => `${f.item.kind} ${f.item.id} ${JSON.stringify(f.problem)}`),
      [],
    );
    const inv = await second.inventory();
    assertGone(inv, built);
    assertDecoysStand(inv, decoys);
  });
});
