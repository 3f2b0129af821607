// Instances and what hangs off them: volumes, the account's own snapshots and AMIs, Elastic IPs.
import {
  DescribeAddressesCommand,
  DescribeInstanceStatusCommand,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import type * as EC2 from '@aws-sdk/client-ec2';
import type { ElasticIp, Image, Instance, InstanceState, Snapshot, StatusChecks, Volume } from '../types';
import { allPages, call, settleAll, type Caller } from './calls';
import { defined, iso, nameOf, present, tagsOf } from './shapes';

export interface RawStorage {
  readonly volumes: readonly EC2.Volume[];
  readonly snapshots: readonly EC2.Snapshot[];
  readonly images: readonly EC2.Image[];
}

export async function fetchInstances(c: Caller): Promise<EC2.Instance[]> {
  const pager = { client: c.clients.ec2, pageSize: 1000, withCommand: c.counted };
  const reservations = await call('ec2:DescribeInstances', () =>
    allPages(paginateDescribeInstances(pager, {}, c.options), (p) => p.Reservations),
  );
  return reservations.flatMap((r) => r.Instances ?? []);
}

/** Instances launched this recently still show their status checks (the lab's 1.3 waits for "2/2 checks passed"). */
export const STATUS_CHECK_WINDOW_MS = 15 * 60_000;

/**
 * Status checks of the running instances launched in the last 15 minutes (no call when there are none, so a
 * settled account costs nothing more). Auxiliary: on any failure the instances simply carry no status checks.
 */
export async function fetchRecentInstanceStatuses(
  c: Caller,
  instances: readonly EC2.Instance[],
  now = Date.now(),
): Promise<EC2.InstanceStatus[]> {
  const ids = instances
    .filter(
      (i) =>
        i.State?.Name === 'running' &&
        i.InstanceId &&
        i.LaunchTime &&
        now - new Date(i.LaunchTime).getTime() < STATUS_CHECK_WINDOW_MS,
    )
    .map((i) => i.InstanceId as string);
  const statuses: EC2.InstanceStatus[] = [];
  try {
    // InstanceIds excludes MaxResults (and so the paginator): 100 IDs per call.
    for (let start = 0; start < ids.length; start += 100) {
      const out = await c.clients.ec2.send(
        c.counted(new DescribeInstanceStatusCommand({ InstanceIds: ids.slice(start, start + 100) })),
        c.options,
      );
      statuses.push(...(out.InstanceStatuses ?? []));
    }
  } catch {
    if (c.signal?.aborted) throw c.signal.reason;
    return [];
  }
  return statuses;
}

export async function fetchStorage(c: Caller): Promise<RawStorage> {
  const pager = { client: c.clients.ec2, pageSize: 1000, withCommand: c.counted };
  const [volumes, snapshots, images] = await settleAll<[EC2.Volume[], EC2.Snapshot[], EC2.Image[]]>([
    // DescribeVolumes pages hold at most 500.
    call('ec2:DescribeVolumes', () =>
      allPages(paginateDescribeVolumes({ ...pager, pageSize: 500 }, {}, c.options), (p) => p.Volumes),
    ),
    call('ec2:DescribeSnapshots', () =>
      allPages(paginateDescribeSnapshots(pager, { OwnerIds: ['self'] }, c.options), (p) => p.Snapshots),
    ),
    call('ec2:DescribeImages', () =>
      allPages(paginateDescribeImages(pager, { Owners: ['self'] }, c.options), (p) => p.Images),
    ),
  ]);
  return { volumes, snapshots, images };
}

export async function fetchAddresses(c: Caller): Promise<EC2.Address[]> {
  return call('ec2:DescribeAddresses', async () => {
    const out = await c.clients.ec2.send(c.counted(new DescribeAddressesCommand({})), c.options);
    return out.Addresses ?? [];
  });
}

/** What an instance is joined with; any of it may be missing when its section failed. */
export interface InstanceJoins {
  readonly addresses: readonly EC2.Address[];
  readonly volumes: readonly EC2.Volume[];
  readonly securityGroups: readonly EC2.SecurityGroup[];
  readonly statuses?: readonly EC2.InstanceStatus[];
}

/** Terminated instances linger in DescribeInstances for about an hour; the lab never shows them. */
export function mapInstances(instances: readonly EC2.Instance[], joins: InstanceJoins): Instance[] {
  const eipByInstance = new Map<string, string>();
  for (const a of joins.addresses) if (a.InstanceId && a.PublicIp) eipByInstance.set(a.InstanceId, a.PublicIp);
  const volumeById = new Map(joins.volumes.map((v) => [v.VolumeId, v]));
  const sgNameById = new Map(joins.securityGroups.map((g) => [g.GroupId, g.GroupName]));
  const statusById = new Map<string | undefined, StatusChecks>(
    (joins.statuses ?? []).map((s) => [
      s.InstanceId,
      { system: s.SystemStatus?.Status ?? '', instance: s.InstanceStatus?.Status ?? '' },
    ]),
  );
  return instances
    .filter((i) => i.State?.Name !== 'terminated')
    .map((i) => mapInstance(i, eipByInstance, volumeById, sgNameById, statusById));
}

function mapInstance(
  i: EC2.Instance,
  eipByInstance: ReadonlyMap<string, string>,
  volumeById: ReadonlyMap<string | undefined, EC2.Volume>,
  sgNameById: ReadonlyMap<string | undefined, string | undefined>,
  statusById: ReadonlyMap<string | undefined, StatusChecks>,
): Instance {
  const tags = tagsOf(i.Tags);
  const id = i.InstanceId ?? '';
  const rootMapping = rootMappingOf(i);
  const rootVolumeId = rootMapping?.Ebs?.VolumeId;
  const rootVolume = rootVolumeId ? volumeById.get(rootVolumeId) : undefined;
  return defined({
    id,
    name: nameOf(tags),
    state: (i.State?.Name ?? 'pending') as InstanceState,
    stateReason: present(i.StateReason?.Message),
    type: i.InstanceType ?? '',
    az: i.Placement?.AvailabilityZone ?? '',
    vpcId: i.VpcId,
    subnetId: i.SubnetId,
    privateIp: present(i.PrivateIpAddress),
    publicIp: present(i.PublicIpAddress),
    publicDnsName: present(i.PublicDnsName),
    elasticIp: eipByInstance.get(id) ?? elasticIpFromInterfaces(i),
    securityGroups: (i.SecurityGroups ?? []).map((g) => ({
      id: g.GroupId ?? '',
      name: g.GroupName ?? sgNameById.get(g.GroupId) ?? '',
    })),
    keyName: i.KeyName,
    imageId: i.ImageId ?? '',
    platform: i.PlatformDetails,
    launchTime: iso(i.LaunchTime),
    rootVolume:
      rootMapping && rootVolumeId
        ? defined({
            volumeId: rootVolumeId,
            deviceName: rootMapping.DeviceName ?? '',
            sizeGiB: rootVolume?.Size,
            volumeType: rootVolume?.VolumeType,
            attachTime: iso(rootMapping.Ebs?.AttachTime),
          })
        : undefined,
    statusChecks: statusById.get(id),
    tags,
  });
}

/**
 * The root volume's mapping: the one on RootDeviceName; when none matches (an AMI registered with /dev/sda1 whose
 * volume attaches as /dev/xvda, an endpoint that reports names its own way), the only EBS mapping there is.
 */
function rootMappingOf(i: EC2.Instance): EC2.InstanceBlockDeviceMapping | undefined {
  const mappings = i.BlockDeviceMappings ?? [];
  const named = mappings.find((m) => m.DeviceName === i.RootDeviceName);
  if (named) return named;
  const ebs = mappings.filter((m) => m.Ebs?.VolumeId);
  return ebs.length === 1 ? ebs[0] : undefined;
}

/**
 * Fallback when DescribeAddresses was not readable: an interface's public address owned by the account
 * rather than by "amazon" is an Elastic IP.
 */
function elasticIpFromInterfaces(i: EC2.Instance): string | undefined {
  for (const ni of i.NetworkInterfaces ?? []) {
    const a = ni.Association;
    if (a?.PublicIp && a.IpOwnerId && a.IpOwnerId !== 'amazon') return a.PublicIp;
  }
  return undefined;
}

export function mapVolume(v: EC2.Volume): Volume {
  const tags = tagsOf(v.Tags);
  const att = v.Attachments?.[0];
  return defined({
    id: v.VolumeId ?? '',
    name: nameOf(tags),
    sizeGiB: v.Size ?? 0,
    volumeType: v.VolumeType ?? '',
    state: v.State ?? '',
    az: v.AvailabilityZone ?? '',
    snapshotId: present(v.SnapshotId),
    attachedTo: att?.InstanceId ? { instanceId: att.InstanceId, device: att.Device ?? '' } : undefined,
    createTime: iso(v.CreateTime),
    tags,
  });
}

export function mapSnapshot(s: EC2.Snapshot): Snapshot {
  const tags = tagsOf(s.Tags);
  return defined({
    id: s.SnapshotId ?? '',
    name: nameOf(tags),
    volumeId: present(s.VolumeId),
    sizeGiB: s.VolumeSize ?? 0,
    state: s.State ?? '',
    progress: present(s.Progress),
    description: present(s.Description),
    startTime: iso(s.StartTime),
    tags,
  });
}

export function mapImage(img: EC2.Image): Image {
  const tags = tagsOf(img.Tags);
  return defined({
    id: img.ImageId ?? '',
    // An AMI has a name of its own; the Name tag is the console's label when it has none.
    name: present(img.Name) ?? nameOf(tags),
    state: img.State ?? '',
    description: present(img.Description),
    creationDate: present(img.CreationDate),
    rootDeviceName: img.RootDeviceName,
    snapshotIds: (img.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [])),
    sourceInstanceId: present(img.SourceInstanceId),
    tags,
  });
}

export function mapAddress(a: EC2.Address): ElasticIp {
  return defined({
    allocationId: a.AllocationId ?? '',
    publicIp: a.PublicIp ?? '',
    instanceId: present(a.InstanceId),
    associationId: present(a.AssociationId),
    networkInterfaceId: present(a.NetworkInterfaceId),
    privateIp: present(a.PrivateIpAddress),
    tags: tagsOf(a.Tags),
  });
}
