// Snapshots and AMIs. CreateSnapshot copies the files of the instance whose root the volume is, as
// they are now; CreateImage snapshots every volume of an instance and makes an AMI that turns
// available after its snapshots complete; RegisterImage makes an AMI of snapshots (the root one's files
// go with it); DeregisterImage keeps the snapshots unless asked; DeleteSnapshot refuses one an AMI uses.
import {
  CreateImage$,
  CreateSnapshot$,
  DeleteSnapshot$,
  DeregisterImage$,
  RegisterImage$,
  type CreateImageRequest,
  type CreateImageResult,
  type CreateSnapshotRequest,
  type DeleteSnapshotRequest,
  type DeregisterImageRequest,
  type DeregisterImageResult,
  type RegisterImageRequest,
  type RegisterImageResult,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { amazonImages } from './amazonImages';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES } from './common';
import { copyFiles } from '../machine/imageFiles';
import { EC2_DURATIONS, dueAt, snapshotDuration, snapshotProgress } from './transitions';
import { invalidValue, oneById, required, requireInstanceState, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { clearRuntimeFiles } from '../machine/httpd';
import {
  tagList,
  type ImageRecord,
  type RegionState,
  type SnapshotRecord,
  type Tags,
  type VolumeRecord,
} from '../core/records';

/** The files a snapshot of this volume carries: its instance's, when it is that instance's root volume. */
function filesOfVolume(records: RegionState, volume: VolumeRecord): SnapshotRecord['files'] {
  const attachment = volume.attachment;
  const instance = attachment && records.instances.find((i) => i.id === attachment.instanceId);
  return instance && instance.rootDeviceName === attachment.device ? copyFiles(instance.files) : undefined;
}

function takeSnapshot(
  context: RequestContext,
  records: RegionState,
  volume: VolumeRecord,
  description: string,
  tags: Tags,
): SnapshotRecord {
  const snapshot: SnapshotRecord = {
    id: context.world.newId('snap'),
    volumeId: volume.id,
    sizeGiB: volume.sizeGiB,
    state: 'pending',
    progress: 0,
    description,
    startTime: context.now.toISOString(),
    encrypted: volume.encrypted,
    tags: { ...tags },
    completeAt: dueAt(context.world.clock, snapshotDuration(volume.sizeGiB)),
    files: filesOfVolume(records, volume),
  };
  records.snapshots.push(snapshot);
  return snapshot;
}

export function snapshotView(snapshot: SnapshotRecord, now: Date): Snapshot {
  return {
    SnapshotId: snapshot.id,
    VolumeId: snapshot.volumeId,
    State: snapshot.state,
    StartTime: new Date(snapshot.startTime),
    Progress: `${snapshotProgress(snapshot, now)}%`,
    OwnerId: PRACTICE_ACCOUNT_ID,
    Description: snapshot.description,
    VolumeSize: snapshot.sizeGiB,
    Encrypted: snapshot.encrypted,
    Tags: tagList(snapshot.tags),
    StorageTier: 'standard',
  };
}

const createSnapshot = action<CreateSnapshotRequest, Snapshot>(CreateSnapshot$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const live = records.volumes.filter((v) => v.state !== 'deleted');
  const volume = oneById(live, input.VolumeId, (v) => v.id, ID_RULES.volume, 'VolumeId');
  if (volume.state !== 'in-use' && volume.state !== 'available') {
    throw new PracticeError('IncorrectState', `The volume '${volume.id}' is in the '${volume.state}' state.`);
  }
  const tags = specifiedTags(input.TagSpecifications, ['snapshot']).snapshot ?? {};
  const snapshot = takeSnapshot(context, records, volume, input.Description ?? '', tags);
  context.world.changed();
  return snapshotView(snapshot, context.now);
});

/** AMIs of the account that use a snapshot (deregistered ones do not count). */
function imagesUsing(records: RegionState, snapshotId: string): ImageRecord[] {
  return records.images.filter(
    (i) => i.state !== 'deregistered' && i.blockDevices.some((b) => b.snapshotId === snapshotId),
  );
}

const deleteSnapshot = action<DeleteSnapshotRequest, object>(DeleteSnapshot$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const snapshot = oneById(records.snapshots, input.SnapshotId, (s) => s.id, ID_RULES.snapshot, 'SnapshotId');
  const user = imagesUsing(records, snapshot.id)[0];
  if (user)
    throw new PracticeError('InvalidSnapshot.InUse', `The snapshot ${snapshot.id} is currently in use by ${user.id}`);
  records.snapshots.splice(records.snapshots.indexOf(snapshot), 1);
  context.world.changed();
  return {};
});

// ---- AMIs ------------------------------------------------------------------------------------------

const AMI_NAME = /^[a-zA-Z0-9()[\] ./\-'@_]{3,128}$/;

function checkImageName(records: RegionState, name: string): void {
  if (!AMI_NAME.test(name)) {
    throw new PracticeError(
      'InvalidAMIName.Malformed',
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '[', ']', ' ', '.', '/', '-', ''', '@' and '_' (got '${name}')`,
    );
  }
  const taken = records.images.find((i) => i.state !== 'deregistered' && i.name === name);
  if (taken)
    throw new PracticeError('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${taken.id}`);
}

const createImage = action<CreateImageRequest, CreateImageResult>(CreateImage$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const instance = oneById(records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
  const name = required(input.Name, 'Name');
  checkImageName(records, name);
  requireInstanceState(
    instance,
    ['running', 'stopped'],
    `The instance '${instance.id}' is not in a state from which it can be imaged (${instance.state}).`,
  );
  const tags = specifiedTags(input.TagSpecifications, ['image', 'snapshot']);
  const skipped = new Set(
    (input.BlockDeviceMappings ?? []).filter((m) => m.NoDevice !== undefined).map((m) => m.DeviceName),
  );
  const imageId = context.world.newId('ami');
  const devices: ImageRecord['blockDevices'] = [];
  let longestSnapshot = 0;
  for (const device of instance.blockDevices) {
    if (skipped.has(device.device) && device.device !== instance.rootDeviceName) continue;
    const volume = records.volumes.find((v) => v.id === device.volumeId);
    if (!volume) continue;
    const snapshot = takeSnapshot(
      context,
      records,
      volume,
      `Created by CreateImage(${instance.id}) for ${imageId}`,
      tags.snapshot ?? {},
    );
    longestSnapshot = Math.max(longestSnapshot, snapshotDuration(volume.sizeGiB));
    devices.push({
      device: device.device,
      snapshotId: snapshot.id,
      sizeGiB: volume.sizeGiB,
      volumeType: volume.type,
      deleteOnTermination: device.deleteOnTermination,
    });
  }
  const image: ImageRecord = {
    id: imageId,
    name,
    description: input.Description,
    state: 'pending',
    ownerId: PRACTICE_ACCOUNT_ID,
    public: false,
    creationDate: context.now.toISOString(),
    architecture: instance.architecture,
    platformDetails: instance.platformDetails,
    rootDeviceName: instance.rootDeviceName,
    blockDevices: devices,
    files: copyFiles(instance.files),
    tags: { ...tags.image },
    // Available once its snapshots complete, and a little longer.
    availableAt: dueAt(context.world.clock, longestSnapshot + EC2_DURATIONS.imageAfterSnapshots),
    enaSupport: true,
  };
  records.images.push(image);
  // Without NoReboot, AWS shuts the instance down for the snapshot and boots it again: /run empties.
  if (!input.NoReboot && instance.state === 'running') clearRuntimeFiles(instance.files);
  context.world.changed();
  return { ImageId: image.id };
});

const registerImage = action<RegisterImageRequest, RegisterImageResult>(RegisterImage$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const name = required(input.Name, 'Name');
  if (input.ImageLocation)
    throw new PracticeError(
      'UnsupportedOperation',
      'The practice account registers EBS-backed AMIs from snapshots only.',
    );
  const rootDeviceName = required(input.RootDeviceName, 'RootDeviceName');
  const mappings = input.BlockDeviceMappings ?? [];
  if (!mappings.some((m) => m.DeviceName === rootDeviceName && m.Ebs?.SnapshotId)) {
    throw new PracticeError(
      'InvalidBlockDeviceMapping',
      `The root device ${rootDeviceName} must have an EBS snapshot in the block device mapping.`,
    );
  }
  const architecture = input.Architecture ?? 'x86_64';
  if (architecture !== 'x86_64' && architecture !== 'arm64')
    throw invalidValue(`Value (${architecture}) for parameter architecture is invalid.`);
  const virtualization = input.VirtualizationType ?? 'paravirtual';
  if (virtualization !== 'hvm' && virtualization !== 'paravirtual')
    throw invalidValue(`Value (${virtualization}) for parameter virtualizationType is invalid.`);
  const tags = specifiedTags(input.TagSpecifications, ['image', 'snapshot']);
  checkImageName(records, name);
  const devices: ImageRecord['blockDevices'] = [];
  let rootSnapshot: SnapshotRecord | undefined;
  let snapshotsDone = context.now.getTime();
  for (const mapping of mappings) {
    if (!mapping.Ebs || mapping.NoDevice !== undefined) continue;
    const device = required(mapping.DeviceName, 'BlockDeviceMapping.DeviceName');
    const snapshot = mapping.Ebs.SnapshotId
      ? oneById(records.snapshots, mapping.Ebs.SnapshotId, (s) => s.id, ID_RULES.snapshot, 'SnapshotId')
      : undefined;
    const sizeGiB = mapping.Ebs.VolumeSize ?? snapshot?.sizeGiB;
    if (!sizeGiB)
      throw new PracticeError(
        'InvalidBlockDeviceMapping',
        `The request must contain the parameter size or snapshotId for ${device}`,
      );
    if (snapshot && sizeGiB < snapshot.sizeGiB) {
      throw new PracticeError(
        'InvalidBlockDeviceMapping',
        `Volume of size ${sizeGiB}GB is smaller than snapshot '${snapshot.id}', expect size >= ${snapshot.sizeGiB}GB`,
      );
    }
    if (snapshot?.state === 'pending')
      snapshotsDone = Math.max(snapshotsDone, Date.parse(snapshot.completeAt ?? snapshot.startTime));
    if (device === rootDeviceName) rootSnapshot = snapshot;
    devices.push({
      device,
      snapshotId: snapshot?.id ?? '',
      sizeGiB,
      volumeType: mapping.Ebs.VolumeType ?? 'gp2',
      deleteOnTermination: mapping.Ebs.DeleteOnTermination ?? true,
    });
  }
  const registered = Date.parse(dueAt(context.world.clock, EC2_DURATIONS.registerImage));
  const image: ImageRecord = {
    id: context.world.newId('ami'),
    name,
    description: input.Description,
    state: 'pending',
    ownerId: PRACTICE_ACCOUNT_ID,
    public: false,
    creationDate: context.now.toISOString(),
    architecture,
    platformDetails: 'Linux/UNIX',
    rootDeviceName,
    blockDevices: devices,
    files: rootSnapshot?.files ? copyFiles(rootSnapshot.files) : undefined,
    tags: { ...tags.image },
    // A pending snapshot holds the AMI pending until it completes.
    availableAt: new Date(Math.max(registered, snapshotsDone)).toISOString(),
    enaSupport: input.EnaSupport ?? false,
    virtualizationType: virtualization,
  };
  records.images.push(image);
  context.world.changed();
  return { ImageId: image.id };
});

const deregisterImage = action<DeregisterImageRequest, DeregisterImageResult>(DeregisterImage$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const imageId = required(input.ImageId, 'ImageId');
  if (amazonImages(context.region).some((i) => i.id === imageId))
    throw new PracticeError('AuthFailure', `Not authorized for image:${imageId}`);
  const image = oneById(
    records.images.filter((i) => i.state !== 'deregistered'),
    imageId,
    (i) => i.id,
    {
      ...ID_RULES.image,
      notFound: () => new PracticeError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`),
    },
    'ImageId',
  );
  image.state = 'deregistered';
  delete image.availableAt;
  const results: DeregisterImageResult['DeleteSnapshotResults'] = [];
  if (input.DeleteAssociatedSnapshots) {
    for (const device of image.blockDevices) {
      const snapshot = records.snapshots.find((s) => s.id === device.snapshotId);
      if (!snapshot) continue;
      if (imagesUsing(records, snapshot.id).length) {
        results.push({ SnapshotId: snapshot.id, ReturnCode: 'skipped' });
        continue;
      }
      records.snapshots.splice(records.snapshots.indexOf(snapshot), 1);
      results.push({ SnapshotId: snapshot.id, ReturnCode: 'success' });
    }
  }
  context.world.changed();
  return { Return: true, DeleteSnapshotResults: input.DeleteAssociatedSnapshots ? results : undefined };
});

export const ec2ImageActions: Record<string, ActionDefinition> = {
  CreateSnapshot: createSnapshot,
  DeleteSnapshot: deleteSnapshot,
  CreateImage: createImage,
  RegisterImage: registerImage,
  DeregisterImage: deregisterImage,
};
