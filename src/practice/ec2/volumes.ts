// EBS volumes: DescribeVolumes, CreateVolume (creating -> available ~10 s), AttachVolume, DetachVolume
// and DeleteVolume, with AWS's checks (same AZ, one attachment, device names, volumes in use).
import {
  AttachVolume$,
  CreateVolume$,
  DeleteVolume$,
  DescribeVolumes$,
  DetachVolume$,
  type AttachVolumeRequest,
  type CreateVolumeRequest,
  type DeleteVolumeRequest,
  type DescribeVolumesRequest,
  type DescribeVolumesResult,
  type DetachVolumeRequest,
  type Volume,
  type VolumeAttachment,
  type VolumeType,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { EC2_DURATIONS, dueAt } from './transitions';
import { invalidValue, oneById, required, requireInstanceState, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { availabilityZones } from '../core/geography';
import { tagList, type VolumeRecord } from '../core/records';

const volumeFields: FilterFields<VolumeRecord> = {
  'volume-id': (v) => v.id,
  'attachment.instance-id': (v) => v.attachment?.instanceId,
  'attachment.device': (v) => v.attachment?.device,
  'attachment.status': (v) => (v.attachment ? 'attached' : undefined),
  'attachment.attach-time': (v) => v.attachment?.attachTime,
  'attachment.delete-on-termination': (v) => v.attachment?.deleteOnTermination,
  'availability-zone': (v) => v.az,
  'create-time': (v) => v.createTime,
  encrypted: (v) => v.encrypted,
  'multi-attach-enabled': () => false,
  size: (v) => v.sizeGiB,
  'snapshot-id': (v) => v.snapshotId ?? '',
  status: (v) => v.state,
  'volume-type': (v) => v.type,
};

const describeVolumes = action<DescribeVolumesRequest, DescribeVolumesResult>(
  DescribeVolumes$,
  (input, { records }) => {
    const pager = ec2Pager(input, { parameter: 'volumeIds', values: input.VolumeIds }, 'volumes', 5, 500, true);
    const live = records.volumes.filter((v) => v.state !== 'deleted');
    const selected = selectByIds(live, input.VolumeIds, (v) => v.id, ID_RULES.volume);
    const filtered = applyFilters(selected, input.Filters, volumeFields, (v) => v.tags);
    const page = pager(filtered);
    return {
      Volumes: page.items.map((v) => ({
        Attachments: v.attachment
          ? [
              {
                AttachTime: new Date(v.attachment.attachTime),
                Device: v.attachment.device,
                InstanceId: v.attachment.instanceId,
                State: 'attached',
                VolumeId: v.id,
                DeleteOnTermination: v.attachment.deleteOnTermination,
              },
            ]
          : [],
        AvailabilityZone: v.az,
        CreateTime: new Date(v.createTime),
        Encrypted: v.encrypted,
        Size: v.sizeGiB,
        SnapshotId: v.snapshotId ?? '',
        State: v.state,
        VolumeId: v.id,
        Iops: v.iops,
        Throughput: v.throughput,
        Tags: tagList(v.tags),
        VolumeType: v.type as VolumeType,
        MultiAttachEnabled: false,
      })),
      NextToken: page.next,
    };
  },
);

const SIZE_LIMITS: Record<string, [number, number]> = {
  gp2: [1, 16_384],
  gp3: [1, 16_384],
  io1: [4, 16_384],
  io2: [4, 16_384],
  st1: [125, 16_384],
  sc1: [125, 16_384],
  standard: [1, 1024],
};

const createVolume = action<CreateVolumeRequest, Volume>(CreateVolume$, (input, context) => {
  const az = required(input.AvailabilityZone, 'AvailabilityZone');
  if (!availabilityZones(context.region).some((z) => z.name === az))
    throw invalidValue(`Invalid availability zone: [${az}]`);
  const records = context.world.writableRegion(context.region);
  const snapshot = input.SnapshotId
    ? oneById(records.snapshots, input.SnapshotId, (s) => s.id, ID_RULES.snapshot, 'SnapshotId')
    : undefined;
  const sizeGiB = input.Size ?? snapshot?.sizeGiB;
  if (!sizeGiB)
    throw new PracticeError('MissingParameter', 'The request must contain the parameter size or snapshotId');
  const type = input.VolumeType ?? 'gp2';
  const limits = SIZE_LIMITS[type];
  if (!limits) throw invalidValue(`Value (${type}) for parameter volumeType is invalid.`);
  if (sizeGiB < limits[0] || sizeGiB > limits[1])
    throw invalidValue(`Volume of ${sizeGiB}GiB is out of range for ${type} (${limits[0]}-${limits[1]} GiB).`);
  if (snapshot && sizeGiB < snapshot.sizeGiB)
    throw invalidValue(
      `Volume of size ${sizeGiB}GB is smaller than snapshot '${snapshot.id}', expect size >= ${snapshot.sizeGiB}GB`,
    );
  if ((type === 'io1' || type === 'io2') && !input.Iops)
    throw new PracticeError('MissingParameter', 'The request must contain the parameter iops');
  const tags = specifiedTags(input.TagSpecifications, ['volume']).volume ?? {};
  const volume: VolumeRecord = {
    id: context.world.newId('vol'),
    sizeGiB,
    type,
    iops:
      type === 'gp2'
        ? Math.min(16_000, Math.max(100, 3 * sizeGiB))
        : type === 'gp3'
          ? (input.Iops ?? 3000)
          : input.Iops,
    throughput: type === 'gp3' ? (input.Throughput ?? 125) : undefined,
    state: 'creating',
    az,
    snapshotId: snapshot?.id,
    encrypted: input.Encrypted ?? false,
    createTime: context.now.toISOString(),
    availableAt: dueAt(context.world.clock, EC2_DURATIONS.volumeCreating),
    tags,
  };
  records.volumes.push(volume);
  context.world.changed();
  return {
    VolumeId: volume.id,
    Size: volume.sizeGiB,
    SnapshotId: volume.snapshotId ?? '',
    AvailabilityZone: volume.az,
    State: volume.state,
    CreateTime: new Date(volume.createTime),
    Attachments: [],
    Encrypted: volume.encrypted,
    VolumeType: volume.type as VolumeType,
    Iops: volume.iops,
    Throughput: volume.throughput,
    MultiAttachEnabled: false,
    Tags: tagList(volume.tags),
    OwnerId: PRACTICE_ACCOUNT_ID,
  };
});

const DEVICE_NAME = /^\/dev\/(sd[b-z]|xvd[b-z]|sd[b-z][1-9]|xvd[a-z][a-z])$/;

function attachmentView(
  volume: VolumeRecord,
  state: VolumeAttachment['State'],
  attachment = volume.attachment,
): VolumeAttachment {
  return {
    VolumeId: volume.id,
    InstanceId: attachment?.instanceId,
    Device: attachment?.device,
    State: state,
    AttachTime: attachment ? new Date(attachment.attachTime) : undefined,
    DeleteOnTermination: attachment?.deleteOnTermination,
  };
}

const attachVolume = action<AttachVolumeRequest, VolumeAttachment>(AttachVolume$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const device = required(input.Device, 'Device');
  const volume = oneById(
    records.volumes.filter((v) => v.state !== 'deleted'),
    input.VolumeId,
    (v) => v.id,
    ID_RULES.volume,
    'VolumeId',
  );
  const instance = oneById(records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
  requireInstanceState(instance, ['running', 'stopped'], `Instance '${instance.id}' is not 'running' or 'stopped'.`);
  if (volume.attachment || volume.state !== 'available')
    throw new PracticeError('VolumeInUse', `${volume.id} is already attached to an instance`);
  if (volume.az !== instance.az) {
    throw new PracticeError(
      'InvalidVolume.ZoneMismatch',
      `The volume '${volume.id}' is not in the same availability zone as instance '${instance.id}'`,
    );
  }
  if (!DEVICE_NAME.test(device))
    throw invalidValue(`Value (${device}) for parameter device is invalid. ${device} is not a valid EBS device name.`);
  if (instance.blockDevices.some((b) => b.device === device))
    throw invalidValue(`Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`);
  const attachTime = context.now.toISOString();
  volume.attachment = { instanceId: instance.id, device, attachTime, deleteOnTermination: false };
  volume.state = 'in-use';
  instance.blockDevices.push({ device, volumeId: volume.id, attachTime, deleteOnTermination: false });
  context.world.changed();
  return attachmentView(volume, 'attaching');
});

const detachVolume = action<DetachVolumeRequest, VolumeAttachment>(DetachVolume$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const volume = oneById(
    records.volumes.filter((v) => v.state !== 'deleted'),
    input.VolumeId,
    (v) => v.id,
    ID_RULES.volume,
    'VolumeId',
  );
  const attachment = volume.attachment;
  if (!attachment || (input.InstanceId && input.InstanceId !== attachment.instanceId)) {
    throw new PracticeError('IncorrectState', `Volume '${volume.id}' is in the 'available' state.`);
  }
  const instance = records.instances.find((i) => i.id === attachment.instanceId);
  if (instance && instance.rootDeviceName === attachment.device && instance.state !== 'stopped') {
    throw new PracticeError(
      'OperationNotPermitted',
      `The volume '${volume.id}' is the root device of instance '${instance.id}' and cannot be detached while the instance is ${instance.state}.`,
    );
  }
  if (instance) instance.blockDevices = instance.blockDevices.filter((b) => b.volumeId !== volume.id);
  delete volume.attachment;
  volume.state = 'available';
  context.world.changed();
  return attachmentView(volume, 'detaching', attachment);
});

const deleteVolume = action<DeleteVolumeRequest, object>(DeleteVolume$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const volume = oneById(
    records.volumes.filter((v) => v.state !== 'deleted'),
    input.VolumeId,
    (v) => v.id,
    ID_RULES.volume,
    'VolumeId',
  );
  if (volume.attachment)
    throw new PracticeError(
      'VolumeInUse',
      `Volume ${volume.id} is currently attached to ${volume.attachment.instanceId}`,
    );
  if (volume.state !== 'available')
    throw new PracticeError('IncorrectState', `The volume '${volume.id}' is '${volume.state}'.`);
  volume.state = 'deleted';
  context.world.changed();
  return {};
});

export const ec2VolumeActions: Record<string, ActionDefinition> = {
  DescribeVolumes: describeVolumes,
  CreateVolume: createVolume,
  AttachVolume: attachVolume,
  DetachVolume: detachVolume,
  DeleteVolume: deleteVolume,
};
