// EBS snapshots: DescribeSnapshots (the account's own; Amazon's AMIs' snapshots are not listable),
// CreateSnapshot (it copies the files of the instance whose root the volume is, as they are now) and
// DeleteSnapshot (refused while an AMI uses it). CreateImage (images.ts) takes its snapshots here.
import {
  CreateSnapshot$,
  DeleteSnapshot$,
  DescribeSnapshots$,
  type CreateSnapshotRequest,
  type DeleteSnapshotRequest,
  type DescribeSnapshotsRequest,
  type DescribeSnapshotsResult,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { copyFiles } from '../machine/imageFiles';
import { dueAt, snapshotDuration, snapshotProgress } from './transitions';
import { oneById, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
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

export function takeSnapshot(
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
export function imagesUsing(records: RegionState, snapshotId: string): ImageRecord[] {
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

export const ec2SnapshotActions: Record<string, ActionDefinition> = {
  DescribeSnapshots: describeSnapshots,
  CreateSnapshot: createSnapshot,
  DeleteSnapshot: deleteSnapshot,
};
