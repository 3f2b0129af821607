// A refresh AWS throttled in part: the explorer keeps the last inventory for the throttled sections.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { keepThrottled, throttledSections } from '../../../src/aws/inventory/throttled';
import type { InventoryProblem } from '../../../src/aws/types';
import { edit, finishedLab } from '../../fixtures/labWorld';

const throttled = (section: InventoryProblem['section'], action: string): InventoryProblem => ({
  section,
  action,
  error: { kind: 'throttled', action },
});

describe('keepThrottled', () => {
  const previous = finishedLab();

  it('keeps the throttled sections as last shown, without their errors, and takes the rest as read', () => {
    const read = edit(finishedLab(), {
      instances: [],
      loadBalancers: [],
      targetGroups: [],
      securityGroups: [],
      problems: [
        throttled('instances', 'ec2:DescribeInstances'),
        throttled('loadBalancing', 'elasticloadbalancing:DescribeTargetHealth'),
      ],
      fetchedAt: '2026-12-02T00:00:00.000Z',
    });
    assert.deepEqual(throttledSections(read), ['instances', 'loadBalancing']);
    const shown = keepThrottled(previous, read);
    assert.ok(previous.instances.length > 0 && previous.loadBalancers.length > 0);
    assert.deepEqual(shown.instances, previous.instances);
    assert.deepEqual(shown.loadBalancers, previous.loadBalancers);
    assert.deepEqual(shown.targetGroups, previous.targetGroups);
    assert.deepEqual(shown.securityGroups, [], 'read in full: as read');
    assert.deepEqual(shown.problems, []);
    assert.equal(shown.sections, undefined, 'a whole inventory still');
  });

  it('shows a read as it is when nothing was throttled, or when there is nothing older to keep', () => {
    const read = edit(finishedLab(), { instances: [] });
    assert.equal(keepThrottled(previous, read), read);
    const first = edit(finishedLab(), { instances: [], problems: [throttled('instances', 'ec2:DescribeInstances')] });
    assert.equal(keepThrottled(undefined, first), first);
  });

  it('another problem (a denied action) is not kept over', () => {
    const read = edit(finishedLab(), {
      instances: [],
      problems: [
        { section: 'instances', action: 'ec2:DescribeInstances', error: { kind: 'accessDenied', action: 'x' } },
      ],
    });
    assert.equal(keepThrottled(previous, read), read);
  });
});
