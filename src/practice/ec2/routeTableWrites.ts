// EC2 route table writes: CreateRouteTable (with the local route), Create/Replace/DeleteRoute (to an
// internet gateway attached to the table's VPC, or a NAT gateway in it), Associate/Disassociate (a subnet has one explicit
// association, which replaces the main table's implicit one; ReplaceRouteTableAssociation moves it, or the main one)
// and DeleteRouteTable with AWS's refusals.
import {
  AssociateRouteTable$,
  CreateRoute$,
  CreateRouteTable$,
  DeleteRoute$,
  DeleteRouteTable$,
  DisassociateRouteTable$,
  ReplaceRoute$,
  ReplaceRouteTableAssociation$,
  type AssociateRouteTableRequest,
  type AssociateRouteTableResult,
  type CreateRouteRequest,
  type CreateRouteResult,
  type CreateRouteTableRequest,
  type CreateRouteTableResult,
  type DeleteRouteRequest,
  type DeleteRouteTableRequest,
  type DisassociateRouteTableRequest,
  type ReplaceRouteRequest,
  type ReplaceRouteTableAssociationRequest,
  type ReplaceRouteTableAssociationResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PracticeError } from '../core/errors';
import { derivedId } from '../core/ids';
import type { RegionState, RouteTableRecord } from '../core/records';
import { validCidr } from './cidrs';
import { ID_RULES } from './common';
import { NAT_GATEWAY_ID_RULES } from './natGateways';
import { associationId, routeTableView } from './routeTables';
import { hasDependencies, invalidValue, oneById, required, specifiedTags } from './writeCommon';

const tableOf = (records: RegionState, id: string | undefined) =>
  oneById(records.routeTables, id, (t) => t.id, ID_RULES.routeTable, 'RouteTableId');

const createRouteTable = action<CreateRouteTableRequest, CreateRouteTableResult>(
  CreateRouteTable$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
    const tags = specifiedTags(input.TagSpecifications, ['route-table'])['route-table'] ?? {};
    const table: RouteTableRecord = {
      id: context.world.newId('rtb'),
      vpcId: vpc.id,
      main: false,
      subnetIds: [],
      routes: [{ destination: vpc.cidr, gatewayId: 'local' }],
      tags,
    };
    records.routeTables.push(table);
    context.world.changed();
    return { RouteTable: routeTableView(records, table) };
  },
);

/** An internet gateway target: it must be attached to the table's VPC. */
function igwTarget(records: RegionState, table: RouteTableRecord, input: CreateRouteRequest): { gatewayId: string } {
  if (!input.GatewayId) {
    throw new PracticeError('MissingParameter', 'The request must contain the parameter gatewayId');
  }
  const gateway = oneById(
    records.internetGateways,
    input.GatewayId,
    (g) => g.id,
    ID_RULES.internetGateway,
    'GatewayId',
  );
  if (gateway.vpcId !== table.vpcId) {
    throw invalidValue(`route table ${table.id} and network gateway ${gateway.id} belong to different networks`);
  }
  return { gatewayId: gateway.id };
}

/** A NAT gateway target: one of the table's VPC that is not deleted (a deleted one is not found, as on AWS). */
function natTarget(records: RegionState, table: RouteTableRecord, id: string): { natGatewayId: string } {
  const live = records.natGateways.filter((n) => n.state !== 'deleted');
  const nat = oneById(live, id, (n) => n.id, NAT_GATEWAY_ID_RULES, 'NatGatewayId');
  if (nat.vpcId !== table.vpcId) {
    throw invalidValue(`route table ${table.id} and network gateway ${nat.id} belong to different networks`);
  }
  return { natGatewayId: nat.id };
}

/** The route a Create/ReplaceRoute asks for: a valid destination and one target of the table's VPC. */
function requestedRoute(
  records: RegionState,
  table: RouteTableRecord,
  input: CreateRouteRequest | ReplaceRouteRequest,
) {
  const destination = required(input.DestinationCidrBlock, 'destinationCidrBlock');
  validCidr(destination, 'destinationCidrBlock');
  // The practice account routes to internet gateways and NAT gateways (the lab needs no other target).
  if (input.GatewayId && input.NatGatewayId) {
    throw new PracticeError('InvalidParameterCombination', 'More than one target specified for the route.');
  }
  const target = input.NatGatewayId ? natTarget(records, table, input.NatGatewayId) : igwTarget(records, table, input);
  return { destination, ...target };
}

const createRoute = action<CreateRouteRequest, CreateRouteResult>(CreateRoute$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const table = tableOf(records, input.RouteTableId);
  const route = requestedRoute(records, table, input);
  if (table.routes.some((r) => r.destination === route.destination)) {
    throw new PracticeError('RouteAlreadyExists', `The route identified by ${route.destination} already exists.`);
  }
  table.routes.push(route);
  context.world.changed();
  return { Return: true };
});

/** ReplaceRoute: the route to a destination the table already has now goes to another target (a blackhole fixed). */
const replaceRoute = action<ReplaceRouteRequest, object>(ReplaceRoute$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const table = tableOf(records, input.RouteTableId);
  const route = requestedRoute(records, table, input);
  const index = table.routes.findIndex((r) => r.destination === route.destination);
  if (index < 0) {
    throw new PracticeError(
      'InvalidRoute.NotFound',
      `There is no route defined for '${route.destination}' in the route table. Use CreateRoute instead.`,
    );
  }
  if (table.routes[index]?.gatewayId === 'local') {
    throw invalidValue(`cannot replace local route ${route.destination} in route table ${table.id}`);
  }
  table.routes[index] = route;
  context.world.changed();
  return {};
});

const deleteRoute = action<DeleteRouteRequest, object>(DeleteRoute$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const table = tableOf(records, input.RouteTableId);
  const destination = required(input.DestinationCidrBlock, 'destinationCidrBlock');
  const route = table.routes.find((r) => r.destination === destination);
  if (!route) {
    throw new PracticeError(
      'InvalidRoute.NotFound',
      `no route with destination-cidr-block ${destination} in route table ${table.id}`,
    );
  }
  if (route.gatewayId === 'local')
    throw invalidValue(`cannot remove local route ${destination} in route table ${table.id}`);
  table.routes.splice(table.routes.indexOf(route), 1);
  context.world.changed();
  return {};
});

const associateRouteTable = action<AssociateRouteTableRequest, AssociateRouteTableResult>(
  AssociateRouteTable$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const table = tableOf(records, input.RouteTableId);
    const subnet = oneById(records.subnets, input.SubnetId, (s) => s.id, ID_RULES.subnet, 'SubnetId');
    if (subnet.vpcId !== table.vpcId) {
      throw invalidValue(`Route table ${table.id} and subnet ${subnet.id} belong to different networks`);
    }
    // One explicit association per subnet (ReplaceRouteTableAssociation moves it).
    if (records.routeTables.some((t) => t.subnetIds.includes(subnet.id))) {
      throw new PracticeError(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${table.id} conflicts with an existing association`,
      );
    }
    table.subnetIds.push(subnet.id);
    context.world.changed();
    return { AssociationId: associationId(table.id, subnet.id), AssociationState: { State: 'associated' } };
  },
);

const disassociateRouteTable = action<DisassociateRouteTableRequest, object>(
  DisassociateRouteTable$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const id = required(input.AssociationId, 'AssociationId');
    const main = records.routeTables.find((t) => t.main && derivedId('rtbassoc', t.id, 'main') === id);
    if (main) throw invalidValue(`cannot disassociate the main route table association ${id}`);
    const table = records.routeTables.find((t) => t.subnetIds.some((s) => associationId(t.id, s) === id));
    if (!table) throw new PracticeError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
    table.subnetIds = table.subnetIds.filter((s) => associationId(table.id, s) !== id);
    context.world.changed();
    return {};
  },
);

/**
 * ReplaceRouteTableAssociation: a subnet's association moves to another table of its VPC (new association ID), or
 * the VPC's main association makes another table the main one.
 */
const replaceRouteTableAssociation = action<ReplaceRouteTableAssociationRequest, ReplaceRouteTableAssociationResult>(
  ReplaceRouteTableAssociation$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const id = required(input.AssociationId, 'AssociationId');
    const target = tableOf(records, input.RouteTableId);
    const main = records.routeTables.find((t) => t.main && derivedId('rtbassoc', t.id, 'main') === id);
    const from = main ?? records.routeTables.find((t) => t.subnetIds.some((s) => associationId(t.id, s) === id));
    if (!from) throw new PracticeError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
    if (from.vpcId !== target.vpcId) {
      throw invalidValue(`Route table ${target.id} and association ${id} belong to different networks`);
    }
    let newId: string;
    if (main) {
      main.main = false;
      target.main = true;
      newId = derivedId('rtbassoc', target.id, 'main');
    } else {
      const subnetId = from.subnetIds.find((s) => associationId(from.id, s) === id) ?? '';
      from.subnetIds = from.subnetIds.filter((s) => s !== subnetId);
      target.subnetIds.push(subnetId);
      newId = associationId(target.id, subnetId);
    }
    context.world.changed();
    return { NewAssociationId: newId, AssociationState: { State: 'associated' } };
  },
);

const deleteRouteTable = action<DeleteRouteTableRequest, object>(DeleteRouteTable$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const table = tableOf(records, input.RouteTableId);
  // The main table goes only with its VPC; an associated one only once its subnets are disassociated.
  if (table.main || table.subnetIds.length) throw hasDependencies('routeTable', table.id);
  records.routeTables.splice(records.routeTables.indexOf(table), 1);
  context.world.changed();
  return {};
});

export const ec2RouteTableWriteActions: Record<string, ActionDefinition> = {
  CreateRouteTable: createRouteTable,
  CreateRoute: createRoute,
  ReplaceRoute: replaceRoute,
  DeleteRoute: deleteRoute,
  AssociateRouteTable: associateRouteTable,
  DisassociateRouteTable: disassociateRouteTable,
  ReplaceRouteTableAssociation: replaceRouteTableAssociation,
  DeleteRouteTable: deleteRouteTable,
};
