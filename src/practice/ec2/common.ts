// Pieces every EC2 answer shares: tag sets, pages, ID-list errors, and the instance's network
// interface (DescribeInstances and DescribeNetworkInterfaces show the same one).
import type { InstanceNetworkInterface, NetworkInterface } from '@aws-sdk/client-ec2';
import type { RequestContext } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { PracticeError } from '../core/errors';
import { notFoundMessage, type IdRules } from './filters';
import { privateDnsName, publicDnsName } from '../core/geography';
import { ec2Rules, paginate, type Page } from '../core/pagination';
import type { AddressRecord, InstanceRecord, SecurityGroupRecord } from '../core/records';

/**
 * EC2 paging, checked before anything else as AWS does: MaxResults within [min, max], never together
 * with an ID list, a token of this listing. Returns the function that cuts the page.
 */
export function ec2Pager(
  input: { MaxResults?: number; NextToken?: string },
  ids: { parameter: string; values?: readonly string[] },
  listing: string,
  min: number,
  max: number,
  clampAboveMax = false,
): <T>(items: readonly T[]) => Page<T> {
  if (input.MaxResults !== undefined && ids.values?.length) {
    throw new PracticeError(
      'InvalidParameterCombination',
      `The parameter ${ids.parameter} cannot be used with the parameter maxResults`,
    );
  }
  const request = { token: input.NextToken, size: input.MaxResults };
  const rules = ec2Rules(listing, min, max, clampAboveMax);
  paginate([], request, rules); // validates size and token now
  return (items) => paginate(items, request, rules);
}

/** ID rules for an EC2 resource: `<Noun>ID.Malformed` and `<Noun>.NotFound` as AWS spells them. */
export function idRules(prefix: string, malformedCode: string, notFoundCode: string, noun: string): IdRules {
  return {
    prefix,
    malformedCode,
    notFound: (missing) => new PracticeError(notFoundCode, notFoundMessage(noun, missing)),
  };
}

export const ID_RULES = {
  instance: idRules('i', 'InvalidInstanceID.Malformed', 'InvalidInstanceID.NotFound', 'instance'),
  volume: idRules('vol', 'InvalidVolumeID.Malformed', 'InvalidVolume.NotFound', 'volume'),
  snapshot: idRules('snap', 'InvalidSnapshotID.Malformed', 'InvalidSnapshot.NotFound', 'snapshot'),
  image: idRules('ami', 'InvalidAMIID.Malformed', 'InvalidAMIID.NotFound', 'image'),
  vpc: idRules('vpc', 'InvalidVpcID.Malformed', 'InvalidVpcID.NotFound', 'vpc'),
  subnet: idRules('subnet', 'InvalidSubnetID.Malformed', 'InvalidSubnetID.NotFound', 'subnet'),
  routeTable: idRules('rtb', 'InvalidRouteTableID.Malformed', 'InvalidRouteTableID.NotFound', 'route table'),
  internetGateway: idRules(
    'igw',
    'InvalidInternetGatewayID.Malformed',
    'InvalidInternetGatewayID.NotFound',
    'internet gateway',
  ),
  securityGroup: {
    prefix: 'sg',
    malformedCode: 'InvalidGroupId.Malformed',
    notFound: (missing: readonly string[]) =>
      new PracticeError('InvalidGroup.NotFound', `The security group '${missing.join(', ')}' does not exist`),
  },
  allocation: idRules('eipalloc', 'InvalidAllocationID.Malformed', 'InvalidAllocationID.NotFound', 'allocation'),
  networkInterface: idRules(
    'eni',
    'InvalidNetworkInterfaceID.Malformed',
    'InvalidNetworkInterfaceID.NotFound',
    'network interface',
  ),
  keyPair: idRules('key', 'InvalidKeyPair.Malformed', 'InvalidKeyPair.NotFound', 'key pair'),
} satisfies Record<string, IdRules>;

/** Elastic IPs by the instance they are associated with. */
export function elasticIpsByInstance(addresses: readonly AddressRecord[]): Map<string, AddressRecord> {
  const map = new Map<string, AddressRecord>();
  for (const address of addresses) if (address.association) map.set(address.association.instanceId, address);
  return map;
}

/** The address the world sees an instance at: its Elastic IP, else its auto-assigned public IP. */
export function publicAddress(
  instance: InstanceRecord,
  eip: AddressRecord | undefined,
): { ip: string; ownerId: string } | undefined {
  if (eip) return { ip: eip.publicIp, ownerId: PRACTICE_ACCOUNT_ID };
  if (instance.autoPublicIp) return { ip: instance.autoPublicIp, ownerId: 'amazon' };
  return undefined;
}

export function groupIdentifiers(
  ids: readonly string[],
  groups: ReadonlyMap<string, SecurityGroupRecord>,
): { GroupId: string; GroupName: string }[] {
  return ids.map((id) => ({ GroupId: id, GroupName: groups.get(id)?.name ?? '' }));
}

/** An instance's primary network interface, as DescribeInstances nests it. */
export function instanceInterface(
  instance: InstanceRecord,
  eip: AddressRecord | undefined,
  groups: ReadonlyMap<string, SecurityGroupRecord>,
  context: RequestContext,
): InstanceNetworkInterface {
  const pub = publicAddress(instance, eip);
  const association = pub && {
    IpOwnerId: pub.ownerId,
    PublicDnsName: publicDnsName(context.region, pub.ip),
    PublicIp: pub.ip,
  };
  const privateDns = privateDnsName(context.region, instance.privateIp);
  return {
    Association: association,
    Attachment: {
      AttachTime: new Date(instance.launchTime),
      AttachmentId: instance.eni.attachmentId,
      DeleteOnTermination: true,
      DeviceIndex: 0,
      NetworkCardIndex: 0,
      Status: 'attached',
    },
    Description: '',
    Groups: groupIdentifiers(instance.securityGroupIds, groups),
    Ipv6Addresses: [],
    MacAddress: instance.eni.macAddress,
    NetworkInterfaceId: instance.eni.id,
    OwnerId: PRACTICE_ACCOUNT_ID,
    PrivateDnsName: privateDns,
    PrivateIpAddress: instance.privateIp,
    PrivateIpAddresses: [
      { Association: association, Primary: true, PrivateDnsName: privateDns, PrivateIpAddress: instance.privateIp },
    ],
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: instance.subnetId,
    VpcId: instance.vpcId,
    InterfaceType: 'interface',
  };
}

/** The same interface as DescribeNetworkInterfaces lists it. */
export function networkInterface(
  instance: InstanceRecord,
  eip: AddressRecord | undefined,
  groups: ReadonlyMap<string, SecurityGroupRecord>,
  context: RequestContext,
): NetworkInterface {
  const nested = instanceInterface(instance, eip, groups, context);
  return {
    Association: nested.Association && {
      ...nested.Association,
      AllocationId: eip?.allocationId,
      AssociationId: eip?.association?.id,
    },
    Attachment: { ...nested.Attachment, InstanceId: instance.id, InstanceOwnerId: PRACTICE_ACCOUNT_ID },
    AvailabilityZone: instance.az,
    Description: '',
    Groups: nested.Groups,
    InterfaceType: 'interface',
    Ipv6Addresses: [],
    MacAddress: instance.eni.macAddress,
    NetworkInterfaceId: instance.eni.id,
    OwnerId: PRACTICE_ACCOUNT_ID,
    PrivateDnsName: nested.PrivateDnsName,
    PrivateIpAddress: instance.privateIp,
    PrivateIpAddresses: nested.PrivateIpAddresses?.map((p) => ({
      Association: p.Association && {
        ...nested.Association,
        AllocationId: eip?.allocationId,
        AssociationId: eip?.association?.id,
      },
      Primary: p.Primary,
      PrivateDnsName: p.PrivateDnsName,
      PrivateIpAddress: p.PrivateIpAddress,
    })),
    RequesterManaged: false,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: instance.subnetId,
    TagSet: [],
    VpcId: instance.vpcId,
  };
}

export function byKey<T>(records: readonly T[], key: (record: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const record of records) map.set(key(record), record);
  return map;
}
