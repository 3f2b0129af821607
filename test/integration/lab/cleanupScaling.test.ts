// Cleanup of track 3 against the practice account through the real SDK: a launch template, a group over two AZs
// (its instances running, the lab's tags not propagated to them), two simple policies and their two CPU alarms, all
// made as the student would; another group with its own template, policy and alarm, untagged, stands beside it.
// Cleanup deletes the lab's policies, group (its instances terminated), alarms and template, and nothing of the
// other group; the account's meter then counts no alarm of the lab.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateLaunchTemplateCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { cleanupIncomplete, planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupProgress } from '../../../src/lab/cleanup/types';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

const MINE = 'WebServer-ASG';
const THEIRS = 'their-ASG';

async function makeGroup(lab: LabHarness, name: string, template: string, tagged: boolean): Promise<void> {
  const { ec2, autoScaling, cloudWatch } = lab.clients;
  const tags = tagged ? [{ Key: LAB_TAG, Value: LAB_ID }] : [];
  const web = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }));
  const server = web.Reservations?.[0]?.Instances?.[0];
  assert.ok(server?.ImageId, 'the seeded WebServer');
  const subnets = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  const twoAzs = (subnets.Subnets ?? [])
    .filter((s) => s.AvailabilityZone === 'ap-northeast-1a' || s.AvailabilityZone === 'ap-northeast-1c')
    .map((s) => s.SubnetId ?? '');
  assert.equal(twoAzs.length, 2);
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: template,
      LaunchTemplateData: {
        ImageId: server.ImageId,
        InstanceType: 't2.micro',
        SecurityGroupIds: (server.SecurityGroups ?? []).map((g) => g.GroupId ?? ''),
      },
      ...(tagged
        ? { TagSpecifications: [{ ResourceType: 'launch-template', Tags: [...tags, { Key: STEP_TAG, Value: '3.1' }] }] }
        : {}),
    }),
  );
  await autoScaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: name,
      LaunchTemplate: { LaunchTemplateName: template, Version: '$Default' },
      // Min 2: at instant speed the idle CPU soon puts the low alarm in ALARM, and it scales in to the minimum.
      MinSize: 2,
      DesiredCapacity: 2,
      MaxSize: 3,
      VPCZoneIdentifier: twoAzs.join(','),
      // Not propagated: the group's instances are still the group's to cleanup.
      Tags: tags.map((t) => ({ ...t, PropagateAtLaunch: false })),
    }),
  );
  for (const [suffix, adjustment, comparison, threshold] of [
    ['scale-out', 1, 'GreaterThanThreshold', 70],
    ['scale-in', -1, 'LessThanThreshold', 30],
  ] as const) {
    const policy = await autoScaling.send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: name,
        PolicyName: `${name}-${suffix}`,
        PolicyType: 'SimpleScaling',
        AdjustmentType: 'ChangeInCapacity',
        ScalingAdjustment: adjustment,
        Cooldown: 300,
      }),
    );
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: `${name}-CPU-${suffix === 'scale-out' ? 'High' : 'Low'}`,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'AutoScalingGroupName', Value: name }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: threshold,
        ComparisonOperator: comparison,
        AlarmActions: [policy.PolicyARN ?? ''],
      }),
    );
  }
  // The SDK's waiter is content with MinSize in service: wait for the desired two.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const g = (await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups?.[0];
    const inService = (g?.Instances ?? []).filter((i) => i.LifecycleState === 'InService').length;
    if (inService === 2) break;
    assert.ok(Date.now() < deadline, `${name}: ${inService} of 2 in service`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cleanup: track 3 on the practice account', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab({ speed: 'instant' });
    await makeGroup(lab, MINE, 'WebServer-template', true);
    await makeGroup(lab, THEIRS, 'their-template', false);
  });
  after(async () => lab?.close());

  it('deletes the lab’s policies, group, alarms and template in that order; the other group stands', async () => {
    const ctx = lab.context();
    const prices = priceTable(PRACTICE_REGION);
    const before = await ctx.inventory();
    const plan = planCleanup(before, { ...(prices ? { prices } : {}) });
    const scaling = plan.items.filter((i) =>
      ['scalingPolicy', 'autoScalingGroup', 'alarm', 'launchTemplate'].includes(i.kind),
    );
    assert.deepEqual(
      scaling.map((i) => `${i.kind} ${i.name}`),
      [
        `scalingPolicy ${MINE}-scale-in`,
        `scalingPolicy ${MINE}-scale-out`,
        `autoScalingGroup ${MINE}`,
        `alarm ${MINE}-CPU-High`,
        `alarm ${MINE}-CPU-Low`,
        'launchTemplate WebServer-template',
      ],
    );
    const members = before.autoScalingGroups.find((g) => g.name === MINE)?.instances.map((i) => i.id) ?? [];
    assert.equal(members.length, 2, JSON.stringify(before.autoScalingGroups));
    for (const id of members)
      assert.ok(
        plan.items.some((i) => i.kind === 'instance' && i.id === id),
        id,
      );

    const progress: CleanupProgress[] = [];
    const result = await runCleanup(plan, {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: (p) => progress.push(p),
      delays: { minDelay: 1, maxDelay: 1 },
    });
    assert.deepEqual(
      result.failed.map((f) => [f.item.kind, f.item.id, f.problem]),
      [],
    );
    assert.equal(cleanupIncomplete(result), false, JSON.stringify(result));
    const deleted = (kind: string) =>
      progress.findIndex((p) => 'item' in p && p.item.kind === kind && p.phase === 'deleted');
    assert.ok(deleted('scalingPolicy') < deleted('autoScalingGroup'));
    assert.ok(deleted('autoScalingGroup') < deleted('alarm'));
    assert.ok(deleted('alarm') < deleted('launchTemplate'));

    const { autoScaling, cloudWatch, ec2 } = lab.clients;
    const groups = await autoScaling.send(new DescribeAutoScalingGroupsCommand({}));
    assert.deepEqual(
      (groups.AutoScalingGroups ?? []).map((g) => [g.AutoScalingGroupName, g.Instances?.length]),
      [[THEIRS, 2]],
    );
    const alarms = await cloudWatch.send(new DescribeAlarmsCommand({}));
    assert.deepEqual((alarms.MetricAlarms ?? []).map((a) => a.AlarmName).sort(), [
      `${THEIRS}-CPU-High`,
      `${THEIRS}-CPU-Low`,
    ]);
    const templates = await ec2.send(new DescribeLaunchTemplatesCommand({}));
    assert.deepEqual(
      (templates.LaunchTemplates ?? []).map((t) => t.LaunchTemplateName),
      ['their-template'],
    );
    const after = await ctx.inventory();
    assert.deepEqual(after.scalingPolicies.map((p) => p.name).sort(), [`${THEIRS}-scale-in`, `${THEIRS}-scale-out`]);
    for (const id of members)
      assert.equal(after.instances.find((i) => i.id === id)?.state ?? 'terminated', 'terminated', id);
    const billed = estimateCost(after, { ...(prices ? { prices } : {}) }).items.filter(
      (i) => i.kind === 'alarm' && i.labCreated,
    );
    assert.deepEqual(billed, []);
  });
});
