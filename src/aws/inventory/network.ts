// Network section: AZs, VPCs, subnets (public or private from their route tables) and security groups.
import {
  DescribeAvailabilityZonesCommand,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type * as EC2 from '@aws-sdk/client-ec2';
import type {
  AvailabilityZone,
  InternetGateway,
  NatGateway,
  Route,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Vpc,
} from '../types';
import { allPages, call, chunks, settleAll, type Caller } from './calls';
import type { Focus } from './focus';
import { defined, nameOf, tagsOf } from './shapes';

export interface RawNetwork {
  readonly azs: readonly EC2.AvailabilityZone[];
  readonly vpcs: readonly EC2.Vpc[];
  readonly subnets: readonly EC2.Subnet[];
  readonly routeTables: readonly EC2.RouteTable[];
  readonly internetGateways: readonly EC2.InternetGateway[];
  readonly natGateways: readonly EC2.NatGateway[];
  /** The VPCs whose route tables were read, when not all of them (a student's read). */
  readonly routeTablesOf?: readonly string[];
}

/** NAT gateways that still exist or bill (AWS lists deleted ones for about an hour). */
const LIVE_NAT_STATES = ['pending', 'available', 'deleting', 'failed'];

/**
 * The network section. A student's read (focus.ts) asks the route tables of the VPCs that can be in their view only
 * (the default VPC, theirs, and those named for no student): DescribeRouteTables pages hold 100, and a class's VPCs
 * would take a page more every 30 students or so. A VPC named for another student that their view turns out to
 * use (a server launched into it) has its tables read after (routeTablesOf says which were read).
 */
export async function fetchNetwork(c: Caller, focus?: Focus): Promise<RawNetwork> {
  const ec2 = c.clients.ec2;
  const pager = { client: ec2, pageSize: 1000, withCommand: c.counted };
  const vpcList = call('ec2:DescribeVpcs', () => allPages(paginateDescribeVpcs(pager, {}, c.options), (p) => p.Vpcs));
  const mayBeOwn = (v: EC2.Vpc) => {
    const tags = tagsOf(v.Tags);
    return v.IsDefault === true || (focus?.mayBeOwn(nameOf(tags)) === true && !focus.taggedForOther(tags));
  };
  const tablesOf = focus
    ? vpcList.then((vpcs) => vpcs.filter(mayBeOwn).flatMap((v) => (v.VpcId ? [v.VpcId] : [])))
    : undefined;
  const [azs, vpcs, subnets, routeTables, internetGateways, natGateways, routeTablesOf] = await settleAll<
    [
      EC2.AvailabilityZone[],
      EC2.Vpc[],
      EC2.Subnet[],
      EC2.RouteTable[],
      EC2.InternetGateway[],
      EC2.NatGateway[],
      string[] | undefined,
    ]
  >([
    call('ec2:DescribeAvailabilityZones', async () => {
      const out = await ec2.send(c.counted(new DescribeAvailabilityZonesCommand({})), c.options);
      return out.AvailabilityZones ?? [];
    }),
    vpcList,
    call('ec2:DescribeSubnets', () => allPages(paginateDescribeSubnets(pager, {}, c.options), (p) => p.Subnets)),
    tablesOf ? tablesOf.then((ids) => fetchRouteTables(c, ids)) : fetchRouteTables(c),
    call('ec2:DescribeInternetGateways', () =>
      allPages(paginateDescribeInternetGateways(pager, {}, c.options), (p) => p.InternetGateways),
    ),
    // DescribeNatGateways takes at most 1000 per page, like the others, and filters out the deleted ones.
    call('ec2:DescribeNatGateways', () =>
      allPages(
        paginateDescribeNatGateways(pager, { Filter: [{ Name: 'state', Values: LIVE_NAT_STATES }] }, c.options),
        (p) => p.NatGateways,
      ),
    ),
    tablesOf ?? Promise.resolve(undefined),
  ]);
  return {
    azs,
    vpcs,
    subnets,
    routeTables,
    internetGateways,
    natGateways,
    ...(routeTablesOf ? { routeTablesOf } : {}),
  };
}

/** The route tables of these VPCs (all of them without a list): at most 100 a page, 100 VPCs a filter. */
export async function fetchRouteTables(c: Caller, vpcIds?: readonly string[]): Promise<EC2.RouteTable[]> {
  const pager = { client: c.clients.ec2, pageSize: 100, withCommand: c.counted };
  const pages = (input: EC2.DescribeRouteTablesRequest) =>
    allPages(paginateDescribeRouteTables(pager, input, c.options), (p) => p.RouteTables);
  return call('ec2:DescribeRouteTables', async () => {
    if (!vpcIds) return pages({});
    const each = await Promise.all(
      chunks(vpcIds, 100).map((ids) => pages({ Filters: [{ Name: 'vpc-id', Values: ids }] })),
    );
    return each.flat();
  });
}

export async function fetchSecurityGroups(c: Caller): Promise<EC2.SecurityGroup[]> {
  const pager = { client: c.clients.ec2, pageSize: 1000, withCommand: c.counted };
  return call('ec2:DescribeSecurityGroups', () =>
    allPages(paginateDescribeSecurityGroups(pager, {}, c.options), (p) => p.SecurityGroups),
  );
}

export function mapAz(az: EC2.AvailabilityZone): AvailabilityZone {
  return { name: az.ZoneName ?? '', zoneId: az.ZoneId ?? '', state: az.State ?? 'available' };
}

export function mapVpc(v: EC2.Vpc): Vpc {
  const tags = tagsOf(v.Tags);
  return defined({
    id: v.VpcId ?? '',
    name: nameOf(tags),
    cidr: v.CidrBlock ?? '',
    isDefault: v.IsDefault ?? false,
    state: v.State ?? 'available',
    tags,
  });
}

/** True when the table sends 0.0.0.0/0 to an internet gateway (a blackholed route, whose gateway is gone, does not count). */
export function routesToInternet(rt: EC2.RouteTable): boolean {
  return (rt.Routes ?? []).some(
    (r) => r.DestinationCidrBlock === '0.0.0.0/0' && (r.GatewayId ?? '').startsWith('igw-') && r.State !== 'blackhole',
  );
}

/** The table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableFor(subnet: EC2.Subnet, tables: readonly EC2.RouteTable[]): EC2.RouteTable | undefined {
  return (
    tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnet.SubnetId)) ??
    tables.find((t) => t.VpcId === subnet.VpcId && (t.Associations ?? []).some((a) => a.Main === true))
  );
}

export function mapSubnets(subnets: readonly EC2.Subnet[], tables: readonly EC2.RouteTable[]): Subnet[] {
  return subnets.map((s) => {
    const tags = tagsOf(s.Tags);
    const table = routeTableFor(s, tables);
    return defined({
      id: s.SubnetId ?? '',
      name: nameOf(tags),
      vpcId: s.VpcId ?? '',
      az: s.AvailabilityZone ?? '',
      cidr: s.CidrBlock ?? '',
      isPublic: table ? routesToInternet(table) : false,
      mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
      availableIpCount: s.AvailableIpAddressCount ?? 0,
      isDefaultForAz: s.DefaultForAz ?? false,
      routeTableId: table?.RouteTableId,
      usesMainRouteTable: table !== undefined && !(table.Associations ?? []).some((a) => a.SubnetId === s.SubnetId),
      tags,
    });
  });
}

function mapRoute(r: EC2.Route): Route {
  const gateway = r.GatewayId ?? '';
  const target: Route['target'] =
    gateway === 'local'
      ? { kind: 'local' }
      : gateway.startsWith('igw-')
        ? { kind: 'internetGateway', id: gateway }
        : r.NatGatewayId
          ? { kind: 'natGateway', id: r.NatGatewayId }
          : {
              kind: 'other',
              id:
                gateway ||
                r.InstanceId ||
                r.NetworkInterfaceId ||
                r.TransitGatewayId ||
                r.VpcPeeringConnectionId ||
                r.EgressOnlyInternetGatewayId ||
                '',
            };
  return {
    destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '',
    target,
    state: r.State === 'blackhole' ? 'blackhole' : 'active',
  };
}

export function mapRouteTable(t: EC2.RouteTable): RouteTable {
  const tags = tagsOf(t.Tags);
  const associations = t.Associations ?? [];
  return defined({
    id: t.RouteTableId ?? '',
    name: nameOf(tags),
    vpcId: t.VpcId ?? '',
    isMain: associations.some((a) => a.Main === true),
    subnetIds: associations.flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
    routes: (t.Routes ?? []).map(mapRoute),
    tags,
  });
}

export function mapInternetGateway(g: EC2.InternetGateway): InternetGateway {
  const tags = tagsOf(g.Tags);
  // An attached gateway's attachment reads "available" (AWS's word), a detaching one "detaching".
  const attached = (g.Attachments ?? []).find((a) => ['available', 'attached'].includes(a.State ?? ''));
  return defined({ id: g.InternetGatewayId ?? '', name: nameOf(tags), vpcId: attached?.VpcId, tags });
}

export function mapNatGateway(n: EC2.NatGateway): NatGateway {
  const tags = tagsOf(n.Tags);
  return defined({
    id: n.NatGatewayId ?? '',
    name: nameOf(tags),
    vpcId: n.VpcId ?? '',
    subnetId: n.SubnetId ?? '',
    state: n.State ?? 'available',
    connectivity: n.ConnectivityType === 'private' ? 'private' : 'public',
    publicIp: (n.NatGatewayAddresses ?? []).find((a) => a.PublicIp)?.PublicIp,
    tags,
  });
}

/** AWS's IpPermissions, one row per source (CIDR, IPv6 CIDR, group, prefix list). */
export function flattenPermissions(perms: readonly EC2.IpPermission[] | undefined): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const p of perms ?? []) {
    const base = { protocol: p.IpProtocol ?? '-1', fromPort: p.FromPort, toPort: p.ToPort };
    const add = (source: SecurityGroupRule['source'], description: string | undefined) =>
      rules.push(defined({ ...base, source, description: description || undefined }));
    for (const r of p.IpRanges ?? []) add({ kind: 'cidr', cidr: r.CidrIp ?? '' }, r.Description);
    for (const r of p.Ipv6Ranges ?? []) add({ kind: 'cidr6', cidr: r.CidrIpv6 ?? '' }, r.Description);
    for (const g of p.UserIdGroupPairs ?? []) add({ kind: 'group', groupId: g.GroupId ?? '' }, g.Description);
    for (const l of p.PrefixListIds ?? [])
      add({ kind: 'prefixList', prefixListId: l.PrefixListId ?? '' }, l.Description);
  }
  return rules;
}

export function mapSecurityGroup(g: EC2.SecurityGroup): SecurityGroup {
  return defined({
    id: g.GroupId ?? '',
    name: g.GroupName ?? '',
    description: g.Description ?? '',
    vpcId: g.VpcId,
    inbound: flattenPermissions(g.IpPermissions),
    outbound: flattenPermissions(g.IpPermissionsEgress),
    tags: tagsOf(g.Tags),
  });
}
