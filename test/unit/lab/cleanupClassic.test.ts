// Cleanup with Classic Load Balancers: the lab's CLB (by its tag) and its own lab-made group are planned before the
// instances and the security groups; a console-made CLB or another person's is only listed, and goes only when
// picked by name; a database's group a CLB also uses stays; the hourly cost a deletion stops includes the CLB's.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory, SecurityGroup } from '../../../src/aws/types';
import { priceTable } from '../../../src/cost/prices';
import { CLEANUP_ORDER, planCleanup } from '../../../src/lab/cleanup/plan';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../src/lab/types';
import { finishedLab } from '../../fixtures/labWorld';
import { dbSg, withDatabaseTier } from '../../fixtures/labDatabase';
import { classicLoadBalancer } from '../../fixtures/classicWorld';

const lab = (step: string) => ({ [LAB_TAG]: LAB_ID, [STEP_TAG]: step });

const elbSg: SecurityGroup = {
  id: 'sg-elb',
  name: 'elb-sg',
  description: 'elb-sg',
  vpcId: 'vpc-1',
  inbound: [{ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
  outbound: [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
  tags: {},
};

function world(clbs: Inventory['classicLoadBalancers'], groups: SecurityGroup[] = [elbSg]): Inventory {
  const inv = finishedLab();
  return { ...inv, classicLoadBalancers: clbs, securityGroups: [...inv.securityGroups, ...groups] };
}

const stageOf = (kind: (typeof CLEANUP_ORDER)[number]) => CLEANUP_ORDER.indexOf(kind);

describe('cleanup: Classic Load Balancers', () => {
  it('plans the lab’s CLB and its lab-made group, the CLB before the instances and the groups', () => {
    const inv = world([classicLoadBalancer({ vpcId: 'vpc-1', tags: lab('1.6') })], [{ ...elbSg, tags: lab('1.6') }]);
    const plan = planCleanup(inv, { prices: priceTable('ap-northeast-1') });
    const clb = plan.items.find((i) => i.id === 'seed001-elb');
    assert.ok(clb, JSON.stringify(plan.items.map((i) => i.id)));
    assert.equal(clb.kind, 'loadBalancer');
    assert.equal(clb.classic, true);
    assert.equal(clb.labCreated, true);
    // 0.027 an hour plus its two AZs' public addresses (0.005 each).
    assert.equal(clb.hourlyUsd, 0.037);
    const group = plan.items.find((i) => i.id === 'sg-elb');
    assert.ok(group);
    assert.ok(clb.stage < stageOf('instance') && clb.stage < group.stage);
    assert.ok(plan.hourlyUsd >= 0.037);
  });

  it('a console-made CLB (no lab tag) is only listed; picked by name it goes, as the student’s pick', () => {
    const inv = world([classicLoadBalancer({ vpcId: 'vpc-1' })]);
    const plan = planCleanup(inv);
    assert.equal(
      plan.items.some((i) => i.id === 'seed001-elb'),
      false,
    );
    const listed = plan.others.find((i) => i.id === 'seed001-elb');
    assert.equal(listed?.classic, true);
    assert.equal(listed?.labCreated, false);
    // Its console-made group is not the lab's either.
    assert.equal(
      plan.items.some((i) => i.id === 'sg-elb'),
      false,
    );
    const picked = planCleanup(inv, { include: ['seed001-elb'] });
    const item = picked.items.find((i) => i.id === 'seed001-elb');
    assert.ok(item);
    assert.equal(item.labCreated, false);
    assert.equal(item.stage, stageOf('loadBalancer'));
  });

  it('another person’s CLB (their own tags) is never planned, and excluded the lab’s stays', () => {
    const theirs = classicLoadBalancer({ name: 'elb-user07', tags: { owner: 'user07', Name: 'elb-user07' } });
    const mine = classicLoadBalancer({ tags: lab('1.6') });
    const plan = planCleanup(world([theirs, mine]));
    assert.deepEqual(
      plan.items.filter((i) => i.classic).map((i) => i.id),
      ['seed001-elb'],
    );
    assert.deepEqual(
      plan.others.filter((i) => i.classic).map((i) => i.id),
      ['elb-user07'],
    );
    const kept = planCleanup(world([theirs, mine]), { exclude: ['seed001-elb'] });
    assert.equal(
      kept.items.some((i) => i.classic),
      false,
    );
  });

  it('a database’s group that a CLB also uses does not go with the database', () => {
    const base = withDatabaseTier(finishedLab());
    const lone = planCleanup(base, { include: [base.dbInstances[0]?.id ?? ''] });
    assert.ok(
      lone.items.some((i) => i.id === dbSg.id),
      'without the CLB the db group follows its database',
    );
    const shared = planCleanup(
      { ...base, classicLoadBalancers: [classicLoadBalancer({ securityGroupIds: [dbSg.id] })] },
      { include: [base.dbInstances[0]?.id ?? ''] },
    );
    assert.equal(
      shared.items.some((i) => i.id === dbSg.id),
      false,
    );
  });
});
