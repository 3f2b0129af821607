// Why a subnet is public or private, read from the route table it uses (track 4's lesson: a route to an
// attached internet gateway makes a subnet public, not its name). Pure: a verdict the tree words, and the
// diagram may reuse.
import type { InternetGateway, Route, RouteTable, Subnet } from '../../aws/types';

const ANYWHERE = '0.0.0.0/0';

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

/** The verdict for one subnet, given its VPC's tables and the account's internet gateways. */
export function subnetReach(
  subnet: Subnet,
  tables: ReadonlyMap<string, RouteTable>,
  gateways: ReadonlyMap<string, InternetGateway>,
): SubnetReach {
  const table = subnet.routeTableId ? tables.get(subnet.routeTableId) : undefined;
  if (!table) return { kind: 'unknown', isPublic: subnet.isPublic };
  const anywhere = table.routes.find((r) => r.destination === ANYWHERE);
  if (!anywhere) {
    const narrow = table.routes.find((r) => r.target.kind === 'internetGateway' && r.state === 'active');
    return narrow?.target.kind === 'internetGateway'
      ? { kind: 'narrowRoute', table, route: narrow, gatewayId: narrow.target.id }
      : { kind: 'noRoute', table };
  }
  const target = anywhere.target;
  const blackhole = anywhere.state === 'blackhole';
  switch (target.kind) {
    case 'internetGateway': {
      const gateway = gateways.get(target.id);
      // A gateway the inventory does not list (its read failed) is judged by the route's own state.
      const attached = gateway ? gateway.vpcId === table.vpcId : true;
      return !blackhole && attached
        ? { kind: 'public', table, gatewayId: target.id }
        : { kind: 'detachedGateway', table, gatewayId: target.id };
    }
    case 'natGateway':
      return { kind: 'nat', table, natGatewayId: target.id, blackhole };
    case 'other':
      return { kind: 'other', table, targetId: target.id, blackhole };
    case 'local':
      return { kind: 'noRoute', table };
  }
}
