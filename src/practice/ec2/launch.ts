// RunInstances: an instance (or MinCount..MaxCount of them) from an AMI, in a subnet, with its security
// groups, key, root volume (and other mappings), public IP when the subnet or the interface asks for one,
// and the AMI's files; user data runs against those files. Instances start `pending` and run ~30 s later.
// ClientToken makes it idempotent: the same token returns the same reservation, other parameters are
// IdempotentParameterMismatch. launchParameters.ts reads and checks the request; launchLimits.ts counts.
import { createHash } from 'node:crypto';
import { RunInstances$, type Reservation, type RunInstancesRequest } from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePrivateIp, allocatePublicIp, cidrContains, macAddress } from '../core/addressing';
import { addressesInUse } from '../rds/placement';
import { AMAZON_IMAGE_OWNER_ID, PRACTICE_ACCOUNT_ID } from '../core/constants';
import { byKey, elasticIpsByInstance } from './common';
import { amazonLinuxFiles, authorizeKey, copyFiles } from '../machine/imageFiles';
import { describeInstance } from './instances';
import {
  chooseGroups,
  chooseSubnet,
  findImage,
  instanceTypeFor,
  plannedVolumes,
  primaryInterface,
  userDataScript,
} from './launchParameters';
import { EC2_DURATIONS, beginTransition, dueAt } from './transitions';
import { launchCount } from './launchLimits';
import { invalidValue, required, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { privateDnsName } from '../core/geography';
import type { FileRecord, ImageRecord, InstanceRecord, VolumeRecord } from '../core/records';
import { runUserData } from '../machine/userData';

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
  const type = instanceTypeFor(region, input.InstanceType ?? 'm1.small', image);
  const nic = primaryInterface(input);
  const subnet = chooseSubnet(input, records, region, nic?.SubnetId);
  const groups = chooseGroups(input, records, subnet, nic?.Groups);

  const key = input.KeyName ? records.keyPairs.find((k) => k.name === input.KeyName) : undefined;
  if (input.KeyName && !key)
    throw new PracticeError('InvalidKeyPair.NotFound', `The key pair '${input.KeyName}' does not exist`);

  const script = userDataScript(input.UserData);

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
  // A database's address (and its standby's) in this subnet is taken too.
  for (const ip of addressesInUse(records)) if (cidrContains(subnet.cidr, ip)) used.add(ip);
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
