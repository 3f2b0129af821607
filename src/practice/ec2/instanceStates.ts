// EC2 instance lifecycle: Start/Stop/Terminate/RebootInstances (each answers previous and current
// states; transitions end ~30 s later), DescribeInstanceStatus (status checks `initializing` -> `ok`),
// ModifyInstanceAttribute and DescribeInstanceAttribute.
import {
  DescribeInstanceAttribute$,
  DescribeInstanceStatus$,
  ModifyInstanceAttribute$,
  RebootInstances$,
  StartInstances$,
  StopInstances$,
  TerminateInstances$,
  type DescribeInstanceAttributeRequest,
  type DescribeInstanceStatusRequest,
  type DescribeInstanceStatusResult,
  type InstanceAttribute,
  type InstanceStateChange,
  type InstanceStateName as SdkInstanceStateName,
  type InstanceStatus,
  type ModifyInstanceAttributeRequest,
  type RebootInstancesRequest,
  type StartInstancesRequest,
  type StartInstancesResult,
  type StopInstancesRequest,
  type StopInstancesResult,
  type TerminateInstancesRequest,
  type TerminateInstancesResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePublicIp } from '../core/addressing';
import { ID_RULES, byKey, ec2Pager, groupIdentifiers } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { INSTANCE_STATE_CODES } from './instances';
import { instanceTypeFacts } from './instanceTypes';
import { EC2_DURATIONS, USER_SHUTDOWN, beginTransition, dueAt, statusChecks, userInitiated } from './transitions';
import { incorrectInstanceState, invalidValue, missingParameter, oneById, requireInstanceState } from './writeCommon';
import { PracticeError } from '../core/errors';
import { clearRuntimeFiles } from '../machine/httpd';
import type { InstanceRecord, InstanceStateName, RegionState } from '../core/records';
import { isBase64 } from '../machine/userData';

const stateOf = (name: InstanceStateName) => ({ Code: INSTANCE_STATE_CODES[name], Name: name as SdkInstanceStateName });

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

// ---- DescribeInstanceStatus ----------------------------------------------------------------------------

function statusView(instance: InstanceRecord, now: Date): InstanceStatus {
  const status = statusChecks(instance, now);
  const detail = (name: string) =>
    status === 'not-applicable'
      ? []
      : [{ Name: name as 'reachability', Status: status === 'ok' ? ('passed' as const) : ('initializing' as const) }];
  return {
    AvailabilityZone: instance.az,
    InstanceId: instance.id,
    InstanceState: stateOf(instance.state),
    InstanceStatus: { Status: status, Details: detail('reachability') },
    SystemStatus: { Status: status, Details: detail('reachability') },
    AttachedEbsStatus: { Status: status, Details: detail('reachability') },
    Events: [],
  };
}

function statusFields(now: Date): FilterFields<InstanceRecord> {
  const reachability = (i: InstanceRecord) => {
    const status = statusChecks(i, now);
    return status === 'ok' ? 'passed' : status === 'initializing' ? 'initializing' : undefined;
  };
  return {
    'availability-zone': (i) => i.az,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => INSTANCE_STATE_CODES[i.state],
    'instance-status.status': (i) => statusChecks(i, now),
    'instance-status.reachability': reachability,
    'system-status.status': (i) => statusChecks(i, now),
    'system-status.reachability': reachability,
    'attached-ebs-status.status': (i) => statusChecks(i, now),
  };
}

const describeInstanceStatus = action<DescribeInstanceStatusRequest, DescribeInstanceStatusResult>(
  DescribeInstanceStatus$,
  (input, context) => {
    const pager = ec2Pager(input, { parameter: 'instancesSet', values: input.InstanceIds }, 'instance-status', 5, 1000);
    const selected = selectByIds(context.records.instances, input.InstanceIds, (i) => i.id, ID_RULES.instance);
    // Without IncludeAllInstances, only running instances are listed (AWS's default).
    const shown = input.IncludeAllInstances
      ? selected.filter((i) => i.state !== 'terminated' || input.InstanceIds?.includes(i.id))
      : selected.filter((i) => i.state === 'running');
    const page = pager(applyFilters(shown, input.Filters, statusFields(context.now), () => ({})));
    return { InstanceStatuses: page.items.map((i) => statusView(i, context.now)), NextToken: page.next };
  },
);

// ---- ModifyInstanceAttribute / DescribeInstanceAttribute ---------------------------------------------

const modifyInstanceAttribute = action<ModifyInstanceAttributeRequest, object>(
  ModifyInstanceAttribute$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const instance = oneById(records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
    const given = (
      [
        ['groupSet', input.Groups?.length],
        ['instanceType', input.InstanceType],
        ['userData', input.UserData],
        ['sourceDestCheck', input.SourceDestCheck],
        ['disableApiTermination', input.DisableApiTermination],
        ['attribute', input.Attribute],
      ] as const
    ).filter(([, value]) => value !== undefined && value !== 0);
    if (given.length === 0) throw missingParameter('Attribute');
    if (given.length > 1) {
      throw new PracticeError(
        'InvalidParameterCombination',
        `Fields for multiple attribute types specified: ${given.map(([name]) => name).join(', ')}`,
      );
    }
    if (instance.state === 'terminated' || instance.state === 'shutting-down') throw incorrectInstanceState(instance);
    if (input.Groups?.length) {
      const groups = selectByIds(records.securityGroups, input.Groups, (g) => g.id, ID_RULES.securityGroup);
      const foreign = groups.find((g) => g.vpcId !== instance.vpcId);
      if (foreign)
        throw new PracticeError(
          'InvalidGroup.NotFound',
          `You have specified two resources that belong to different networks.`,
        );
      instance.securityGroupIds = groups.map((g) => g.id);
    } else if (input.InstanceType?.Value) {
      requireInstanceState(instance, ['stopped'], `The instance '${instance.id}' is not in the 'stopped' state.`);
      const type = instanceTypeFacts(context.region, input.InstanceType.Value);
      if (!type) throw invalidValue(`Invalid value '${input.InstanceType.Value}' for InstanceType.`);
      if (type.architecture !== instance.architecture)
        throw invalidValue(
          `The instance type '${type.name}' does not support the instance's architecture '${instance.architecture}'.`,
        );
      instance.type = type.name;
    } else if (input.UserData) {
      requireInstanceState(instance, ['stopped'], `The instance '${instance.id}' is not in the 'stopped' state.`);
      // A blob: base64 on the wire (the SDK encodes the bytes it is given), stored as RunInstances stores it.
      const value = String(input.UserData.Value ?? '');
      if (value && !isBase64(value)) throw invalidValue('Invalid BASE64 encoding of user data.');
      instance.userData = value || undefined;
    } else if (input.SourceDestCheck) {
      // Accepted and not modelled: the practice network does no routing through instances.
    } else {
      throw new PracticeError(
        'UnsupportedOperation',
        `The practice account does not model the attribute ${given[0]?.[0] ?? ''}.`,
      );
    }
    context.world.changed();
    return {};
  },
);

const describeInstanceAttribute = action<DescribeInstanceAttributeRequest, InstanceAttribute>(
  DescribeInstanceAttribute$,
  (input, context) => {
    const instance = oneById(context.records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
    const attribute = input.Attribute;
    if (!attribute) throw missingParameter('Attribute');
    const base = { InstanceId: instance.id };
    switch (attribute) {
      case 'instanceType':
        return { ...base, InstanceType: { Value: instance.type } };
      case 'userData':
        return { ...base, UserData: instance.userData ? { Value: instance.userData } : {} };
      case 'groupSet':
        return {
          ...base,
          Groups: groupIdentifiers(
            instance.securityGroupIds,
            byKey(context.records.securityGroups, (g) => g.id),
          ),
        };
      case 'rootDeviceName':
        return { ...base, RootDeviceName: { Value: instance.rootDeviceName } };
      case 'blockDeviceMapping':
        return {
          ...base,
          BlockDeviceMappings: instance.blockDevices.map((b) => ({
            DeviceName: b.device,
            Ebs: {
              AttachTime: new Date(b.attachTime),
              DeleteOnTermination: b.deleteOnTermination,
              Status: 'attached',
              VolumeId: b.volumeId,
            },
          })),
        };
      case 'disableApiTermination':
        return { ...base, DisableApiTermination: { Value: false } };
      case 'disableApiStop':
        return { ...base, DisableApiStop: { Value: false } };
      case 'instanceInitiatedShutdownBehavior':
        return { ...base, InstanceInitiatedShutdownBehavior: { Value: 'stop' } };
      case 'sourceDestCheck':
        return { ...base, SourceDestCheck: { Value: true } };
      case 'ebsOptimized':
        return { ...base, EbsOptimized: { Value: false } };
      case 'enaSupport':
        return { ...base, EnaSupport: { Value: true } };
      default:
        throw invalidValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    }
  },
);

export const ec2InstanceWriteActions: Record<string, ActionDefinition> = {
  StartInstances: startInstances,
  StopInstances: stopInstances,
  TerminateInstances: terminateInstances,
  RebootInstances: rebootInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  ModifyInstanceAttribute: modifyInstanceAttribute,
  DescribeInstanceAttribute: describeInstanceAttribute,
};
