// ReplaceRoute and ReplaceRouteTableAssociation through the real EC2Client on seed 004's Test-VPC: a blackholed
// default route pointed at the attached gateway again, a subnet moved from one table to another (a new association
// ID), the main table changed, and AWS's errors for a route or an association that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateInternetGatewayCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  AttachInternetGatewayCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { ec2Practice, fails } from './ec2Practice';
import { buildTestVpc, inventory } from './testVpc';

const practice = ec2Practice();
const ec2 = (): EC2Client => practice.aws.ec2;
const tablesOf = async (vpcId: string) =>
  (await ec2().send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).RouteTables ??
  [];

test('ReplaceRoute: the public table sent to a new gateway after the old one was detached; errors as AWS words them', async () => {
  const built = await buildTestVpc(practice);
  await ec2().send(new DetachInternetGatewayCommand({ InternetGatewayId: built.igwId, VpcId: built.vpcId }));
  let tables = await tablesOf(built.vpcId);
  const route = () =>
    tables
      .find((t) => t.RouteTableId === built.publicTable)
      ?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  assert.equal(route()?.State, 'blackhole');
  const fresh = await ec2().send(new CreateInternetGatewayCommand({}));
  const igw = fresh.InternetGateway?.InternetGatewayId ?? '';
  // A gateway not attached to the table's VPC is refused, as in CreateRoute.
  await fails(
    ec2().send(
      new ReplaceRouteCommand({ RouteTableId: built.publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }),
    ),
    'InvalidParameterValue',
  );
  await ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: built.vpcId }));
  await ec2().send(
    new ReplaceRouteCommand({ RouteTableId: built.publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }),
  );
  tables = await tablesOf(built.vpcId);
  assert.deepEqual([route()?.GatewayId, route()?.State], [igw, 'active']);
  const inv = await inventory(practice);
  assert.ok(inv.subnets.filter((s) => s.vpcId === built.vpcId && s.isPublic).length === 2, 'public again');
  // No such route in a private table: AWS says to create it.
  await fails(
    ec2().send(
      new ReplaceRouteCommand({
        RouteTableId: built.privateTables[0],
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igw,
      }),
    ),
    'InvalidRoute.NotFound',
  );
});

test('ReplaceRouteTableAssociation: a subnet moves to another table (new association ID); the main table changes', async () => {
  const built = await buildTestVpc(practice);
  let tables = await tablesOf(built.vpcId);
  const publicTable = tables.find((t) => t.RouteTableId === built.publicTable);
  const association = publicTable?.Associations?.find((a) => a.SubnetId)?.RouteTableAssociationId;
  const subnetId = publicTable?.Associations?.find((a) => a.SubnetId)?.SubnetId;
  const moved = await ec2().send(
    new ReplaceRouteTableAssociationCommand({ AssociationId: association, RouteTableId: built.privateTables[0] }),
  );
  assert.notEqual(moved.NewAssociationId, association);
  assert.equal(moved.AssociationState?.State, 'associated');
  tables = await tablesOf(built.vpcId);
  const owner = tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId));
  assert.equal(owner?.RouteTableId, built.privateTables[0]);
  assert.equal(
    owner?.Associations?.find((a) => a.SubnetId === subnetId)?.RouteTableAssociationId,
    moved.NewAssociationId,
  );

  const main = tables.find((t) => t.Associations?.some((a) => a.Main));
  const mainAssociation = main?.Associations?.find((a) => a.Main)?.RouteTableAssociationId;
  await ec2().send(
    new ReplaceRouteTableAssociationCommand({ AssociationId: mainAssociation, RouteTableId: built.privateTables[1] }),
  );
  tables = await tablesOf(built.vpcId);
  assert.equal(tables.find((t) => t.Associations?.some((a) => a.Main))?.RouteTableId, built.privateTables[1]);

  await fails(
    ec2().send(
      new ReplaceRouteTableAssociationCommand({
        AssociationId: 'rtbassoc-0123456789abcdef0',
        RouteTableId: built.publicTable,
      }),
    ),
    'InvalidAssociationID.NotFound',
  );
});
