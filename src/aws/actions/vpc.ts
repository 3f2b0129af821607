// EC2 network writes for track 4, each safe to repeat: creates carry their tags (TagSpecifications) and are not
// repeated when an answer is lost (the rerun finds the resource by its tags in the inventory); "already done"
// answers count as done.
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
  DescribeRouteTablesCommand,
} from '@aws-sdk/client-ec2';
import { call, notRepeatedUnanswered, type Aws } from './call';
import { tagSpecs } from './ec2';

type Tags = Readonly<Record<string, string>>;

export async function createVpc(aws: Aws, cidr: string, tags: Tags): Promise<string> {
  const out = await call(aws, 'ec2:CreateVpc', (o) =>
    aws.clients.ec2.send(
      notRepeatedUnanswered(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpecs(['vpc'], tags) })),
      o,
    ),
  );
  return out.Vpc?.VpcId ?? '';
}

/** DNS hostnames on, as the console's "VPC and more" sets it (instances get public DNS names). */
export async function enableDnsHostnames(aws: Aws, vpcId: string): Promise<void> {
  await call(aws, 'ec2:ModifyVpcAttribute', (o) =>
    aws.clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }), o),
  );
}

export async function createSubnet(
  aws: Aws,
  spec: { vpcId: string; cidr: string; az: string; tags: Tags },
): Promise<string> {
  const out = await call(aws, 'ec2:CreateSubnet', (o) =>
    aws.clients.ec2.send(
      notRepeatedUnanswered(
        new CreateSubnetCommand({
          VpcId: spec.vpcId,
          CidrBlock: spec.cidr,
          AvailabilityZone: spec.az,
          TagSpecifications: tagSpecs(['subnet'], spec.tags),
        }),
      ),
      o,
    ),
  );
  return out.Subnet?.SubnetId ?? '';
}

export async function setAutoAssignPublicIp(aws: Aws, subnetId: string, on: boolean): Promise<void> {
  await call(aws, 'ec2:ModifySubnetAttribute', (o) =>
    aws.clients.ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: on } }),
      o,
    ),
  );
}

export async function createInternetGateway(aws: Aws, tags: Tags): Promise<string> {
  const out = await call(aws, 'ec2:CreateInternetGateway', (o) =>
    aws.clients.ec2.send(
      notRepeatedUnanswered(
        new CreateInternetGatewayCommand({ TagSpecifications: tagSpecs(['internet-gateway'], tags) }),
      ),
      o,
    ),
  );
  return out.InternetGateway?.InternetGatewayId ?? '';
}

export async function attachInternetGateway(aws: Aws, gatewayId: string, vpcId: string): Promise<void> {
  await call(
    aws,
    'ec2:AttachInternetGateway',
    (o) => aws.clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }), o),
    // Attached by an attempt whose answer was lost.
    { 'Resource.AlreadyAssociated': () => undefined },
  );
}

export async function createRouteTable(aws: Aws, vpcId: string, tags: Tags): Promise<string> {
  const out = await call(aws, 'ec2:CreateRouteTable', (o) =>
    aws.clients.ec2.send(
      notRepeatedUnanswered(
        new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagSpecs(['route-table'], tags) }),
      ),
      o,
    ),
  );
  return out.RouteTable?.RouteTableId ?? '';
}

export type RouteTarget = { gatewayId: string } | { natGatewayId: string };

const targetOf = (t: RouteTarget) => ('gatewayId' in t ? { GatewayId: t.gatewayId } : { NatGatewayId: t.natGatewayId });

/** 0.0.0.0/0 to `target`: created, or replaced where the table already routes it elsewhere (a blackhole). */
export async function routeDefaultTo(aws: Aws, routeTableId: string, target: RouteTarget): Promise<void> {
  const input = { RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0', ...targetOf(target) };
  const created = await call(
    aws,
    'ec2:CreateRoute',
    async (o) => (await aws.clients.ec2.send(new CreateRouteCommand(input), o)).Return !== false,
    { RouteAlreadyExists: () => false },
  );
  if (!created) await call(aws, 'ec2:ReplaceRoute', (o) => aws.clients.ec2.send(new ReplaceRouteCommand(input), o));
}

/** The subnet's explicit association moved to `routeTableId` (or made, when it used the main table). */
export async function useRouteTable(aws: Aws, subnetId: string, routeTableId: string): Promise<void> {
  const current = await call(aws, 'ec2:DescribeRouteTables', (o) =>
    aws.clients.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
      o,
    ),
  );
  const association = (current.RouteTables ?? [])
    .flatMap((t) => t.Associations ?? [])
    .find((a) => a.SubnetId === subnetId);
  if (association?.RouteTableId === routeTableId) return;
  if (association?.RouteTableAssociationId) {
    const id = association.RouteTableAssociationId;
    await call(aws, 'ec2:ReplaceRouteTableAssociation', (o) =>
      aws.clients.ec2.send(
        new ReplaceRouteTableAssociationCommand({ AssociationId: id, RouteTableId: routeTableId }),
        o,
      ),
    );
    return;
  }
  await call(aws, 'ec2:AssociateRouteTable', (o) =>
    aws.clients.ec2.send(new AssociateRouteTableCommand({ SubnetId: subnetId, RouteTableId: routeTableId }), o),
  );
}

/** A public NAT gateway in `subnetId` with a new Elastic IP (both tagged); ClientToken makes a rerun safe. */
export async function createNatGateway(
  aws: Aws,
  spec: { subnetId: string; tags: Tags; clientToken: string; allocationId?: string },
): Promise<{ natGatewayId: string; allocationId: string }> {
  const allocationId =
    spec.allocationId ??
    (
      await call(aws, 'ec2:AllocateAddress', (o) =>
        aws.clients.ec2.send(
          notRepeatedUnanswered(
            new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tagSpecs(['elastic-ip'], spec.tags) }),
          ),
          o,
        ),
      )
    ).AllocationId ??
    '';
  const out = await call(aws, 'ec2:CreateNatGateway', (o) =>
    aws.clients.ec2.send(
      new CreateNatGatewayCommand({
        SubnetId: spec.subnetId,
        AllocationId: allocationId,
        ConnectivityType: 'public',
        ClientToken: spec.clientToken,
        TagSpecifications: tagSpecs(['natgateway'], spec.tags),
      }),
      o,
    ),
  );
  return { natGatewayId: out.NatGateway?.NatGatewayId ?? '', allocationId };
}
