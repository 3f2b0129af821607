// planCleanup over hand-built inventories: dependency order, the lab's vs the rest, include, derived items, whose tag.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../src/aws/types';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { CLEANUP_ORDER, planCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupItem } from '../../../src/lab/cleanup/types';
import { LAB_TAG } from '../../../src/lab/types';
import { afterTrack1, lab } from '../../fixtures/cleanupPlanWorld';
import { albSg, clone, finishedLab, loadBalancer, targetGroup, webServer } from '../../fixtures/labWorld';

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
