import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { scopeInventory } from '../../../src/aws/inventory/scope';
import { ownerOf, ownedBy, parseStudent, STUDENT_TAG } from '../../../src/aws/student';
import { classInventory, studentId, studentLab } from '../../fixtures/classWorld';
import { buildExplorerTree } from '../../../src/present/explorer/tree';
import { walk } from '../../../src/present/explorer/nodes';
import { en } from '../../fixtures/explorerWorld';

describe('whose a resource is', () => {
  it('reads the student tag first, else the one user number its name carries as a word', () => {
    assert.equal(parseStudent(' User05 '), 'user05');
    assert.equal(parseStudent('5user'), undefined);
    assert.equal(ownerOf('webserver#1-user05', {}, 'user'), 'user05');
    assert.equal(ownerOf('wp-user05-cluster', {}, 'user'), 'user05');
    assert.equal(ownerOf('sampleapp user12', {}, 'user'), 'user12');
    assert.equal(ownerOf('user05-to-user06', {}, 'user'), undefined, 'two user numbers decide nothing');
    assert.equal(ownerOf('WebServer2', {}, 'user'), undefined);
    assert.equal(ownerOf('anything', { [STUDENT_TAG]: 'user07' }, 'user'), 'user07');
    assert.ok(ownedBy('user05', 'elb-user05', {}));
    assert.ok(!ownedBy('user05', 'elb-user050', {}), 'user050 is another student');
    assert.ok(!ownedBy('user06', 'elb-user05', {}));
    // A tag says whose it is even against its name (a student who copied a neighbour's name).
    assert.ok(!ownedBy('user05', 'elb-user05', { [STUDENT_TAG]: 'user06' }));
  });
});

describe("a student's view of a class of 40 in one account", () => {
  const whole = classInventory(40);

  it('holds exactly the student’s lab, tagged or only named, and the shared default VPC', () => {
    for (const n of [5, 6]) {
      const view = scopeInventory(whole, studentId(n));
      const own = studentLab(n);
      assert.equal(view.student, studentId(n));
      const ids = (inv: typeof whole) => ({
        instances: inv.instances.map((i) => i.id).sort(),
        groups: inv.securityGroups.map((g) => g.id).sort(),
        images: inv.images.map((i) => i.id),
        snapshots: inv.snapshots.map((s) => s.id),
        addresses: inv.elasticIps.map((a) => a.allocationId).sort(),
        loadBalancers: inv.loadBalancers.map((l) => l.arn),
        targetGroups: inv.targetGroups.map((t) => t.arn),
      });
      assert.deepEqual(ids(view), ids(own), `user ${n}`);
      assert.deepEqual(
        view.subnets.map((s) => s.id),
        whole.subnets.map((s) => s.id),
      );
    }
  });

  it('counts the rest with whose it is, the teacher’s bastion among what nobody owns', () => {
    const view = scopeInventory(whole, 'user05');
    const perStudent = 2 + 2 + 1 + 1 + 2 + 1 + 1; // instances, groups, image, snapshot, addresses, ALB, target group
    assert.equal(view.others?.count, 39 * perStudent + 1);
    assert.equal(view.others?.students.length, 39);
    assert.ok(!view.others?.students.includes('user05'));
  });

  it('never holds another student’s load balancer, even one that names the same target group', () => {
    const view = scopeInventory(whole, 'user06');
    assert.ok(view.loadBalancers.every((lb) => lb.name === 'LoadBalancer-user06'));
    assert.ok(view.instances.every((i) => i.name?.endsWith('-user06')));
  });

  it('shows in the explorer as the student’s lab and one collapsed row for the rest (or none)', () => {
    const view = scopeInventory(whole, 'user05');
    const tree = buildExplorerTree({ status: 'loaded', inventory: view }, en);
    const others = [...walk(tree)].find((n) => n.kind === 'otherStudents');
    assert.equal(others?.label, 'Not yours');
    assert.equal(others?.description, `${39 * 10 + 1} resources: 39 other students’ and the account’s`);
    assert.equal(others?.expand, 'collapsed');
    assert.equal(tree[0]?.description, 'user05’s lab');
    const hidden = buildExplorerTree({ status: 'loaded', inventory: view }, en, new Map(), 'hidden');
    assert.ok(![...walk(hidden)].some((n) => n.kind === 'otherStudents'));
    const names = [...walk(tree)].filter((n) => n.kind === 'instance').map((n) => n.label);
    assert.ok(names.length > 0 && names.every((l) => l.includes('user05')), names.join());
  });
});
