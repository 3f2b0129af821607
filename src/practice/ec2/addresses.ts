// Elastic IPs: DescribeAddresses, AllocateAddress (5 per region, as AWS's default quota),
// AssociateAddress (to an instance or its network interface; the instance's auto-assigned public IP is
// released), DisassociateAddress (a running instance that auto-assigns gets a new public IP) and
// ReleaseAddress.
import {
  AllocateAddress$,
  AssociateAddress$,
  DescribeAddresses$,
  DisassociateAddress$,
  ReleaseAddress$,
  type AllocateAddressRequest,
  type AllocateAddressResult,
  type AssociateAddressRequest,
  type AssociateAddressResult,
  type DescribeAddressesRequest,
  type DescribeAddressesResult,
  type DisassociateAddressRequest,
  type ReleaseAddressRequest,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePublicIp } from '../core/addressing';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { incorrectInstanceState, invalidValue, missingParameter, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { derivedId } from '../core/ids';
import { natHolding } from './natGateways';
import { tagList, type AddressRecord, type InstanceRecord, type RegionState } from '../core/records';

function addressFields(region: string): FilterFields<AddressRecord> {
  return {
    'allocation-id': (a) => a.allocationId,
    'association-id': (a) => a.association?.id,
    domain: () => 'vpc',
    'instance-id': (a) => a.association?.instanceId,
    'network-interface-id': (a) => a.association?.networkInterfaceId,
    'network-interface-owner-id': (a) => (a.association ? PRACTICE_ACCOUNT_ID : undefined),
    'private-ip-address': (a) => a.association?.privateIp,
    'public-ip': (a) => a.publicIp,
    'network-border-group': () => region,
  };
}

const describeAddresses = action<DescribeAddressesRequest, DescribeAddressesResult>(
  DescribeAddresses$,
  (input, context) => {
    const { records } = context;
    let selected = selectByIds(records.addresses, input.AllocationIds, (a) => a.allocationId, ID_RULES.allocation);
    if (input.PublicIps?.length) {
      const missing = input.PublicIps.filter((ip) => !selected.some((a) => a.publicIp === ip));
      if (missing.length) throw new PracticeError('InvalidAddress.NotFound', `Address '${missing[0]}' not found.`);
      selected = selected.filter((a) => input.PublicIps?.includes(a.publicIp));
    }
    const filtered = applyFilters(selected, input.Filters, addressFields(context.region), (a) => a.tags);
    return {
      Addresses: filtered.map((a) => ({
        AllocationId: a.allocationId,
        AssociationId: a.association?.id,
        Domain: 'vpc',
        InstanceId: a.association?.instanceId,
        NetworkInterfaceId: a.association?.networkInterfaceId,
        NetworkInterfaceOwnerId: a.association ? PRACTICE_ACCOUNT_ID : undefined,
        PrivateIpAddress: a.association?.privateIp,
        ...natAssociation(records, a),
        PublicIp: a.publicIp,
        PublicIpv4Pool: 'amazon',
        NetworkBorderGroup: context.region,
        Tags: tagList(a.tags),
      })),
    };
  },
);

/** A NAT gateway's hold on the address shows as an association with its network interface, as on AWS. */
function natAssociation(records: RegionState, a: AddressRecord) {
  const nat = a.association ? undefined : natHolding(records, a.allocationId);
  if (!nat) return {};
  return {
    AssociationId: derivedId('eipassoc', a.allocationId, nat.id),
    NetworkInterfaceId: nat.networkInterfaceId,
    NetworkInterfaceOwnerId: PRACTICE_ACCOUNT_ID,
    PrivateIpAddress: nat.privateIp,
  };
}

export const ELASTIC_IP_LIMIT = 5;

function takenPublicIps(records: RegionState): Set<string> {
  return new Set([
    ...records.addresses.map((a) => a.publicIp),
    ...records.instances.flatMap((i) => (i.autoPublicIp ? [i.autoPublicIp] : [])),
  ]);
}

const allocateAddress = action<AllocateAddressRequest, AllocateAddressResult>(AllocateAddress$, (input, context) => {
  if (input.Domain && input.Domain !== 'vpc' && input.Domain !== 'standard')
    throw invalidValue(`Invalid value '${input.Domain}' for domain.`);
  if (input.Address)
    throw new PracticeError(
      'UnsupportedOperation',
      'The practice account does not recover or bring your own addresses.',
    );
  const tags = specifiedTags(input.TagSpecifications, ['elastic-ip'])['elastic-ip'] ?? {};
  const records = context.world.writableRegion(context.region);
  if (records.addresses.length >= ELASTIC_IP_LIMIT) {
    throw new PracticeError('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
  }
  const address: AddressRecord = {
    allocationId: context.world.newId('eipalloc'),
    publicIp: allocatePublicIp(context.world, takenPublicIps(records)),
    tags,
  };
  records.addresses.push(address);
  context.world.changed();
  return {
    AllocationId: address.allocationId,
    PublicIp: address.publicIp,
    Domain: 'vpc',
    PublicIpv4Pool: 'amazon',
    NetworkBorderGroup: context.region,
  };
});

/** The address an action names: AllocationId, else PublicIp. */
function namedAddress(records: RegionState, input: { AllocationId?: string; PublicIp?: string }): AddressRecord {
  if (input.AllocationId) {
    const [address] = selectByIds(records.addresses, [input.AllocationId], (a) => a.allocationId, ID_RULES.allocation);
    if (address) return address;
  }
  if (input.PublicIp) {
    const address = records.addresses.find((a) => a.publicIp === input.PublicIp);
    if (!address) throw new PracticeError('InvalidAddress.NotFound', `Address '${input.PublicIp}' not found.`);
    return address;
  }
  throw missingParameter('AllocationId');
}

/** A running instance that auto-assigns public IPs gets one again when its Elastic IP leaves. */
function restoreAutoIp(context: RequestContext, records: RegionState, instance: InstanceRecord | undefined): void {
  if (
    !instance ||
    instance.state === 'stopped' ||
    instance.state === 'stopping' ||
    instance.state === 'terminated' ||
    instance.state === 'shutting-down'
  )
    return;
  const subnet = records.subnets.find((s) => s.id === instance.subnetId);
  if (instance.autoAssignPublicIp ?? subnet?.mapPublicIpOnLaunch)
    instance.autoPublicIp = allocatePublicIp(context.world, takenPublicIps(records));
}

const associateAddress = action<AssociateAddressRequest, AssociateAddressResult>(
  AssociateAddress$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const address = namedAddress(records, input);
    let instance: InstanceRecord | undefined;
    if (input.InstanceId) {
      [instance] = selectByIds(records.instances, [input.InstanceId], (i) => i.id, ID_RULES.instance);
    } else if (input.NetworkInterfaceId) {
      const live = records.instances.filter((i) => i.state !== 'terminated');
      [instance] = selectByIds(live, [input.NetworkInterfaceId], (i) => i.eni.id, ID_RULES.networkInterface);
    } else {
      throw new PracticeError('MissingParameter', 'Either an instance ID or a network interface ID must be specified');
    }
    if (!instance) throw missingParameter('InstanceId');
    if (instance.state !== 'running' && instance.state !== 'stopped') {
      throw incorrectInstanceState(
        instance,
        `The ${instance.state} instance '${instance.id}' is not in a valid state for this operation.`,
      );
    }
    if (input.PrivateIpAddress && input.PrivateIpAddress !== instance.privateIp) {
      throw invalidValue(
        `The private IP address ${input.PrivateIpAddress} is not associated with the network interface ${instance.eni.id}`,
      );
    }
    if (address.association?.instanceId === instance.id && address.association.id)
      return { AssociationId: address.association.id };
    const nat = natHolding(records, address.allocationId);
    if (nat) {
      throw new PracticeError(
        'Resource.AlreadyAssociated',
        `resource ${address.allocationId} is already associated with NAT gateway ${nat.id}`,
      );
    }
    if (address.association && !input.AllowReassociation) {
      throw new PracticeError(
        'Resource.AlreadyAssociated',
        `resource ${address.allocationId} is already associated with associate-id ${address.association.id}`,
      );
    }
    const previousHolder =
      address.association && records.instances.find((i) => i.id === address.association?.instanceId);
    // The instance's other Elastic IP (one per private IP) is replaced; its auto-assigned IP is released.
    for (const other of records.addresses)
      if (other !== address && other.association?.instanceId === instance.id) delete other.association;
    delete instance.autoPublicIp;
    address.association = {
      id: context.world.newId('eipassoc'),
      instanceId: instance.id,
      networkInterfaceId: instance.eni.id,
      privateIp: instance.privateIp,
    };
    if (previousHolder && previousHolder !== instance) restoreAutoIp(context, records, previousHolder);
    context.world.changed();
    return { AssociationId: address.association.id };
  },
);

const disassociateAddress = action<DisassociateAddressRequest, object>(DisassociateAddress$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  let address: AddressRecord | undefined;
  if (input.AssociationId) {
    if (!/^eipassoc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(input.AssociationId)) {
      throw new PracticeError(
        'InvalidAssociationID.Malformed',
        `Invalid id: "${input.AssociationId}" (expecting "eipassoc-...")`,
      );
    }
    address = records.addresses.find((a) => a.association?.id === input.AssociationId);
    if (!address)
      throw new PracticeError(
        'InvalidAssociationID.NotFound',
        `The association ID '${input.AssociationId}' does not exist`,
      );
  } else if (input.PublicIp) {
    address = records.addresses.find((a) => a.publicIp === input.PublicIp);
    if (!address) throw new PracticeError('InvalidAddress.NotFound', `Address '${input.PublicIp}' not found.`);
    if (!address.association) return {};
  } else {
    throw missingParameter('AssociationId');
  }
  const instance = records.instances.find((i) => i.id === address?.association?.instanceId);
  delete address.association;
  restoreAutoIp(context, records, instance);
  context.world.changed();
  return {};
});

const releaseAddress = action<ReleaseAddressRequest, object>(ReleaseAddress$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const address = namedAddress(records, input);
  if (address.association || natHolding(records, address.allocationId)) {
    throw new PracticeError(
      'InvalidIPAddress.InUse',
      `Address ${address.publicIp} (allocation ${address.allocationId}) is in use.`,
    );
  }
  records.addresses.splice(records.addresses.indexOf(address), 1);
  context.world.changed();
  return {};
});

export const ec2AddressActions: Record<string, ActionDefinition> = {
  DescribeAddresses: describeAddresses,
  AllocateAddress: allocateAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  ReleaseAddress: releaseAddress,
};
