// Cleanup of a console-made VPC the student picks, against the practice account through the real SDK: its untagged
// parts, and an ALB with its target group and listener made by hand in it, go with it; its Elastic IP, not the
// lab's, stays; decoys stand. The VPC and the decoys are built in fixtures/labCleanupVpc.ts.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import {
  assertDecoysStand,
  assertGone,
  buildDecoys,
  buildVpc,
  cleanupRun,
  launchInto,
  type Decoys,
} from '../../fixtures/labCleanupVpc';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

describe('cleanup of the lab VPC on the practice account', () => {
  let lab: LabHarness;
  let decoys: Decoys;
  const run = cleanupRun(() => lab);

  before(async () => {
    lab = await startLab();
    decoys = await buildDecoys(lab.clients.ec2, await lab.context().inventory());
  });
  after(() => lab.close());

  it('a console-made VPC the student picks: its untagged parts go with it; its Elastic IP, not the lab’s, stays', async () => {
    const ec2 = lab.clients.ec2;
    const built = await buildVpc(ec2, '10.2', false);
    const ctx = lab.context();
    await launchInto(ec2, await ctx.inventory(), built, false);
    // The ALB over both public subnets and its target group, made by hand: they go with the VPC too.
    const inv0 = await ctx.inventory();
    const publicSubnets = inv0.subnets.filter((s) => s.vpcId === built.vpcId && /\.[01]\.0\/24$/.test(s.cidr));
    const elbSg = inv0.securityGroups.find((g) => g.vpcId === built.vpcId && g.name === 'elb-sg');
    const tg = await lab.clients.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'elb-targetgroup', Protocol: 'HTTP', Port: 80, VpcId: built.vpcId }),
    );
    const alb = await lab.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'Test-ELB',
        Subnets: publicSubnets.map((s) => s.id),
        SecurityGroups: [elbSg?.id ?? ''],
      }),
    );
    const albArn = alb.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn ?? '';
    await lab.clients.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: albArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    const unpicked = planCleanup(await ctx.inventory());
    assert.deepEqual(
      unpicked.items.filter((i) => built.ids.includes(i.id)).map((i) => i.id),
      [],
      'nothing of an untagged VPC unless picked',
    );
    assert.ok(unpicked.others.some((i) => i.id === built.vpcId));
    const plan = planCleanup(await ctx.inventory(), { include: [built.vpcId] });
    const planned = new Set(plan.items.map((i) => i.id));
    assert.ok(planned.has(albArn) && planned.has(tgArn), 'the ALB and its target group go with the VPC');
    assert.ok(
      plan.items.some((i) => i.kind === 'listener'),
      'and the listener with the ALB',
    );
    assert.deepEqual(
      built.ids.filter((id) => !planned.has(id)),
      [built.allocationId],
    );
    const result = await runCleanup(plan, run(ctx));
    assert.deepEqual(
      result.failed.map((f) => `${f.item.kind} ${f.item.id} ${JSON.stringify(f.problem)}`),
      [],
    );
    const inv = await ctx.inventory();
    assert.ok(!inv.loadBalancers.some((lb) => lb.arn === albArn) && !inv.targetGroups.some((g) => g.arn === tgArn));
    assertGone({ ...inv, elasticIps: inv.elasticIps.filter((e) => e.allocationId !== built.allocationId) }, built);
    const address = inv.elasticIps.find((e) => e.allocationId === built.allocationId);
    assert.ok(address, 'the Elastic IP is still allocated');
    assert.equal(address.networkInterfaceId, undefined, 'and free: its NAT gateway is gone');
    assertDecoysStand(inv, decoys);
  });
});
