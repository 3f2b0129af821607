// What the views show while a runner reads scoped inventories: its sections over the last whole inventory.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { overlayInventory } from '../../../src/aws/inventory/merge';
import type { Inventory, InventoryProblem } from '../../../src/aws/types';
import { edit, finishedLab } from '../../fixtures/labWorld';

const denied = (section: InventoryProblem['section'], action: string): InventoryProblem => ({
  section,
  action,
  error: { kind: 'accessDenied', action },
});

describe('overlayInventory', () => {
  const whole = edit(finishedLab(), { problems: [denied('databases', 'rds:DescribeDBInstances')] });

  it('takes the read sections and their problems from the part, the rest from the whole', () => {
    const part: Inventory = edit(finishedLab(), {
      sections: ['instances'],
      instances: [],
      loadBalancers: [],
      problems: [denied('instances', 'ec2:DescribeInstances')],
      fetchedAt: '2026-12-02T00:00:00.000Z',
    });
    const shown = overlayInventory(whole, part);
    assert.ok(shown);
    assert.equal(shown.sections, undefined);
    assert.deepEqual(shown.instances, []);
    assert.equal(shown.loadBalancers.length, whole.loadBalancers.length);
    assert.equal(shown.fetchedAt, part.fetchedAt);
    assert.deepEqual(
      shown.problems.map((p) => p.action),
      ['rds:DescribeDBInstances', 'ec2:DescribeInstances'],
    );
    assert.ok(Object.isFrozen(shown));
  });

  it('a whole part is itself; without a whole one, or for another account, nothing is shown', () => {
    const part = edit(finishedLab(), { sections: ['network'] });
    assert.equal(overlayInventory(whole, whole), whole);
    assert.equal(overlayInventory(undefined, part), undefined);
    const elsewhere = edit(whole, { context: { ...whole.context, region: 'us-east-1' } });
    assert.equal(overlayInventory(elsewhere, part), undefined);
  });

  it("over a scoped whole (a runner's read), the result holds the sections of both and no others", () => {
    const scoped = edit(finishedLab(), { sections: ['network', 'instances', 'autoScaling'] });
    const part = edit(finishedLab(), { sections: ['autoScaling', 'loadBalancing'], autoScalingGroups: [] });
    const shown = overlayInventory(scoped, part);
    assert.ok(shown);
    assert.deepEqual(shown.sections, ['network', 'instances', 'autoScaling', 'loadBalancing']);
    assert.deepEqual(shown.autoScalingGroups, []);
    assert.equal(shown.instances, scoped.instances);
  });
});
