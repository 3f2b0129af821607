// EC2 subnets: DescribeSubnets, with the free address count AWS reports (the subnet's usable
// addresses less those its live instances hold); CreateSubnet inside its VPC's block, DeleteSubnet with
// AWS's DependencyViolation, ModifySubnetAttribute (MapPublicIpOnLaunch).
import {
  CreateSubnet$,
  DeleteSubnet$,
  DescribeSubnets$,
  ModifySubnetAttribute$,
  type CreateSubnetRequest,
  type CreateSubnetResult,
  type DeleteSubnetRequest,
  type DescribeSubnetsRequest,
  type DescribeSubnetsResult,
  type ModifySubnetAttributeRequest,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { usableAddressCount } from '../core/addressing';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { availabilityZones } from '../core/geography';
import { tagList, type InstanceRecord, type RegionState, type SubnetRecord } from '../core/records';
import { PracticeError } from '../core/errors';
import { allowedPrefix, overlaps, validCidr, within } from './cidrs';
import { hasDependencies, invalidValue, oneById, required, specifiedTags } from './writeCommon';
import { holdsAddress, natGatewaysIn } from './natGateways';
import { dbInstancesIn } from '../rds/placement';

const arn = (context: RequestContext, resource: string) =>
  `arn:aws:ec2:${context.region}:${PRACTICE_ACCOUNT_ID}:${resource}`;

function subnetFields(context: RequestContext): FilterFields<SubnetRecord> {
  const zoneIds = new Map(availabilityZones(context.region).map((z) => [z.name, z.zoneId]));
  return {
    'subnet-id': (s) => s.id,
    'vpc-id': (s) => s.vpcId,
    'availability-zone': (s) => s.az,
    availabilityZone: (s) => s.az,
    'availability-zone-id': (s) => zoneIds.get(s.az),
    'cidr-block': (s) => s.cidr,
    cidr: (s) => s.cidr,
    cidrBlock: (s) => s.cidr,
    'default-for-az': (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'owner-id': () => PRACTICE_ACCOUNT_ID,
    state: (s) => s.state,
    'subnet-arn': (s) => arn(context, `subnet/${s.id}`),
  };
}

/** Private IPs in use per subnet (instances that still hold one). */
function usedAddressCounts(instances: readonly InstanceRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of instances) if (i.state !== 'terminated') counts.set(i.subnetId, (counts.get(i.subnetId) ?? 0) + 1);
  return counts;
}

function subnetView(context: RequestContext, s: SubnetRecord, used: number): Subnet {
  const zoneIds = new Map(availabilityZones(context.region).map((z) => [z.name, z.zoneId]));
  return {
    AvailabilityZone: s.az,
    AvailabilityZoneId: zoneIds.get(s.az),
    AvailableIpAddressCount: usableAddressCount(s.cidr) - used,
    CidrBlock: s.cidr,
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    MapCustomerOwnedIpOnLaunch: false,
    State: s.state,
    SubnetId: s.id,
    VpcId: s.vpcId,
    OwnerId: PRACTICE_ACCOUNT_ID,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Tags: tagList(s.tags),
    SubnetArn: arn(context, `subnet/${s.id}`),
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
  };
}

const describeSubnets = action<DescribeSubnetsRequest, DescribeSubnetsResult>(DescribeSubnets$, (input, context) => {
  const pager = ec2Pager(input, { parameter: 'subnetIds', values: input.SubnetIds }, 'subnets', 5, 1000);
  const { records } = context;
  const selected = selectByIds(records.subnets, input.SubnetIds, (s) => s.id, ID_RULES.subnet);
  const filtered = applyFilters(selected, input.Filters, subnetFields(context), (s) => s.tags);
  const page = pager(filtered);
  const used = usedAddressCounts(records.instances);
  // A NAT gateway's network interface takes an address of its subnet too.
  for (const n of records.natGateways) if (holdsAddress(n)) used.set(n.subnetId, (used.get(n.subnetId) ?? 0) + 1);
  return {
    Subnets: page.items.map((s) => subnetView(context, s, used.get(s.id) ?? 0)),
    NextToken: page.next,
  };
});

/** The subnet's zone: AvailabilityZone or AvailabilityZoneId (not both), else the region's first, as AWS picks one. */
function subnetZone(context: RequestContext, input: CreateSubnetRequest): string {
  const zones = availabilityZones(context.region);
  if (input.AvailabilityZone && input.AvailabilityZoneId) {
    throw new PracticeError(
      'InvalidParameterCombination',
      'Only one of availabilityZone or availabilityZoneId may be specified.',
    );
  }
  const wanted = input.AvailabilityZone ?? input.AvailabilityZoneId;
  if (wanted === undefined) return zones[0]?.name ?? `${context.region}a`;
  const zone = zones.find((z) => z.name === wanted || z.zoneId === wanted);
  if (!zone) {
    const parameter = input.AvailabilityZone ? 'availabilityZone' : 'availabilityZoneId';
    throw invalidValue(
      `Value (${wanted}) for parameter ${parameter} is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.name).join(', ')}.`,
    );
  }
  return zone.name;
}

const createSubnet = action<CreateSubnetRequest, CreateSubnetResult>(CreateSubnet$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
  const cidr = required(input.CidrBlock, 'cidrBlock');
  const { prefix } = validCidr(cidr, 'cidrBlock');
  if (!allowedPrefix(prefix) || !within(cidr, vpc.cidr)) {
    throw new PracticeError('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
  }
  if (records.subnets.some((s) => s.vpcId === vpc.id && overlaps(s.cidr, cidr))) {
    throw new PracticeError('InvalidSubnet.Conflict', `The CIDR '${cidr}' conflicts with another subnet`);
  }
  const az = subnetZone(context, input);
  const tags = specifiedTags(input.TagSpecifications, ['subnet'])['subnet'] ?? {};
  const subnet: SubnetRecord = {
    id: context.world.newId('subnet'),
    vpcId: vpc.id,
    az,
    cidr,
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    state: 'available',
    tags,
  };
  records.subnets.push(subnet);
  context.world.changed();
  return { Subnet: { ...subnetView(context, subnet, 0), State: 'pending' } };
});

/** What keeps a subnet from being deleted: the network interfaces in it (instances, load balancer nodes, NAT gateways). */
function subnetDependents(records: RegionState, subnetId: string): string[] {
  return [
    ...records.instances.filter((i) => i.state !== 'terminated' && i.subnetId === subnetId).map((i) => i.id),
    ...records.loadBalancers.filter((lb) => lb.zones.some((z) => z.subnetId === subnetId)).map((lb) => lb.arn),
    ...(records.classicLoadBalancers ?? [])
      .filter((lb) => lb.zones.some((z) => z.subnetId === subnetId))
      .map((lb) => lb.name),
    ...natGatewaysIn(records, subnetId),
    // A DB instance's (or its Multi-AZ standby's) address in the subnet, as AWS's RDS network interface holds it.
    ...dbInstancesIn(records, subnetId),
  ];
}

const deleteSubnet = action<DeleteSubnetRequest, object>(DeleteSubnet$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const subnet = oneById(records.subnets, input.SubnetId, (s) => s.id, ID_RULES.subnet, 'SubnetId');
  if (subnetDependents(records, subnet.id).length) {
    throw hasDependencies('subnet', subnet.id);
  }
  // Its route table association goes with it, as on AWS.
  for (const table of records.routeTables) table.subnetIds = table.subnetIds.filter((id) => id !== subnet.id);
  records.subnets.splice(records.subnets.indexOf(subnet), 1);
  context.world.changed();
  return {};
});

const modifySubnetAttribute = action<ModifySubnetAttributeRequest, object>(ModifySubnetAttribute$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const subnet = oneById(records.subnets, input.SubnetId, (s) => s.id, ID_RULES.subnet, 'SubnetId');
  const value = input.MapPublicIpOnLaunch?.Value;
  if (value === undefined)
    throw new PracticeError('MissingParameter', 'The request must contain the parameter mapPublicIpOnLaunch');
  subnet.mapPublicIpOnLaunch = value;
  context.world.changed();
  return {};
});

export const ec2SubnetActions: Record<string, ActionDefinition> = {
  DescribeSubnets: describeSubnets,
  CreateSubnet: createSubnet,
  DeleteSubnet: deleteSubnet,
  ModifySubnetAttribute: modifySubnetAttribute,
};
