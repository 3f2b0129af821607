// EC2 network reads: Availability Zones, VPCs, subnets, route tables, internet gateways, security
// groups, Elastic IPs and network interfaces.
import {
  DescribeAddresses$,
  DescribeAvailabilityZones$,
  DescribeInternetGateways$,
  DescribeNetworkInterfaces$,
  DescribeRouteTables$,
  DescribeSecurityGroups$,
  DescribeSubnets$,
  DescribeVpcs$,
  type DescribeAddressesRequest,
  type DescribeAddressesResult,
  type DescribeAvailabilityZonesRequest,
  type DescribeAvailabilityZonesResult,
  type DescribeInternetGatewaysRequest,
  type DescribeInternetGatewaysResult,
  type DescribeNetworkInterfacesRequest,
  type DescribeNetworkInterfacesResult,
  type DescribeRouteTablesRequest,
  type DescribeRouteTablesResult,
  type DescribeSecurityGroupsRequest,
  type DescribeSecurityGroupsResult,
  type DescribeSubnetsRequest,
  type DescribeSubnetsResult,
  type DescribeVpcsRequest,
  type DescribeVpcsResult,
  type AttachmentStatus,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { usableAddressCount } from '../core/addressing';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, byKey, ec2Pager, elasticIpsByInstance, networkInterface } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { PracticeError } from '../core/errors';
import { availabilityZones, type ZoneInfo } from '../core/geography';
import { derivedId } from '../core/ids';
import {
  tagList,
  type AddressRecord,
  type InstanceRecord,
  type InternetGatewayRecord,
  type PermissionRecord,
  type RouteTableRecord,
  type SecurityGroupRecord,
  type SubnetRecord,
  type VpcRecord,
} from '../core/records';

const arn = (context: RequestContext, resource: string) =>
  `arn:aws:ec2:${context.region}:${PRACTICE_ACCOUNT_ID}:${resource}`;

// ---- Availability Zones -------------------------------------------------------------------------

function zoneFields(region: string): FilterFields<ZoneInfo> {
  return {
    'zone-name': (z) => z.name,
    'zone-id': (z) => z.zoneId,
    'region-name': () => region,
    state: () => 'available',
    'zone-type': () => 'availability-zone',
    'opt-in-status': () => 'opt-in-not-required',
    'group-name': () => region,
    'network-border-group': () => region,
  };
}

const describeAvailabilityZones = action<DescribeAvailabilityZonesRequest, DescribeAvailabilityZonesResult>(
  DescribeAvailabilityZones$,
  (input, context) => {
    let zones = availabilityZones(context.region);
    for (const [names, key] of [
      [input.ZoneNames, 'name'],
      [input.ZoneIds, 'zoneId'],
    ] as const) {
      if (!names?.length) continue;
      const unknown = names.filter((n) => !zones.some((z) => z[key] === n));
      if (unknown.length)
        throw new PracticeError('InvalidParameterValue', `Invalid availability zone: [${unknown.join(', ')}]`);
      zones = zones.filter((z) => names.includes(z[key]));
    }
    zones = applyFilters(zones, input.Filters, zoneFields(context.region), () => ({}));
    return {
      AvailabilityZones: zones.map((z) => ({
        State: 'available',
        OptInStatus: 'opt-in-not-required',
        Messages: [],
        RegionName: context.region,
        ZoneName: z.name,
        ZoneId: z.zoneId,
        GroupName: context.region,
        NetworkBorderGroup: context.region,
        ZoneType: 'availability-zone',
      })),
    };
  },
);

// ---- VPCs -----------------------------------------------------------------------------------------

const vpcFields: FilterFields<VpcRecord> = {
  'vpc-id': (v) => v.id,
  cidr: (v) => v.cidr,
  'cidr-block': (v) => v.cidr,
  'cidr-block-association.cidr-block': (v) => v.cidr,
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'is-default': (v) => v.isDefault,
  isDefault: (v) => v.isDefault,
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  state: (v) => v.state,
};

const describeVpcs = action<DescribeVpcsRequest, DescribeVpcsResult>(DescribeVpcs$, (input, { records }) => {
  const pager = ec2Pager(input, { parameter: 'vpcIds', values: input.VpcIds }, 'vpcs', 5, 1000);
  const selected = selectByIds(records.vpcs, input.VpcIds, (v) => v.id, ID_RULES.vpc);
  const page = pager(applyFilters(selected, input.Filters, vpcFields, (v) => v.tags));
  return {
    Vpcs: page.items.map((v) => ({
      CidrBlock: v.cidr,
      DhcpOptionsId: v.dhcpOptionsId,
      State: v.state,
      VpcId: v.id,
      OwnerId: PRACTICE_ACCOUNT_ID,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        {
          AssociationId: derivedId('vpc-cidr-assoc', v.id),
          CidrBlock: v.cidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
      IsDefault: v.isDefault,
      Tags: tagList(v.tags),
    })),
    NextToken: page.next,
  };
});

// ---- Subnets --------------------------------------------------------------------------------------

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

const describeSubnets = action<DescribeSubnetsRequest, DescribeSubnetsResult>(DescribeSubnets$, (input, context) => {
  const pager = ec2Pager(input, { parameter: 'subnetIds', values: input.SubnetIds }, 'subnets', 5, 1000);
  const { records } = context;
  const selected = selectByIds(records.subnets, input.SubnetIds, (s) => s.id, ID_RULES.subnet);
  const filtered = applyFilters(selected, input.Filters, subnetFields(context), (s) => s.tags);
  const page = pager(filtered);
  const used = usedAddressCounts(records.instances);
  const zoneIds = new Map(availabilityZones(context.region).map((z) => [z.name, z.zoneId]));
  return {
    Subnets: page.items.map((s) => ({
      AvailabilityZone: s.az,
      AvailabilityZoneId: zoneIds.get(s.az),
      AvailableIpAddressCount: usableAddressCount(s.cidr) - (used.get(s.id) ?? 0),
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
    })),
    NextToken: page.next,
  };
});

// ---- Route tables ---------------------------------------------------------------------------------

const routeTableFields: FilterFields<RouteTableRecord> = {
  'route-table-id': (t) => t.id,
  'vpc-id': (t) => t.vpcId,
  'association.main': (t) => t.main,
  'association.subnet-id': (t) => t.subnetIds,
  'association.route-table-id': (t) => t.id,
  'association.route-table-association-id': (t) => [
    ...(t.main ? [derivedId('rtbassoc', t.id, 'main')] : []),
    ...t.subnetIds.map((s) => derivedId('rtbassoc', t.id, s)),
  ],
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destination),
  'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
  'route.nat-gateway-id': (t) => t.routes.map((r) => r.natGatewayId),
  'route.instance-id': (t) => t.routes.map((r) => r.instanceId),
  'route.state': () => 'active',
};

const describeRouteTables = action<DescribeRouteTablesRequest, DescribeRouteTablesResult>(
  DescribeRouteTables$,
  (input, { records }) => {
    const pager = ec2Pager(input, { parameter: 'routeTableIds', values: input.RouteTableIds }, 'route-tables', 5, 100);
    const selected = selectByIds(records.routeTables, input.RouteTableIds, (t) => t.id, ID_RULES.routeTable);
    const filtered = applyFilters(selected, input.Filters, routeTableFields, (t) => t.tags);
    const page = pager(filtered);
    return {
      RouteTables: page.items.map((t) => ({
        Associations: [
          ...(t.main
            ? [
                {
                  Main: true,
                  RouteTableAssociationId: derivedId('rtbassoc', t.id, 'main'),
                  RouteTableId: t.id,
                  AssociationState: { State: 'associated' as const },
                },
              ]
            : []),
          ...t.subnetIds.map((subnetId) => ({
            Main: false,
            RouteTableAssociationId: derivedId('rtbassoc', t.id, subnetId),
            RouteTableId: t.id,
            SubnetId: subnetId,
            AssociationState: { State: 'associated' as const },
          })),
        ],
        PropagatingVgws: [],
        RouteTableId: t.id,
        Routes: t.routes.map((r) => ({
          DestinationCidrBlock: r.destination,
          GatewayId: r.gatewayId,
          NatGatewayId: r.natGatewayId,
          InstanceId: r.instanceId,
          Origin: r.gatewayId === 'local' ? 'CreateRouteTable' : 'CreateRoute',
          State: 'active',
        })),
        Tags: tagList(t.tags),
        VpcId: t.vpcId,
        OwnerId: PRACTICE_ACCOUNT_ID,
      })),
      NextToken: page.next,
    };
  },
);

// ---- Internet gateways ----------------------------------------------------------------------------

const internetGatewayFields: FilterFields<InternetGatewayRecord> = {
  'internet-gateway-id': (g) => g.id,
  'attachment.vpc-id': (g) => g.vpcId,
  'attachment.state': (g) => (g.vpcId ? 'available' : undefined),
  'owner-id': () => PRACTICE_ACCOUNT_ID,
};

const describeInternetGateways = action<DescribeInternetGatewaysRequest, DescribeInternetGatewaysResult>(
  DescribeInternetGateways$,
  (input, { records }) => {
    const pager = ec2Pager(
      input,
      { parameter: 'internetGatewayIds', values: input.InternetGatewayIds },
      'internet-gateways',
      5,
      1000,
    );
    const selected = selectByIds(
      records.internetGateways,
      input.InternetGatewayIds,
      (g) => g.id,
      ID_RULES.internetGateway,
    );
    const filtered = applyFilters(selected, input.Filters, internetGatewayFields, (g) => g.tags);
    const page = pager(filtered);
    return {
      InternetGateways: page.items.map((g) => ({
        // An attached internet gateway reports "available" (not "attached"), as on AWS.
        Attachments: g.vpcId ? [{ State: 'available' as AttachmentStatus, VpcId: g.vpcId }] : [],
        InternetGatewayId: g.id,
        OwnerId: PRACTICE_ACCOUNT_ID,
        Tags: tagList(g.tags),
      })),
      NextToken: page.next,
    };
  },
);

// ---- Security groups ------------------------------------------------------------------------------

function ipPermission(p: PermissionRecord): IpPermission {
  const allTraffic = p.protocol === '-1';
  return {
    IpProtocol: p.protocol,
    FromPort: allTraffic ? undefined : p.fromPort,
    ToPort: allTraffic ? undefined : p.toPort,
    IpRanges: p.ipv4.map((r) => ({ CidrIp: r.cidr, Description: r.description })),
    Ipv6Ranges: p.ipv6.map((r) => ({ CidrIpv6: r.cidr, Description: r.description })),
    PrefixListIds: p.prefixLists.map((r) => ({ PrefixListId: r.prefixListId, Description: r.description })),
    UserIdGroupPairs: p.groups.map((g) => ({
      GroupId: g.groupId,
      UserId: PRACTICE_ACCOUNT_ID,
      Description: g.description,
    })),
  };
}

function permissionFields(
  prefix: string,
  permissions: (g: SecurityGroupRecord) => PermissionRecord[],
): FilterFields<SecurityGroupRecord> {
  return {
    [`${prefix}ip-permission.protocol`]: (g) => permissions(g).map((p) => p.protocol),
    [`${prefix}ip-permission.from-port`]: (g) => permissions(g).map((p) => p.fromPort),
    [`${prefix}ip-permission.to-port`]: (g) => permissions(g).map((p) => p.toPort),
    [`${prefix}ip-permission.cidr`]: (g) => permissions(g).flatMap((p) => p.ipv4.map((r) => r.cidr)),
    [`${prefix}ip-permission.ipv6-cidr`]: (g) => permissions(g).flatMap((p) => p.ipv6.map((r) => r.cidr)),
    [`${prefix}ip-permission.group-id`]: (g) => permissions(g).flatMap((p) => p.groups.map((r) => r.groupId)),
    [`${prefix}ip-permission.prefix-list-id`]: (g) =>
      permissions(g).flatMap((p) => p.prefixLists.map((r) => r.prefixListId)),
    [`${prefix}ip-permission.user-id`]: (g) =>
      permissions(g).some((p) => p.groups.length) ? PRACTICE_ACCOUNT_ID : undefined,
  };
}

const securityGroupFields: FilterFields<SecurityGroupRecord> = {
  'group-id': (g) => g.id,
  'group-name': (g) => g.name,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  ...permissionFields('', (g) => g.inbound),
  ...permissionFields('egress.', (g) => g.outbound),
};

const describeSecurityGroups = action<DescribeSecurityGroupsRequest, DescribeSecurityGroupsResult>(
  DescribeSecurityGroups$,
  (input, context) => {
    const ids = [...(input.GroupIds ?? []), ...(input.GroupNames ?? [])];
    const pager = ec2Pager(input, { parameter: 'groupIds', values: ids }, 'security-groups', 5, 1000);
    const { records } = context;
    let selected = selectByIds(records.securityGroups, input.GroupIds, (g) => g.id, ID_RULES.securityGroup);
    if (input.GroupNames?.length) {
      // By name, AWS looks in the default VPC only.
      const defaultVpc = records.vpcs.find((v) => v.isDefault);
      const inDefault = selected.filter((g) => g.vpcId === defaultVpc?.id);
      const missing = input.GroupNames.filter((n) => !inDefault.some((g) => g.name === n));
      if (missing.length) {
        throw new PracticeError(
          'InvalidGroup.NotFound',
          `The security group '${missing.join(', ')}' does not exist in default VPC '${defaultVpc?.id ?? 'none'}'`,
        );
      }
      selected = inDefault.filter((g) => input.GroupNames?.includes(g.name));
    }
    const filtered = applyFilters(selected, input.Filters, securityGroupFields, (g) => g.tags);
    const page = pager(filtered);
    return {
      SecurityGroups: page.items.map((g) => ({
        Description: g.description,
        GroupName: g.name,
        IpPermissions: g.inbound.map(ipPermission),
        OwnerId: PRACTICE_ACCOUNT_ID,
        GroupId: g.id,
        IpPermissionsEgress: g.outbound.map(ipPermission),
        Tags: tagList(g.tags),
        VpcId: g.vpcId,
        SecurityGroupArn: arn(context, `security-group/${g.id}`),
      })),
      NextToken: page.next,
    };
  },
);

// ---- Elastic IPs ----------------------------------------------------------------------------------

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
        PublicIp: a.publicIp,
        PublicIpv4Pool: 'amazon',
        NetworkBorderGroup: context.region,
        Tags: tagList(a.tags),
      })),
    };
  },
);

// ---- Network interfaces (instances' primary interfaces) ---------------------------------------------

const describeNetworkInterfaces = action<DescribeNetworkInterfacesRequest, DescribeNetworkInterfacesResult>(
  DescribeNetworkInterfaces$,
  (input, context) => {
    const pager = ec2Pager(
      input,
      { parameter: 'networkInterfaceIds', values: input.NetworkInterfaceIds },
      'network-interfaces',
      5,
      1000,
    );
    const { records } = context;
    const live = records.instances.filter((i) => i.state !== 'terminated');
    const eips = elasticIpsByInstance(records.addresses);
    const fields: FilterFields<InstanceRecord> = {
      'network-interface-id': (i) => i.eni.id,
      'subnet-id': (i) => i.subnetId,
      'vpc-id': (i) => i.vpcId,
      'availability-zone': (i) => i.az,
      'attachment.instance-id': (i) => i.id,
      'attachment.status': () => 'attached',
      'addresses.private-ip-address': (i) => i.privateIp,
      'private-ip-address': (i) => i.privateIp,
      'association.public-ip': (i) => eips.get(i.id)?.publicIp ?? i.autoPublicIp,
      'group-id': (i) => i.securityGroupIds,
      'interface-type': () => 'interface',
      'mac-address': (i) => i.eni.macAddress,
      'owner-id': () => PRACTICE_ACCOUNT_ID,
      status: () => 'in-use',
      description: () => '',
    };
    const selected = selectByIds(live, input.NetworkInterfaceIds, (i) => i.eni.id, ID_RULES.networkInterface);
    const filtered = applyFilters(selected, input.Filters, fields, () => ({}));
    const page = pager(filtered);
    const groups = byKey(records.securityGroups, (g) => g.id);
    return {
      NetworkInterfaces: page.items.map((i) => networkInterface(i, eips.get(i.id), groups, context)),
      NextToken: page.next,
    };
  },
);

export const ec2NetworkActions: Record<string, ActionDefinition> = {
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeRouteTables: describeRouteTables,
  DescribeInternetGateways: describeInternetGateways,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeAddresses: describeAddresses,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
};
