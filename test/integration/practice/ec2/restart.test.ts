// Stop, then start, through the SDK and its waiters: AWS gives the instance a new LaunchTime on every
// start, while its root volume keeps the attach time it got at the first launch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import { WAIT, instanceNamed } from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', world: createStartingWorld() });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

async function describe(id: string) {
  const out = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  assert.ok(instance);
  return instance;
}

async function rootAttachTime(volumeId: string): Promise<Date | undefined> {
  const out = await aws.ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }));
  return out.Volumes?.[0]?.Attachments?.[0]?.AttachTime;
}

test('StartInstances gives a new LaunchTime; the root volume keeps its attach time', async () => {
  const id = instanceNamed(server.world, 'WebServer').id;
  const first = await describe(id);
  const launched = first.LaunchTime;
  const volumeId = first.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '';
  const attached = first.BlockDeviceMappings?.[0]?.Ebs?.AttachTime;
  assert.ok(launched && attached && volumeId);
  assert.deepEqual(await rootAttachTime(volumeId), attached);

  await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceStopped({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
  assert.deepEqual((await describe(id)).LaunchTime, launched, 'stopping does not move LaunchTime');
  const startedAfter = Date.now();
  await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });

  const restarted = await describe(id);
  assert.ok(restarted.LaunchTime, 'LaunchTime is set');
  assert.ok(restarted.LaunchTime.getTime() > launched.getTime(), 'LaunchTime moved forward');
  // LaunchTime is given to the second: it is the start's second, not an hour-old launch.
  assert.ok(restarted.LaunchTime.getTime() >= Math.floor(startedAfter / 1000) * 1000, 'LaunchTime is the start');
  assert.deepEqual(restarted.BlockDeviceMappings?.[0]?.Ebs?.AttachTime, attached, 'the mapping keeps its attach time');
  assert.deepEqual(await rootAttachTime(volumeId), attached, 'the volume keeps its attach time');
});
