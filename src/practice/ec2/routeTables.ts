// EC2 route tables: DescribeRouteTables, with the main and subnet associations (their IDs derived, so
// they are stable without being stored) and the routes (blackhole when their gateway is gone). The
// writes are routeTableWrites.ts's.
import {
  DescribeRouteTables$,
  type DescribeRouteTablesRequest,
  type DescribeRouteTablesResult,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { derivedId } from '../core/ids';
import { natRouteActive } from './natGateways';
import { tagList, type RegionState, type RouteRecord, type RouteTableRecord } from '../core/records';

/**
 * A route to an internet gateway that is gone or no longer attached to the table's VPC is a blackhole, as on AWS;
 * so is one to a NAT gateway that failed or was deleted.
 */
export function routeState(records: RegionState, table: RouteTableRecord, route: RouteRecord): 'active' | 'blackhole' {
  if (route.natGatewayId) return natRouteActive(records, route.natGatewayId) ? 'active' : 'blackhole';
  const gateway = route.gatewayId;
  if (!gateway?.startsWith('igw-')) return 'active';
  return records.internetGateways.some((g) => g.id === gateway && g.vpcId === table.vpcId) ? 'active' : 'blackhole';
}

export const associationId = (tableId: string, subnetId: string) => derivedId('rtbassoc', tableId, subnetId);

const routeTableFields = (records: RegionState): FilterFields<RouteTableRecord> => ({
  'route-table-id': (t) => t.id,
  'vpc-id': (t) => t.vpcId,
  'association.main': (t) => t.main,
  'association.subnet-id': (t) => t.subnetIds,
  'association.route-table-id': (t) => t.id,
  'association.route-table-association-id': (t) => [
    ...(t.main ? [derivedId('rtbassoc', t.id, 'main')] : []),
    ...t.subnetIds.map((s) => associationId(t.id, s)),
  ],
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destination),
  'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
  'route.nat-gateway-id': (t) => t.routes.map((r) => r.natGatewayId),
  'route.instance-id': (t) => t.routes.map((r) => r.instanceId),
  'route.state': (t) => t.routes.map((r) => routeState(records, t, r)),
});

export function routeTableView(records: RegionState, t: RouteTableRecord): RouteTable {
  return {
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
        RouteTableAssociationId: associationId(t.id, subnetId),
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
      State: routeState(records, t, r),
    })),
    Tags: tagList(t.tags),
    VpcId: t.vpcId,
    OwnerId: PRACTICE_ACCOUNT_ID,
  };
}

const describeRouteTables = action<DescribeRouteTablesRequest, DescribeRouteTablesResult>(
  DescribeRouteTables$,
  (input, { records }) => {
    const pager = ec2Pager(input, { parameter: 'routeTableIds', values: input.RouteTableIds }, 'route-tables', 5, 100);
    const selected = selectByIds(records.routeTables, input.RouteTableIds, (t) => t.id, ID_RULES.routeTable);
    const filtered = applyFilters(selected, input.Filters, routeTableFields(records), (t) => t.tags);
    const page = pager(filtered);
    return { RouteTables: page.items.map((t) => routeTableView(records, t)), NextToken: page.next };
  },
);

export const ec2RouteTableActions: Record<string, ActionDefinition> = {
  DescribeRouteTables: describeRouteTables,
};
