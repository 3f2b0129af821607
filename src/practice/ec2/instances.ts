// EC2 instance reads: DescribeInstances (reservations, pages counted in instances as AWS does) and
// DescribeKeyPairs.
import {
  DescribeInstances$,
  DescribeKeyPairs$,
  type DescribeInstancesRequest,
  type DescribeInstancesResult,
  type DescribeKeyPairsRequest,
  type DescribeKeyPairsResult,
  type Instance,
  type InstanceStateName as SdkInstanceStateName,
  type Reservation,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import {
  ID_RULES,
  byKey,
  ec2Pager,
  elasticIpsByInstance,
  groupIdentifiers,
  instanceInterface,
  publicAddress,
} from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { instanceTypeFacts } from './instanceTypes';
import { PracticeError } from '../core/errors';
import { privateDnsName, publicDnsName } from '../core/geography';
import {
  tagList,
  type AddressRecord,
  type InstanceRecord,
  type InstanceStateName,
  type KeyPairRecord,
  type SecurityGroupRecord,
} from '../core/records';

/** AWS's state codes (the low byte of instanceState.code). */
export const INSTANCE_STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function instanceFields(
  context: RequestContext,
  eips: ReadonlyMap<string, AddressRecord>,
  groups: ReadonlyMap<string, SecurityGroupRecord>,
): FilterFields<InstanceRecord> {
  const publicIp = (i: InstanceRecord) => publicAddress(i, eips.get(i.id))?.ip;
  const live = (i: InstanceRecord) => i.state !== 'terminated';
  return {
    'instance-id': (i) => i.id,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => INSTANCE_STATE_CODES[i.state],
    'instance-type': (i) => i.type,
    'availability-zone': (i) => i.az,
    'vpc-id': (i) => (live(i) ? i.vpcId : undefined),
    'subnet-id': (i) => (live(i) ? i.subnetId : undefined),
    'image-id': (i) => i.imageId,
    'key-name': (i) => i.keyName,
    'ip-address': publicIp,
    'dns-name': (i) => {
      const ip = publicIp(i);
      return ip && publicDnsName(context.region, ip);
    },
    'private-ip-address': (i) => (live(i) ? i.privateIp : undefined),
    'private-dns-name': (i) => privateDnsName(context.region, i.privateIp),
    'instance.group-id': (i) => i.securityGroupIds,
    'instance.group-name': (i) => i.securityGroupIds.map((id) => groups.get(id)?.name),
    'group-id': (i) => i.securityGroupIds,
    'group-name': (i) => i.securityGroupIds.map((id) => groups.get(id)?.name),
    'reservation-id': (i) => i.reservationId,
    architecture: (i) => i.architecture,
    'platform-details': (i) => i.platformDetails,
    'launch-time': (i) => i.launchTime,
    'root-device-name': (i) => i.rootDeviceName,
    'root-device-type': () => 'ebs',
    'owner-id': () => PRACTICE_ACCOUNT_ID,
    'network-interface.network-interface-id': (i) => i.eni.id,
    'network-interface.addresses.association.public-ip': publicIp,
    'block-device-mapping.volume-id': (i) => i.blockDevices.map((b) => b.volumeId),
    'block-device-mapping.device-name': (i) => i.blockDevices.map((b) => b.device),
    'state-reason-code': (i) => i.stateReason?.code,
    'client-token': (i) => i.clientToken,
  };
}

function cpuOptions(region: string, type: string): { CoreCount: number; ThreadsPerCore: number } {
  const facts = instanceTypeFacts(region, type);
  return facts
    ? { CoreCount: facts.cores, ThreadsPerCore: facts.vcpus / facts.cores }
    : { CoreCount: 1, ThreadsPerCore: 1 };
}

/** One instance as DescribeInstances (and RunInstances) shows it. */
export function describeInstance(
  i: InstanceRecord,
  eip: AddressRecord | undefined,
  groups: ReadonlyMap<string, SecurityGroupRecord>,
  context: RequestContext,
): Instance {
  const live = i.state !== 'terminated';
  const pub = live ? publicAddress(i, eip) : undefined;
  return {
    InstanceId: i.id,
    ImageId: i.imageId,
    State: { Code: INSTANCE_STATE_CODES[i.state], Name: i.state as SdkInstanceStateName },
    PrivateDnsName: live ? privateDnsName(context.region, i.privateIp) : '',
    PublicDnsName: pub ? publicDnsName(context.region, pub.ip) : '',
    StateTransitionReason: i.stateTransitionReason ?? '',
    StateReason: i.stateReason && { Code: i.stateReason.code, Message: i.stateReason.message },
    KeyName: i.keyName,
    AmiLaunchIndex: i.launchIndex ?? 0,
    ProductCodes: [],
    InstanceType: i.type as Instance['InstanceType'],
    LaunchTime: new Date(i.launchTime),
    Placement: { AvailabilityZone: i.az, GroupName: '', Tenancy: 'default' },
    Monitoring: { State: 'disabled' },
    SubnetId: live ? i.subnetId : undefined,
    VpcId: live ? i.vpcId : undefined,
    PrivateIpAddress: live ? i.privateIp : undefined,
    PublicIpAddress: pub?.ip,
    Architecture: i.architecture,
    RootDeviceType: 'ebs',
    RootDeviceName: i.rootDeviceName,
    BlockDeviceMappings: live
      ? i.blockDevices.map((b) => ({
          DeviceName: b.device,
          Ebs: {
            AttachTime: new Date(b.attachTime),
            DeleteOnTermination: b.deleteOnTermination,
            Status: 'attached',
            VolumeId: b.volumeId,
          },
        }))
      : [],
    VirtualizationType: 'hvm',
    ClientToken: i.clientToken ?? '',
    Tags: tagList(i.tags),
    SecurityGroups: live ? groupIdentifiers(i.securityGroupIds, groups) : [],
    SourceDestCheck: live ? true : undefined,
    Hypervisor: 'xen',
    NetworkInterfaces: live ? [instanceInterface(i, eip, groups, context)] : [],
    EbsOptimized: false,
    EnaSupport: true,
    CpuOptions: cpuOptions(context.region, i.type),
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    PlatformDetails: i.platformDetails,
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: new Date(i.launchTime),
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
    CurrentInstanceBootMode: 'legacy-bios',
  };
}

const describeInstances = action<DescribeInstancesRequest, DescribeInstancesResult>(
  DescribeInstances$,
  (input, context) => {
    const pager = ec2Pager(input, { parameter: 'instancesSet', values: input.InstanceIds }, 'instances', 5, 1000);
    const { records } = context;
    const eips = elasticIpsByInstance(records.addresses);
    const groups = byKey(records.securityGroups, (g) => g.id);
    const selected = selectByIds(records.instances, input.InstanceIds, (i) => i.id, ID_RULES.instance);
    const filtered = applyFilters(selected, input.Filters, instanceFields(context, eips, groups), (i) => i.tags);
    // Pages count instances, not reservations: a reservation can straddle two pages, as on AWS.
    const page = pager(filtered);
    const reservations: Reservation[] = [];
    let current: Reservation | undefined;
    for (const i of page.items) {
      if (current?.ReservationId !== i.reservationId) {
        current = { ReservationId: i.reservationId, OwnerId: PRACTICE_ACCOUNT_ID, Groups: [], Instances: [] };
        reservations.push(current);
      }
      current.Instances?.push(describeInstance(i, eips.get(i.id), groups, context));
    }
    return { Reservations: reservations, NextToken: page.next };
  },
);

// ---- Key pairs ------------------------------------------------------------------------------------

const keyPairFields: FilterFields<KeyPairRecord> = {
  'key-pair-id': (k) => k.id,
  'key-name': (k) => k.name,
  fingerprint: (k) => k.fingerprint,
  'key-type': (k) => k.type,
};

const describeKeyPairs = action<DescribeKeyPairsRequest, DescribeKeyPairsResult>(
  DescribeKeyPairs$,
  (input, { records }) => {
    let selected = selectByIds(records.keyPairs, input.KeyPairIds, (k) => k.id, ID_RULES.keyPair);
    if (input.KeyNames?.length) {
      const missing = input.KeyNames.filter((n) => !selected.some((k) => k.name === n));
      if (missing.length)
        throw new PracticeError('InvalidKeyPair.NotFound', `The key pair '${missing[0]}' does not exist`);
      selected = selected.filter((k) => input.KeyNames?.includes(k.name));
    }
    const filtered = applyFilters(selected, input.Filters, keyPairFields, (k) => k.tags);
    return {
      KeyPairs: filtered.map((k) => ({
        KeyPairId: k.id,
        KeyFingerprint: k.fingerprint,
        KeyName: k.name,
        KeyType: k.type,
        Tags: tagList(k.tags),
        PublicKey: input.IncludePublicKey ? k.publicKey : undefined,
        CreateTime: new Date(k.createTime),
      })),
    };
  },
);

export const ec2InstanceActions: Record<string, ActionDefinition> = {
  DescribeInstances: describeInstances,
  DescribeKeyPairs: describeKeyPairs,
};
