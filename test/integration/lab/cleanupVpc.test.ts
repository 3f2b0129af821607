// Cleanup of the lab's VPC against the practice account through the real SDK: a Test-VPC with four subnets, an
// internet gateway, public and private route tables, a NAT gateway with its Elastic IP, an instance and two
// security groups that name each other goes with everything in it, in AWS's order (instance, NAT gateway waited
// for, its Elastic IP, the gateway detached, the tables disassociated, the subnets, the groups, the VPC); decoys
// (another VPC with its own parts, the default VPC, a detached gateway, an Elastic IP, WebServer) stand. The VPC
// is the lab's by its tag (the runner's, on every part) or picked by the student (a console-made one, untagged
// parts); a cleanup interrupted halfway finishes when run again.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNatGatewaysCommand,
  RunInstancesCommand,
  waitUntilNatGatewayAvailable,
  type EC2Client,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Inventory } from '../../../src/aws/types';
import { CLEANUP_ORDER, planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupContext, CleanupProgress } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupProgressText } from '../../../src/present/lab/cleanupText';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { priceTable } from '../../../src/cost/prices';
import { LAB_ID, LAB_TAG, STEP_TAG, type StepContext } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';
import { repoRoot } from '../../fixtures/repo';

const en = bundleTranslator();
const ja = bundleTranslator(loadBundle('ja', repoRoot));
const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };

interface BuiltVpc {
  vpcId: string;
  igwId: string;
  natId: string;
  allocationId: string;
  instanceId: string;
  ids: string[];
}

/** Seed 004's network, call by call; `lab` tags every part as the runner of step 4.1 does, else Name only. */
async function buildVpc(ec2: EC2Client, cidrPrefix: string, lab: boolean): Promise<BuiltVpc> {
  const tags = (type: ResourceType, name: string) => [
    {
      ResourceType: type,
      Tags: [
        { Key: 'Name', Value: name },
        ...(lab
          ? [
              { Key: LAB_TAG, Value: LAB_ID },
              { Key: STEP_TAG, Value: '4.1' },
            ]
          : []),
      ],
    },
  ];
  const ids: string[] = [];
  const keep = (id: string | undefined) => {
    assert.ok(id);
    ids.push(id);
    return id;
  };
  const vpcId = keep(
    (
      await ec2.send(
        new CreateVpcCommand({ CidrBlock: `${cidrPrefix}.0.0/16`, TagSpecifications: tags('vpc', 'Test-VPC') }),
      )
    ).Vpc?.VpcId,
  );
  const subnets: string[] = [];
  for (const [n, az] of [
    [0, 'a'],
    [1, 'c'],
    [2, 'a'],
    [3, 'c'],
  ] as const) {
    const out = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `${cidrPrefix}.${n}.0/24`,
        AvailabilityZone: `${PRACTICE_REGION}${az}`,
        TagSpecifications: tags('subnet', `${n < 2 ? 'パブリック' : 'プライベート'}サブネット-1${az}`),
      }),
    );
    subnets.push(keep(out.Subnet?.SubnetId));
  }
  const igwId = keep(
    (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tags('internet-gateway', 'Test-VPC-igw') })))
      .InternetGateway?.InternetGatewayId,
  );
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const table = async (name: string, members: string[]) => {
    const id = keep(
      (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tags('route-table', name) })))
        .RouteTable?.RouteTableId,
    );
    for (const s of members) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId: s }));
    return id;
  };
  const [pub1a = '', pub1c = '', priv1a = '', priv1c = ''] = subnets;
  const publicTable = await table('Test-VPC-rtb-public', [pub1a, pub1c]);
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
  );
  const privateTable = await table('Test-VPC-rtb-private', [priv1a, priv1c]);

  const allocationId = keep(
    (
      await ec2.send(
        new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tags('elastic-ip', 'Test-VPC-eip') }),
      )
    ).AllocationId,
  );
  const natId = keep(
    (
      await ec2.send(
        new CreateNatGatewayCommand({
          SubnetId: pub1a,
          AllocationId: allocationId,
          TagSpecifications: tags('natgateway', 'Test-VPC-nat'),
        }),
      )
    ).NatGateway?.NatGatewayId,
  );
  await waitUntilNatGatewayAvailable({ client: ec2, ...WAIT }, { NatGatewayIds: [natId] });
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: privateTable, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }),
  );

  // Two groups that name each other: neither can go while the other's rule names it.
  const group = async (name: string) =>
    keep(
      (
        await ec2.send(
          new CreateSecurityGroupCommand({
            GroupName: name,
            Description: name,
            VpcId: vpcId,
            TagSpecifications: tags('security-group', name),
          }),
        )
      ).GroupId,
    );
  const webSg = await group('web-sg');
  const elbSg = await group('elb-sg');
  for (const [groupId, source] of [
    [webSg, elbSg],
    [elbSg, webSg],
  ] as const) {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: source }] }],
      }),
    );
  }
  return { vpcId, igwId, natId, allocationId, instanceId: '', ids };
}

/** An instance in the VPC's first public subnet, from WebServer's AMI; its ID joins the VPC's. */
async function launchInto(ec2: EC2Client, inv: Inventory, built: BuiltVpc, lab: boolean): Promise<void> {
  const ws = inv.instances.find((i) => i.name === 'WebServer');
  const subnet = inv.subnets.find((s) => s.vpcId === built.vpcId && s.cidr.endsWith('.0.0/24'));
  const group = inv.securityGroups.find((g) => g.vpcId === built.vpcId && g.name === 'web-sg');
  assert.ok(ws?.imageId && subnet && group);
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: ws.imageId,
      InstanceType: 't2.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnet.id,
      SecurityGroupIds: [group.id],
      TagSpecifications: [
        {
          ResourceType: 'instance',
          Tags: [{ Key: 'Name', Value: 'Test-EC2#1' }, ...(lab ? [{ Key: LAB_TAG, Value: LAB_ID }] : [])],
        },
      ],
    }),
  );
  built.instanceId = run.Instances?.[0]?.InstanceId ?? '';
  built.ids.push(built.instanceId);
}

interface Decoys {
  vpcId: string;
  parts: string[];
  detachedIgw: string;
  allocation: string;
  webServer: string;
  defaultVpc: string;
}

async function buildDecoys(ec2: EC2Client, inv: Inventory): Promise<Decoys> {
  // Another VPC of the student's own (untagged), with a subnet, an attached gateway, a table and a group.
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc?.VpcId ?? '';
  const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.50.0.0/24' }));
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
  const table = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
  await ec2.send(
    new AssociateRouteTableCommand({ RouteTableId: table.RouteTable?.RouteTableId, SubnetId: subnet.Subnet?.SubnetId }),
  );
  const group = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'mine', Description: 'mine', VpcId: vpcId }),
  );
  const detachedIgw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
  const allocation = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '';
  const webServer = inv.instances.find((i) => i.name === 'WebServer')?.id ?? '';
  const defaultVpc = inv.vpcs.find((v) => v.isDefault)?.id ?? '';
  assert.ok(webServer && defaultVpc);
  return {
    vpcId,
    parts: [subnet.Subnet?.SubnetId ?? '', igw, table.RouteTable?.RouteTableId ?? '', group.GroupId ?? ''],
    detachedIgw,
    allocation,
    webServer,
    defaultVpc,
  };
}

/** Every ID the inventory holds (VPCs, subnets, tables, gateways, groups, instances not terminated, addresses). */
function idsIn(inv: Inventory): Set<string> {
  return new Set([
    ...inv.vpcs.map((v) => v.id),
    ...inv.subnets.map((s) => s.id),
    ...inv.routeTables.map((t) => t.id),
    ...inv.internetGateways.map((g) => g.id),
    ...inv.natGateways.filter((n) => n.state !== 'deleted').map((n) => n.id),
    ...inv.securityGroups.map((g) => g.id),
    ...inv.instances.filter((i) => i.state !== 'terminated').map((i) => i.id),
    ...inv.elasticIps.map((e) => e.allocationId),
  ]);
}

function assertDecoysStand(inv: Inventory, d: Decoys): void {
  const ids = idsIn(inv);
  for (const id of [d.vpcId, ...d.parts, d.detachedIgw, d.allocation, d.webServer, d.defaultVpc])
    assert.ok(ids.has(id), `${id} stands`);
  assert.equal(inv.instances.find((i) => i.id === d.webServer)?.state, 'running');
  assert.equal(
    inv.internetGateways.find((g) => g.id === d.parts[1])?.vpcId,
    d.vpcId,
    'the decoy gateway stays attached',
  );
  assert.ok(
    inv.subnets.some((s) => s.vpcId === d.defaultVpc),
    'the default VPC keeps its subnets',
  );
}

function assertGone(inv: Inventory, built: BuiltVpc): void {
  const ids = idsIn(inv);
  const left = built.ids.filter((id) => ids.has(id));
  assert.deepEqual(left, [], 'nothing of the VPC is left');
  assert.ok(!inv.subnets.some((s) => s.vpcId === built.vpcId));
  assert.ok(!inv.securityGroups.some((g) => g.vpcId === built.vpcId), 'its default group went with it');
}

describe('cleanup of the lab VPC on the practice account', () => {
  let lab: LabHarness;
  let decoys: Decoys;
  const prices = priceTable(PRACTICE_REGION);

  const run = (ctx: StepContext, extra: Partial<CleanupContext> = {}): CleanupContext => ({
    clients: lab.clients,
    inventory: ctx.inventory,
    signal: ctx.signal,
    progress: () => undefined,
    ...(prices ? { prices } : {}),
    ...extra,
  });

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
