// EC2 transitions over time at fast clock speeds, through the real EC2Client: pending -> running with
// status checks initializing -> ok, a snapshot's progress, the AMI pipeline of step 1.1-1.3 with the
// SDK's waiters at speed 600, and a state file reloaded later that has moved on by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateImageCommand,
  CreateSnapshotCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeSnapshotsCommand,
  RegisterImageCommand,
  ReleaseAddressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
  waitUntilSnapshotCompleted,
  type Instance,
} from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { httpdRunning } from '../../../../src/practice/machine/httpd';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { CPS_RESEARCH_CENTER_PAGE } from '../../../../src/practice/seed/webServerPage';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';

const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 60 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withServer(
  options: Parameters<typeof startPracticeServer>[0],
  body: (server: PracticeServer, aws: PracticeClients) => Promise<void>,
): Promise<void> {
  const server = await startPracticeServer({ port: 0, ...options });
  const aws = practiceClients(server.endpoint);
  try {
    await body(server, aws);
  } finally {
    aws.destroy();
    await server.close();
  }
}

async function webServer(aws: PracticeClients): Promise<Instance> {
  const out = await aws.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
  );
  const instance = out.Reservations?.[0]?.Instances?.[0];
  assert.ok(instance);
  return instance;
}

async function stateOf(aws: PracticeClients, id: string): Promise<string | undefined> {
  const out = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

/** Polls until `read` has returned `last`, recording each distinct value seen in order. */
async function observe<T>(read: () => Promise<T>, last: T, everyMs = 20, limitMs = 20_000): Promise<T[]> {
  const seen: T[] = [];
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (seen[seen.length - 1] !== value) seen.push(value);
    if (value === last) return seen;
    if (Date.now() > deadline) throw new Error(`still ${String(value)} after ${limitMs} ms: ${seen.join(' -> ')}`);
    await sleep(everyMs);
  }
}

test('speed 60: pending -> running (~0.5 s), status checks initializing -> ok (~2 s), stopping -> stopped, and what a pending instance refuses', async () => {
  await withServer({ speed: 60 }, async (_server, aws) => {
    const web = await webServer(aws);
    const launched = await aws.ec2.send(
      new RunInstancesCommand({ ImageId: web.ImageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }),
    );
    const id = launched.Instances?.[0]?.InstanceId ?? '';
    const launchedAt = Date.now();
    const stop = await rejection(aws.ec2.send(new StopInstancesCommand({ InstanceIds: [id] })));
    assert.equal(stop.name, 'IncorrectInstanceState');
    assert.equal(stop.$metadata?.httpStatusCode, 400);
    const eip = await aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const associate = await rejection(
      aws.ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: id })),
    );
    assert.deepEqual([associate.name, associate.$metadata?.httpStatusCode], ['IncorrectInstanceState', 400]);
    await aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }));

    assert.deepEqual(await observe(() => stateOf(aws, id), 'running'), ['pending', 'running']);
    const runningAfter = Date.now() - launchedAt;
    assert.ok(runningAfter >= 400 && runningAfter < 2000, `running after ${runningAfter} ms (30 s / 60 = 500 ms)`);
    const status = () =>
      aws.ec2
        .send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }))
        .then((out) => out.InstanceStatuses?.[0]?.InstanceStatus?.Status);
    assert.deepEqual(await observe(status, 'ok'), ['initializing', 'ok']);
    const okAfter = Date.now() - launchedAt;
    assert.ok(okAfter >= 1800 && okAfter < 4000, `status ok after ${okAfter} ms (120 s / 60 = 2 s)`);

    await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(await observe(() => stateOf(aws, id), 'stopped'), ['stopping', 'stopped']);
    await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(await observe(() => stateOf(aws, id), 'running'), ['pending', 'running']);
  });
});

test('speed 60: a snapshot is pending with growing progress, then completed at 100%; an AMI of it waits for it', async () => {
  await withServer({ speed: 60 }, async (_server, aws) => {
    const web = await webServer(aws);
    const snapshot = await aws.ec2.send(
      new CreateSnapshotCommand({ VolumeId: web.BlockDeviceMappings?.[0]?.Ebs?.VolumeId }),
    );
    const started = Date.now();
    const image = await aws.ec2.send(
      new RegisterImageCommand({
        Name: 'early',
        RootDeviceName: '/dev/xvda',
        VirtualizationType: 'hvm',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
      }),
    );
    const early = await rejection(
      aws.ec2.send(
        new RunInstancesCommand({ ImageId: image.ImageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }),
      ),
    );
    assert.deepEqual([early.name, early.$metadata?.httpStatusCode], ['InvalidAMIID.Unavailable', 400]);
    const progress = () =>
      aws.ec2
        .send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId ?? ''] }))
        .then((out) => `${out.Snapshots?.[0]?.State} ${out.Snapshots?.[0]?.Progress}`);
    const seen = await observe(progress, 'completed 100%', 100);
    const took = Date.now() - started;
    assert.ok(seen.length >= 3, `progress moved: ${seen.join(', ')}`);
    assert.ok(
      seen.slice(0, -1).every((s) => /^pending \d{1,2}%$/.test(s)),
      seen.join(', '),
    );
    const percents = seen.slice(0, -1).map((s) => Number(/(\d+)%/.exec(s)?.[1]));
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'progress only grows',
    );
    assert.ok(took >= 2000 && took < 5000, `8 GiB took ${took} ms (140 s / 60)`);
    const imageState = (await aws.ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId ?? ''] }))).Images?.[0]
      ?.State;
    assert.equal(imageState, 'available', 'the AMI became available when its snapshot completed');
  });
});

test('speed 600: steps 1.1-1.3 with the SDK waiters — snapshot, AMI, a clone in 1d with the same group and key and page; CreateImage too', async () => {
  await withServer({ speed: 600 }, async (server, aws) => {
    const web = await webServer(aws);
    const snapshot = await aws.ec2.send(
      new CreateSnapshotCommand({
        VolumeId: web.BlockDeviceMappings?.find((b) => b.DeviceName === web.RootDeviceName)?.Ebs?.VolumeId,
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'State', Value: 'before scale-out' }] }],
      }),
    );
    assert.equal(snapshot.State, 'pending');
    await waitUntilSnapshotCompleted({ client: aws.ec2, ...WAIT }, { SnapshotIds: [snapshot.SnapshotId ?? ''] });

    const image = await aws.ec2.send(
      new RegisterImageCommand({
        Name: 'AMI of CPS Research Center',
        RootDeviceName: '/dev/xvda',
        VirtualizationType: 'hvm',
        Architecture: 'x86_64',
        EnaSupport: true,
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId, DeleteOnTermination: true } },
        ],
      }),
    );
    const pending = (await aws.ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId ?? ''] }))).Images?.[0]
      ?.State;
    assert.equal(pending, 'pending');
    await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [image.ImageId ?? ''] });

    const subnet1d = server.world.region(PRACTICE_REGION).subnets.find((s) => s.az === `${PRACTICE_REGION}d`)?.id;
    const clone = await aws.ec2.send(
      new RunInstancesCommand({
        ImageId: image.ImageId,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet1d,
        KeyName: web.KeyName,
        SecurityGroupIds: web.SecurityGroups?.map((g) => g.GroupId ?? ''),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'WebServer2' }] }],
      }),
    );
    const id = clone.Instances?.[0]?.InstanceId ?? '';
    assert.equal(clone.Instances?.[0]?.State?.Name, 'pending');
    await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
    await waitUntilInstanceStatusOk({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
    const copy = server.world.region(PRACTICE_REGION).instances.find((i) => i.id === id);
    assert.equal(copy?.files['/var/www/html/index.html']?.content, CPS_RESEARCH_CENTER_PAGE);
    assert.ok(copy && httpdRunning(copy));
    assert.equal(copy?.az, `${PRACTICE_REGION}d`);
    assert.equal(copy?.keyName, 'ec2-key');

    // The other road to an AMI: CreateImage from the instance, pending until its snapshot completes.
    const created = await aws.ec2.send(
      new CreateImageCommand({ InstanceId: web.InstanceId, Name: 'WebServer-ami', NoReboot: true }),
    );
    const states = await observe(
      () =>
        aws.ec2
          .send(new DescribeImagesCommand({ ImageIds: [created.ImageId ?? ''] }))
          .then((out) => out.Images?.[0]?.State),
      'available',
      25,
    );
    assert.deepEqual(states, ['pending', 'available']);

    await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await waitUntilInstanceStopped({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
  });
});

test('a state file reloaded later has moved on: an instance saved pending comes back running, its snapshot completed', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'practice-ec2-'));
  const stateFile = path.join(dir, 'state.json');
  try {
    let instanceId = '';
    let snapshotId = '';
    await withServer({ speed: 60, stateFile }, async (_server, aws) => {
      const web = await webServer(aws);
      const launched = await aws.ec2.send(
        new RunInstancesCommand({ ImageId: web.ImageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }),
      );
      instanceId = launched.Instances?.[0]?.InstanceId ?? '';
      snapshotId =
        (await aws.ec2.send(new CreateSnapshotCommand({ VolumeId: web.BlockDeviceMappings?.[0]?.Ebs?.VolumeId })))
          .SnapshotId ?? '';
      assert.equal(await stateOf(aws, instanceId), 'pending');
    });
    await sleep(2500);
    await withServer({ speed: 60, stateFile }, async (_server, aws) => {
      assert.equal(await stateOf(aws, instanceId), 'running');
      const snapshot = (await aws.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }))).Snapshots?.[0];
      assert.deepEqual([snapshot?.State, snapshot?.Progress], ['completed', '100%']);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
