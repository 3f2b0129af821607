// EBS volumes through the real EC2Client: create (creating -> available), attach in the same AZ,
// detach, delete; AWS's errors for each misuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachVolumeCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DeleteVolumeCommand,
  DetachVolumeCommand,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
  type CreateVolumeCommandInput,
} from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { WAIT, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { describe, webServer } = practice;

test('volumes: create (creating -> available), attach in the same AZ, detach, delete; AWS errors for each misuse', async () => {
  const web = await webServer();
  const az = web.Placement?.AvailabilityZone;
  const volume = await practice.aws.ec2.send(
    new CreateVolumeCommand({
      AvailabilityZone: az,
      Size: 4,
      VolumeType: 'gp3',
      TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'data' }] }],
    }),
  );
  assert.deepEqual([volume.State, volume.Size, volume.Iops, volume.Throughput], ['creating', 4, 3000, 125]);
  await waitUntilVolumeAvailable({ client: practice.aws.ec2, ...WAIT }, { VolumeIds: [volume.VolumeId ?? ''] });
  const elsewhere = await practice.aws.ec2.send(
    new CreateVolumeCommand({ AvailabilityZone: `${PRACTICE_REGION}c`, Size: 1 }),
  );
  await waitUntilVolumeAvailable({ client: practice.aws.ec2, ...WAIT }, { VolumeIds: [elsewhere.VolumeId ?? ''] });

  await fails(
    practice.aws.ec2.send(
      new AttachVolumeCommand({ VolumeId: elsewhere.VolumeId, InstanceId: web.InstanceId, Device: '/dev/sdf' }),
    ),
    'InvalidVolume.ZoneMismatch',
  );
  await fails(
    practice.aws.ec2.send(
      new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web.InstanceId, Device: '/dev/xvda' }),
    ),
    'InvalidParameterValue',
  );
  const attached = await practice.aws.ec2.send(
    new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web.InstanceId, Device: '/dev/sdf' }),
  );
  assert.equal(attached.State, 'attaching');
  await waitUntilVolumeInUse({ client: practice.aws.ec2, ...WAIT }, { VolumeIds: [volume.VolumeId ?? ''] });
  assert.ok(
    (await describe(web.InstanceId)).BlockDeviceMappings?.some(
      (b) => b.DeviceName === '/dev/sdf' && b.Ebs?.VolumeId === volume.VolumeId,
    ),
  );
  await fails(
    practice.aws.ec2.send(
      new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web.InstanceId, Device: '/dev/sdg' }),
    ),
    'VolumeInUse',
  );
  await fails(practice.aws.ec2.send(new DeleteVolumeCommand({ VolumeId: volume.VolumeId })), 'VolumeInUse');
  await fails(
    practice.aws.ec2.send(new DetachVolumeCommand({ VolumeId: web.BlockDeviceMappings?.[0]?.Ebs?.VolumeId })),
    'OperationNotPermitted',
  );

  await practice.aws.ec2.send(new DetachVolumeCommand({ VolumeId: volume.VolumeId }));
  await fails(practice.aws.ec2.send(new DetachVolumeCommand({ VolumeId: volume.VolumeId })), 'IncorrectState');
  for (const id of [volume.VolumeId, elsewhere.VolumeId])
    await practice.aws.ec2.send(new DeleteVolumeCommand({ VolumeId: id }));
  await fails(practice.aws.ec2.send(new DeleteVolumeCommand({ VolumeId: volume.VolumeId })), 'InvalidVolume.NotFound');
  await fails(
    practice.aws.ec2.send(new CreateVolumeCommand({ AvailabilityZone: az } as CreateVolumeCommandInput)),
    'MissingParameter',
  );
  await fails(
    practice.aws.ec2.send(new CreateSnapshotCommand({ VolumeId: 'vol-0123456789abcdef0' })),
    'InvalidVolume.NotFound',
  );
});
