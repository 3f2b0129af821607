// Track 4's network as a teacher reads it: the lab's VPC (Test-VPC by name, our tag, or the one VPC built like it),
// and for each subnet whether it is public *and why*, from its route table's 0.0.0.0/0 route, not from its name.
import type { InternetGateway, Inventory, LoadBalancer, Route, RouteTable, Subnet, Vpc } from '../aws/types';
import { labStepOf } from './types';

/** Seed 004 §1: the console's "VPC and more" with the names the seed renames its resources to. */
export const TEST_VPC = {
  name: 'Test-VPC',
  cidr: '10.0.0.0/16',
  /** The wizard's own names (its "auto-generate" prefix), before the seed renames them. */
  wizardPrefix: 'Test-VPC',
  subnets: [
    { tier: 'public', zone: 0, cidr: '10.0.0.0/24', name: 'パブリックサブネット-1a' },
    { tier: 'public', zone: 1, cidr: '10.0.1.0/24', name: 'パブリックサブネット-1c' },
    { tier: 'private', zone: 0, cidr: '10.0.2.0/24', name: 'プライベートサブネット-1a' },
    { tier: 'private', zone: 1, cidr: '10.0.3.0/24', name: 'プライベートサブネット-1c' },
  ],
} as const;

export type Tier = 'public' | 'private';

/** The two AZs of the layout: a and c where the region has them (Tokyo's handouts), else its first two. */
export function layoutZones(inv: Inventory): string[] {
  const names = inv.azs.filter((z) => z.state === 'available').map((z) => z.name);
  const sorted = [...names].sort();
  const a = sorted.find((n) => n.endsWith('a'));
  const c = sorted.find((n) => n.endsWith('c'));
  if (a && c) return [a, c];
  return sorted.slice(0, 2);
}

/** The name the subnet's Name tag gives it a tier by (パブリック/public, プライベート/private), if any. */
export function namedTier(subnet: Subnet): Tier | undefined {
  const name = (subnet.name ?? '').toLowerCase();
  if (/public|パブリック/.test(name)) return 'public';
  if (/private|プライベート/.test(name)) return 'private';
  return undefined;
}

/** How a subnet reaches the internet, from the route table it uses. */
export type Routing =
  | { readonly tier: 'public'; readonly table: RouteTable; readonly gatewayId: string }
  | {
      readonly tier: 'private';
      /** none: no 0.0.0.0/0 route; blackhole: to a gateway that is gone or detached; nat: outbound only. */
      readonly why: 'none' | 'blackhole' | 'nat' | 'other' | 'noTable';
      readonly table?: RouteTable;
      readonly targetId?: string;
      /** The 0.0.0.0/0 route when there is one (its state says whether AWS marks it blackhole). */
      readonly route?: Route;
    };

const DEFAULT_ROUTE = '0.0.0.0/0';

export function tableOf(inv: Inventory, subnet: Subnet): RouteTable | undefined {
  return inv.routeTables.find((t) => t.id === subnet.routeTableId);
}

/** The internet gateway attached to the VPC, if any. */
export function attachedGateway(inv: Inventory, vpcId: string): InternetGateway | undefined {
  return inv.internetGateways.find((g) => g.vpcId === vpcId);
}

/**
 * A gateway left detached that was made for the lab's VPC (the console makes and attaches in two steps): ours, one
 * named like Test-VPC, else the only detached one of the account.
 */
export function detachedGatewayFor(inv: Inventory): InternetGateway | undefined {
  const loose = inv.internetGateways.filter((g) => !g.vpcId);
  const prefix = TEST_VPC.name.toLowerCase();
  return (
    loose.find((g) => labStepOf(g.tags) === '4.1' || g.name?.toLowerCase().startsWith(prefix)) ??
    (loose.length === 1 ? loose[0] : undefined)
  );
}

/** Whether a table sends 0.0.0.0/0 to an internet gateway attached to its VPC (AWS: else a blackhole). */
export function tableRouting(inv: Inventory, table: RouteTable | undefined): Routing {
  if (!table) return { tier: 'private', why: 'noTable' };
  const route = table.routes.find((r) => r.destination === DEFAULT_ROUTE);
  if (!route) return { tier: 'private', why: 'none', table };
  const target = route.target;
  if (target.kind === 'internetGateway') {
    const attached = inv.internetGateways.some((g) => g.id === target.id && g.vpcId === table.vpcId);
    return route.state === 'active' && attached
      ? { tier: 'public', table, gatewayId: target.id }
      : { tier: 'private', why: 'blackhole', table, targetId: target.id, route };
  }
  if (target.kind === 'natGateway') return { tier: 'private', why: 'nat', table, targetId: target.id, route };
  return { tier: 'private', why: 'other', table, targetId: target.kind === 'other' ? target.id : '', route };
}

export function subnetRouting(inv: Inventory, subnet: Subnet): Routing {
  return tableRouting(inv, tableOf(inv, subnet));
}

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The lab's VPC: named Test-VPC (or the wizard's Test-VPC-vpc), else made by our 4.1, else the one non-default VPC
 * with a public and a private subnet (a student who named it otherwise). Undefined when there is none.
 */
export function findLabVpc(inv: Inventory): Vpc | undefined {
  const living = inv.vpcs.filter((v) => !v.isDefault && v.state !== 'deleted');
  const named = living.find((v) => sameName(v.name, TEST_VPC.name) || sameName(v.name, `${TEST_VPC.name}-vpc`));
  if (named) return named;
  const ours = living.find((v) => labStepOf(v.tags) === '4.1');
  if (ours) return ours;
  const layered = living.filter((v) => {
    const tiers = new Set(inv.subnets.filter((s) => s.vpcId === v.id).map((s) => subnetRouting(inv, s).tier));
    return tiers.has('public') && tiers.has('private');
  });
  return layered.length === 1 ? layered[0] : undefined;
}

export function subnetsOf(inv: Inventory, vpcId: string): Subnet[] {
  return inv.subnets
    .filter((s) => s.vpcId === vpcId)
    .sort((a, b) => a.az.localeCompare(b.az) || a.cidr.localeCompare(b.cidr));
}

/** The subnet a layout entry means: by CIDR (what the console asks for), else by name. */
export function layoutSubnet(
  inv: Inventory,
  vpcId: string,
  entry: { readonly cidr: string; readonly name: string },
): Subnet | undefined {
  const subnets = subnetsOf(inv, vpcId);
  return subnets.find((s) => s.cidr === entry.cidr) ?? subnets.find((s) => sameName(s.name, entry.name));
}

/** A table of the VPC that routes to its attached gateway and is not the main one (the public route table). */
export function publicTable(inv: Inventory, vpcId: string): RouteTable | undefined {
  return inv.routeTables.find((t) => t.vpcId === vpcId && !t.isMain && tableRouting(inv, t).tier === 'public');
}

/** The name a resource is shown by: its Name tag, else its ID. */
export const shownName = (r: { readonly id: string; readonly name?: string }) => r.name ?? r.id;

/**
 * An application load balancer of the lab's VPC (4.4's front): `preferred` (the lab's own, as the roles found it)
 * when it is in that VPC, else the first there.
 */
export function labVpcLoadBalancer(inv: Inventory, vpcId: string, preferred?: LoadBalancer): LoadBalancer | undefined {
  if (preferred?.vpcId === vpcId) return preferred;
  return inv.loadBalancers.find((lb) => lb.vpcId === vpcId && lb.type === 'application');
}
