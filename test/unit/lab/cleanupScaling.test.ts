// Cleanup of track 3 over a hand-built account: the lab's group goes with its policies and its alarms, then its
// launch template, all before the target group it is attached to and the AMI the template names; another group,
// its policies and its alarms are never touched (the other group is listed, its parts are not); a target-tracking
// policy's alarms are left to AWS (DeletePolicy deletes them); an alarm of no group is listed to pick.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory, MetricAlarm, ScalingPolicy } from '../../../src/aws/types';
import { priceTable } from '../../../src/cost/prices';
import { CLEANUP_ORDER, planCleanup } from '../../../src/lab/cleanup/plan';
import { cleanupPlanLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../src/lab/types';
import { finishedLab } from '../../fixtures/labWorld';

const lab = (step: string, name: string) => ({ [LAB_TAG]: LAB_ID, [STEP_TAG]: step, Name: name });
const ARN = 'arn:aws:autoscaling:ap-northeast-1:123456789012';
const policyArn = (group: string, name: string) =>
  `${ARN}:scalingPolicy:uuid:autoScalingGroupName/${group}:policyName/${name}`;

function policy(group: string, name: string, over: Partial<ScalingPolicy> = {}): ScalingPolicy {
  return {
    name,
    arn: policyArn(group, name),
    groupName: group,
    type: 'SimpleScaling',
    adjustmentType: 'ChangeInCapacity',
    scalingAdjustment: 1,
    stepAdjustments: [],
    cooldown: 300,
    alarmNames: [],
    enabled: true,
    ...over,
  };
}

function alarm(name: string, group: string | undefined, actions: string[] = []): MetricAlarm {
  return {
    name,
    arn: `arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:${name}`,
    namespace: 'AWS/EC2',
    metricName: 'CPUUtilization',
    dimensions: group ? [{ name: 'AutoScalingGroupName', value: group }] : [{ name: 'InstanceId', value: 'i-0gone' }],
    period: 300,
    evaluationPeriods: 1,
    threshold: 70,
    comparison: 'GreaterThanThreshold',
    state: 'OK',
    stateReason: '',
    alarmActions: actions,
    okActions: [],
    actionsEnabled: true,
  };
}

function group(name: string, template: { id: string; name: string }, tags: Record<string, string>) {
  return {
    name,
    arn: `${ARN}:autoScalingGroup:uuid:autoScalingGroupName/${name}`,
    min: 2,
    max: 4,
    desired: 2,
    azs: ['ap-northeast-1a', 'ap-northeast-1c'],
    subnetIds: ['subnet-0aaa', 'subnet-0ccc'],
    targetGroupArns: [],
    launchTemplate: { ...template, version: '$Default' },
    instances: [],
    tags,
  };
}

function withScaling(): Inventory {
  const inv = finishedLab();
  const mine = 'WebServer-ASG';
  const theirs = 'their-ASG';
  const member = (id: string, group: string) => ({
    ...inv.instances[0]!,
    id,
    name: undefined,
    tags: { 'aws:autoscaling:groupName': group },
  });
  return {
    ...inv,
    instances: [...inv.instances, member('i-0mine', mine), member('i-0theirs', theirs)],
    autoScalingGroups: [
      group(mine, { id: 'lt-0lab', name: 'WebServer-template' }, lab('3.2', mine)),
      group(theirs, { id: 'lt-0theirs', name: 'their-template' }, { Name: theirs }),
    ],
    launchTemplates: [
      {
        id: 'lt-0lab',
        name: 'WebServer-template',
        defaultVersion: 1,
        latestVersion: 1,
        imageId: 'ami-0lab',
        securityGroupIds: [],
        hasUserData: false,
        tags: lab('3.1', 'WebServer-template'),
      },
      {
        id: 'lt-0theirs',
        name: 'their-template',
        defaultVersion: 1,
        latestVersion: 1,
        securityGroupIds: [],
        hasUserData: false,
        tags: {},
      },
    ],
    scalingPolicies: [
      policy(mine, `${mine}-scale-out`, { alarmNames: [`${mine}-CPU-High`] }),
      policy(mine, `${mine}-scale-in`, { scalingAdjustment: -1, alarmNames: [`${mine}-CPU-Low`] }),
      policy(mine, `${mine}-cpu70`, {
        type: 'TargetTrackingScaling',
        targetValue: 70,
        alarmNames: [`TargetTracking-${mine}-AlarmHigh-1`, `TargetTracking-${mine}-AlarmLow-1`],
      }),
      policy(theirs, 'their-scale-out', { alarmNames: ['their-high'] }),
    ],
    metricAlarms: [
      alarm(`${mine}-CPU-High`, mine, [policyArn(mine, `${mine}-scale-out`)]),
      // Made in the console on the group's metric, its action removed: still the group's.
      alarm(`${mine}-CPU-Low`, mine),
      alarm(`TargetTracking-${mine}-AlarmHigh-1`, mine),
      alarm(`TargetTracking-${mine}-AlarmLow-1`, mine),
      // On the other group's metric but invoking the lab's policy: the policy decides.
      alarm('their-high', theirs, [policyArn(theirs, 'their-scale-out')]),
      alarm('stray-cpu', undefined),
    ],
  };
}

const ids = (items: readonly { kind: string; id: string }[], kinds: string[]) =>
  items.filter((i) => kinds.includes(i.kind)).map((i) => `${i.kind} ${i.id}`);

describe('cleanup plan: Auto Scaling', () => {
  const plan = planCleanup(withScaling(), { prices: priceTable('ap-northeast-1') });
  const scaling = ['scalingPolicy', 'autoScalingGroup', 'alarm', 'launchTemplate'];

  it('deletes the lab’s group with its policies and alarms, then its template; nothing of another group', () => {
    assert.deepEqual(ids(plan.items, scaling), [
      `scalingPolicy ${policyArn('WebServer-ASG', 'WebServer-ASG-cpu70')}`,
      `scalingPolicy ${policyArn('WebServer-ASG', 'WebServer-ASG-scale-in')}`,
      `scalingPolicy ${policyArn('WebServer-ASG', 'WebServer-ASG-scale-out')}`,
      'autoScalingGroup WebServer-ASG',
      'alarm WebServer-ASG-CPU-High',
      'alarm WebServer-ASG-CPU-Low',
      'launchTemplate lt-0lab',
    ]);
    for (const i of plan.items.filter((x) => scaling.includes(x.kind))) assert.ok(i.labCreated, i.id);
    assert.equal(plan.items.find((i) => i.kind === 'scalingPolicy')?.groupName, 'WebServer-ASG');
  });

  it('terminates the lab group’s instances with it, tagged or not; never another group’s', () => {
    const mine = plan.items.find((i) => i.id === 'i-0mine');
    assert.equal(mine?.labCreated, true);
    assert.equal(
      plan.items.find((i) => i.id === 'i-0theirs'),
      undefined,
    );
    assert.equal(
      plan.others.find((i) => i.id === 'i-0theirs'),
      undefined,
      'it goes only with its group, if picked',
    );
  });

  it('lists the other group, its console-made template and the alarm of no group to pick; not their parts', () => {
    assert.deepEqual(ids(plan.others, scaling), [
      'autoScalingGroup their-ASG',
      'alarm stray-cpu',
      'launchTemplate lt-0theirs',
    ]);
    const picked = planCleanup(withScaling(), { include: ['their-ASG'] });
    assert.deepEqual(
      ids(picked.items, ['scalingPolicy', 'alarm']).filter((x) => x.includes('their')),
      [`scalingPolicy ${policyArn('their-ASG', 'their-scale-out')}`, 'alarm their-high'],
      'a group picked by the student goes with its own policies and alarms',
    );
  });

  it('orders the group before the target group it is attached to, and the template before the AMI', () => {
    const stage = (kind: string) => CLEANUP_ORDER.indexOf(kind as (typeof CLEANUP_ORDER)[number]);
    assert.ok(stage('scalingPolicy') < stage('autoScalingGroup'));
    assert.ok(stage('autoScalingGroup') < stage('alarm'));
    assert.ok(stage('alarm') < stage('launchTemplate'));
    assert.ok(stage('autoScalingGroup') < stage('targetGroup'), 'DeleteTargetGroup is refused while a group uses it');
    assert.ok(stage('launchTemplate') < stage('image'));
    const stages = plan.items.map((i) => i.stage);
    assert.deepEqual(
      stages,
      [...stages].sort((a, b) => a - b),
    );
  });

  it('words the new kinds in English and Japanese', () => {
    const en = cleanupPlanLines(plan, bundleTranslator()).join('\n');
    assert.match(en, /Scaling policy WebServer-ASG-scale-out/);
    assert.match(en, /CloudWatch alarm WebServer-ASG-CPU-High/);
    const ja = cleanupPlanLines(plan, bundleTranslator(loadBundle('ja'))).join('\n');
    assert.match(ja, /スケーリングポリシー WebServer-ASG-scale-out/);
    assert.match(ja, /CloudWatch アラーム WebServer-ASG-CPU-High/);
  });
});
