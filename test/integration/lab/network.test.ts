// Track 4 against the practice account through the real SDK: 4.1's runner builds "VPC and more" (and a rerun makes
// nothing new), a half-done console build is finished instead of doubled, and 4.2's fixes repair each wrong way
// a student leaves a subnet — checked again from a fresh inventory each time.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  AssociateRouteTableCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  DescribeRouteTablesCommand,
} from '@aws-sdk/client-ec2';
import { fetchInventory } from '../../../src/aws/inventory';
import { checkStep } from '../../../src/lab/checks/checks';
import { applyFix, planStep, runStep } from '../../../src/lab/run/runner';
import type { CheckResult, StepId } from '../../../src/lab/types';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

let lab: LabHarness;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());
beforeEach(() => lab.server.reset());

const inventory = () => fetchInventory(lab.clients);
const check = async (id: StepId): Promise<CheckResult> =>
  checkStep(id, { inventory: await inventory(), observations: new Map() });
const tag = (name: string) => [{ Key: 'Name', Value: name }];

describe('4.1 run from the editor or the CLI', () => {
  it('plans the handout: Test-VPC 10.0.0.0/16 over 1a and 1c, no NAT (its hourly price if asked)', async () => {
    const plan = planStep('4.1', { inventory: await inventory(), observations: new Map() });
    assert.equal(plan.ready, true);
    const options = plan.ready ? Object.fromEntries(plan.options.map((o) => [o.key, o])) : {};
    assert.equal(options.name?.default, 'Test-VPC');
    assert.equal(options.cidr?.default, '10.0.0.0/16');
    assert.equal(options.az1?.default, 'ap-northeast-1a');
    assert.equal(options.az2?.default, 'ap-northeast-1c');
    assert.equal(options.nat?.default, 'none');
    assert.equal(options.nat?.choices?.find((c) => c.value === 'one')?.args?.usdPerHour, 0.062);
  });

  it('builds the VPC, four subnets, the gateway and the tables; 4.1 and 4.2 pass; a rerun makes nothing', async () => {
    const outcome = await runStep('4.1', {}, lab.context());
    assert.equal(outcome.check.status, 'passed', JSON.stringify(outcome.check));
    const inv = await inventory();
    const vpc = inv.vpcs.find((v) => v.name === 'Test-VPC');
    assert.ok(vpc);
    const subnets = inv.subnets.filter((s) => s.vpcId === vpc.id);
    assert.deepEqual(subnets.map((s) => `${s.name} ${s.cidr} ${s.az} ${s.isPublic ? 'public' : 'private'}`).sort(), [
      'パブリックサブネット-1a 10.0.0.0/24 ap-northeast-1a public',
      'パブリックサブネット-1c 10.0.1.0/24 ap-northeast-1c public',
      'プライベートサブネット-1a 10.0.2.0/24 ap-northeast-1a private',
      'プライベートサブネット-1c 10.0.3.0/24 ap-northeast-1c private',
    ]);
    assert.ok(
      subnets.filter((s) => s.isPublic).every((s) => s.mapPublicIpOnLaunch),
      'public subnets auto-assign',
    );
    assert.deepEqual(
      inv.routeTables
        .filter((t) => t.vpcId === vpc.id)
        .map((t) => t.name ?? (t.isMain ? 'main' : t.id))
        .sort(),
      ['Test-VPC-rtb-private1-ap-northeast-1a', 'Test-VPC-rtb-private2-ap-northeast-1c', 'Test-VPC-rtb-public', 'main'],
    );
    assert.equal(inv.internetGateways.find((g) => g.vpcId === vpc.id)?.name, 'Test-VPC-igw');
    assert.equal(inv.natGateways.length, 0);
    assert.equal((await check('4.2')).status, 'passed');

    const again = await runStep('4.1', {}, lab.context());
    assert.deepEqual(again.created, []);
    assert.equal(again.check.status, 'passed');
    const after = await inventory();
    assert.equal(after.vpcs.length, inv.vpcs.length);
    assert.equal(after.subnets.length, inv.subnets.length);
    assert.equal(after.routeTables.length, inv.routeTables.length);
  });

  it('with a NAT gateway when asked: the private tables route through it (still private), 4.1 notes its hourly bill', async () => {
    const outcome = await runStep('4.1', { nat: 'one' }, lab.context());
    assert.equal(outcome.check.status, 'passed', JSON.stringify(outcome.check));
    assert.deepEqual(outcome.check.status === 'passed' && outcome.check.notes?.map((n) => n.code), ['note.natGateway']);
    const inv = await inventory();
    const nat = inv.natGateways[0];
    assert.equal(nat?.state, 'available');
    assert.equal(inv.subnets.find((s) => s.id === nat?.subnetId)?.name, 'パブリックサブネット-1a');
    const privateTables = inv.routeTables.filter((t) => t.name?.startsWith('Test-VPC-rtb-private'));
    assert.equal(privateTables.length, 2);
    for (const t of privateTables)
      assert.deepEqual(
        t.routes.find((r) => r.destination === '0.0.0.0/0')?.target,
        { kind: 'natGateway', id: nat?.id },
        t.id,
      );
    assert.equal((await check('4.2')).status, 'passed', 'a NAT route leaves the private subnets private');
    const again = await runStep('4.1', { nat: 'one' }, lab.context());
    assert.deepEqual(again.created, [], 'the NAT gateway and its Elastic IP are not made twice');
  });

  it('finishes a console build left halfway (VPC and one subnet, a detached gateway) instead of doubling it', async () => {
    const ec2 = lab.clients.ec2;
    const vpc = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.0.0.0/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: tag('Test-VPC-vpc') }],
      }),
    );
    const vpcId = vpc.Vpc?.VpcId ?? '';
    await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.0.0/24',
        AvailabilityZone: 'ap-northeast-1a',
        TagSpecifications: [{ ResourceType: 'subnet', Tags: tag('Test-VPC-subnet-public1-ap-northeast-1a') }],
      }),
    );
    const igw = await ec2.send(
      new CreateInternetGatewayCommand({
        TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: tag('Test-VPC-igw') }],
      }),
    );
    const first = await check('4.1');
    assert.equal(first.status === 'failed' && first.reason.code, 'vpc.oneAz');
    const before = await inventory();
    const outcome = await runStep('4.1', {}, lab.context());
    assert.equal(outcome.check.status, 'passed', JSON.stringify(outcome.check));
    assert.ok(outcome.reused.includes(vpcId) && outcome.reused.includes(igw.InternetGateway?.InternetGatewayId ?? '-'));
    const inv = await inventory();
    assert.equal(inv.vpcs.length, before.vpcs.length, 'no second VPC');
    assert.equal(inv.internetGateways.length, before.internetGateways.length, 'no second gateway');
    assert.equal(inv.subnets.filter((s) => s.vpcId === vpcId).length, 4);
    assert.equal((await check('4.2')).status, 'passed');
  });
});

describe('4.2 fixes', () => {
  it('a public subnet taken off the public table: the check names the main table, its fix routes it back', async () => {
    await runStep('4.1', {}, lab.context());
    const inv = await inventory();
    const subnet = inv.subnets.find((s) => s.name === 'パブリックサブネット-1c');
    assert.ok(subnet?.routeTableId);
    const tables = await lab.clients.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.id] }] }),
    );
    const association = tables.RouteTables?.[0]?.Associations?.find((a) => a.SubnetId === subnet.id);
    await lab.clients.ec2.send(
      new DisassociateRouteTableCommand({ AssociationId: association?.RouteTableAssociationId }),
    );
    const broken = await check('4.2');
    assert.equal(broken.status === 'failed' && broken.reason.code, 'subnet.mainTableNoRoute');
    const fix = broken.status === 'failed' ? broken.fixes[0] : undefined;
    assert.equal(fix?.code, 'routeToInternet');
    await applyFix(fix!, lab.context());
    assert.equal((await check('4.2')).status, 'passed');
  });

  it('a private subnet put on the public table: its fix gives it a private table again', async () => {
    await runStep('4.1', {}, lab.context());
    const inv = await inventory();
    const subnet = inv.subnets.find((s) => s.name === 'プライベートサブネット-1a');
    const publicTable = inv.routeTables.find((t) => t.name === 'Test-VPC-rtb-public');
    const privateTable = inv.routeTables.find((t) => t.id === subnet?.routeTableId);
    const tables = await lab.clients.ec2.send(
      new DescribeRouteTablesCommand({ RouteTableIds: [privateTable?.id ?? ''] }),
    );
    const association = tables.RouteTables?.[0]?.Associations?.find((a) => a.SubnetId === subnet?.id);
    await lab.clients.ec2.send(
      new DisassociateRouteTableCommand({ AssociationId: association?.RouteTableAssociationId }),
    );
    await lab.clients.ec2.send(new AssociateRouteTableCommand({ SubnetId: subnet?.id, RouteTableId: publicTable?.id }));
    const broken = await check('4.2');
    assert.equal(broken.status === 'failed' && broken.reason.code, 'subnet.privateRoutesToInternet');
    await applyFix(broken.status === 'failed' ? broken.fixes[0]! : { code: '-', args: {} }, lab.context());
    const fixed = await inventory();
    assert.equal(fixed.subnets.find((s) => s.id === subnet?.id)?.routeTableId, privateTable?.id, 'its own table again');
    assert.equal((await check('4.2')).status, 'passed');
  });

  it('the gateway detached: 4.1 offers to attach it again, 4.2 waits; the fix brings both back', async () => {
    await runStep('4.1', {}, lab.context());
    const inv = await inventory();
    const vpc = inv.vpcs.find((v) => v.name === 'Test-VPC');
    const igw = inv.internetGateways.find((g) => g.vpcId === vpc?.id);
    await lab.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw?.id, VpcId: vpc?.id }));
    const broken = await check('4.1');
    assert.equal(broken.status === 'failed' && broken.reason.code, 'vpc.gatewayDetached');
    assert.equal((await check('4.2')).status, 'waiting');
    await applyFix(broken.status === 'failed' ? broken.fixes[0]! : { code: '-', args: {} }, lab.context());
    assert.equal((await check('4.1')).status, 'passed');
    assert.equal((await check('4.2')).status, 'passed', 'the public table routes again: no blackhole');
  });
});
