// Why a subnet is public or private, read from the route table it uses (track 4's lesson: a route to an
// attached internet gateway makes a subnet public, not its name). Pure: a verdict the tree words, and the
// diagram may reuse.
import type { Inventory, Route, RouteTable, Subnet } from '../../aws/types';
import { tableOf, tableRouting } from '../../lab/network';

export type SubnetReach =
  /** 0.0.0.0/0 goes to an internet gateway attached to the subnet's VPC. */
  | { readonly kind: 'public'; readonly table: RouteTable; readonly gatewayId: string }
  /** No 0.0.0.0/0 route, and no route to an internet gateway at all. */
  | { readonly kind: 'noRoute'; readonly table: RouteTable }
  /** No 0.0.0.0/0 route, but a narrower destination goes to an internet gateway. */
  | { readonly kind: 'narrowRoute'; readonly table: RouteTable; readonly route: Route; readonly gatewayId: string }
  /** 0.0.0.0/0 goes to an internet gateway that is detached or gone (AWS marks the route blackhole). */
  | { readonly kind: 'detachedGateway'; readonly table: RouteTable; readonly gatewayId: string }
  /** 0.0.0.0/0 goes to a NAT gateway: out to the internet, never in. */
  | { readonly kind: 'nat'; readonly table: RouteTable; readonly natGatewayId: string; readonly blackhole: boolean }
  /** 0.0.0.0/0 goes somewhere else (an instance, a peering, a transit gateway). */
  | { readonly kind: 'other'; readonly table: RouteTable; readonly targetId: string; readonly blackhole: boolean }
  /** The inventory lists no table for it (the route tables could not be read): AWS's own verdict only. */
  | { readonly kind: 'unknown'; readonly isPublic: boolean };

export function isPublicReach(reach: SubnetReach): boolean {
  return reach.kind === 'public' || (reach.kind === 'unknown' && reach.isPublic);
}

/**
 * The verdict for one subnet, worded from the lab's own (src/lab/network.ts: the checks of 4.2 judge the same
 * routing), with the nuance a tree row adds: a narrower route to the gateway, a blackholed NAT or other route.
 */
export function subnetReach(inv: Inventory, subnet: Subnet): SubnetReach {
  const table = tableOf(inv, subnet);
  if (!table) return { kind: 'unknown', isPublic: subnet.isPublic };
  const routing = tableRouting(inv, table);
  if (routing.tier === 'public') return { kind: 'public', table, gatewayId: routing.gatewayId };
  const blackhole = routing.route?.state === 'blackhole';
  switch (routing.why) {
    case 'blackhole':
      return { kind: 'detachedGateway', table, gatewayId: routing.targetId ?? '' };
    case 'nat':
      return { kind: 'nat', table, natGatewayId: routing.targetId ?? '', blackhole };
    case 'other':
      return routing.route?.target.kind === 'local'
        ? { kind: 'noRoute', table }
        : { kind: 'other', table, targetId: routing.targetId ?? '', blackhole };
    default: {
      const narrow = table.routes.find((r) => r.target.kind === 'internetGateway' && r.state === 'active');
      return narrow?.target.kind === 'internetGateway'
        ? { kind: 'narrowRoute', table, route: narrow, gatewayId: narrow.target.id }
        : { kind: 'noRoute', table };
    }
  }
}
