// EC2 storage reads: EBS volumes, the account's snapshots, and AMIs (the account's own and
// Amazon's public catalog).
import {
  DescribeImages$,
  DescribeSnapshots$,
  DescribeVolumes$,
  type DescribeImagesRequest,
  type DescribeImagesResult,
  type DescribeSnapshotsRequest,
  type DescribeSnapshotsResult,
  type DescribeVolumesRequest,
  type DescribeVolumesResult,
  type VolumeType,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { amazonImages } from './amazonImages';
import { AMAZON_IMAGE_OWNER_ID, PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { snapshotView } from './images';
import { snapshotProgress } from './transitions';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { PracticeError } from '../core/errors';
import { tagList, type ImageRecord, type SnapshotRecord, type VolumeRecord } from '../core/records';

// ---- Volumes --------------------------------------------------------------------------------------

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

// ---- Snapshots ------------------------------------------------------------------------------------

/** Does an owner list (`self`, an account ID, `amazon`) include the practice account? */
function includesSelf(owners: readonly string[] | undefined): boolean {
  return !owners?.length || owners.some((o) => o === 'self' || o === PRACTICE_ACCOUNT_ID);
}

const snapshotFields = (now: Date): FilterFields<SnapshotRecord> => ({
  'snapshot-id': (s) => s.id,
  'volume-id': (s) => s.volumeId,
  status: (s) => s.state,
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  description: (s) => s.description,
  progress: (s) => `${snapshotProgress(s, now)}%`,
  'start-time': (s) => s.startTime,
  'volume-size': (s) => s.sizeGiB,
  encrypted: (s) => s.encrypted,
  'storage-tier': () => 'standard',
});

const describeSnapshots = action<DescribeSnapshotsRequest, DescribeSnapshotsResult>(
  DescribeSnapshots$,
  (input, { records, now }) => {
    const pager = ec2Pager(input, { parameter: 'snapshotIds', values: input.SnapshotIds }, 'snapshots', 5, 1000, true);
    // Amazon's AMIs' snapshots are not listable; only the account's own are modelled.
    const visible = includesSelf(input.OwnerIds) ? records.snapshots : [];
    const selected = selectByIds(visible, input.SnapshotIds, (s) => s.id, ID_RULES.snapshot);
    const filtered = applyFilters(selected, input.Filters, snapshotFields(now), (s) => s.tags);
    const page = pager(filtered);
    return { Snapshots: page.items.map((s) => snapshotView(s, now)), NextToken: page.next };
  },
);

// ---- Images ---------------------------------------------------------------------------------------

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
      SriovNetSupport: 'simple',
      Tags: tagList(i.tags),
      VirtualizationType: i.virtualizationType ?? 'hvm',
    })),
    NextToken: page.next,
  };
});

export const ec2StorageActions: Record<string, ActionDefinition> = {
  DescribeVolumes: describeVolumes,
  DescribeSnapshots: describeSnapshots,
  DescribeImages: describeImages,
};
