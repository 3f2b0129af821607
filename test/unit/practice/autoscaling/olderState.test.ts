// A state file of an older build: its region has no launch templates, policies or activities, and its group none
// of the new fields (cooldown, status, members' template versions). It loads, answers, and the controller runs
// on it: the group, whose template is not there, records a failed launch in AWS's words instead of throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoScalingGroupActions } from '../../../../src/practice/autoscaling/groups';
import { internalContext } from '../../../../src/practice/autoscaling/common';
import { advanceWorld } from '../../../../src/practice/core/advance';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { World, parseWorldState } from '../../../../src/practice/core/world';
import { createStartingWorld } from '../../../../src/practice/seed/startingState';

test('an older state file with a group loads, is described, and its controller records what it cannot do', async () => {
  const start = createStartingWorld();
  const state = JSON.parse(JSON.stringify(start.state)) as { regions: Record<string, Record<string, unknown>> };
  const region = state.regions[PRACTICE_REGION];
  assert.ok(region);
  const subnet = (region.subnets as { id: string; az: string }[])[0];
  delete region.launchTemplates;
  delete region.scalingPolicies;
  delete region.scalingActivities;
  region.autoScalingGroups = [
    {
      name: 'old',
      arn: `arn:aws:autoscaling:${PRACTICE_REGION}:123456789012:autoScalingGroup:00000000-0000-4000-a000-000000000000:autoScalingGroupName/old`,
      launchTemplate: { id: 'lt-0123456789abcdef0', name: 'gone', version: '$Default' },
      min: 1,
      max: 2,
      desired: 1,
      subnetIds: [subnet?.id],
      targetGroupArns: [],
      healthCheckType: 'EC2',
      healthCheckGracePeriod: 300,
      instances: [],
      createdTime: '2026-11-30T00:00:00.000Z',
      tags: [],
    },
  ];
  const world = new World(parseWorldState(JSON.stringify(state)));
  advanceWorld(world);
  const records = world.region(PRACTICE_REGION);
  const [failed] = records.scalingActivities ?? [];
  assert.equal(failed?.statusCode, 'Failed');
  assert.equal(
    failed?.description,
    'Launching a new EC2 instance.  Status Reason: The specified launch template, with template ID lt-0123456789abcdef0, does not exist.',
  );
  const described = (await autoScalingGroupActions.DescribeAutoScalingGroups.handle(
    { AutoScalingGroupNames: ['old'] },
    internalContext(world, PRACTICE_REGION, new Date()),
  )) as { AutoScalingGroups?: { DefaultCooldown?: number; Status?: string }[] };
  assert.deepEqual(
    described.AutoScalingGroups?.map((g) => [g.DefaultCooldown, g.Status]),
    [[300, undefined]],
  );
});
