// The Auto Scaling section over the practice account, with the real @aws-sdk clients: a launch template, a group
// behind track 1's target group, two CPU alarms driving simple policies — made as a student makes them in the
// console (API calls, other names than the handout's) — then read by fetchInventory and judged by 3.1-3.5.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateLaunchTemplateCommand,
  TerminateInstancesCommand,
  waitUntilImageAvailable,
} from '@aws-sdk/client-ec2';
import {
  CreateAutoScalingGroupCommand,
  DeletePolicyCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-auto-scaling';
import { PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { fetchInventory } from '../../../src/aws/inventory';
import { checkStep } from '../../../src/lab/checks/checks';
import type { CheckResult, StepId } from '../../../src/lab/types';
import type { Inventory } from '../../../src/aws/types';
import { startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../fixtures/practiceClients';
import {
  WAIT,
  addLabResources,
  buildAlb,
  groupNamed,
  instanceNamed,
  subnetIn,
  type Alb,
} from '../../fixtures/practiceLab';

const GROUP = 'asg-1';
let server: PracticeServer;
let aws: PracticeClients;
let clients: AwsClients;
let alb: Alb;

const judge = (id: StepId, inv: Inventory): CheckResult => checkStep(id, { inventory: inv, observations: new Map() });

/** The account read again until the step passes; on time-out, what the check last said. */
async function untilPassed(id: StepId, ms = 30_000): Promise<Inventory> {
  const deadline = Date.now() + ms;
  for (;;) {
    const inv = await fetchInventory(clients);
    const result = judge(id, inv);
    if (result.status === 'passed') return inv;
    if (Date.now() > deadline) throw new Error(`${id} did not pass in ${ms} ms: ${JSON.stringify(result)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The account read again until it is as wanted. */
async function until(what: string, accept: (inv: Inventory) => boolean, ms = 30_000): Promise<Inventory> {
  const deadline = Date.now() + ms;
  for (;;) {
    const inv = await fetchInventory(clients);
    if (accept(inv)) return inv;
    if (Date.now() > deadline)
      throw new Error(`${what} not seen in ${ms} ms: ${JSON.stringify(inv.scalingActivities)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant' });
  aws = practiceClients(server.endpoint);
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  clients = createClients(account);
  addLabResources(server.world);
  alb = await buildAlb(aws, server.world);
});

after(async () => {
  clients.destroy();
  aws.destroy();
  await server.close();
});

test('a console-made template, group, alarms and policies are read and pass 3.1-3.3; 3.4 waits for load, 3.5 for a termination', async () => {
  const web = instanceNamed(server.world, 'WebServer');
  const image = await aws.ec2.send(new CreateImageCommand({ InstanceId: web.id, Name: 'web-image' }));
  const imageId = image.ImageId ?? '';
  await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [imageId] });
  const webGroup = groupNamed(server.world, 'launch-wizard-1').id;
  await aws.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'my-template',
      LaunchTemplateData: {
        ImageId: imageId,
        InstanceType: 't2.micro',
        ...(web.keyName ? { KeyName: web.keyName } : {}),
        SecurityGroupIds: [webGroup],
      },
    }),
  );
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: GROUP,
      LaunchTemplate: { LaunchTemplateName: 'my-template', Version: '$Default' },
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      VPCZoneIdentifier: [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')].join(','),
      TargetGroupARNs: [alb.tgArn],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
    }),
  );
  const policy = async (name: string, adjustment: number) =>
    (
      await aws.autoscaling.send(
        new PutScalingPolicyCommand({
          AutoScalingGroupName: GROUP,
          PolicyName: name,
          PolicyType: 'SimpleScaling',
          AdjustmentType: 'ChangeInCapacity',
          ScalingAdjustment: adjustment,
          Cooldown: 300,
        }),
      )
    ).PolicyARN ?? '';
  const out = await policy('Simple scaling', 1);
  const back = await policy('Simple scaling 2', -1);
  const alarm = (
    name: string,
    comparison: 'GreaterThanThreshold' | 'LessThanThreshold',
    threshold: number,
    arn: string,
  ) =>
    aws.cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'AutoScalingGroupName', Value: GROUP }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: threshold,
        ComparisonOperator: comparison,
        AlarmActions: [arn],
      }),
    );
  await alarm('cpu-high', 'GreaterThanThreshold', 70, out);
  await alarm('cpu-low', 'LessThanThreshold', 30, back);

  // The group launches, registers and waits for health: 3.2 passes once both are InService and healthy.
  const inv = await untilPassed('3.2');
  assert.deepEqual(inv.problems, []);
  const template = inv.launchTemplates.find((t) => t.name === 'my-template');
  assert.deepEqual(
    [template?.imageId, template?.instanceType, template?.securityGroupIds, template?.defaultVersion],
    [imageId, 't2.micro', [webGroup], 1],
  );
  const g = inv.autoScalingGroups.find((x) => x.name === GROUP);
  assert.deepEqual([g?.healthCheckType, g?.healthCheckGracePeriod, g?.min, g?.max], ['ELB', 300, 2, 4]);
  assert.deepEqual(new Set(g?.instances.map((i) => i.az)).size, 2);
  const byName = [...inv.scalingPolicies].sort((x, y) => x.name.localeCompare(y.name));
  assert.deepEqual(
    byName.map((p) => [p.name, p.type, p.scalingAdjustment]),
    [
      ['Simple scaling', 'SimpleScaling', 1],
      ['Simple scaling 2', 'SimpleScaling', -1],
    ],
  );
  const high = inv.metricAlarms.find((a) => a.name === 'cpu-high');
  assert.deepEqual(high?.dimensions, [{ name: 'AutoScalingGroupName', value: GROUP }]);
  assert.deepEqual(high?.alarmActions, [out]);
  assert.ok(
    inv.scalingActivities.some((a) => a.groupName === GROUP && /^Launching a new EC2 instance: i-/.test(a.description)),
    JSON.stringify(inv.scalingActivities),
  );
  for (const id of ['3.1', '3.2', '3.3'] as const) assert.equal(judge(id, inv).status, 'passed', id);
  const exercise = judge('3.4', inv);
  assert.equal(exercise.status, 'failed');
  assert.ok(exercise.status === 'failed' && exercise.reason.code.startsWith('exercise.no'), JSON.stringify(exercise));
  const healing = judge('3.5', inv);
  assert.equal(healing.status === 'failed' && healing.reason.code, 'healing.none');

  // 3.5 by hand: terminate one of the group's instances (the console's "Terminate instance").
  const victim = g?.instances[0]?.id ?? '';
  await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [victim] }));
  const healed = await untilPassed('3.5');
  const r = judge('3.5', healed);
  assert.equal(r.status === 'passed' && r.facts?.replaced, victim);
});

test('a target-tracking policy on average CPU passes 3.3; AWS’s own two alarms are read with it and not reported', async () => {
  await aws.autoscaling.send(
    new PutScalingPolicyCommand({
      AutoScalingGroupName: GROUP,
      PolicyName: 'Target Tracking Policy',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
      },
    }),
  );
  const inv = await fetchInventory(clients);
  const tracking = inv.scalingPolicies.find((p) => p.type === 'TargetTrackingScaling');
  assert.deepEqual([tracking?.targetValue, tracking?.predefinedMetric], [70, 'ASGAverageCPUUtilization']);
  const own = inv.metricAlarms.filter((a) => a.name.startsWith(`TargetTracking-${GROUP}-Alarm`));
  assert.equal(own.length, 2, JSON.stringify(inv.metricAlarms.map((a) => a.name)));
  for (const a of own) assert.deepEqual(a.alarmActions, [tracking?.arn]);
  const r = judge('3.3', inv);
  assert.equal(r.status === 'passed' && r.facts?.kind, 'targetTracking', JSON.stringify(r));
});

test('3.4 reads the scale-out and the scale-in from the activities AWS words: alarms set to ALARM run their policies', async () => {
  // The CloudWatch console's (and API's) SetAlarmState: the alarm's actions run as if the CPU had crossed it.
  await aws.autoscaling.send(
    new DeletePolicyCommand({ AutoScalingGroupName: GROUP, PolicyName: 'Target Tracking Policy' }),
  );
  const set = (name: string) =>
    aws.cloudWatch.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'ALARM', StateReason: 'test' }));
  await set('cpu-high');
  await until('a scale-out', (inv) => inv.scalingActivities.some((a) => /capacity from 2 to 3/.test(a.cause)));
  await set('cpu-low');
  const back = await untilPassed('3.4');
  const r = judge('3.4', back);
  assert.deepEqual(r.status === 'passed' && [r.facts?.scaledOut, r.facts?.scaledIn], ['2 → 3', '3 → 2']);
});

test('a denied DescribeAlarms and a throttled DescribePolicies land in problems, both named; the other sections are read', async () => {
  // Faults are keyed by the signing name (CloudWatch signs as monitoring); the problem names the IAM action.
  server.injectFault({ action: 'monitoring:DescribeAlarms', kind: 'accessDenied', count: 1 });
  server.injectFault({ action: 'autoscaling:DescribePolicies', kind: 'throttle', count: 10 });
  const inv = await fetchInventory(clients);
  assert.deepEqual(
    inv.problems.map((p) => [p.section, p.action, p.error.kind]),
    [
      ['autoScaling', 'autoscaling:DescribePolicies', 'throttled'],
      ['autoScaling', 'cloudwatch:DescribeAlarms', 'accessDenied'],
    ],
  );
  assert.deepEqual([inv.autoScalingGroups, inv.metricAlarms, inv.scalingPolicies], [[], [], []]);
  assert.ok(inv.instances.length > 0 && inv.loadBalancers.length === 1);
  assert.equal(judge('3.3', inv).status, 'unknown');
});
