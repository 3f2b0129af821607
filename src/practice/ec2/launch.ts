// RunInstances: an instance (or MinCount..MaxCount of them) from an AMI, in a subnet (SubnetId, the
// primary network interface's, or the default subnet of Placement's AZ), with its security groups,
// key, root volume (and other mappings), public IP when the subnet or the interface asks for one, and
// the AMI's files; user data runs against those files. Instances start `pending` and run ~30 s later.
// ClientToken makes it idempotent: the same token returns the same reservation, other parameters are
// IdempotentParameterMismatch.
import { createHash } from 'node:crypto';
import {
  RunInstances$,
  type BlockDeviceMapping,
  type Reservation,
  type RunInstancesRequest,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePrivateIp, allocatePublicIp, cidrContains, macAddress } from '../core/addressing';
import { amazonImages } from './amazonImages';
import { AMAZON_IMAGE_OWNER_ID, PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, byKey, elasticIpsByInstance } from './common';
import { amazonLinuxFiles, authorizeKey, copyFiles } from '../machine/imageFiles';
import { selectByIds } from './filters';
import { describeInstance } from './instances';
import { INSTANCE_TYPES, instanceTypeFacts } from './instanceTypes';
import { EC2_DURATIONS, beginTransition, dueAt } from './transitions';
import { launchCount } from './launchLimits';
import { invalidValue, oneById, required, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { availabilityZones, privateDnsName } from '../core/geography';
import type {
  FileRecord,
  ImageRecord,
  InstanceRecord,
  RegionState,
  SecurityGroupRecord,
  SubnetRecord,
  VolumeRecord,
} from '../core/records';
import { decodeUserData, isBase64, runUserData } from '../machine/userData';

const USER_DATA_LIMIT = 16_384;
const VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'];

/** The images a launch can name: the account's own (not deregistered) and Amazon's catalog. */
export function launchableImages(records: RegionState, region: string): ImageRecord[] {
  return [...records.images.filter((i) => i.state !== 'deregistered'), ...amazonImages(region)];
}

function findImage(records: RegionState, region: string, imageId: string): ImageRecord {
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(imageId))
    throw new PracticeError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  const image = launchableImages(records, region).find((i) => i.id === imageId);
  if (!image) throw new PracticeError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  if (image.state !== 'available')
    throw new PracticeError('InvalidAMIID.Unavailable', `AMI '${imageId}' is ${image.state}, and cannot be run`);
  return image;
}

function chooseSubnet(
  input: RunInstancesRequest,
  records: RegionState,
  region: string,
  nicSubnetId: string | undefined,
): SubnetRecord {
  const az = input.Placement?.AvailabilityZone;
  if (az && !availabilityZones(region).some((z) => z.name === az))
    throw invalidValue(`Invalid availability zone: [${az}]`);
  const subnetId = input.SubnetId ?? nicSubnetId;
  if (subnetId) {
    const subnet = oneById(records.subnets, subnetId, (s) => s.id, ID_RULES.subnet, 'SubnetId');
    if (az && az !== subnet.az) {
      throw invalidValue(
        `Value (${az}) for parameter availabilityZone is invalid. Subnet '${subnet.id}' is in the availability zone ${subnet.az}`,
      );
    }
    return subnet;
  }
  const vpc = records.vpcs.find((v) => v.isDefault);
  if (!vpc) throw new PracticeError('VPCIdNotSpecified', 'No default VPC for this user');
  const defaults = records.subnets.filter((s) => s.vpcId === vpc.id && s.defaultForAz);
  const subnet = az ? defaults.find((s) => s.az === az) : defaults[0];
  if (!subnet)
    throw new PracticeError(
      'MissingInput',
      `No subnets found for the default VPC '${vpc.id}'. Please specify a subnet.`,
    );
  return subnet;
}

function chooseGroups(
  input: RunInstancesRequest,
  records: RegionState,
  subnet: SubnetRecord,
  nicGroups: string[] | undefined,
): SecurityGroupRecord[] {
  const ids = input.SecurityGroupIds?.length ? input.SecurityGroupIds : nicGroups;
  if (ids?.length) {
    const groups = selectByIds(records.securityGroups, ids, (g) => g.id, ID_RULES.securityGroup);
    const foreign = groups.find((g) => g.vpcId !== subnet.vpcId);
    if (foreign)
      throw new PracticeError(
        'InvalidParameter',
        `Security group ${foreign.id} and subnet ${subnet.id} belong to different networks.`,
      );
    return groups;
  }
  if (input.SecurityGroups?.length) {
    const isDefaultVpc = records.vpcs.some((v) => v.id === subnet.vpcId && v.isDefault);
    if (!isDefaultVpc)
      throw new PracticeError(
        'InvalidParameterCombination',
        'The parameter groupName cannot be used with the parameter subnet',
      );
    return input.SecurityGroups.map((name) => {
      const group = records.securityGroups.find((g) => g.name === name && g.vpcId === subnet.vpcId);
      if (!group)
        throw new PracticeError(
          'InvalidGroup.NotFound',
          `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`,
        );
      return group;
    });
  }
  const fallback = records.securityGroups.find((g) => g.name === 'default' && g.vpcId === subnet.vpcId);
  return fallback ? [fallback] : [];
}

interface PlannedVolume {
  device: string;
  sizeGiB: number;
  type: string;
  iops?: number;
  throughput?: number;
  snapshotId?: string;
  deleteOnTermination: boolean;
}

function volumeShape(
  type: string,
  sizeGiB: number,
  iops?: number,
  throughput?: number,
): Pick<PlannedVolume, 'iops' | 'throughput'> {
  if (type === 'gp2') return { iops: Math.min(16_000, Math.max(100, 3 * sizeGiB)) };
  if (type === 'gp3') return { iops: iops ?? 3000, throughput: throughput ?? 125 };
  if (type === 'io1' || type === 'io2') {
    if (!iops) throw invalidValue(`The parameter iops must be specified for ${type} volumes.`);
    return { iops };
  }
  return {};
}

/** The image's block devices with the request's overrides (size, type, DeleteOnTermination, NoDevice) and extra EBS volumes. */
function plannedVolumes(
  image: ImageRecord,
  mappings: readonly BlockDeviceMapping[] | undefined,
  snapshots: RegionState['snapshots'],
): PlannedVolume[] {
  const planned: PlannedVolume[] = [];
  const overrides = new Map((mappings ?? []).map((m) => [m.DeviceName ?? '', m]));
  for (const device of image.blockDevices) {
    const override = overrides.get(device.device);
    overrides.delete(device.device);
    if (override?.NoDevice !== undefined && device.device !== image.rootDeviceName) continue;
    const ebs = override?.Ebs;
    const sizeGiB = ebs?.VolumeSize ?? device.sizeGiB;
    if (sizeGiB < device.sizeGiB) {
      throw new PracticeError(
        'InvalidBlockDeviceMapping',
        `Volume of size ${sizeGiB}GB is smaller than snapshot '${device.snapshotId}', expect size >= ${device.sizeGiB}GB`,
      );
    }
    const type = ebs?.VolumeType ?? device.volumeType;
    planned.push({
      device: device.device,
      sizeGiB,
      type,
      snapshotId: device.snapshotId,
      deleteOnTermination: ebs?.DeleteOnTermination ?? device.deleteOnTermination,
      ...volumeShape(type, sizeGiB, ebs?.Iops, ebs?.Throughput),
    });
  }
  for (const [deviceName, mapping] of overrides) {
    if (!mapping.Ebs || mapping.NoDevice !== undefined) continue; // instance store (VirtualName) is not modelled
    const snapshot = mapping.Ebs.SnapshotId ? snapshots.find((s) => s.id === mapping.Ebs?.SnapshotId) : undefined;
    if (mapping.Ebs.SnapshotId && !snapshot) throw ID_RULES.snapshot.notFound([mapping.Ebs.SnapshotId]);
    const sizeGiB = mapping.Ebs.VolumeSize ?? snapshot?.sizeGiB;
    if (!sizeGiB)
      throw new PracticeError(
        'InvalidBlockDeviceMapping',
        `The request must contain the parameter size or snapshotId for ${deviceName}`,
      );
    const type = mapping.Ebs.VolumeType ?? 'gp2';
    planned.push({
      device: required(deviceName, 'BlockDeviceMapping.DeviceName'),
      sizeGiB,
      type,
      snapshotId: snapshot?.id,
      deleteOnTermination: mapping.Ebs.DeleteOnTermination ?? true,
      ...volumeShape(type, sizeGiB, mapping.Ebs.Iops, mapping.Ebs.Throughput),
    });
  }
  for (const volume of planned) {
    if (!VOLUME_TYPES.includes(volume.type))
      throw invalidValue(`Value (${volume.type}) for parameter volumeType is invalid.`);
  }
  return planned;
}

/** What the same request would look like again: every parameter except the token itself. */
function requestDigest(input: RunInstancesRequest): string {
  const { ClientToken: _token, DryRun: _dryRun, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

function reservationView(context: RequestContext, instances: readonly InstanceRecord[]): Reservation {
  const records = context.world.region(context.region);
  const eips = elasticIpsByInstance(records.addresses);
  const groups = byKey(records.securityGroups, (g) => g.id);
  return {
    ReservationId: instances[0]?.reservationId,
    OwnerId: PRACTICE_ACCOUNT_ID,
    Groups: [],
    Instances: instances.map((i) => describeInstance(i, eips.get(i.id), groups, context)),
  };
}

/** The files an instance from this image starts with: the AMI's, or a bare Amazon Linux for Amazon's catalog. */
function startingFiles(image: ImageRecord): Record<string, FileRecord> {
  if (image.files) return copyFiles(image.files);
  return image.ownerId === AMAZON_IMAGE_OWNER_ID ? amazonLinuxFiles(image) : {};
}

const runInstances = action<RunInstancesRequest, Reservation>(RunInstances$, (input, context) => {
  const imageId = required(input.ImageId, 'ImageId');
  const minCount = required(input.MinCount, 'MinCount');
  const maxCount = required(input.MaxCount, 'MaxCount');
  if (minCount < 1)
    throw invalidValue(`Value (${minCount}) for parameter minCount is invalid. Expected a positive integer.`);
  if (maxCount < minCount)
    throw invalidValue(
      `Value (${maxCount}) for parameter maxCount is invalid. Expected a value at least minCount (${minCount}).`,
    );
  const { world, region } = context;
  const records = world.writableRegion(region);

  const token = input.ClientToken;
  const digest = requestDigest(input);
  if (token) {
    const previous = records.instances.filter((i) => i.clientToken === token);
    if (previous.length) {
      if (previous[0]?.clientRequestDigest !== digest) {
        throw new PracticeError(
          'IdempotentParameterMismatch',
          'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
        );
      }
      return reservationView(context, previous);
    }
  }

  const image = findImage(records, region, imageId);
  const typeName = input.InstanceType ?? 'm1.small';
  const type = instanceTypeFacts(region, typeName);
  if (!type) {
    if (INSTANCE_TYPES.some((t) => t.name === typeName)) {
      throw new PracticeError(
        'Unsupported',
        'The requested configuration is currently not supported. Please check the documentation for supported configurations.',
      );
    }
    throw invalidValue(`Invalid value '${typeName}' for InstanceType.`);
  }
  if (type.architecture !== image.architecture) {
    throw invalidValue(
      `The architecture '${type.architecture}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. ` +
        'Specify an instance type and an AMI that have matching architectures, and try again.',
    );
  }
  if (image.virtualizationType === 'paravirtual') {
    throw new PracticeError(
      'InvalidParameterCombination',
      `The instance type '${type.name}' does not support paravirtual AMIs. Specify an AMI with virtualization type 'hvm'.`,
    );
  }
  if (type.enaRequired && image.enaSupport === false) {
    throw new PracticeError(
      'InvalidParameterCombination',
      `Enhanced networking with the Elastic Network Adapter (ENA) is required for the '${type.name}' instance type. Ensure that you are using an AMI that is enabled for ENA.`,
    );
  }

  const nics = input.NetworkInterfaces ?? [];
  const nic = nics.find((n) => (n.DeviceIndex ?? 0) === 0);
  if (nics.length && input.SubnetId) {
    throw new PracticeError(
      'InvalidParameterCombination',
      'Network interfaces and an instance-level subnet ID may not be specified on the same request',
    );
  }
  if (nics.length && (input.SecurityGroupIds?.length || input.SecurityGroups?.length)) {
    throw new PracticeError(
      'InvalidParameterCombination',
      'Network interfaces and an instance-level security groups may not be specified on the same request',
    );
  }
  if (nic?.NetworkInterfaceId)
    throw new PracticeError(
      'UnsupportedOperation',
      'The practice account launches instances with new network interfaces only.',
    );
  const subnet = chooseSubnet(input, records, region, nic?.SubnetId);
  const groups = chooseGroups(input, records, subnet, nic?.Groups);

  const key = input.KeyName ? records.keyPairs.find((k) => k.name === input.KeyName) : undefined;
  if (input.KeyName && !key)
    throw new PracticeError('InvalidKeyPair.NotFound', `The key pair '${input.KeyName}' does not exist`);

  let script: string | undefined;
  if (input.UserData) {
    if (!isBase64(input.UserData)) throw invalidValue('Invalid BASE64 encoding of user data.');
    if (Buffer.from(input.UserData, 'base64').length > USER_DATA_LIMIT)
      throw invalidValue(`User data is limited to ${USER_DATA_LIMIT} bytes.`);
    script = decodeUserData(input.UserData);
  }

  const tags = specifiedTags(input.TagSpecifications, [
    'instance',
    'volume',
    'network-interface',
    'spot-instances-request',
    'elastic-gpu',
  ]);
  const volumes = plannedVolumes(image, input.BlockDeviceMappings, records.snapshots);

  const used = new Set<string>();
  for (const i of records.instances) if (i.state !== 'terminated' && i.subnetId === subnet.id) used.add(i.privateIp);
  for (const lb of records.loadBalancers)
    for (const z of lb.zones) if (z.subnetId === subnet.id && z.nodeIp) used.add(z.nodeIp);
  if (input.PrivateIpAddress) {
    if (maxCount > 1)
      throw new PracticeError(
        'InvalidParameterCombination',
        'Cannot specify a private IP address when launching more than one instance',
      );
    if (!cidrContains(subnet.cidr, input.PrivateIpAddress))
      throw invalidValue(`Address ${input.PrivateIpAddress} does not fall within the subnet's address range`);
    if (used.has(input.PrivateIpAddress))
      throw new PracticeError('InvalidIPAddress.InUse', `Address ${input.PrivateIpAddress} is in use.`);
  }
  // All or nothing: the limits are checked before anything is made (MinCount..MaxCount).
  const count = launchCount(records, type, { min: minCount, max: maxCount }, subnet, used);
  const publicIps = new Set<string>([
    ...records.addresses.map((a) => a.publicIp),
    ...records.instances.flatMap((i) => (i.autoPublicIp ? [i.autoPublicIp] : [])),
  ]);
  const publicIp = nic?.AssociatePublicIpAddress ?? subnet.mapPublicIpOnLaunch;

  const reservationId = world.newId('r');
  const launchTime = context.now.toISOString();
  const launched: InstanceRecord[] = [];
  for (let index = 0; index < count; index++) {
    const id = world.newId('i');
    const privateIp = input.PrivateIpAddress ?? allocatePrivateIp(world, subnet.cidr, used);
    used.add(privateIp);
    const autoPublicIp = publicIp ? allocatePublicIp(world, publicIps) : undefined;
    if (autoPublicIp) publicIps.add(autoPublicIp);
    const blockDevices = volumes.map((v) => {
      const volume: VolumeRecord = {
        id: world.newId('vol'),
        sizeGiB: v.sizeGiB,
        type: v.type,
        iops: v.iops,
        throughput: v.throughput,
        state: 'in-use',
        az: subnet.az,
        snapshotId: v.snapshotId,
        encrypted: false,
        createTime: launchTime,
        attachment: {
          instanceId: id,
          device: v.device,
          attachTime: launchTime,
          deleteOnTermination: v.deleteOnTermination,
        },
        tags: { ...tags.volume },
      };
      records.volumes.push(volume);
      return {
        device: v.device,
        volumeId: volume.id,
        attachTime: launchTime,
        deleteOnTermination: v.deleteOnTermination,
      };
    });
    const files = startingFiles(image);
    if (key) authorizeKey(files, key.publicKey);
    if (script !== undefined) {
      runUserData(script, files, {
        instanceId: id,
        privateIp,
        privateDnsName: privateDnsName(region, privateIp),
        availabilityZone: subnet.az,
        region,
        instanceType: type.name,
        amiId: image.id,
        publicIp: autoPublicIp,
      });
    }
    const instance: InstanceRecord = {
      id,
      reservationId,
      imageId: image.id,
      type: type.name,
      state: 'pending',
      stateReason: { code: 'pending', message: 'pending' },
      az: subnet.az,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      privateIp,
      autoPublicIp,
      keyName: key?.name,
      securityGroupIds: groups.map((g) => g.id),
      launchTime,
      architecture: image.architecture,
      platformDetails: image.platformDetails,
      rootDeviceName: image.rootDeviceName,
      blockDevices,
      eni: { id: world.newId('eni'), attachmentId: world.newId('eni-attach'), macAddress: macAddress(world) },
      clientToken: token,
      clientRequestDigest: token ? digest : undefined,
      tags: { ...tags.instance },
      files,
      statusOkAt: dueAt(world.clock, EC2_DURATIONS.statusChecks),
      autoAssignPublicIp: publicIp,
      userData: input.UserData,
      launchIndex: index,
    };
    beginTransition(instance, 'pending', 'running', world.clock, EC2_DURATIONS.instancePending);
    records.instances.push(instance);
    launched.push(instance);
  }
  world.changed();
  return reservationView(context, launched);
});

export const ec2LaunchActions: Record<string, ActionDefinition> = {
  RunInstances: runInstances,
};
