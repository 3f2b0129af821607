// planCleanup over hand-built inventories: dependency order, the lab's vs the rest, include, derived items.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory, SecurityGroupRule } from '../../../src/aws/types';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { CLEANUP_ORDER, cleanupIncomplete, planCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupItem, CleanupResult } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupResultLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../src/lab/types';
import { albSg, clone, finishedLab, loadBalancer, targetGroup, webServer } from '../../fixtures/labWorld';
import { IGW, SUBNETS, TABLES, TEST_VPC, testVpcInventory } from '../../fixtures/explorerTestVpc';
import { database, dbSg, subnetGroup, withAurora, withDatabaseTier } from '../../fixtures/labDatabase';
import { repoRoot } from '../../fixtures/repo';

const lab = (step: string, name: string) => ({ [LAB_TAG]: LAB_ID, [STEP_TAG]: step, Name: name });

/** The account after track 1 as the runners leave it: what the lab made is tagged; WebServer and its EIP were there before. */
function afterTrack1(): Inventory {
  const inv = finishedLab();
  return {
    ...inv,
    instances: [webServer, clone],
    volumes: [
      {
        id: 'vol-clone',
        sizeGiB: 8,
        volumeType: 'gp2',
        state: 'in-use',
        az: 'ap-northeast-1d',
        attachedTo: { instanceId: 'i-0clone', device: '/dev/xvda' },
        tags: {},
      },
      {
        id: 'vol-web',
        sizeGiB: 8,
        volumeType: 'gp2',
        state: 'in-use',
        az: 'ap-northeast-1a',
        attachedTo: { instanceId: 'i-0web', device: '/dev/xvda' },
        tags: {},
      },
      {
        id: 'vol-spare',
        sizeGiB: 4,
        volumeType: 'gp3',
        state: 'available',
        az: 'ap-northeast-1a',
        tags: { Name: 'spare' },
      },
    ],
    snapshots: [
      { id: 'snap-0lab', volumeId: 'vol-web', sizeGiB: 8, state: 'completed', tags: lab('1.1', 'WebServer-snapshot') },
      // Made by CreateImage for the AMI: untagged, but it goes with the lab's AMI.
      { id: 'snap-0ami', volumeId: 'vol-web', sizeGiB: 8, state: 'completed', tags: {} },
      { id: 'snap-0mine', sizeGiB: 8, state: 'completed', tags: { Name: 'my backup' } },
    ],
    images: [
      {
        id: 'ami-0lab',
        name: 'AMI of CPS Research Center',
        state: 'available',
        snapshotIds: ['snap-0ami'],
        tags: lab('1.2', 'AMI'),
      },
    ],
    elasticIps: [
      {
        allocationId: 'eipalloc-web',
        publicIp: '52.194.196.10',
        instanceId: 'i-0web',
        associationId: 'eipassoc-1',
        tags: {},
      },
      {
        allocationId: 'eipalloc-clone',
        publicIp: '52.199.220.20',
        instanceId: 'i-0clone',
        associationId: 'eipassoc-2',
        tags: lab('1.4', 'WebServer2'),
      },
    ],
    securityGroups: [
      {
        id: 'sg-default',
        name: 'default',
        description: 'default',
        vpcId: 'vpc-1',
        inbound: [],
        outbound: [],
        tags: {},
      },
      { ...albSg, tags: lab('1.6', 'alb-sg') },
      {
        id: 'sg-web',
        name: 'launch-wizard-1',
        description: 'launch-wizard-1',
        vpcId: 'vpc-1',
        inbound: [],
        outbound: [],
        tags: {},
      },
    ],
    loadBalancers: [{ ...loadBalancer, tags: { ...loadBalancer.tags, ...lab('1.6', 'LoadBalancer') } }],
    targetGroups: [{ ...targetGroup, tags: lab('1.6', 'WebServers') }],
  };
}

const ids = (list: readonly CleanupItem[]) => list.map((i) => i.id);

describe('planCleanup', () => {
  it("lists the lab's resources in dependency order, derived ones with them", () => {
    const plan = planCleanup(afterTrack1());
    assert.deepEqual(
      plan.items.map((i) => `${i.kind} ${i.id}`),
      [
        'listener arn:listener/80',
        `loadBalancer ${loadBalancer.arn}`,
        'targetGroup arn:tg/WebServers',
        'instance i-0clone',
        'elasticIp eipalloc-clone',
        'image ami-0lab',
        'snapshot snap-0ami',
        'snapshot snap-0lab',
        'volume vol-clone',
        'securityGroup sg-alb',
      ],
    );
    for (const item of plan.items) assert.equal(item.stage, CLEANUP_ORDER.indexOf(item.kind), item.id);
    for (let k = 1; k < plan.items.length; k++)
      assert.ok((plan.items[k - 1]?.stage ?? 0) <= (plan.items[k]?.stage ?? 0));
    assert.ok(
      plan.items.every((i) => i.labCreated),
      "derived items (listener, AMI snapshot, instance volume) count as the lab's",
    );
    assert.equal(plan.items.find((i) => i.kind === 'listener')?.name, 'LoadBalancer:80');
    assert.equal(plan.hourlyUsd, 0, 'no prices given: no cost');
  });

  it('keeps what the lab did not create among the others, never in the items', () => {
    const plan = planCleanup(afterTrack1());
    const decoys = ['i-0web', 'eipalloc-web', 'sg-web', 'snap-0mine', 'vol-spare'];
    for (const id of decoys) {
      assert.ok(!ids(plan.items).includes(id), `${id} is not deleted`);
      assert.ok(ids(plan.others).includes(id), `${id} is offered`);
    }
    assert.ok(plan.others.every((i) => !i.labCreated));
    // Not offered: what cannot be deleted on its own or at all.
    for (const id of ['sg-default', 'vpc-1', 'vol-web'])
      assert.ok(![...ids(plan.items), ...ids(plan.others)].includes(id), id);
  });

  it('moves what the student picks into the items, with its parts', () => {
    const plan = planCleanup(afterTrack1(), { include: ['i-0web', 'eipalloc-web', 'snap-0mine'] });
    for (const id of ['i-0web', 'eipalloc-web', 'snap-0mine', 'vol-web']) assert.ok(ids(plan.items).includes(id), id);
    assert.equal(plan.items.find((i) => i.id === 'i-0web')?.labCreated, false);
    assert.equal(
      plan.items.find((i) => i.id === 'vol-web')?.labCreated,
      false,
      "a part of a picked instance is picked, not the lab's",
    );
    assert.ok(!ids(plan.others).includes('i-0web'));
    assert.ok(ids(plan.others).includes('sg-web'));
    // Load balancers, target groups and key pairs by name too.
    const byName = planCleanup({ ...afterTrack1(), loadBalancers: [loadBalancer] }, { include: ['LoadBalancer'] });
    assert.deepEqual(ids(byName.items.filter((i) => i.kind === 'loadBalancer' || i.kind === 'listener')), [
      'arn:listener/80',
      loadBalancer.arn,
    ]);
  });

  it("an untagged load balancer's listener is neither deleted nor offered apart", () => {
    const plan = planCleanup({ ...afterTrack1(), loadBalancers: [loadBalancer] });
    assert.ok(!ids(plan.items).includes('arn:listener/80'));
    assert.ok(!ids(plan.others).includes('arn:listener/80'));
    assert.ok(ids(plan.others).includes(loadBalancer.arn));
  });

  it("deletes the lab's key pairs only when tagged, and skips terminated instances and deregistered AMIs", () => {
    const inv: Inventory = {
      ...afterTrack1(),
      instances: [webServer, clone, { ...clone, id: 'i-0gone', state: 'terminated' }],
      images: [
        ...afterTrack1().images,
        { id: 'ami-0old', state: 'deregistered', snapshotIds: [], tags: lab('1.2', 'AMI') },
      ],
    };
    const plan = planCleanup(inv, {
      keyPairs: [
        { name: 'ec2-key', tags: lab('0.1', 'ec2-key') },
        { name: 'mine', tags: {} },
      ],
    });
    assert.deepEqual(ids(plan.items.filter((i) => i.kind === 'keyPair')), ['ec2-key']);
    assert.ok(ids(plan.others).includes('mine'));
    assert.ok(!ids([...plan.items, ...plan.others]).includes('i-0gone'));
    assert.ok(!ids([...plan.items, ...plan.others]).includes('ami-0old'));
  });

  it('orders databases before their subnet groups and security groups, members before their cluster', () => {
    const inv: Inventory = {
      ...finishedLab(),
      instances: [],
      elasticIps: [],
      images: [],
      snapshots: [],
      loadBalancers: [],
      targetGroups: [],
      securityGroups: [{ ...albSg, id: 'sg-db', name: 'db-sg', tags: lab('2.1', 'db-sg') }],
      dbInstances: [
        {
          id: 'lab-db',
          arn: 'arn:db',
          engine: 'mysql',
          instanceClass: 'db.t3.micro',
          status: 'available',
          multiAz: true,
          publiclyAccessible: false,
          subnetGroupName: 'lab-subnets',
          securityGroupIds: ['sg-db'],
          tags: lab('2.1', 'lab-db'),
        },
        {
          id: 'aurora-1',
          arn: 'arn:db1',
          engine: 'aurora-mysql',
          instanceClass: 'db.t3.medium',
          status: 'available',
          multiAz: false,
          clusterId: 'lab-cluster',
          publiclyAccessible: false,
          securityGroupIds: [],
          tags: {},
        },
      ],
      dbClusters: [
        {
          id: 'lab-cluster',
          arn: 'arn:cl',
          engine: 'aurora-mysql',
          status: 'available',
          multiAz: false,
          members: [{ instanceId: 'aurora-1', isWriter: true }],
          azs: [],
          securityGroupIds: [],
          tags: lab('2.2', 'lab-cluster'),
        },
      ],
      vpcs: [
        ...finishedLab().vpcs,
        { id: 'vpc-lab', cidr: '10.0.0.0/16', isDefault: false, state: 'available', tags: lab('2.0', 'lab-vpc') },
      ],
    };
    const plan = planCleanup(inv, { include: ['lab-subnets'] });
    assert.deepEqual(
      plan.items.map((i) => `${i.kind} ${i.id}`),
      [
        'dbInstance aurora-1',
        'dbInstance lab-db',
        'dbCluster lab-cluster',
        'dbSubnetGroup lab-subnets',
        'securityGroup sg-db',
        'vpc vpc-lab',
      ],
    );
    assert.equal(
      plan.items.find((i) => i.id === 'aurora-1')?.labCreated,
      true,
      "a member of the lab's cluster goes with it",
    );
    assert.equal(plan.items.find((i) => i.id === 'lab-subnets')?.labCreated, false);
  });

  it('states the hourly cost each deletion stops, from the cost estimate', () => {
    const prices = priceTable('ap-northeast-1');
    assert.ok(prices);
    const inv = afterTrack1();
    const plan = planCleanup(inv, { prices });
    const estimate = estimateCost(inv, { prices });
    const hourly = (id: string) => plan.items.find((i) => i.id === id)?.hourlyUsd ?? -1;
    const expected = (id: string) =>
      estimate.items.filter((c) => c.resourceId === id).reduce((s, c) => s + c.hourlyUsd, 0);
    for (const id of ['i-0clone', 'eipalloc-clone', 'snap-0ami', 'vol-clone', loadBalancer.arn]) {
      assert.ok(hourly(id) > 0, `${id} bills`);
      assert.ok(Math.abs(hourly(id) - expected(id)) < 1e-9, id);
    }
    assert.equal(hourly('sg-alb'), 0);
    assert.ok(Math.abs(plan.hourlyUsd - plan.items.reduce((s, i) => s + i.hourlyUsd, 0)) < 1e-5);
    assert.ok((plan.others.find((i) => i.id === 'i-0web')?.hourlyUsd ?? 0) > 0, 'the others show their cost too');
  });
});

const en = bundleTranslator();
const http = (source: SecurityGroupRule['source']): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: 80,
  toPort: 80,
  source,
});
const ssh: SecurityGroupRule = {
  protocol: 'tcp',
  fromPort: 22,
  toPort: 22,
  source: { kind: 'cidr', cidr: '0.0.0.0/0' },
};

/** After 1.9: launch-wizard-1 admits HTTP only from alb-sg (its 0.0.0.0/0 and ::/0 rules were removed). */
function afterSecure(extra: SecurityGroupRule[] = []): Inventory {
  const inv = afterTrack1();
  return {
    ...inv,
    securityGroups: inv.securityGroups.map((g) =>
      g.id === 'sg-web' ? { ...g, inbound: [http({ kind: 'group', groupId: 'sg-alb' }), ssh, ...extra] } : g,
    ),
  };
}

describe('planCleanup: what it changes in what it keeps', () => {
  it('puts HTTP from anywhere back in a kept group that admits HTTP only from a lab group that goes, listed first', () => {
    const plan = planCleanup(afterSecure());
    assert.deepEqual(
      plan.changes.map(
        (c) => `${c.action} ${c.groupId} ${c.protocol} ${c.fromPort}-${c.toPort} ${JSON.stringify(c.source)}`,
      ),
      [
        'authorizeIngress sg-web tcp 80-80 {"kind":"cidr","cidr":"0.0.0.0/0"}',
        'authorizeIngress sg-web tcp 80-80 {"kind":"cidr6","cidr":"::/0"}',
        'revokeIngress sg-web tcp 80-80 {"kind":"group","groupId":"sg-alb","groupName":"alb-sg"}',
      ],
    );
    assert.ok(plan.changes.every((c) => c.labGroupId === 'sg-alb' && c.labGroupName === 'alb-sg'));
    const lines = cleanupPlanLines(plan, en);
    assert.equal(lines[0], 'Changes to what is kept, made first:');
    assert.match(
      lines[1] ?? '',
      /^ {3}1\. launch-wizard-1 \(sg-web\): allow TCP 80 from 0\.0\.0\.0\/0 again, as before the lab \(its only rule for it names alb-sg \(sg-alb\), which goes\)$/,
    );
    assert.match(lines[3] ?? '', /remove the inbound rule TCP 80 from alb-sg \(sg-alb\) \(that group goes\)/);
    assert.match(lines[4] ?? '', /^To delete, in this order/);
  });

  it('puts nothing back where HTTP still comes in another way, and never opens another port', () => {
    const mine = planCleanup(afterSecure([http({ kind: 'cidr', cidr: '203.0.113.25/32' })]));
    assert.deepEqual(
      mine.changes.map((c) => c.action),
      ['revokeIngress'],
      'HTTP from the student’s address stays the way in',
    );
    const inv = afterTrack1();
    const db: Inventory = {
      ...inv,
      securityGroups: inv.securityGroups.map((g) =>
        g.id === 'sg-web'
          ? {
              ...g,
              inbound: [
                { protocol: 'tcp', fromPort: 3306, toPort: 3306, source: { kind: 'group', groupId: 'sg-alb' } },
              ],
            }
          : g,
      ),
    };
    assert.deepEqual(
      planCleanup(db).changes.map((c) => `${c.action} ${c.fromPort}`),
      ['revokeIngress 3306'],
    );
    assert.deepEqual(planCleanup(afterTrack1()).changes, [], 'nothing names alb-sg: nothing changes');
  });

  it('changes nothing for a lab group that stays (unchecked in the editor)', () => {
    const plan = planCleanup(afterSecure(), { exclude: ['sg-alb'] });
    assert.ok(!ids(plan.items).includes('sg-alb'));
    assert.deepEqual(plan.changes, []);
    assert.ok(ids(plan.items).includes(loadBalancer.arn), 'the rest still goes');
  });
});

describe('planCleanup: what could not be read', () => {
  const denied = {
    section: 'loadBalancing' as const,
    action: 'elasticloadbalancing:DescribeLoadBalancers',
    error: { kind: 'throttled' as const, action: 'elasticloadbalancing:DescribeLoadBalancers' },
  };

  it('says which section could not be read and why, in the plan', () => {
    const inv: Inventory = { ...afterTrack1(), loadBalancers: [], targetGroups: [], problems: [denied] };
    const plan = planCleanup(inv);
    assert.deepEqual(plan.unread, [denied]);
    const lines = cleanupPlanLines(plan, en);
    const at = lines.indexOf(
      'Unknown: part of the account could not be read, so this plan may miss resources of the lab:',
    );
    assert.ok(at >= 0, lines.join('\n'));
    assert.match(
      lines[at + 1] ?? '',
      /^ {2}Could not read the load balancers and target groups \(elasticloadbalancing:DescribeLoadBalancers\): \S/,
    );
    const nothing = planCleanup({
      ...inv,
      instances: [webServer],
      volumes: [],
      snapshots: [],
      images: [],
      elasticIps: [],
      securityGroups: [],
    });
    assert.deepEqual(nothing.items, []);
    assert.ok(cleanupPlanLines(nothing, en).includes('Nothing of the lab to delete in what could be read.'));
  });

  it('a result whose final check could not read a section is not "nothing billable left"', () => {
    const result: CleanupResult = {
      changed: [],
      changeFailed: [],
      deleted: [],
      failed: [],
      leftBillable: [],
      unread: [denied],
    };
    assert.equal(cleanupIncomplete(result), true);
    const lines = cleanupResultLines(result, en);
    assert.ok(!lines.includes('Nothing billable of the lab is left.'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('  Could not read the load balancers and target groups')));
    const clean = { ...result, unread: [] };
    assert.equal(cleanupIncomplete(clean), false);
    assert.ok(cleanupResultLines(clean, en).includes('Nothing billable of the lab is left.'));
    const item = planCleanup(afterTrack1()).items[0];
    assert.ok(item);
    assert.equal(
      cleanupIncomplete({ ...clean, failed: [{ item, problem: denied.error }] }),
      true,
      'a failed deletion is not a finished cleanup',
    );
  });
});

describe('planCleanup: whose tag', () => {
  it("keeps a resource tagged scale-out-lab:lab with another course's value, among the others; ours goes", () => {
    const inv = afterTrack1();
    const theirs = { ...lab('1.4', 'their-server'), [LAB_TAG]: 'another-course' };
    const plan = planCleanup({
      ...inv,
      instances: [...inv.instances, { ...clone, id: 'i-0theirs', name: 'their-server', tags: theirs }],
      securityGroups: [...inv.securityGroups, { ...albSg, id: 'sg-theirs', name: 'their-sg', tags: theirs }],
    });
    for (const id of ['i-0theirs', 'sg-theirs']) {
      assert.ok(!ids(plan.items).includes(id), `${id} is not deleted`);
      assert.ok(ids(plan.others).includes(id), `${id} is offered`);
    }
    assert.ok(ids(plan.items).includes('i-0clone') && ids(plan.items).includes('sg-alb'), 'ours goes');
  });

  it('a second lab load balancer and target group are planned, with the hourly cost of the load balancer', () => {
    const prices = priceTable('ap-northeast-1');
    assert.ok(prices);
    const inv = afterTrack1();
    const second = {
      ...loadBalancer,
      arn: `${loadBalancer.arn}2`,
      name: 'LoadBalancer-2',
      listeners: [{ ...loadBalancer.listeners[0]!, arn: 'arn:listener/80-2', forwardTo: ['arn:tg/WebServers-2'] }],
      tags: lab('1.6', 'LoadBalancer-2'),
    };
    const plan = planCleanup(
      {
        ...inv,
        loadBalancers: [...inv.loadBalancers, second],
        targetGroups: [
          ...inv.targetGroups,
          {
            ...targetGroup,
            arn: 'arn:tg/WebServers-2',
            name: 'WebServers-2',
            loadBalancerArns: [second.arn],
            tags: lab('1.6', 'WebServers-2'),
          },
        ],
      },
      { prices },
    );
    const lbs = plan.items.filter((i) => i.kind === 'loadBalancer');
    assert.deepEqual(lbs.map((i) => i.id).sort(), [loadBalancer.arn, second.arn].sort());
    for (const lb of lbs) assert.ok(lb.hourlyUsd > 0, `${lb.name} bills`);
    assert.ok(ids(plan.items).includes('arn:tg/WebServers-2') && ids(plan.items).includes('arn:listener/80-2'));
  });
});

describe('planCleanup: a VPC with everything in it', () => {
  /** Seed 004's Test-VPC (console-made, untagged) with a NAT gateway in the public subnet of 1a. */
  const withNat = (vpcTags: Record<string, string>): Inventory => {
    const inv = testVpcInventory();
    return {
      ...inv,
      vpcs: inv.vpcs.map((v) => (v.id === TEST_VPC ? { ...v, tags: { ...v.tags, ...vpcTags } } : v)),
      natGateways: [
        {
          id: 'nat-0test',
          name: 'Test-NAT',
          vpcId: TEST_VPC,
          subnetId: SUBNETS.public1a,
          state: 'available',
          connectivity: 'public',
          publicIp: '13.112.0.9',
          tags: {},
        },
      ],
    };
  };
  const vpcParts = (inv: Inventory) =>
    new Set([
      TEST_VPC,
      ...inv.subnets.filter((s) => s.vpcId === TEST_VPC).map((s) => s.id),
      ...inv.routeTables.filter((t) => t.vpcId === TEST_VPC && !t.isMain).map((t) => t.id),
      IGW,
      'nat-0test',
      'i-0test1',
    ]);

  it('the lab-tagged VPC: its subnets, non-main tables, gateway, NAT gateway and instance follow it, in stage order', () => {
    const inv = withNat({ [LAB_TAG]: LAB_ID });
    const prices = priceTable('ap-northeast-1');
    assert.ok(prices);
    const plan = planCleanup(inv, { prices });
    assert.deepEqual(new Set(plan.items.map((i) => i.id)), vpcParts(inv));
    assert.ok(!plan.items.some((i) => i.id === TABLES.main), 'the main table goes with the VPC');
    assert.ok(plan.items.every((i) => i.labCreated));
    // Its hours and its public address (no Elastic IP of it listed): what deleting it stops.
    assert.equal(plan.items.find((i) => i.kind === 'natGateway')?.hourlyUsd, 0.067);
    const stages = plan.items.map((i) => CLEANUP_ORDER.indexOf(i.kind));
    assert.deepEqual(
      stages,
      [...stages].sort((a, b) => a - b),
    );
    assert.deepEqual(
      [...new Set(plan.items.map((i) => i.kind))],
      ['instance', 'natGateway', 'internetGateway', 'routeTable', 'subnet', 'vpc'],
    );
    // Another-VPC and the default VPC are not touched; the other VPC is offered, its parts are not listed apart.
    assert.ok(plan.others.some((i) => i.id === 'vpc-0other'));
    assert.ok(!plan.others.some((i) => i.kind === 'subnet' || i.kind === 'routeTable'));
  });

  it('untagged, nothing of it is planned until the student picks the VPC; then all of it, as not the lab’s', () => {
    const inv = withNat({});
    assert.deepEqual(
      planCleanup(inv).items.map((i) => i.id),
      [],
    );
    const picked = planCleanup(inv, { include: [TEST_VPC] });
    assert.deepEqual(new Set(picked.items.map((i) => i.id)), vpcParts(inv));
    assert.ok(picked.items.every((i) => !i.labCreated));
    assert.match(
      cleanupPlanLines(picked, en).join('\n'),
      /NAT gateway Test-NAT \(nat-0test\) {2}0 USD\/h {2}\(picked\)/,
    );
  });
});

describe('planCleanup: the database tier (track 2)', () => {
  // Handout 004's tier made by the lab (the database tagged), db-sg and db-subnetgroup as the console makes them
  // (no tag: RDS lists no tags for a subnet group); another student's database with its own groups beside it.
  const otherSg = { ...dbSg, id: 'sg-other-db', name: 'db-sg-user02', tags: {} };
  const otherSubnets = { ...subnetGroup, name: 'db-subnetgroup-user02' };
  const spareSubnets = { ...subnetGroup, name: 'spare-subnets' };
  const otherDb = {
    ...database,
    id: 'test-rds-user02',
    arn: 'arn:aws:rds:ap-northeast-1:123456789012:db:test-rds-user02',
    subnetGroupName: otherSubnets.name,
    securityGroupIds: [otherSg.id],
    deletionProtection: true,
  };
  const tier = (changes: Partial<Inventory> = {}): Inventory =>
    withDatabaseTier(finishedLab(), {
      securityGroups: [...finishedLab().securityGroups, dbSg, otherSg],
      dbSubnetGroups: [subnetGroup, otherSubnets, spareSubnets, { ...subnetGroup, name: 'default' }],
      dbInstances: [{ ...database, tags: lab('2.2', 'test-rds-1'), deletionProtection: true }, otherDb],
      ...changes,
    });
  // The database tier's rows (track 1's lab resources of finishedLab go too, as the other tests show).
  const kinds = (list: readonly CleanupItem[]) =>
    list
      .filter((i) => i.kind.startsWith('db') || i.id === dbSg.id || i.id === otherSg.id)
      .map((i) => `${i.kind} ${i.id}`);

  it("the lab's database, then its subnet group, then db-sg once no database uses it; decoys among the others", () => {
    const plan = planCleanup(tier());
    assert.deepEqual(kinds(plan.items), [
      'dbInstance test-rds-1',
      'dbSubnetGroup db-subnetgroup',
      'securityGroup sg-db',
    ]);
    assert.ok(
      plan.items.filter((i) => kinds([i]).length > 0).every((i) => i.labCreated),
      'the groups go as the lab’s: only the lab’s database uses them',
    );
    const others = kinds(plan.others);
    for (const decoy of [
      'dbInstance test-rds-user02',
      'dbSubnetGroup db-subnetgroup-user02',
      'securityGroup sg-other-db',
    ])
      assert.ok(others.includes(decoy), `${decoy} offered, not deleted`);
    assert.ok(others.includes('dbSubnetGroup spare-subnets'), 'a subnet group no database uses is offered');
    assert.ok(!others.includes('dbSubnetGroup default'), 'AWS’s default subnet group cannot be deleted');
  });

  it('a subnet group or db-sg another database still uses stays', () => {
    const shared = tier({
      dbInstances: [
        { ...database, tags: lab('2.2', 'test-rds-1') },
        { ...otherDb, subnetGroupName: subnetGroup.name, securityGroupIds: [dbSg.id] },
      ],
    });
    assert.deepEqual(kinds(planCleanup(shared).items), ['dbInstance test-rds-1']);
    // Nor a group an instance uses as well: it is not only the databases'.
    const onServer = tier({
      instances: finishedLab().instances.map((i, k) =>
        k === 0 ? { ...i, securityGroups: [...i.securityGroups, { id: dbSg.id, name: dbSg.name }] } : i,
      ),
    });
    assert.deepEqual(kinds(planCleanup(onServer).items), ['dbInstance test-rds-1', 'dbSubnetGroup db-subnetgroup']);
  });

  it('deletion protection: the plan says it is turned off first, for the lab’s database only', () => {
    const plan = planCleanup(tier());
    assert.equal(plan.items.find((i) => i.id === 'test-rds-1')?.deletionProtection, true);
    assert.equal(plan.others.find((i) => i.id === 'test-rds-user02')?.deletionProtection, true);
    const lines = cleanupPlanLines(plan, en);
    assert.ok(
      lines.some((l) => /DB instance test-rds-1 .*\(deletion protection on: turned off first\)$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /DB instance test-rds-user02 .*\(deletion protection on\)$/.test(l)));
    const ja = bundleTranslator(loadBundle('ja', repoRoot));
    assert.ok(cleanupPlanLines(plan, ja).some((l) => l.includes('（削除保護が有効：先に無効にします）')));
  });

  it('a console-made database the student picks takes its subnet group and db-sg with it, as picked', () => {
    const plan = planCleanup(withDatabaseTier(), { include: ['test-rds-1'] });
    assert.deepEqual(
      plan.items.filter((i) => !i.labCreated).map((i) => [i.kind, i.id, i.labCreated]),
      [
        ['dbInstance', 'test-rds-1', false],
        ['dbSubnetGroup', 'db-subnetgroup', false],
        ['securityGroup', 'sg-db', false],
      ],
    );
    assert.deepEqual(kinds(planCleanup(withDatabaseTier()).items), [], 'nothing of an untagged tier unless picked');
  });

  it('Aurora: the members, then the cluster (protected through it), then the groups; a lab database already deleting still takes its groups', () => {
    const aurora = withAurora(finishedLab(), { tags: lab('2.6', 'wp-user01-cluster'), deletionProtection: true });
    const plan = planCleanup({
      ...aurora,
      dbInstances: aurora.dbInstances.map((d) => ({ ...d, deletionProtection: true })),
    });
    assert.deepEqual(kinds(plan.items), [
      'dbInstance wp-user01',
      'dbInstance wp-user01-slave',
      'dbCluster wp-user01-cluster',
      'dbSubnetGroup db-subnetgroup',
      'securityGroup sg-db',
    ]);
    assert.deepEqual(
      plan.items.filter((i) => i.deletionProtection).map((i) => i.id),
      ['wp-user01-cluster'],
      'a member is protected through its cluster: turned off there',
    );
    const rerun = planCleanup(tier({ dbInstances: [{ ...database, status: 'deleting', tags: lab('2.2', 'x') }] }));
    assert.deepEqual(kinds(rerun.items), ['dbSubnetGroup db-subnetgroup', 'securityGroup sg-db']);
  });

  it('the result says which protections were turned off, in English and Japanese', () => {
    const item = planCleanup(tier()).items.find((i) => i.id === 'test-rds-1');
    assert.ok(item);
    const result: CleanupResult = {
      changed: [],
      changeFailed: [],
      deleted: [item],
      failed: [],
      unprotected: [item],
      leftBillable: [],
      unread: [],
    };
    assert.ok(
      cleanupResultLines(result, en).includes('Deletion protection turned off (to delete it): DB instance test-rds-1'),
    );
    const ja = bundleTranslator(loadBundle('ja', repoRoot));
    assert.ok(
      cleanupResultLines(result, ja).includes('削除のため削除保護を無効にしました: DB インスタンス test-rds-1'),
    );
  });
});
