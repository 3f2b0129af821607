// EC2 route table writes: CreateRouteTable (with the local route), CreateRoute/DeleteRoute (to an
// internet gateway attached to the table's VPC, or a NAT gateway in it), Associate/Disassociate (a subnet has one explicit
// association, which replaces the main table's implicit one) and DeleteRouteTable with AWS's refusals.
import {
  AssociateRouteTable$,
  CreateRoute$,
  CreateRouteTable$,
  DeleteRoute$,
  DeleteRouteTable$,
  DisassociateRouteTable$,
  type AssociateRouteTableRequest,
  type AssociateRouteTableResult,
  type CreateRouteRequest,
  type CreateRouteResult,
  type CreateRouteTableRequest,
  type CreateRouteTableResult,
  type DeleteRouteRequest,
  type DeleteRouteTableRequest,
  type DisassociateRouteTableRequest,
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

const createRoute = action<CreateRouteRequest, CreateRouteResult>(CreateRoute$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const table = tableOf(records, input.RouteTableId);
  const destination = required(input.DestinationCidrBlock, 'destinationCidrBlock');
  validCidr(destination, 'destinationCidrBlock');
  // The practice account routes to internet gateways and NAT gateways (the lab needs no other target).
  if (input.GatewayId && input.NatGatewayId) {
    throw new PracticeError('InvalidParameterCombination', 'More than one target specified for the route.');
  }
  const target = input.NatGatewayId ? natTarget(records, table, input.NatGatewayId) : igwTarget(records, table, input);
  if (table.routes.some((r) => r.destination === destination)) {
    throw new PracticeError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
  }
  table.routes.push({ destination, ...target });
  context.world.changed();
  return { Return: true };
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
  DeleteRoute: deleteRoute,
  AssociateRouteTable: associateRouteTable,
  DisassociateRouteTable: disassociateRouteTable,
  DeleteRouteTable: deleteRouteTable,
};
