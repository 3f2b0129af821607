// Track 4's checks over networks made the way the console makes them: seed 004's renamed Test-VPC, the wizard's own
// names, a VPC with names that say nothing; and each way a student gets it wrong, with its reason and fix.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../../src/aws/types';
import { checkStep } from '../../../../src/lab/checks/checks';
import type { CheckResult } from '../../../../src/lab/types';
import { reasonText } from '../../../../src/present/lab/reasons';
import { fixTitle } from '../../../../src/present/lab/fixes';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { repoRoot } from '../../../fixtures/repo';
import {
  IGW,
  SUBNETS,
  TABLES,
  TEST_VPC,
  detachedIgw,
  testVpcInventory,
  withSubnet,
  withTable,
} from '../../../fixtures/explorerTestVpc';

const en = bundleTranslator(undefined);
const ja = bundleTranslator(loadBundle('ja', repoRoot));
const check = (id: '4.1' | '4.2', inventory: Inventory) => checkStep(id, { inventory, observations: new Map() });
const failed = (r: CheckResult) => {
  assert.equal(r.status, 'failed', JSON.stringify(r));
  return r as Extract<CheckResult, { status: 'failed' }>;
};
const renamed = (inv: Inventory, names: Record<string, string>): Inventory => ({
  ...inv,
  vpcs: inv.vpcs.map((v) => (names[v.id] ? { ...v, name: names[v.id], tags: { Name: names[v.id]! } } : v)),
  subnets: inv.subnets.map((s) => (names[s.id] ? { ...s, name: names[s.id], tags: { Name: names[s.id]! } } : s)),
});

describe('4.1 the VPC', () => {
  it('passes on seed 004 Test-VPC, naming its CIDR, subnets, AZs and gateway', () => {
    const r = check('4.1', testVpcInventory());
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.deepEqual(r.status === 'passed' && r.facts, {
      vpc: TEST_VPC,
      name: 'Test-VPC',
      cidr: '10.0.0.0/16',
      subnets: '4',
      zones: 'ap-northeast-1a, ap-northeast-1c',
      gateway: IGW,
    });
  });

  it("passes with the wizard's own names (Test-VPC-vpc) and with names that say nothing (found by its shape)", () => {
    const wizard = renamed(testVpcInventory(), {
      [TEST_VPC]: 'Test-VPC-vpc',
      [SUBNETS.public1a]: 'Test-VPC-subnet-public1-ap-northeast-1a',
      [SUBNETS.public1c]: 'Test-VPC-subnet-public2-ap-northeast-1c',
      [SUBNETS.private1a]: 'Test-VPC-subnet-private1-ap-northeast-1a',
      [SUBNETS.private1c]: 'Test-VPC-subnet-private2-ap-northeast-1c',
    });
    assert.equal(check('4.1', wizard).status, 'passed');
    assert.equal(check('4.2', wizard).status, 'passed');
    const mine = renamed(testVpcInventory(), {
      [TEST_VPC]: 'my-network',
      [SUBNETS.public1a]: 'web-a',
      [SUBNETS.public1c]: 'web-c',
      [SUBNETS.private1a]: 'db-a',
      [SUBNETS.private1c]: 'db-c',
    });
    const r = check('4.1', mine);
    assert.equal(r.status === 'passed' && r.facts?.name, 'my-network');
    assert.equal(check('4.2', mine).status, 'passed');
  });

  it('fails with no VPC, and 4.2 waits on it', () => {
    const inv = { ...testVpcInventory(), vpcs: testVpcInventory().vpcs.filter((v) => v.id !== TEST_VPC) };
    assert.equal(failed(check('4.1', inv)).reason.code, 'vpc.missing');
    const w = check('4.2', inv);
    assert.equal(w.status === 'waiting' && w.on, '4.1');
  });

  it('names the detached gateway and offers to attach it; 4.2 waits', () => {
    const r = failed(check('4.1', detachedIgw()));
    assert.equal(r.reason.code, 'vpc.gatewayDetached');
    assert.deepEqual(r.fixes, [{ code: 'attachGateway', args: { vpcId: TEST_VPC, vpc: 'Test-VPC', gatewayId: IGW } }]);
    assert.match(reasonText(r.reason, en), /Test-IGW exists but is not attached to Test-VPC/);
    assert.match(fixTitle(r.fixes[0]!, en), /^Attach the internet gateway igw-0test to Test-VPC$/);
    assert.match(reasonText(r.reason, ja), /アタッチされていません/);
    assert.equal(check('4.2', detachedIgw()).status, 'waiting');
  });

  it('with no gateway at all, offers to create and attach one', () => {
    const inv = {
      ...testVpcInventory(),
      internetGateways: testVpcInventory().internetGateways.filter((g) => g.id !== IGW),
    };
    const r = failed(check('4.1', inv));
    assert.equal(r.reason.code, 'vpc.noGateway');
    assert.equal(fixTitle(r.fixes[0]!, en), 'Create an internet gateway and attach it to Test-VPC');
  });

  it('fails when every subnet is in one AZ', () => {
    let inv = testVpcInventory();
    for (const id of [SUBNETS.public1c, SUBNETS.private1c])
      inv = withSubnet(inv, id, (s) => ({ ...s, az: 'ap-northeast-1a' }));
    const r = failed(check('4.1', inv));
    assert.equal(r.reason.code, 'vpc.oneAz');
    assert.equal(r.reason.args.az, 'ap-northeast-1a');
  });

  it('notes a NAT gateway: it bills by the hour', () => {
    const inv: Inventory = {
      ...testVpcInventory(),
      natGateways: [
        {
          id: 'nat-1',
          vpcId: TEST_VPC,
          subnetId: SUBNETS.public1a,
          state: 'available',
          connectivity: 'public',
          tags: {},
        },
      ],
    };
    const r = check('4.1', inv);
    assert.equal(r.status, 'passed');
    assert.deepEqual(
      r.notes?.map((n) => n.code),
      ['note.natGateway'],
    );
  });
});

describe('4.2 what makes a subnet public', () => {
  it('passes on seed 004, listing the public and the private subnets', () => {
    const r = check('4.2', testVpcInventory());
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.equal(r.status === 'passed' && r.facts?.public, 'パブリックサブネット-1a, パブリックサブネット-1c');
    assert.equal(r.status === 'passed' && r.facts?.private, 'プライベートサブネット-1a, プライベートサブネット-1c');
  });

  it('a public subnet left on the main table is private, whatever its name: the fix routes it', () => {
    const inv = withSubnet(
      withTable(testVpcInventory(), TABLES.public, (t) => ({ ...t, subnetIds: [SUBNETS.public1a] })),
      SUBNETS.public1c,
      (s) => ({ ...s, routeTableId: TABLES.main, usesMainRouteTable: true, isPublic: false }),
    );
    const r = failed(check('4.2', inv));
    assert.equal(r.reason.code, 'subnet.mainTableNoRoute');
    assert.deepEqual(r.fixes, [
      { code: 'routeToInternet', args: { subnetId: SUBNETS.public1c, subnet: 'パブリックサブネット-1c' } },
    ]);
    assert.match(reasonText(r.reason, en), /uses the VPC's main table rtb-0main/);
    assert.match(fixTitle(r.fixes[0]!, ja), /パブリックにする/);
  });

  it('a public subnet on a private table, or routed to a NAT gateway, is private', () => {
    const onPrivate = withSubnet(testVpcInventory(), SUBNETS.public1a, (s) => ({
      ...s,
      routeTableId: TABLES.private1a,
    }));
    assert.equal(failed(check('4.2', onPrivate)).reason.code, 'subnet.noInternetRoute');
    const nat = withTable(testVpcInventory(), TABLES.public, (t) => ({
      ...t,
      routes: [
        t.routes[0]!,
        { destination: '0.0.0.0/0', target: { kind: 'natGateway', id: 'nat-1' }, state: 'active' },
      ],
    }));
    const r = failed(check('4.2', nat));
    assert.equal(r.reason.code, 'subnet.natOnly');
    assert.equal(r.details?.length, 2, 'both public subnets use that table');
  });

  it('a route to a gateway that is not this VPC’s (a blackhole) does not make it public', () => {
    const inv: Inventory = {
      ...withTable(testVpcInventory(), TABLES.public, (t) => ({
        ...t,
        routes: [
          t.routes[0]!,
          { destination: '0.0.0.0/0', target: { kind: 'internetGateway', id: 'igw-old' }, state: 'blackhole' },
        ],
      })),
    };
    const r = failed(check('4.2', inv));
    assert.equal(r.reason.code, 'subnet.blackhole');
    assert.equal(r.reason.args.gateway, 'igw-old');
  });

  it('a private subnet routed to the internet gateway is public: the fix gives it a private table', () => {
    const inv = withSubnet(testVpcInventory(), SUBNETS.private1c, (s) => ({ ...s, routeTableId: TABLES.public }));
    const r = failed(check('4.2', inv));
    assert.equal(r.reason.code, 'subnet.privateRoutesToInternet');
    assert.equal(r.fixes[0]?.code, 'routePrivately');
  });

  it('public subnets in one AZ only: the load balancer needs two', () => {
    const mine = renamed(testVpcInventory(), { [SUBNETS.public1c]: 'web-c' });
    const inv = withSubnet(mine, SUBNETS.public1c, (s) => ({ ...s, routeTableId: TABLES.private1c }));
    const r = failed(check('4.2', inv));
    assert.equal(r.reason.code, 'subnets.publicZones');
    assert.equal(r.reason.args.count, 1);
  });

  it('notes public subnets that do not auto-assign public IPv4 (the wizard leaves it off)', () => {
    const inv = withSubnet(testVpcInventory(), SUBNETS.public1a, (s) => ({ ...s, mapPublicIpOnLaunch: false }));
    const r = check('4.2', inv);
    assert.equal(r.status, 'passed');
    assert.deepEqual(r.notes, [{ code: 'note.noAutoPublicIp', args: { subnet: 'パブリックサブネット-1a' } }]);
  });
});
