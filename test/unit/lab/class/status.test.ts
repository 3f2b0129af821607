// The teacher's table of a class in one account: every student found by tag or by name, each judged on their own
// view of the one inventory (steps, what runs, its cost), what no student owns; and the class cleanup's plans.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { scopeInventory } from '../../../../src/aws/inventory/scope';
import type { Inventory } from '../../../../src/aws/types';
import { estimateCost } from '../../../../src/cost/estimate';
import { planClassCleanup } from '../../../../src/lab/class/cleanup';
import { ownerOfResource } from '../../../../src/aws/inventory/scope';
import { classStatus, studentsIn, type ClassRow } from '../../../../src/lab/class/status';
import type { CheckResult, StepId } from '../../../../src/lab/types';
import { classInventory } from '../../../fixtures/classStages';

const { inventory: whole, observations } = classInventory();
const status = classStatus(whole, { layout: 'defaultVpc', observations });
const row = (student: string): ClassRow => {
  const found = status.rows.find((r) => r.student === student);
  assert.ok(found, `no row for ${student}`);
  return found;
};
const step = (student: string, id: StepId): CheckResult => {
  const found = row(student).steps.find((r) => r.step === id);
  assert.ok(found, `${student} has no ${id}`);
  return found;
};
const code = (r: CheckResult) => (r.status === 'passed' ? 'passed' : r.reason.code);
const track = (student: string, t: string) => row(student).steps.filter((r) => r.step.startsWith(`${t}.`));

describe('class status', () => {
  it('has one row per student found by the student tag or the user number in a name, in the class order', () => {
    assert.deepEqual(
      status.rows.map((r) => r.student),
      ['user01', 'user02', 'user03', 'user04', 'user05'],
    );
    // user02 and user04 made everything in the console: no tag, only their names say whose.
    assert.ok(whole.instances.some((i) => i.name === 'WebServer-user02' && Object.keys(i.tags).length === 1));
    assert.deepEqual(studentsIn(whole), ['user01', 'user02', 'user03', 'user04', 'user05']);
  });

  it('judges every student on their own view with their own pages: each stage shows as its steps', () => {
    assert.deepEqual(track('user01', '0').map(code), ['passed', 'passed']);
    assert.ok(
      track('user01', '1').every((r) => r.status === 'passed'),
      'user01 finished track 1',
    );
    // Still open to the internet: only 1.9 is left in track 1.
    assert.deepEqual(
      track('user02', '1')
        .filter((r) => r.status !== 'passed')
        .map((r) => `${r.step} ${code(r)}`),
      ['1.9 secure.openRule'],
    );
    assert.equal(code(step('user03', '1.6')), 'target.notHealthy');
    assert.deepEqual([code(step('user04', '0.1')), code(step('user04', '1.1'))], ['passed', 'snapshot.missing']);
    assert.equal(code(step('user05', '0.1')), 'webServer.notRunning');
  });

  it('gives each row the cost estimate of the student’s view, and what of it runs', () => {
    for (const r of status.rows) {
      const own = estimateCost(scopeInventory(whole, r.student)).hourlyUsd;
      assert.ok(Math.abs(r.hourlyUsd - own) < 1e-6, `${r.student}: ${r.hourlyUsd} vs ${own}`);
    }
    assert.deepEqual(
      row('user01')
        .running.map((x) => `${x.kind} ${x.name}`)
        .sort(),
      ['instance WebServer-user01', 'instance WebServer2-user01', 'loadBalancer LoadBalancer-user01'],
    );
    // An instance's row sums its compute and its public IPv4; the ALB its hours, LCU and addresses.
    assert.ok(row('user01').running.every((x) => x.hourlyUsd > 0));
    assert.equal(row('user04').running.length, 1);
    // Leftovers: nothing runs, yet the free Elastic IP bills.
    assert.equal(row('user05').running.length, 0);
    assert.ok(row('user05').hourlyUsd > 0);
  });

  it('lists what no student owns (the teacher’s bastion and its group) with its cost, and nothing of a student', () => {
    assert.deepEqual(
      status.unowned.resources.map((u) => `${u.kind} ${u.name}`),
      ['instance teacher-bastion', 'securityGroup teacher-ssh'],
    );
    assert.ok(status.unowned.hourlyUsd > 0);
    const total = estimateCost(whole).hourlyUsd;
    const rows = status.rows.reduce((n, r) => n + r.hourlyUsd, 0);
    assert.ok(
      Math.abs(rows + status.unowned.hourlyUsd - total) < 1e-4,
      `${rows} + ${status.unowned.hourlyUsd} ≠ ${total}`,
    );
  });

  it('is made from the one inventory (its API calls) and never reads again', () => {
    assert.equal(status.apiCalls, whole.apiCalls);
    assert.equal(status.fetchedAt, whole.fetchedAt);
  });

  it('gives a resource named for two students to nobody, and a terminated instance to nobody', () => {
    assert.equal(ownerOfResource({ name: 'elb-user05-user06', tags: {} }, 'user'), undefined);
    assert.equal(ownerOfResource({ name: 'webserver#1-user05', tags: {}, state: 'terminated' }, 'user'), undefined);
    assert.equal(ownerOfResource({ name: 'elb-user05', tags: {} }, 'user'), 'user05');
  });

  it('judges a hand-made elb for user05 as user05’s, never user06’s', () => {
    const lb = whole.loadBalancers.find((l) => l.name === 'LoadBalancer-user01');
    assert.ok(lb);
    const handMade: Inventory = {
      ...whole,
      loadBalancers: [...whole.loadBalancers, { ...lb, arn: `${lb.arn}-user05`, name: 'elb-user05', tags: {} }],
    };
    const s = classStatus(handMade, { layout: 'defaultVpc', observations });
    const running = (who: string) => s.rows.find((r) => r.student === who)?.running.map((x) => x.name) ?? [];
    assert.ok(running('user05').includes('elb-user05'));
    assert.ok(!running('user01').includes('elb-user05'));
    assert.ok(!s.unowned.resources.some((u) => u.name === 'elb-user05'));
  });

  it('takes the tracks asked for', () => {
    const only = classStatus(whole, { layout: 'defaultVpc', observations, track: '0' });
    assert.ok(only.rows.every((r) => r.steps.map((x) => x.step).join() === '0.1,0.2'));
  });
});

describe('class cleanup plan', () => {
  /** Whose each planned item is: its own tag or name, else (a listener, an AMI's snapshot, an EIP) its holder's. */
  const ownerById = new Map<string, string | undefined>();
  const own = (r: { name?: string; tags: Readonly<Record<string, string>> }) => ownerOfResource(r, 'user');
  for (const i of whole.instances) ownerById.set(i.id, own(i));
  for (const g of whole.securityGroups) ownerById.set(g.id, own(g));
  for (const t of whole.targetGroups) ownerById.set(t.arn, own(t));
  for (const lb of whole.loadBalancers)
    for (const id of [lb.arn, ...lb.listeners.map((l) => l.arn)]) ownerById.set(id, own(lb));
  for (const img of whole.images) for (const id of [img.id, ...img.snapshotIds]) ownerById.set(id, own(img));
  for (const e of whole.elasticIps)
    ownerById.set(e.allocationId, ownerById.get(e.instanceId ?? '') ?? own({ name: e.tags.Name, tags: e.tags }));
  const owners = (items: readonly { id: string }[]) => new Set(items.map((i) => ownerById.get(i.id) ?? `? ${i.id}`));

  it('plans one student’s resources, made in the console too, and nothing of another', () => {
    const plan = planClassCleanup(whole, { student: 'user02' });
    assert.deepEqual([...owners(plan.items)], ['user02']);
    assert.deepEqual(
      plan.items.map((i) => i.kind).sort(),
      [
        'elasticIp',
        'elasticIp',
        'image',
        'instance',
        'instance',
        'listener',
        'loadBalancer',
        'securityGroup',
        'securityGroup',
        'snapshot',
        'targetGroup',
      ].sort(),
    );
    // For the teacher a student's resources are the lab's: none is shown as picked.
    assert.ok(plan.items.every((i) => i.labCreated));
  });

  it('never plans another student’s resource in a student’s view, lab-tagged or not', () => {
    // user04's server registered in user03's (tagged) target group: user04's view holds it; it stays.
    const tg = whole.targetGroups.find((t) => t.name === 'WebServers-user03');
    assert.ok(tg);
    const shared: Inventory = {
      ...whole,
      targetGroups: whole.targetGroups.map((t) =>
        t === tg ? { ...t, targets: [...t.targets, { id: 'i-0web04', port: 80, state: 'healthy' }] } : t,
      ),
    };
    assert.ok(scopeInventory(shared, 'user04').targetGroups.some((t) => t.arn === tg.arn));
    const plan = planClassCleanup(shared, { student: 'user04' });
    assert.ok(!plan.items.some((i) => i.id === tg.arn));
    assert.deepEqual([...owners(plan.items)], ['user04']);
  });

  it('plans every student’s with --all and leaves what no student owns unless picked', () => {
    const all = planClassCleanup(whole, { all: true });
    assert.deepEqual([...owners(all.items)].sort(), ['user01', 'user02', 'user03', 'user04', 'user05']);
    assert.ok(!all.items.some((i) => i.id === 'i-0bastion' || i.id === 'sg-teacher'));
    assert.ok(all.others.some((i) => i.id === 'i-0bastion'));
    const picked = planClassCleanup(whole, { all: true }, { include: ['i-0bastion'] });
    const bastion = picked.items.find((i) => i.id === 'i-0bastion');
    assert.ok(bastion && !bastion.labCreated, 'the bastion goes when picked, as picked');
  });
});
