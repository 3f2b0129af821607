// The diagram's model: what boxes each world gives (Test-VPC in track 4, the default VPC in track 1, a large
// account), and the explorer rows its nodes reveal.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildExplorerTree } from '../../../../src/present/explorer/tree';
import { diagramModel, MAX_CHIPS, type VpcBox } from '../../../../src/present/diagram/model';
import { findNodeFor, parseRef } from '../../../../src/present/diagram/reveal';
import { bundleTranslator } from '../../../../src/present/l10n';
import { edit, finishedLab } from '../../../fixtures/labWorld';
import { auroraWorld, largeWorld, testVpcWorld } from './worlds';

const t = bundleTranslator();
const names = (v: VpcBox, row: 'publicSubnets' | 'privateSubnets') =>
  v.columns.map((c) => c[row].map((s) => [s.name, s.instances.map((i) => i.name)]));

describe('diagram model: seed 004 Test-VPC world', () => {
  const model = diagramModel(testVpcWorld());
  const vpc = model.vpcs[0]!;

  it('draws Test-VPC open, first, and the default VPC as another one', () => {
    assert.equal(model.region, 'ap-northeast-1');
    assert.deepEqual(
      model.vpcs.map((v) => [v.name ?? v.id, v.lab]),
      [
        ['Test-VPC', true],
        ['vpc-1', false],
      ],
    );
    assert.equal(vpc.cidr, '10.0.0.0/16');
    assert.equal(vpc.instanceCount, 2);
  });

  it('has two AZ columns, public subnets above private ones, each server in its AZ', () => {
    assert.deepEqual(
      vpc.columns.map((c) => c.az),
      ['ap-northeast-1a', 'ap-northeast-1c'],
    );
    assert.deepEqual(names(vpc, 'publicSubnets'), [
      [['パブリックサブネット-1a', ['WebServer']]],
      [['パブリックサブネット-1c', ['WebServer2']]],
    ]);
    assert.deepEqual(names(vpc, 'privateSubnets'), [
      [['プライベートサブネット-1a', []]],
      [['プライベートサブネット-1c', []]],
    ]);
    const web = vpc.columns[0]!.publicSubnets[0]!.instances[0]!;
    assert.deepEqual([web.state, web.tone, web.privateIp, web.health], ['running', 'ok', '10.0.0.10', 'healthy']);
    assert.equal(vpc.columns[1]!.publicSubnets[0]!.instances[0]!.health, 'unhealthy');
  });

  it('puts the IGW on the VPC and routes the public subnets (only) to it', () => {
    assert.deepEqual(vpc.internetGateway, {
      ref: { kind: 'internetGateway', id: 'igw-0test', fallback: { kind: 'vpc', id: 'vpc-0test' } },
      id: 'igw-0test',
      name: 'Test-VPC-igw',
    });
    for (const c of vpc.columns) {
      assert.deepEqual(c.publicSubnets[0]!.internetRoute, {
        kind: 'internetGateway',
        id: 'igw-0test',
        name: 'Test-VPC-igw',
        blackhole: false,
      });
      assert.equal(c.privateSubnets[0]!.internetRoute, undefined);
    }
  });

  it('spans the ALB across both AZ columns with its targets’ health', () => {
    assert.equal(vpc.loadBalancers.length, 1);
    const lb = vpc.loadBalancers[0]!;
    assert.deepEqual(
      [lb.name, lb.span, lb.subnetIds, lb.targets, lb.healthy, lb.tone],
      ['LoadBalancer', { first: 0, last: 1 }, ['subnet-0pub1a', 'subnet-0pub1c'], 2, 1, 'ok'],
    );
  });

  it('draws the Multi-AZ database in both columns: primary and standby', () => {
    assert.deepEqual(
      vpc.columns.map((c) => c.databases.map((d) => [d.id, d.role])),
      [[['wordpress', 'primary']], [['wordpress', 'standby']]],
    );
  });
});

describe('diagram model: track-1 default VPC world', () => {
  const model = diagramModel(finishedLab());
  const vpc = model.vpcs[0]!;

  it('is the default VPC: three AZ columns of one public subnet each, the servers in 1a and 1d', () => {
    assert.equal(model.vpcs.length, 1);
    assert.deepEqual([vpc.id, vpc.lab, vpc.isDefault], ['vpc-1', true, true]);
    assert.deepEqual(
      vpc.columns.map((c) => [
        c.az,
        c.publicSubnets.map((s) => s.instances.map((i) => i.name)),
        c.privateSubnets.length,
      ]),
      [
        ['ap-northeast-1a', [['WebServer']], 0],
        ['ap-northeast-1c', [[]], 0],
        ['ap-northeast-1d', [['WebServer2']], 0],
      ],
    );
    assert.equal(vpc.internetGateway?.id, 'igw-default');
  });

  it('spans the load balancer from 1a to 1d (across 1c)', () => {
    assert.deepEqual(vpc.loadBalancers[0]!.span, { first: 0, last: 2 });
    assert.deepEqual([vpc.loadBalancers[0]!.targets, vpc.loadBalancers[0]!.healthy], [2, 2]);
  });

  it('with nothing of the lab yet, still draws the default VPC open', () => {
    const empty = edit(finishedLab(), { instances: [], loadBalancers: [], targetGroups: [] });
    assert.deepEqual(
      diagramModel(empty).vpcs.map((v) => [v.id, v.lab]),
      [['vpc-1', true]],
    );
  });
});

describe('diagram model: 1,000 instances', () => {
  const model = diagramModel(largeWorld(1000));
  const vpc = model.vpcs[0]!;
  const subnets = vpc.columns.flatMap((c) => c.publicSubnets);

  it('shows at most MAX_CHIPS chips per subnet and counts the rest, every instance once', () => {
    assert.equal(vpc.instanceCount, 1002);
    assert.deepEqual(
      subnets.map((s) => [s.instanceCount, s.instances.length, s.more?.count]),
      [
        [335, MAX_CHIPS - 1, 335 - (MAX_CHIPS - 1)],
        [333, MAX_CHIPS - 1, 333 - (MAX_CHIPS - 1)],
        [334, MAX_CHIPS - 1, 334 - (MAX_CHIPS - 1)],
      ],
    );
    for (const s of subnets) {
      const counted = s.more!.byState.reduce((n, b) => n + b.count, 0);
      assert.equal(counted, s.more!.count);
      assert.deepEqual(s.more!.ref, { kind: 'subnet', id: s.id, fallback: { kind: 'vpc', id: 'vpc-1' } });
    }
    assert.deepEqual(
      subnets[0]!.more!.byState.map((b) => b.state),
      ['running', 'stopped'],
    );
  });

  it('keeps the lab’s servers among the chips drawn', () => {
    assert.equal(subnets[0]!.instances[0]!.name, 'WebServer');
    assert.equal(subnets[2]!.instances[0]!.name, 'WebServer2');
  });
});

describe('diagram reveal', () => {
  const roots = buildExplorerTree({ status: 'loaded', inventory: finishedLab() }, t);

  it('finds the instance’s own row under its subnet, not its target row', () => {
    const node = findNodeFor(roots, { kind: 'instance', id: 'i-0clone' });
    assert.equal(node?.kind, 'instance');
    assert.match(node!.id, /\/vpc:vpc-1\/az:ap-northeast-1d\/subnet:subnet-d\/instance:i-0clone$/);
  });

  it('finds the load balancer by its ARN, an AZ by its VPC, a gateway without a row by its VPC', () => {
    const lb = diagramModel(finishedLab()).vpcs[0]!.loadBalancers[0]!;
    assert.equal(findNodeFor(roots, lb.ref)?.kind, 'loadBalancer');
    assert.match(
      findNodeFor(roots, { kind: 'az', id: 'vpc-1/ap-northeast-1c' })!.id,
      /\/vpc:vpc-1\/az:ap-northeast-1c$/,
    );
    const igw = diagramModel(finishedLab()).vpcs[0]!.internetGateway!.ref;
    const found = findNodeFor(roots, igw);
    assert.ok(found && (found.kind === 'vpc' || found.resource?.id === 'igw-default'), found?.id);
  });

  it('accepts only references of the shape the page is given', () => {
    assert.deepEqual(parseRef({ kind: 'instance', id: 'i-1', fallback: { kind: 'vpc', id: 'vpc-1' } }), {
      kind: 'instance',
      id: 'i-1',
      fallback: { kind: 'vpc', id: 'vpc-1' },
    });
    assert.equal(parseRef({ kind: 'instance' }), undefined);
    assert.equal(parseRef('i-1'), undefined);
    assert.equal(parseRef(null), undefined);
  });
});

describe('diagram model: the database tier (track 2)', () => {
  const chips = (v: VpcBox) => v.columns.map((c) => c.databases.map((d) => [d.id, d.role, d.subnetId]));

  it('the Multi-AZ instance in its AZ’s private subnet of its subnet group, the standby in the other AZ’s', () => {
    const vpc = diagramModel(testVpcWorld()).vpcs[0]!;
    assert.deepEqual(chips(vpc), [
      [['wordpress', 'primary', 'subnet-0pri1a']],
      [['wordpress', 'standby', 'subnet-0pri1c']],
    ]);
    // After a failover the primary is in 1c.
    const inv = testVpcWorld();
    const failedOver = edit(inv, {
      dbInstances: inv.dbInstances.map((d) => ({ ...d, az: 'ap-northeast-1c', secondaryAz: 'ap-northeast-1a' })),
    });
    assert.deepEqual(chips(diagramModel(failedOver).vpcs[0]!), [
      [['wordpress', 'standby', 'subnet-0pri1a']],
      [['wordpress', 'primary', 'subnet-0pri1c']],
    ]);
  });

  it('Aurora: the writer and the reader in their AZs with their roles, swapped after a failover', () => {
    assert.deepEqual(chips(diagramModel(auroraWorld()).vpcs[0]!), [
      [['wp-user01', 'writer', 'subnet-0pri1a']],
      [['wp-user01-slave', 'reader', 'subnet-0pri1c']],
    ]);
    assert.deepEqual(chips(diagramModel(auroraWorld('wp-user01-slave')).vpcs[0]!), [
      [['wp-user01', 'reader', 'subnet-0pri1a']],
      [['wp-user01-slave', 'writer', 'subnet-0pri1c']],
    ]);
  });

  it('placed by its subnet group’s VPC even without a security group there; no subnet when two share the AZ', () => {
    const inv = testVpcWorld();
    const noGroups = edit(inv, { dbInstances: inv.dbInstances.map((d) => ({ ...d, securityGroupIds: [] })) });
    assert.deepEqual(chips(diagramModel(noGroups).vpcs[0]!)[0], [['wordpress', 'primary', 'subnet-0pri1a']]);
    const twoInA = edit(inv, {
      dbSubnetGroups: inv.dbSubnetGroups.map((g) => ({ ...g, subnetIds: [...g.subnetIds, 'subnet-0pub1a'] })),
    });
    assert.deepEqual(chips(diagramModel(twoInA).vpcs[0]!)[0], [['wordpress', 'primary', undefined]]);
  });

  it('a click on a database chip reveals its row in the explorer (the member under its cluster)', () => {
    const inv = auroraWorld();
    const roots = buildExplorerTree({ status: 'loaded', inventory: inv }, t);
    const reader = diagramModel(inv).vpcs[0]!.columns[1]!.databases[0]!;
    const node = findNodeFor(roots, parseRef(JSON.parse(JSON.stringify(reader.ref)))!);
    assert.deepEqual(
      [node?.kind, node?.label, node?.parent?.label],
      ['dbClusterMember', 'wp-user01-slave', 'wp-user01-cluster'],
    );
    const rds = diagramModel(testVpcWorld()).vpcs[0]!.columns[1]!.databases[0]!;
    const standby = findNodeFor(buildExplorerTree({ status: 'loaded', inventory: testVpcWorld() }, t), rds.ref);
    assert.deepEqual([standby?.kind, standby?.label], ['dbInstance', 'wordpress']);
  });
});
