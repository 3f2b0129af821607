// Auto Scaling's time at speed 600 through the real SDK clients: a new instance is Pending until EC2 runs it
// (30 s of AWS time), then InService; a scaled-in instance waits out its target group's deregistration delay
// (300 s: half a second here) as WaitingForELBConnectionDraining, draining in the target group, before EC2
// terminates it and it leaves the group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAutoScalingGroupCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { eventually } from '../../../fixtures/practiceLab';
import { activities, asgPractice, describeGroup, inService, targetStates } from './asgPractice';

const SPEED = 600;
const practice = asgPractice(SPEED);
const GROUP = 'WebServer-ASG';

test('Pending until running, then InService and registered', async () => {
  const { aws, alb, subnets } = practice;
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: GROUP,
      LaunchTemplate: { LaunchTemplateName: 'WebServer-template' },
      MinSize: 1,
      MaxSize: 2,
      DesiredCapacity: 2,
      VPCZoneIdentifier: subnets.join(','),
      TargetGroupARNs: [alb.tgArn],
    }),
  );
  const pending = await eventually(
    () => describeGroup(aws, GROUP),
    (g) => (g?.Instances ?? []).length === 2,
  );
  assert.deepEqual(
    pending?.Instances?.map((i) => i.LifecycleState),
    ['Pending', 'Pending'],
  );
  const members = await inService(aws, GROUP, 2);
  const registered = await targetStates(aws, alb.tgArn);
  for (const m of members) assert.ok(registered.has(m.InstanceId ?? ''));
});

test('scale in: the instance drains for the deregistration delay before it is terminated', async () => {
  const { aws, alb } = practice;
  const started = Date.now();
  await aws.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: GROUP, DesiredCapacity: 1 }));
  const leaving = await eventually(
    () => describeGroup(aws, GROUP),
    (g) => (g?.Instances ?? []).some((i) => i.LifecycleState === 'Terminating'),
  );
  const id = leaving?.Instances?.find((i) => i.LifecycleState === 'Terminating')?.InstanceId ?? '';
  const waiting = (await activities(aws, GROUP)).find((a) => a.Description === `Terminating EC2 instance: ${id}`);
  assert.equal(waiting?.StatusCode, 'WaitingForELBConnectionDraining');
  assert.equal((await targetStates(aws, alb.tgArn)).get(id), 'draining');
  await inService(aws, GROUP, 1);
  const took = Date.now() - started;
  const delay = (300 * 1000) / SPEED;
  assert.ok(took >= delay * 0.9, `took ${took} ms, the deregistration delay is ${delay} ms`);
  const done = (await activities(aws, GROUP)).find((a) => a.Description === `Terminating EC2 instance: ${id}`);
  assert.equal(done?.StatusCode, 'Successful');
});
