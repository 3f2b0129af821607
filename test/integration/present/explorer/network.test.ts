// The explorer's network from a real fetchInventory of the practice account: seed 004's Test-VPC built call by call
// through the SDK shows its four subnets public or private with the reason its route tables give, and each way a
// student breaks it (a subnet left on the main table, a NAT route, the internet gateway detached) shows as AWS
// reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  waitUntilNatGatewayAvailable,
} from '@aws-sdk/client-ec2';
import { walk, type ExplorerNode } from '../../../../src/present/explorer/nodes';
import { buildExplorerTree } from '../../../../src/present/explorer/tree';
import { en } from '../../../fixtures/explorerWorld';
import { ec2Practice, WAIT } from '../../practice/ec2/ec2Practice';
import { buildTestVpc, inventory, named, type TestVpc } from '../../practice/ec2/testVpc';

const practice = ec2Practice();
let built: TestVpc | undefined;
/** One Test-VPC for the file (two would share its name). */
const testVpc = async () => (built ??= await buildTestVpc(practice));

/** The Test-VPC node of the explorer built from the account as the extension fetches it. */
async function explorerVpc(vpcId: string): Promise<ExplorerNode> {
  const inv = await inventory(practice);
  assert.deepEqual(inv.problems, []);
  const roots = buildExplorerTree({ status: 'loaded', inventory: inv }, en);
  const vpc = [...walk(roots)].find((n) => n.id === `account/network/vpc:${vpcId}`);
  assert.ok(vpc, 'Test-VPC is in the tree');
  return vpc;
}

const child = (node: ExplorerNode, label: string) => {
  const found = node.children.find((c) => c.label === label);
  assert.ok(found, `no "${label}" among ${node.children.map((c) => c.label).join(', ')}`);
  return found;
};
const subnet = (vpc: ExplorerNode, az: string, name: string) => child(child(vpc, `ap-northeast-1${az}`), name);
const reasonOf = (node: ExplorerNode) =>
  node.tooltip
    ?.split('\n')
    .find((l) => l.startsWith('**Route to the internet:**'))
    ?.replace('**Route to the internet:** ', '')
    .trim();

test('the explorer shows Test-VPC’s four subnets public or private, with the route table that decides it', async () => {
  const { vpcId, igwId, publicTable, privateTables } = await testVpc();
  const vpc = await explorerVpc(vpcId);
  assert.equal(vpc.label, 'Test-VPC');
  // The default VPC first, Test-VPC next.
  assert.deepEqual(vpc.parent?.children.filter((c) => c.kind === 'vpc').map((c) => c.label)[1], 'Test-VPC');
  assert.deepEqual(
    vpc.children.map((c) => c.label),
    ['ap-northeast-1a', 'ap-northeast-1c', 'Test-VPC-igw', 'Route tables'],
  );
  for (const az of ['a', 'c']) {
    const pub = subnet(vpc, az, `パブリックサブネット-1${az}`);
    assert.match(pub.description ?? '', /^10\.0\.[01]\.0\/24 · public$/);
    assert.equal(
      reasonOf(pub),
      `public: its route table \`${publicTable}\` (Test-VPC-rtb-public) sends 0.0.0.0/0 to the internet gateway ` +
        `\`${igwId}\` (Test-VPC-igw)`,
    );
    const priv = subnet(vpc, az, `プライベートサブネット-1${az}`);
    assert.match(priv.description ?? '', /^10\.0\.[23]\.0\/24 · private$/);
    const table = privateTables[az === 'a' ? 0 : 1];
    assert.equal(
      reasonOf(priv),
      `private: its route table \`${table}\` (rtb-プライベートサブネット-1${az}) has no route to an internet gateway`,
    );
  }
  const igw = child(vpc, 'Test-VPC-igw');
  assert.equal(igw.description, `${igwId} · attached`);
  const tables = child(vpc, 'Route tables');
  assert.equal(tables.children.length, 4);
  assert.equal(tables.children[0]?.description, 'main');
  assert.deepEqual(
    child(tables, 'Test-VPC-rtb-public').children.map((c) => c.label),
    [
      '10.0.0.0/16 → local',
      `0.0.0.0/0 → ${igwId} (Test-VPC-igw)`,
      'パブリックサブネット-1a',
      'パブリックサブネット-1c',
    ],
  );
});

test('each way a student breaks Test-VPC shows in the explorer with its reason', async () => {
  const { vpcId, igwId, publicTable, privateTables, subnets } = await testVpc();
  const ec2 = practice.aws.ec2;

  // パブリックサブネット-1c taken off the public table: it falls back on the main table, local route only.
  const tables = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [publicTable] }));
  const association = tables.RouteTables?.[0]?.Associations?.find(
    (a) => a.SubnetId === subnets['パブリックサブネット-1c'],
  );
  assert.ok(association?.RouteTableAssociationId);
  await ec2.send(new DisassociateRouteTableCommand({ AssociationId: association.RouteTableAssociationId }));

  // A NAT gateway in パブリックサブネット-1a, and プライベートサブネット-1a's default route to it.
  const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const nat = await ec2.send(
    new CreateNatGatewayCommand({
      SubnetId: subnets['パブリックサブネット-1a'],
      AllocationId: eip.AllocationId,
      TagSpecifications: named('natgateway', 'Test-VPC-nat'),
    }),
  );
  const natId = nat.NatGateway?.NatGatewayId ?? '';
  await waitUntilNatGatewayAvailable({ client: ec2, ...WAIT }, { NatGatewayIds: [natId] });
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: privateTables[0], DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }),
  );

  let vpc = await explorerVpc(vpcId);
  const fallback = subnet(vpc, 'c', 'パブリックサブネット-1c');
  assert.equal(fallback.description, '10.0.1.0/24 · private');
  assert.match(reasonOf(fallback) ?? '', /^private: the VPC’s main route table `rtb-[0-9a-f]{17}` has no route/);
  assert.ok(fallback.tooltip?.includes('uses the VPC’s main route table (no explicit association)'));
  const natRow = child(subnet(vpc, 'a', 'パブリックサブネット-1a'), 'Test-VPC-nat');
  assert.equal(natRow.kind, 'natGateway');
  assert.equal(natRow.description, `NAT gateway · available · ${eip.PublicIp}`);
  assert.equal(
    reasonOf(subnet(vpc, 'a', 'プライベートサブネット-1a')),
    `private: 0.0.0.0/0 in its route table \`${privateTables[0]}\` (rtb-プライベートサブネット-1a) goes to the NAT ` +
      `gateway \`${natId}\` (Test-VPC-nat) (outbound only)`,
  );

  // The internet gateway detached: AWS blackholes the public table's route; the gateway shows outside any VPC.
  await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  vpc = await explorerVpc(vpcId);
  const pub = subnet(vpc, 'a', 'パブリックサブネット-1a');
  assert.equal(pub.description, '10.0.0.0/24 · private');
  assert.equal(
    reasonOf(pub),
    `private: 0.0.0.0/0 in its route table \`${publicTable}\` (Test-VPC-rtb-public) goes to \`${igwId}\` ` +
      '(Test-VPC-igw), which is not attached to the VPC (blackhole)',
  );
  const route = child(child(child(vpc, 'Route tables'), 'Test-VPC-rtb-public'), `0.0.0.0/0 → ${igwId} (Test-VPC-igw)`);
  assert.equal(route.description, 'blackhole');
  assert.equal(child(vpc, 'No internet gateway attached').kind, 'empty');
  const detached = vpc.parent?.children.find((c) => c.id === `account/network/igw:${igwId}`);
  assert.equal(detached?.description, `${igwId} · detached`);
});
