// AMIs: DescribeImages (the account's own and Amazon's public catalog), CreateImage (snapshots every
// volume of an instance and makes an AMI that turns available after its snapshots complete),
// RegisterImage (an AMI of snapshots; the root one's files go with it) and DeregisterImage (keeps the
// snapshots unless asked).
import {
  CreateImage$,
  DeregisterImage$,
  DescribeImages$,
  RegisterImage$,
  type CreateImageRequest,
  type CreateImageResult,
  type DeregisterImageRequest,
  type DeregisterImageResult,
  type DescribeImagesRequest,
  type DescribeImagesResult,
  type RegisterImageRequest,
  type RegisterImageResult,
  type VolumeType,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { amazonImages } from './amazonImages';
import { AMAZON_IMAGE_OWNER_ID, PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, type FilterFields } from './filters';
import { copyFiles } from '../machine/imageFiles';
import { imagesUsing, takeSnapshot } from './snapshots';
import { EC2_DURATIONS, dueAt, snapshotDuration } from './transitions';
import { invalidValue, oneById, required, requireInstanceState, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { clearRuntimeFiles } from '../machine/httpd';
import { tagList, type ImageRecord, type RegionState, type SnapshotRecord } from '../core/records';

const imageFields: FilterFields<ImageRecord> = {
  'image-id': (i) => i.id,
  name: (i) => i.name,
  state: (i) => i.state,
  'owner-id': (i) => i.ownerId,
  'owner-alias': (i) => i.ownerAlias,
  architecture: (i) => i.architecture,
  description: (i) => i.description,
  'image-type': () => 'machine',
  'is-public': (i) => i.public,
  'platform-details': (i) => i.platformDetails,
  'root-device-name': (i) => i.rootDeviceName,
  'root-device-type': () => 'ebs',
  'virtualization-type': (i) => i.virtualizationType ?? 'hvm',
  hypervisor: () => 'xen',
  'creation-date': (i) => i.creationDate,
  'block-device-mapping.snapshot-id': (i) => i.blockDevices.map((b) => b.snapshotId),
  'block-device-mapping.volume-size': (i) => i.blockDevices.map((b) => b.sizeGiB),
  'block-device-mapping.volume-type': (i) => i.blockDevices.map((b) => b.volumeType),
  'block-device-mapping.device-name': (i) => i.blockDevices.map((b) => b.device),
};

function ownerMatches(image: ImageRecord, owners: readonly string[] | undefined): boolean {
  if (!owners?.length) return true;
  return owners.some((o) =>
    o === 'self'
      ? image.ownerId === PRACTICE_ACCOUNT_ID
      : o === image.ownerId || (o === 'amazon' && image.ownerId === AMAZON_IMAGE_OWNER_ID),
  );
}

const describeImages = action<DescribeImagesRequest, DescribeImagesResult>(DescribeImages$, (input, context) => {
  const pager = ec2Pager(input, { parameter: 'imageIds', values: input.ImageIds }, 'images', 5, 1000);
  const all = [...context.records.images.filter((i) => i.state !== 'deregistered'), ...amazonImages(context.region)];
  if (input.ImageIds?.length) {
    const missing = input.ImageIds.filter((id) => !all.some((i) => i.id === id));
    const malformed = missing.find((id) => !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id));
    if (malformed)
      throw new PracticeError('InvalidAMIID.Malformed', `Invalid id: "${malformed}" (expecting "ami-...")`);
    if (missing.length)
      throw new PracticeError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
  }
  const selected = all.filter(
    (i) => (!input.ImageIds?.length || input.ImageIds.includes(i.id)) && ownerMatches(i, input.Owners),
  );
  const filtered = applyFilters(selected, input.Filters, imageFields, (i) => i.tags);
  const page = pager(filtered);
  return {
    Images: page.items.map((i) => ({
      Architecture: i.architecture,
      CreationDate: i.creationDate,
      ImageId: i.id,
      ImageLocation: `${i.ownerAlias ?? i.ownerId}/${i.name}`,
      ImageType: 'machine',
      Public: i.public,
      OwnerId: i.ownerId,
      PlatformDetails: i.platformDetails,
      UsageOperation: 'RunInstances',
      State: i.state,
      BlockDeviceMappings: i.blockDevices.map((b) => ({
        DeviceName: b.device,
        Ebs: {
          DeleteOnTermination: b.deleteOnTermination,
          SnapshotId: b.snapshotId,
          VolumeSize: b.sizeGiB,
          VolumeType: b.volumeType as VolumeType,
          Encrypted: false,
        },
      })),
      Description: i.description,
      EnaSupport: i.enaSupport ?? true,
      Hypervisor: 'xen',
      ImageOwnerAlias: i.ownerAlias,
      Name: i.name,
      RootDeviceName: i.rootDeviceName,
      RootDeviceType: 'ebs',
      SourceInstanceId: i.sourceInstanceId,
      SriovNetSupport: 'simple',
      Tags: tagList(i.tags),
      VirtualizationType: i.virtualizationType ?? 'hvm',
    })),
    NextToken: page.next,
  };
});

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
    sourceInstanceId: instance.id,
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
  DescribeImages: describeImages,
  CreateImage: createImage,
  RegisterImage: registerImage,
  DeregisterImage: deregisterImage,
};
