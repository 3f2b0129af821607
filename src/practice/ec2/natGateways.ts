// EC2 NAT gateways: DescribeNatGateways (its filter parameter is `Filter`, not `Filters`, as in AWS's API),
// CreateNatGateway (pending, then available or failed with AWS's FailureCode) and DeleteNatGateway (deleting, then
// deleted). Deleted ones stay listed in state "deleted", as AWS lists them for about an hour. A public NAT gateway
// holds its Elastic IP while pending, available or deleting: the association goes with it, the address stays.
import { createHash } from 'node:crypto';
import {
  CreateNatGateway$,
  DeleteNatGateway$,
  DescribeNatGateways$,
  type CreateNatGatewayRequest,
  type CreateNatGatewayResult,
  type DeleteNatGatewayRequest,
  type DeleteNatGatewayResult,
  type DescribeNatGatewaysRequest,
  type DescribeNatGatewaysResult,
  type NatGateway,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { allocatePrivateIp, cidrContains } from '../core/addressing';
import { addressesInUse } from '../rds/placement';
import { PracticeError } from '../core/errors';
import { idRules, ec2Pager, ID_RULES } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { tagList, type NatGatewayRecord, type RegionState } from '../core/records';
import { dueAt } from './transitions';
import { invalidValue, missingParameter, oneById, required, specifiedTags } from './writeCommon';

export const NAT_GATEWAY_ID_RULES = idRules(
  'nat',
  'InvalidNatGatewayID.Malformed',
  'NatGatewayNotFound',
  'nat gateway',
);

/** AWS's typical durations at speed 1, in milliseconds. */
export const NAT_DURATIONS = {
  /** pending -> available (or failed). */
  pending: 60_000,
  /** deleting -> deleted. */
  deleting: 45_000,
} as const;

/** True while the NAT gateway holds its Elastic IP (and its network interface). */
export function holdsAddress(n: NatGatewayRecord): boolean {
  return !n.failure && (n.state === 'pending' || n.state === 'available' || n.state === 'deleting');
}

/** The NAT gateway holding this Elastic IP, if any. */
export function natHolding(records: RegionState, allocationId: string): NatGatewayRecord | undefined {
  return records.natGateways.find((n) => n.allocationId === allocationId && holdsAddress(n));
}

/** A route to a NAT gateway is active while it is pending or available; blackhole once it fails or is deleted. */
export function natRouteActive(records: RegionState, natGatewayId: string): boolean {
  const nat = records.natGateways.find((n) => n.id === natGatewayId);
  return nat !== undefined && !nat.failure && (nat.state === 'pending' || nat.state === 'available');
}

/** What keeps a subnet from being deleted: the NAT gateways in it that are not deleted. */
export function natGatewaysIn(records: RegionState, subnetId: string): string[] {
  return records.natGateways
    .filter((n) => n.subnetId === subnetId && n.state !== 'deleted' && n.state !== 'failed')
    .map((n) => n.id);
}

export function natGatewayView(records: RegionState, n: NatGatewayRecord): NatGateway {
  const address = n.allocationId ? records.addresses.find((a) => a.allocationId === n.allocationId) : undefined;
  const held = holdsAddress(n) || n.state === 'deleted';
  return {
    NatGatewayId: n.id,
    VpcId: n.vpcId,
    SubnetId: n.subnetId,
    State: n.state,
    ConnectivityType: n.connectivity,
    CreateTime: new Date(n.createTime),
    ...(n.deleteTime ? { DeleteTime: new Date(n.deleteTime) } : {}),
    ...(n.state === 'failed' && n.failure ? { FailureCode: n.failure.code, FailureMessage: n.failure.message } : {}),
    NatGatewayAddresses:
      n.connectivity === 'private' || (address && held)
        ? [
            {
              ...(address ? { AllocationId: address.allocationId, PublicIp: address.publicIp } : {}),
              NetworkInterfaceId: n.networkInterfaceId,
              PrivateIp: n.privateIp,
              IsPrimary: true,
              Status: n.state === 'deleted' ? 'disassociating' : 'succeeded',
            },
          ]
        : [],
    Tags: tagList(n.tags),
  };
}

const natGatewayFields: FilterFields<NatGatewayRecord> = {
  'nat-gateway-id': (n) => n.id,
  'vpc-id': (n) => n.vpcId,
  'subnet-id': (n) => n.subnetId,
  state: (n) => n.state,
};

const describeNatGateways = action<DescribeNatGatewaysRequest, DescribeNatGatewaysResult>(
  DescribeNatGateways$,
  (input, { records }) => {
    const pager = ec2Pager(input, { parameter: 'natGatewayIds', values: input.NatGatewayIds }, 'nat-gateways', 5, 1000);
    const selected = selectByIds(records.natGateways, input.NatGatewayIds, (n) => n.id, NAT_GATEWAY_ID_RULES);
    const filtered = applyFilters(selected, input.Filter, natGatewayFields, (n) => n.tags);
    const page = pager(filtered);
    return { NatGateways: page.items.map((n) => natGatewayView(records, n)), NextToken: page.next };
  },
);

/** What the same request would look like again: every parameter except the token itself. */
function requestDigest(input: CreateNatGatewayRequest): string {
  const { ClientToken: _token, DryRun: _dryRun, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** Why a public NAT gateway fails once pending ends, as AWS reports it (the call itself is accepted). */
function publicFailure(records: RegionState, vpcId: string, allocationId: string): NatGatewayRecord['failure'] {
  const address = records.addresses.find((a) => a.allocationId === allocationId);
  if (!address) {
    return {
      code: 'InvalidAllocationID.NotFound',
      message: `Elastic IP address ${allocationId} could not be associated with this NAT gateway`,
    };
  }
  if (address.association || natHolding(records, allocationId)) {
    return { code: 'Resource.AlreadyAssociated', message: `Elastic IP address ${allocationId} is already associated` };
  }
  if (!records.internetGateways.some((g) => g.vpcId === vpcId)) {
    return { code: 'Gateway.NotAttached', message: `Network ${vpcId} has no Internet gateway attached` };
  }
  return undefined;
}

const createNatGateway = action<CreateNatGatewayRequest, CreateNatGatewayResult>(
  CreateNatGateway$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const subnet = oneById(records.subnets, input.SubnetId, (s) => s.id, ID_RULES.subnet, 'SubnetId');
    const connectivity = input.ConnectivityType ?? 'public';
    if (connectivity !== 'public' && connectivity !== 'private')
      throw invalidValue(`Value (${String(connectivity)}) for parameter connectivityType is invalid.`);
    const token = input.ClientToken;
    const digest = requestDigest(input);
    const previous = token ? records.natGateways.find((n) => n.clientToken === token) : undefined;
    if (previous) {
      if (previous.clientDigest !== digest) {
        throw new PracticeError(
          'IdempotentParameterMismatch',
          'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
        );
      }
      return { ClientToken: token, NatGateway: natGatewayView(records, previous) };
    }
    const allocationId = input.AllocationId;
    if (connectivity === 'public') {
      if (!allocationId) throw missingParameter('AllocationId');
      if (!/^eipalloc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(allocationId)) {
        throw new PracticeError(
          'InvalidAllocationID.Malformed',
          `Invalid id: "${allocationId}" (expecting "eipalloc-...")`,
        );
      }
    } else if (allocationId) {
      throw new PracticeError(
        'InvalidParameterCombination',
        'An Elastic IP address cannot be associated with a private NAT gateway.',
      );
    }
    const tags = specifiedTags(input.TagSpecifications, ['natgateway'])['natgateway'] ?? {};
    const used = new Set([
      ...records.instances.filter((i) => i.state !== 'terminated' && i.subnetId === subnet.id).map((i) => i.privateIp),
      ...records.natGateways
        .filter((n) => n.subnetId === subnet.id && holdsAddress(n))
        .flatMap((n) => n.privateIp ?? []),
      // The load balancers' and databases' addresses in this subnet.
      ...[...addressesInUse(records)].filter((ip) => cidrContains(subnet.cidr, ip)),
    ]);
    const failure = allocationId ? publicFailure(records, subnet.vpcId, allocationId) : undefined;
    const nat: NatGatewayRecord = {
      id: context.world.newId('nat'),
      vpcId: subnet.vpcId,
      subnetId: subnet.id,
      connectivity,
      ...(allocationId ? { allocationId } : {}),
      state: 'pending',
      createTime: context.now.toISOString(),
      tags,
      networkInterfaceId: context.world.newId('eni'),
      privateIp: allocatePrivateIp(context.world, subnet.cidr, used),
      availableAt: dueAt(context.world.clock, NAT_DURATIONS.pending),
      ...(failure ? { failure } : {}),
      ...(token ? { clientToken: token, clientDigest: digest } : {}),
    };
    records.natGateways.push(nat);
    context.world.changed();
    return { ...(token ? { ClientToken: token } : {}), NatGateway: natGatewayView(records, nat) };
  },
);

const deleteNatGateway = action<DeleteNatGatewayRequest, DeleteNatGatewayResult>(
  DeleteNatGateway$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const id = required(input.NatGatewayId, 'NatGatewayId');
    const nat = oneById(records.natGateways, id, (n) => n.id, NAT_GATEWAY_ID_RULES, 'NatGatewayId');
    if (nat.state === 'deleted') throw new PracticeError('NatGatewayNotFound', `The Nat Gateway ${id} was not found`);
    if (nat.state !== 'deleting') {
      nat.state = 'deleting';
      delete nat.availableAt;
      nat.deletedAt = dueAt(context.world.clock, NAT_DURATIONS.deleting);
      context.world.changed();
    }
    return { NatGatewayId: nat.id };
  },
);

/** Applies the NAT gateways' due transitions; true when anything changed. */
export function advanceNatGateways(region: RegionState, now: Date): boolean {
  let changed = false;
  const due = (at: string | undefined) => at !== undefined && Date.parse(at) <= now.getTime();
  for (const nat of region.natGateways) {
    if (nat.state === 'pending' && due(nat.availableAt)) {
      nat.state = nat.failure ? 'failed' : 'available';
      delete nat.availableAt;
      changed = true;
    } else if (nat.state === 'deleting' && due(nat.deletedAt)) {
      nat.state = 'deleted';
      nat.deleteTime = nat.deletedAt;
      delete nat.deletedAt;
      changed = true;
    }
  }
  return changed;
}

export const ec2NatGatewayActions: Record<string, ActionDefinition> = {
  DescribeNatGateways: describeNatGateways,
  CreateNatGateway: createNatGateway,
  DeleteNatGateway: deleteNatGateway,
};
