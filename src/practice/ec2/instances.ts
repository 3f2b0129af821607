// EC2 instances: DescribeInstances (reservations, pages counted in instances as AWS does) and the
// lifecycle, Start/Stop/Terminate/RebootInstances (each answers previous and current states;
// transitions end ~30 s later). RunInstances is launch.ts's; status checks instanceStatus.ts's.
import {
  DescribeInstances$,
  RebootInstances$,
  StartInstances$,
  StopInstances$,
  TerminateInstances$,
  type DescribeInstancesRequest,
  type DescribeInstancesResult,
  type Instance,
  type InstanceStateChange,
  type InstanceStateName as SdkInstanceStateName,
  type RebootInstancesRequest,
  type Reservation,
  type StartInstancesRequest,
  type StartInstancesResult,
  type StopInstancesRequest,
  type StopInstancesResult,
  type TerminateInstancesRequest,
  type TerminateInstancesResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePublicIp } from '../core/addressing';
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
import { EC2_DURATIONS, USER_SHUTDOWN, beginTransition, dueAt, userInitiated } from './transitions';
import { missingParameter, requireInstanceState } from './writeCommon';
import { clearRuntimeFiles } from '../machine/httpd';
import { privateDnsName, publicDnsName } from '../core/geography';
import {
  tagList,
  type AddressRecord,
  type InstanceRecord,
  type InstanceStateName,
  type RegionState,
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

// ---- the lifecycle ---------------------------------------------------------------------------------

/** An instance state as EC2 answers it: code and name. */
export const stateOf = (name: InstanceStateName) => ({
  Code: INSTANCE_STATE_CODES[name],
  Name: name as SdkInstanceStateName,
});

/** The instances an action names (all must exist), from the writable records. */
function namedInstances(
  context: RequestContext,
  ids: readonly string[] | undefined,
): { records: RegionState; instances: InstanceRecord[] } {
  if (!ids?.length) throw missingParameter('InstanceId');
  const records = context.world.writableRegion(context.region);
  return { records, instances: selectByIds(records.instances, ids, (i) => i.id, ID_RULES.instance) };
}

/** Applies a state change to every named instance, after checking them all; answers AWS's state changes. */
function changeStates(
  context: RequestContext,
  ids: readonly string[] | undefined,
  check: (instance: InstanceRecord) => void,
  change: (instance: InstanceRecord, records: RegionState) => void,
): InstanceStateChange[] {
  const { records, instances } = namedInstances(context, ids);
  instances.forEach(check);
  const answers = instances.map((instance) => {
    const previous = instance.state;
    change(instance, records);
    return { InstanceId: instance.id, PreviousState: stateOf(previous), CurrentState: stateOf(instance.state) };
  });
  context.world.changed();
  return answers;
}

/** A stopped instance boots: pending ~30 s, a new auto-assigned public IP unless an Elastic IP is associated. */
function boot(context: RequestContext, instance: InstanceRecord, records: RegionState): void {
  const { world } = context;
  // AWS moves LaunchTime on every start; the root volume's attachTime stays. Files that took their
  // time from the launch keep it (a boot does not touch them).
  for (const file of Object.values(instance.files)) file.modifiedAt ??= instance.launchTime;
  instance.launchTime = context.now.toISOString();
  beginTransition(instance, 'pending', 'running', world.clock, EC2_DURATIONS.instancePending);
  instance.statusOkAt = dueAt(world.clock, EC2_DURATIONS.statusChecks);
  instance.stateReason = { code: 'pending', message: 'pending' };
  instance.stateTransitionReason = '';
  const hasElasticIp = records.addresses.some((a) => a.association?.instanceId === instance.id);
  const subnet = records.subnets.find((s) => s.id === instance.subnetId);
  if (!hasElasticIp && (instance.autoAssignPublicIp ?? subnet?.mapPublicIpOnLaunch)) {
    const taken = new Set([
      ...records.addresses.map((a) => a.publicIp),
      ...records.instances.flatMap((i) => (i.autoPublicIp ? [i.autoPublicIp] : [])),
    ]);
    instance.autoPublicIp = allocatePublicIp(world, taken);
  }
}

const startInstances = action<StartInstancesRequest, StartInstancesResult>(StartInstances$, (input, context) => ({
  StartingInstances: changeStates(
    context,
    input.InstanceIds,
    (i) =>
      requireInstanceState(
        i,
        ['pending', 'running', 'stopped'],
        `The instance '${i.id}' is not in a state from which it can be started.`,
      ),
    (i, records) => {
      if (i.state === 'stopped') boot(context, i, records);
    },
  ),
}));

const stopInstances = action<StopInstancesRequest, StopInstancesResult>(StopInstances$, (input, context) => ({
  StoppingInstances: changeStates(
    context,
    input.InstanceIds,
    (i) =>
      requireInstanceState(
        i,
        ['running', 'stopping', 'stopped'],
        `The instance '${i.id}' is not in a state from which it can be stopped.`,
      ),
    (i) => {
      if (i.state !== 'running') return;
      beginTransition(i, 'stopping', 'stopped', context.world.clock, EC2_DURATIONS.instanceStopping);
      i.stateTransitionReason = userInitiated(context.now);
      i.stateReason = USER_SHUTDOWN;
    },
  ),
}));

const terminateInstances = action<TerminateInstancesRequest, TerminateInstancesResult>(
  TerminateInstances$,
  (input, context) => ({
    TerminatingInstances: changeStates(
      context,
      input.InstanceIds,
      () => undefined,
      (i) => {
        if (i.state === 'terminated' || i.state === 'shutting-down') return;
        beginTransition(i, 'shutting-down', 'terminated', context.world.clock, EC2_DURATIONS.instanceShuttingDown);
        i.stateTransitionReason = userInitiated(context.now);
        i.stateReason = USER_SHUTDOWN;
      },
    ),
  }),
);

const rebootInstances = action<RebootInstancesRequest, object>(RebootInstances$, (input, context) => {
  changeStates(
    context,
    input.InstanceIds,
    (i) =>
      requireInstanceState(i, ['running'], `The instance '${i.id}' is not in a state from which it can be rebooted.`),
    // A reboot empties /run: services come back only if enabled (httpd started by hand stays off).
    (i) => clearRuntimeFiles(i.files),
  );
  return {};
});

export const ec2InstanceActions: Record<string, ActionDefinition> = {
  DescribeInstances: describeInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
  TerminateInstances: terminateInstances,
  RebootInstances: rebootInstances,
};
