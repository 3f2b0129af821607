// The lab as the handouts draw it, from one inventory: the region, each VPC with its internet gateway on the top
// edge, one column per Availability Zone, public subnets above private ones, instance chips, the load balancer as
// a bar across the columns of its subnets, databases and Auto Scaling groups where there are any. Pure data
// (states as AWS words, no sentences): svg.ts draws it. Public means a route to an attached IGW, not a name.
import type { Instance, Inventory, Route, Subnet, TargetHealthState } from '../../aws/types';
import { findRoles } from '../../lab/roles';
import { isLabTagged } from '../../lab/types';
import { toneOf, type Tone } from '../explorer/text';
import { databaseChips, type DbChip } from './database';
import { classicBars, classicHealth } from './classic';

export type { DbChip } from './database';

import type { DiagramRef } from './ref';
export type { DiagramRef };

/** Beyond this many instances a subnet shows MAX_CHIPS - 1 chips and one chip counting the rest. */
export const MAX_CHIPS = 8;

export const TEST_VPC_NAME = 'Test-VPC';

export interface InstanceChip {
  readonly ref: DiagramRef;
  readonly id: string;
  readonly name?: string;
  readonly state: string;
  readonly tone: Tone;
  readonly privateIp?: string;
  readonly publicIp?: string;
  /** Its health in a target group of a load balancer, when it is a target. */
  readonly health?: TargetHealthState;
  /** The Auto Scaling group that launched it, and where it is in the group's lifecycle (AWS's words). */
  readonly autoScaling?: { readonly group: string; readonly lifecycle: string; readonly health: string };
}

/** The instances of a subnet not drawn one by one: how many, per state. */
export interface InstanceGroup {
  readonly ref: DiagramRef;
  readonly count: number;
  readonly byState: readonly { readonly state: string; readonly count: number; readonly tone: Tone }[];
}

export interface NatChip {
  readonly ref: DiagramRef;
  readonly id: string;
  readonly name?: string;
  readonly state: string;
  readonly tone: Tone;
}

/** Where the subnet's 0.0.0.0/0 goes (absent: nowhere, only inside the VPC). */
export interface InternetRoute {
  readonly kind: 'internetGateway' | 'natGateway' | 'other';
  readonly id: string;
  readonly name?: string;
  readonly blackhole: boolean;
}

export interface SubnetBox {
  readonly ref: DiagramRef;
  readonly id: string;
  readonly name?: string;
  readonly cidr: string;
  readonly az: string;
  readonly isPublic: boolean;
  readonly internetRoute?: InternetRoute;
  readonly natGateways: readonly NatChip[];
  readonly instances: readonly InstanceChip[];
  readonly more?: InstanceGroup;
  /** Every instance in it, drawn or counted. */
  readonly instanceCount: number;
}

export interface AzColumn {
  readonly ref: DiagramRef;
  readonly az: string;
  readonly zoneId?: string;
  readonly publicSubnets: readonly SubnetBox[];
  readonly privateSubnets: readonly SubnetBox[];
  readonly databases: readonly DbChip[];
}

/** A bar across the columns first..last (indexes into VpcBox.columns). */
export interface Span {
  readonly first: number;
  readonly last: number;
}

export interface LoadBalancerBar {
  readonly ref: DiagramRef;
  readonly name: string;
  readonly scheme: string;
  readonly type: string;
  readonly state: string;
  readonly tone: Tone;
  readonly span: Span;
  /** The subnets it is in (their boxes get a connector). */
  readonly subnetIds: readonly string[];
  readonly targets: number;
  readonly healthy: number;
}

export interface AutoScalingBar {
  readonly ref: DiagramRef;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  readonly inService: number;
  readonly span: Span;
  /** Its instances per AZ, in the columns' order (how AWS balances them). */
  readonly perAz: readonly { readonly az: string; readonly count: number }[];
}

export interface VpcBox {
  readonly ref: DiagramRef;
  readonly id: string;
  readonly name?: string;
  readonly cidr: string;
  readonly isDefault: boolean;
  /** The lab's VPC (Test-VPC, or where WebServer or the load balancer is): drawn open. */
  readonly lab: boolean;
  readonly internetGateway?: { readonly ref: DiagramRef; readonly id: string; readonly name?: string };
  readonly columns: readonly AzColumn[];
  readonly loadBalancers: readonly LoadBalancerBar[];
  readonly autoScalingGroups: readonly AutoScalingBar[];
  readonly instanceCount: number;
}

export interface DiagramModel {
  readonly region: string;
  /** The lab's VPCs first, then the others (the default VPC first, then by name). */
  readonly vpcs: readonly VpcBox[];
}

const byText = (a: string, b: string) => a.localeCompare(b, 'en');

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The lab's VPCs: Test-VPC, the VPCs of WebServer, WebServer2 and the load balancer, and of what the lab tagged. */
function labVpcIds(inv: Inventory): Set<string> {
  const roles = findRoles(inv);
  const ids = new Set<string>();
  const add = (id: string | undefined) => id !== undefined && ids.add(id);
  for (const v of inv.vpcs) if (v.name?.toLowerCase() === TEST_VPC_NAME.toLowerCase() || isLabTagged(v.tags)) add(v.id);
  add(roles.webServer?.vpcId);
  add(roles.clone?.vpcId);
  add(roles.loadBalancer?.vpcId);
  for (const i of inv.instances) if (isLabTagged(i.tags)) add(i.vpcId);
  for (const lb of [...inv.loadBalancers, ...inv.classicLoadBalancers]) if (isLabTagged(lb.tags)) add(lb.vpcId);
  // Nothing of the lab yet: it starts in the default VPC.
  if (ids.size === 0) add(inv.vpcs.find((v) => v.isDefault)?.id);
  return ids;
}

function internetRoute(routes: readonly Route[] | undefined, names: ReadonlyMap<string, string | undefined>) {
  const route = routes?.find((r) => r.destination === '0.0.0.0/0');
  if (!route || route.target.kind === 'local') return undefined;
  const name = names.get(route.target.id);
  return {
    kind: route.target.kind,
    id: route.target.id,
    ...(name !== undefined ? { name } : {}),
    blackhole: route.state === 'blackhole',
  } satisfies InternetRoute;
}

/** Chips first for what the lab is about (its servers, the targets), then running ones, then by name (web-2 < web-10). */
function chipOrder(labIds: ReadonlySet<string>, health: ReadonlyMap<string, TargetHealthState>) {
  const rank = (i: Instance) => (labIds.has(i.id) ? 0 : health.has(i.id) ? 1 : i.state === 'running' ? 2 : 3);
  const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return (a: Instance, b: Instance) =>
    rank(a) - rank(b) || byName(a.name ?? a.id, b.name ?? b.id) || byText(a.id, b.id);
}

type Membership = ReadonlyMap<string, NonNullable<InstanceChip['autoScaling']>>;

function instanceChip(i: Instance, health: ReadonlyMap<string, TargetHealthState>, groups: Membership): InstanceChip {
  const h = health.get(i.id);
  const member = groups.get(i.id);
  return {
    ref: { kind: 'instance', id: i.id },
    id: i.id,
    ...(i.name !== undefined ? { name: i.name } : {}),
    state: i.state,
    tone: toneOf(i.state),
    ...(i.privateIp ? { privateIp: i.privateIp } : {}),
    ...(i.publicIp ? { publicIp: i.publicIp } : {}),
    ...(h ? { health: h } : {}),
    ...(member ? { autoScaling: member } : {}),
  };
}

function instanceGroup(subnet: Subnet, vpcRef: DiagramRef, rest: readonly Instance[]): InstanceGroup {
  const counts = new Map<string, number>();
  for (const i of rest) counts.set(i.state, (counts.get(i.state) ?? 0) + 1);
  return {
    ref: { kind: 'subnet', id: subnet.id, fallback: vpcRef },
    count: rest.length,
    byState: [...counts]
      .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
      .map(([state, count]) => ({ state, count, tone: toneOf(state) })),
  };
}

function span(columns: readonly string[], azs: Iterable<string>): Span | undefined {
  const at = [...new Set(azs)].map((az) => columns.indexOf(az)).filter((i) => i >= 0);
  return at.length > 0 ? { first: Math.min(...at), last: Math.max(...at) } : undefined;
}

export function diagramModel(inv: Inventory): DiagramModel {
  const lab = labVpcIds(inv);
  const roles = findRoles(inv);
  const labInstances = new Set(
    [roles.webServer?.id, roles.clone?.id, ...inv.instances.filter((i) => isLabTagged(i.tags)).map((i) => i.id)].filter(
      (id): id is string => id !== undefined,
    ),
  );
  const health = new Map<string, TargetHealthState>();
  for (const tg of inv.targetGroups) {
    if (tg.loadBalancerArns.length === 0) continue;
    for (const target of tg.targets) if (!health.has(target.id)) health.set(target.id, target.state);
  }
  for (const [id, h] of classicHealth(inv)) if (!health.has(id)) health.set(id, h);
  const gatewayNames = new Map<string, string | undefined>([
    ...inv.internetGateways.map((g) => [g.id, g.name] as const),
    ...inv.natGateways.map((g) => [g.id, g.name] as const),
  ]);
  const tables = new Map(inv.routeTables.map((r) => [r.id, r]));
  const instancesBySubnet = new Map<string, Instance[]>();
  for (const i of inv.instances) if (i.subnetId) push(instancesBySubnet, i.subnetId, i);
  const natsBySubnet = new Map<string, NatChip[]>();
  for (const n of inv.natGateways) {
    push(natsBySubnet, n.subnetId, {
      ref: { kind: 'natGateway', id: n.id, fallback: { kind: 'subnet', id: n.subnetId } },
      id: n.id,
      ...(n.name !== undefined ? { name: n.name } : {}),
      state: n.state,
      tone: toneOf(n.state),
    });
  }
  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const s of inv.subnets) push(subnetsByVpc, s.vpcId, s);
  const databases = databaseChips(inv);
  const order = chipOrder(labInstances, health);
  const members = new Map(
    inv.autoScalingGroups.flatMap((g) =>
      g.instances.map((m) => [m.id, { group: g.name, lifecycle: m.lifecycleState, health: m.healthStatus }] as const),
    ),
  );

  const vpcBox = (vpc: Inventory['vpcs'][number]): VpcBox => {
    const vpcRef: DiagramRef = { kind: 'vpc', id: vpc.id };
    const subnets = subnetsByVpc.get(vpc.id) ?? [];
    const azs = [...new Set(subnets.map((s) => s.az))].sort(byText);
    let instanceCount = 0;
    const box = (s: Subnet): SubnetBox => {
      const all = [...(instancesBySubnet.get(s.id) ?? [])].sort(order);
      instanceCount += all.length;
      const shown = all.length > MAX_CHIPS ? all.slice(0, MAX_CHIPS - 1) : all;
      const route = internetRoute(s.routeTableId ? tables.get(s.routeTableId)?.routes : undefined, gatewayNames);
      return {
        ref: { kind: 'subnet', id: s.id, fallback: vpcRef },
        id: s.id,
        ...(s.name !== undefined ? { name: s.name } : {}),
        cidr: s.cidr,
        az: s.az,
        isPublic: s.isPublic,
        ...(route ? { internetRoute: route } : {}),
        natGateways: natsBySubnet.get(s.id) ?? [],
        instances: shown.map((i) => instanceChip(i, health, members)),
        ...(all.length > shown.length ? { more: instanceGroup(s, vpcRef, all.slice(shown.length)) } : {}),
        instanceCount: all.length,
      };
    };
    const dbs = databases.get(vpc.id) ?? new Map<string, DbChip[]>();
    const columns: AzColumn[] = azs.map((az) => {
      const inAz = subnets.filter((s) => s.az === az).sort((a, b) => byText(a.cidr, b.cidr) || byText(a.id, b.id));
      const zoneId = inv.azs.find((z) => z.name === az)?.zoneId;
      return {
        ref: { kind: 'az', id: `${vpc.id}/${az}`, fallback: vpcRef },
        az,
        ...(zoneId ? { zoneId } : {}),
        publicSubnets: inAz.filter((s) => s.isPublic).map(box),
        privateSubnets: inAz.filter((s) => !s.isPublic).map(box),
        databases: dbs.get(az) ?? [],
      };
    });
    const albBars: LoadBalancerBar[] = inv.loadBalancers
      .filter((lb) => lb.vpcId === vpc.id)
      .sort((a, b) => byText(a.name, b.name))
      .flatMap((lb) => {
        const s = span(
          azs,
          lb.zones.map((z) => z.az),
        );
        if (!s) return [];
        const targets = inv.targetGroups
          .filter((tg) => tg.loadBalancerArns.includes(lb.arn))
          .flatMap((tg) => tg.targets);
        return [
          {
            ref: { kind: 'loadBalancer', id: lb.arn, fallback: vpcRef },
            name: lb.name,
            scheme: lb.scheme,
            type: lb.type,
            state: lb.state,
            tone: toneOf(lb.state),
            span: s,
            subnetIds: lb.zones.map((z) => z.subnetId),
            targets: targets.length,
            healthy: targets.filter((t) => t.state === 'healthy').length,
          },
        ];
      });
    const loadBalancers = [...albBars, ...classicBars(inv, vpc.id, vpcRef, (at) => span(azs, at))];
    const subnetAz = new Map(subnets.map((s) => [s.id, s.az]));
    const autoScalingGroups: AutoScalingBar[] = inv.autoScalingGroups
      .filter((g) => g.subnetIds.some((id) => subnetAz.has(id)))
      .sort((a, b) => byText(a.name, b.name))
      .flatMap((g) => {
        const s = span(
          azs,
          g.subnetIds.flatMap((id) => subnetAz.get(id) ?? []),
        );
        return s
          ? [
              {
                ref: { kind: 'autoScalingGroup', id: g.name, fallback: vpcRef },
                name: g.name,
                min: g.min,
                max: g.max,
                desired: g.desired,
                inService: g.instances.filter((i) => i.lifecycleState === 'InService').length,
                span: s,
                perAz: azs
                  .map((az) => ({ az, count: g.instances.filter((i) => i.az === az).length }))
                  .filter((x) => x.count > 0),
              },
            ]
          : [];
      });
    const igw = inv.internetGateways.find((g) => g.vpcId === vpc.id);
    return {
      ref: vpcRef,
      id: vpc.id,
      ...(vpc.name !== undefined ? { name: vpc.name } : {}),
      cidr: vpc.cidr,
      isDefault: vpc.isDefault,
      lab: lab.has(vpc.id),
      ...(igw
        ? {
            internetGateway: {
              ref: { kind: 'internetGateway', id: igw.id, fallback: vpcRef },
              id: igw.id,
              ...(igw.name !== undefined ? { name: igw.name } : {}),
            },
          }
        : {}),
      columns,
      loadBalancers,
      autoScalingGroups,
      instanceCount,
    };
  };

  const vpcs = [...inv.vpcs]
    .sort(
      (a, b) =>
        Number(lab.has(b.id)) - Number(lab.has(a.id)) ||
        // Among the lab's, Test-VPC (track 4) before the default VPC (tracks 0-1); among the others, the default first.
        (lab.has(a.id) ? Number(a.isDefault) - Number(b.isDefault) : Number(b.isDefault) - Number(a.isDefault)) ||
        byText(a.name ?? a.id, b.name ?? b.id),
    )
    .map(vpcBox);
  return { region: inv.context.region, vpcs };
}
