// What a RunInstances request resolves to before anything is made, each with AWS's errors: the AMI,
// the instance type (matching the AMI's architecture, virtualization and ENA), the primary network
// interface, the subnet (SubnetId, the interface's, or the default subnet of Placement's AZ), the
// security groups, the user data script and the block devices. launch.ts makes the instances.
import type {
  BlockDeviceMapping,
  InstanceNetworkInterfaceSpecification,
  RunInstancesRequest,
} from '@aws-sdk/client-ec2';
import { amazonImages } from './amazonImages';
import { ID_RULES } from './common';
import { selectByIds } from './filters';
import { INSTANCE_TYPES, instanceTypeFacts, type InstanceTypeFacts } from './instanceTypes';
import { invalidValue, oneById, required } from './writeCommon';
import { PracticeError } from '../core/errors';
import { availabilityZones } from '../core/geography';
import type { ImageRecord, RegionState, SecurityGroupRecord, SubnetRecord } from '../core/records';
import { decodeUserData, isBase64 } from '../machine/userData';

const USER_DATA_LIMIT = 16_384;
const VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'];

/** The images a launch can name: the account's own (not deregistered) and Amazon's catalog. */
export function launchableImages(records: RegionState, region: string): ImageRecord[] {
  return [...records.images.filter((i) => i.state !== 'deregistered'), ...amazonImages(region)];
}

export function findImage(records: RegionState, region: string, imageId: string): ImageRecord {
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(imageId))
    throw new PracticeError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  const image = launchableImages(records, region).find((i) => i.id === imageId);
  if (!image) throw new PracticeError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  if (image.state !== 'available')
    throw new PracticeError('InvalidAMIID.Unavailable', `AMI '${imageId}' is ${image.state}, and cannot be run`);
  return image;
}

/** The instance type asked for (m1.small when none is), if the region offers it and the AMI can run on it. */
export function instanceTypeFor(region: string, typeName: string, image: ImageRecord): InstanceTypeFacts {
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
  return type;
}

/** The primary network interface asked for (device index 0), after AWS's checks against the instance-level parameters. */
export function primaryInterface(input: RunInstancesRequest): InstanceNetworkInterfaceSpecification | undefined {
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
  return nic;
}

export function chooseSubnet(
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

export function chooseGroups(
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

/** The user data's script (base64 on the wire, at most 16 KiB), or undefined without user data. */
export function userDataScript(userData: string | undefined): string | undefined {
  if (!userData) return undefined;
  if (!isBase64(userData)) throw invalidValue('Invalid BASE64 encoding of user data.');
  if (Buffer.from(userData, 'base64').length > USER_DATA_LIMIT)
    throw invalidValue(`User data is limited to ${USER_DATA_LIMIT} bytes.`);
  return decodeUserData(userData);
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
export function plannedVolumes(
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
