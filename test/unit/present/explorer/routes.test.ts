// The explorer's Test-VPC (track 4): its internet gateway and route tables, and each subnet public or private
// with the reason its route table gives, right and each way a student gets it wrong.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../../src/aws/types';
import { walk, type ExplorerNode } from '../../../../src/present/explorer/nodes';
import { at, ja, loaded } from '../../../fixtures/explorerWorld';
import {
  detachedIgw,
  IGW,
  SUBNETS,
  TABLES,
  TEST_VPC,
  testVpcInventory,
  withSubnet,
  withTable,
} from '../../../fixtures/explorerTestVpc';

const ACCOUNT = 'Practice account · ap-northeast-1';
const testVpc = (inv: Inventory) => at(loaded(inv), ACCOUNT, 'Network', 'Test-VPC');
const subnetIn = (vpc: ExplorerNode, az: string, name: string) => at(vpc.children, `ap-northeast-1${az}`, name);
const reasonOf = (subnet: ExplorerNode) => subnet.tooltip?.split('\n').find((l) => l.includes('Route to the internet'));

describe('explorer tree: Test-VPC network', () => {
  it('puts the default VPC first and Test-VPC next, with its AZs, internet gateway and route tables', () => {
    const network = at(loaded(testVpcInventory()), ACCOUNT, 'Network');
    assert.deepEqual(
      network.children.map((c) => c.label),
      ['vpc-0a1b2c3d', 'Test-VPC', 'Another-VPC'],
    );
    const vpc = at(network.children, 'Test-VPC');
    assert.deepEqual(
      vpc.children.map((c) => c.label),
      ['ap-northeast-1a', 'ap-northeast-1c', 'Test-IGW', 'Route tables'],
    );
    // A VPC with no gateway says so: none of its subnets can be public.
    assert.deepEqual(
      at(network.children, 'Another-VPC').children.map((c) => [c.kind, c.label]),
      [['empty', 'No internet gateway attached']],
    );
    // The node ids the diagram reveals by stay as they were.
    const pub = subnetIn(vpc, 'a', 'パブリックサブネット-1a');
    assert.equal(pub.id, `account/network/vpc:${TEST_VPC}/az:ap-northeast-1a/subnet:${SUBNETS.public1a}`);
    assert.equal(at(pub.children, 'Test-EC2#1').kind, 'instance');
  });

  it('says each subnet is public or private and why, from its route table', () => {
    const vpc = testVpc(testVpcInventory());
    const pub = subnetIn(vpc, 'a', 'パブリックサブネット-1a');
    assert.equal(pub.description, '10.0.0.0/24 · public');
    assert.equal(pub.icon?.id, 'unlock');
    assert.equal(
      reasonOf(pub),
      '**Route to the internet:** public: its route table `rtb-0public` (パブリックルートテーブル) sends 0.0.0.0/0 ' +
        'to the internet gateway `igw-0test` (Test-IGW)  ',
    );
    assert.ok(pub.tooltip?.includes('**Auto-assign public IPv4 address:** yes'), pub.tooltip);
    assert.equal(subnetIn(vpc, 'c', 'パブリックサブネット-1c').description, '10.0.1.0/24 · public');
    for (const [az, name, cidr] of [
      ['a', 'プライベートサブネット-1a', '10.0.2.0/24'],
      ['c', 'プライベートサブネット-1c', '10.0.3.0/24'],
    ] as const) {
      const priv = subnetIn(vpc, az, name);
      assert.equal(priv.description, `${cidr} · private`);
      assert.equal(priv.icon?.id, 'lock');
      assert.match(
        reasonOf(priv) ?? '',
        /private: its route table `rtb-0pri1.` \(.*\) has no route to an internet gateway/,
      );
      assert.ok(priv.tooltip?.includes('**Auto-assign public IPv4 address:** no'), priv.tooltip);
    }
  });

  it('shows the route tables, main first, each route with its target and the subnets that use it', () => {
    const tables = at(testVpc(testVpcInventory()).children, 'Route tables');
    assert.equal(tables.description, '4');
    assert.deepEqual(
      tables.children.map((c) => [c.label, c.description]),
      [
        ['rtb-0main', 'main'],
        ['Test-VPC-rtb-private1-ap-northeast-1a', 'rtb-0pri1a'],
        ['Test-VPC-rtb-private1-ap-northeast-1c', 'rtb-0pri1c'],
        ['パブリックルートテーブル', 'rtb-0public'],
      ],
    );
    const pub = at(tables.children, 'パブリックルートテーブル');
    assert.deepEqual(
      pub.children.map((c) => [c.kind, c.label, c.description]),
      [
        ['route', '10.0.0.0/16 → local', undefined],
        ['route', '0.0.0.0/0 → igw-0test (Test-IGW)', undefined],
        ['routeAssociation', 'パブリックサブネット-1a', '10.0.0.0/24 · explicit'],
        ['routeAssociation', 'パブリックサブネット-1c', '10.0.1.0/24 · explicit'],
      ],
    );
    assert.equal(pub.resource?.id, TABLES.public);
    assert.equal(pub.resource?.arn, `arn:aws:ec2:ap-northeast-1:123456789012:route-table/${TABLES.public}`);
    // Association rows point at no resource: a lookup by subnet id finds the subnet's own row only.
    const subnetRows = [...walk(loaded(testVpcInventory()))].filter((n) => n.resource?.id === SUBNETS.public1a);
    assert.deepEqual(
      subnetRows.map((n) => n.kind),
      ['subnet'],
    );
  });

  it('shows the internet gateway attached to its VPC', () => {
    const igw = at(testVpc(testVpcInventory()).children, 'Test-IGW');
    assert.equal(igw.kind, 'internetGateway');
    assert.equal(igw.description, 'igw-0test · attached');
    assert.deepEqual(igw.icon, { id: 'plug', color: 'charts.green' });
    assert.ok(igw.tooltip?.includes('attached to `vpc-0test` (Test-VPC)'), igw.tooltip);
    assert.equal(igw.contextValue, 'internetGateway hasId hasArn');
  });

  it('no route: a public-named subnet whose table lost 0.0.0.0/0 is private, and says so', () => {
    const inv = withTable(testVpcInventory(), TABLES.public, (t) => ({
      ...t,
      routes: t.routes.filter((r) => r.destination !== '0.0.0.0/0'),
    }));
    const pub = subnetIn(testVpc(inv), 'a', 'パブリックサブネット-1a');
    assert.equal(pub.description, '10.0.0.0/24 · private');
    assert.equal(
      reasonOf(pub),
      '**Route to the internet:** private: its route table `rtb-0public` (パブリックルートテーブル) has no route ' +
        'to an internet gateway  ',
    );
  });

  it('a narrower route to the gateway is not 0.0.0.0/0', () => {
    const inv = withTable(testVpcInventory(), TABLES.public, (t) => ({
      ...t,
      routes: t.routes.map((r) => (r.destination === '0.0.0.0/0' ? { ...r, destination: '203.0.113.0/24' } : r)),
    }));
    const pub = subnetIn(testVpc(inv), 'a', 'パブリックサブネット-1a');
    assert.equal(pub.description, '10.0.0.0/24 · private');
    assert.match(
      reasonOf(pub) ?? '',
      /private: its route table .* sends only `203\.0\.113\.0\/24` to the internet gateway `igw-0test` \(Test-IGW\), not 0\.0\.0\.0\/0/,
    );
  });

  it('detached gateway: the route is a blackhole, the subnets private, the gateway shown detached after the VPCs', () => {
    const roots = loaded(detachedIgw());
    const network = at(roots, ACCOUNT, 'Network');
    const vpc = at(network.children, 'Test-VPC');
    const pub = subnetIn(vpc, 'a', 'パブリックサブネット-1a');
    assert.equal(pub.description, '10.0.0.0/24 · private');
    assert.equal(
      reasonOf(pub),
      '**Route to the internet:** private: 0.0.0.0/0 in its route table `rtb-0public` (パブリックルートテーブル) goes ' +
        'to `igw-0test` (Test-IGW), which is not attached to the VPC (blackhole)  ',
    );
    // The instance in it says private too: one verdict everywhere.
    assert.ok(at(pub.children, 'Test-EC2#1').tooltip?.includes('(10.0.0.0/24, private)'));
    assert.equal(at(vpc.children, 'No internet gateway attached').kind, 'empty');
    const route = at(vpc.children, 'Route tables', 'パブリックルートテーブル', '0.0.0.0/0 → igw-0test (Test-IGW)');
    assert.equal(route.description, 'blackhole');
    assert.deepEqual(route.icon, { id: 'error', color: 'charts.red' });
    assert.ok(route.tooltip?.includes('traffic to `0.0.0.0/0` is dropped'), route.tooltip);
    const igw = network.children.find((c) => c.kind === 'internetGateway');
    assert.equal(igw?.label, 'Test-IGW');
    assert.equal(igw?.id, `account/network/igw:${IGW}`);
    assert.equal(igw?.description, 'igw-0test · detached');
    assert.ok(igw?.tooltip?.includes('attached to no VPC'), igw?.tooltip);
  });

  it('a route still marked active to a gateway attached nowhere counts as detached too', () => {
    const inv = testVpcInventory();
    const pub = subnetIn(
      testVpc({
        ...inv,
        internetGateways: inv.internetGateways.map((g) => (g.id === IGW ? { id: IGW, tags: {} } : g)),
      }),
      'a',
      'パブリックサブネット-1a',
    );
    assert.equal(pub.description, '10.0.0.0/24 · private');
    assert.match(reasonOf(pub) ?? '', /which is not attached to the VPC \(blackhole\)/);
  });

  it('NAT route: a private subnet whose 0.0.0.0/0 goes to a NAT gateway is outbound only; the NAT shows under its subnet', () => {
    const nat = 'nat-0abc';
    const base = withTable(testVpcInventory(), TABLES.private1a, (t) => ({
      ...t,
      routes: [...t.routes, { destination: '0.0.0.0/0', target: { kind: 'natGateway', id: nat }, state: 'active' }],
    }));
    const inv: Inventory = {
      ...base,
      natGateways: [
        {
          id: nat,
          name: 'Test-VPC-nat-public1-ap-northeast-1a',
          vpcId: TEST_VPC,
          subnetId: SUBNETS.public1a,
          state: 'available',
          connectivity: 'public',
          publicIp: '18.176.0.99',
          tags: {},
        },
      ],
    };
    const vpc = testVpc(inv);
    const priv = subnetIn(vpc, 'a', 'プライベートサブネット-1a');
    assert.equal(priv.description, '10.0.2.0/24 · private');
    assert.equal(
      reasonOf(priv),
      '**Route to the internet:** private: 0.0.0.0/0 in its route table `rtb-0pri1a` ' +
        '(Test-VPC-rtb-private1-ap-northeast-1a) goes to the NAT gateway `nat-0abc` ' +
        '(Test-VPC-nat-public1-ap-northeast-1a) (outbound only)  ',
    );
    const pub = subnetIn(vpc, 'a', 'パブリックサブネット-1a');
    assert.deepEqual(
      pub.children.map((c) => [c.kind, c.label, c.description]),
      [
        ['natGateway', 'Test-VPC-nat-public1-ap-northeast-1a', 'NAT gateway · available · 18.176.0.99'],
        ['instance', 'Test-EC2#1', 'running · t2.micro · 18.176.0.10'],
      ],
    );
    assert.deepEqual(pub.children[0]?.icon, { id: 'arrow-swap', color: 'charts.green' });
    const route = at(vpc.children, 'Route tables', 'Test-VPC-rtb-private1-ap-northeast-1a');
    assert.ok(route.children.some((c) => c.label === '0.0.0.0/0 → nat-0abc (Test-VPC-nat-public1-ap-northeast-1a)'));
  });

  it('main-table fallback: a subnet with no association uses the VPC’s main table, and says so', () => {
    const inv = withSubnet(
      withTable(testVpcInventory(), TABLES.public, (t) => ({ ...t, subnetIds: [SUBNETS.public1a] })),
      SUBNETS.public1c,
      (s) => ({ ...s, isPublic: false, routeTableId: TABLES.main, usesMainRouteTable: true }),
    );
    const vpc = testVpc(inv);
    const sub = subnetIn(vpc, 'c', 'パブリックサブネット-1c');
    assert.equal(sub.description, '10.0.1.0/24 · private');
    assert.equal(
      reasonOf(sub),
      '**Route to the internet:** private: the VPC’s main route table `rtb-0main` has no route to an internet gateway  ',
    );
    assert.ok(
      sub.tooltip?.includes('**Route table:** `rtb-0main` · uses the VPC’s main route table (no explicit association)'),
      sub.tooltip,
    );
    assert.deepEqual(
      at(vpc.children, 'Route tables', 'rtb-0main').children.map((c) => [c.label, c.description]),
      [
        ['10.0.0.0/16 → local', undefined],
        ['パブリックサブネット-1c', '10.0.1.0/24 · implicit (main route table)'],
      ],
    );
    // A main table with the internet route makes the unassociated subnet public, still naming the main table.
    const viaMain = withTable(inv, TABLES.main, (t) => ({
      ...t,
      routes: [
        ...t.routes,
        { destination: '0.0.0.0/0', target: { kind: 'internetGateway', id: IGW }, state: 'active' },
      ],
    }));
    const pubViaMain = subnetIn(testVpc(viaMain), 'c', 'パブリックサブネット-1c');
    assert.equal(pubViaMain.description, '10.0.1.0/24 · public');
    assert.match(reasonOf(pubViaMain) ?? '', /public: the VPC’s main route table `rtb-0main` sends 0\.0\.0\.0\/0/);
  });

  it('gives every node of the Test-VPC world a unique id below its parent', () => {
    const ids = new Set<string>();
    for (const node of walk(loaded(detachedIgw()))) {
      assert.ok(!ids.has(node.id), `duplicate id ${node.id}`);
      ids.add(node.id);
      if (node.parent) assert.ok(node.id.startsWith(`${node.parent.id}/`), `${node.id} is not below ${node.parent.id}`);
    }
    assert.ok(ids.has(`account/network/vpc:${TEST_VPC}/routeTables/rtb:${TABLES.public}/route:0.0.0.0/0`));
  });

  it('speaks the Japanese console’s words', () => {
    const roots = loaded(testVpcInventory(), ja);
    const vpc = at(roots, '練習用アカウント · ap-northeast-1', 'ネットワーク', 'Test-VPC');
    const pub = at(vpc.children, 'ap-northeast-1a', 'パブリックサブネット-1a');
    assert.equal(pub.description, '10.0.0.0/24 · パブリック');
    assert.ok(
      pub.tooltip?.includes(
        'パブリック：このサブネットのルートテーブル `rtb-0public` (パブリックルートテーブル) が 0.0.0.0/0 を' +
          'インターネットゲートウェイ `igw-0test` (Test-IGW) へ送ります',
      ),
      pub.tooltip,
    );
    const priv = at(vpc.children, 'ap-northeast-1c', 'プライベートサブネット-1c');
    assert.equal(priv.description, '10.0.3.0/24 · プライベート');
    assert.ok(priv.tooltip?.includes('にはインターネットゲートウェイへのルートがありません'), priv.tooltip);
    assert.equal(at(vpc.children, 'Test-IGW').description, 'igw-0test · アタッチ済み');
    const tables = at(vpc.children, 'ルートテーブル');
    assert.equal(at(tables.children, 'rtb-0main').description, 'メイン');
    assert.equal(
      at(tables.children, 'パブリックルートテーブル', 'パブリックサブネット-1a').description,
      '10.0.0.0/24 · 明示的',
    );
    const detached = at(loaded(detachedIgw(), ja), '練習用アカウント · ap-northeast-1', 'ネットワーク');
    assert.equal(at(detached.children, 'Test-IGW').description, 'igw-0test · デタッチ済み');
    const blackhole = at(
      detached.children,
      'Test-VPC',
      'ルートテーブル',
      'パブリックルートテーブル',
      '0.0.0.0/0 → igw-0test (Test-IGW)',
    );
    assert.equal(blackhole.description, 'ブラックホール');
    assert.equal(at(detached.children, 'Test-VPC', 'インターネットゲートウェイがアタッチされていません').kind, 'empty');
  });
});
