// Seed 004's Test-VPC built through the real EC2Client, call by call as the console's "VPC and more"
// builds it, and the inventory as the extension fetches it from the practice account.
import assert from 'node:assert/strict';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  ModifyVpcAttributeCommand,
  waitUntilVpcAvailable,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import { resolveAccount } from '../../../../src/aws/account';
import { createClients } from '../../../../src/aws/clients';
import { fetchInventory } from '../../../../src/aws/inventory';
import { WAIT, type Ec2Practice } from './ec2Practice';

export const named = (type: ResourceType, name: string) => [
  { ResourceType: type, Tags: [{ Key: 'Name', Value: name }] },
];

export async function inventory(practice: Ec2Practice) {
  const endpoint = practice.server.endpoint;
  const account = await resolveAccount({ source: 'practice', endpointUrl: endpoint }, async () => endpoint, {});
  const clients = createClients(account, {});
  try {
    return await fetchInventory(clients);
  } finally {
    clients.destroy();
  }
}

export interface TestVpc {
  vpcId: string;
  igwId: string;
  publicTable: string;
  privateTables: string[];
  subnets: Record<string, string>;
}

/** Seed 004's Test-VPC, call by call: the VPC, four subnets, the IGW, the public table and one private table per AZ. */
export async function buildTestVpc(practice: Ec2Practice): Promise<TestVpc> {
  const vpc = await practice.aws.ec2.send(
    new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: named('vpc', 'Test-VPC') }),
  );
  const vpcId = vpc.Vpc?.VpcId ?? '';
  assert.match(vpcId, /^vpc-[0-9a-f]{17}$/);
  assert.equal(vpc.Vpc?.State, 'pending');
  assert.equal(vpc.Vpc?.IsDefault, false);
  await waitUntilVpcAvailable({ client: practice.aws.ec2, ...WAIT }, { VpcIds: [vpcId] });
  await practice.aws.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));

  const subnets: Record<string, string> = {};
  for (const [name, cidr, az] of [
    ['パブリックサブネット-1a', '10.0.0.0/24', 'ap-northeast-1a'],
    ['パブリックサブネット-1c', '10.0.1.0/24', 'ap-northeast-1c'],
    ['プライベートサブネット-1a', '10.0.2.0/24', 'ap-northeast-1a'],
    ['プライベートサブネット-1c', '10.0.3.0/24', 'ap-northeast-1c'],
  ] as const) {
    const out = await practice.aws.ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: cidr,
        AvailabilityZone: az,
        TagSpecifications: named('subnet', name),
      }),
    );
    assert.equal(out.Subnet?.AvailabilityZone, az);
    assert.equal(out.Subnet?.MapPublicIpOnLaunch, false);
    assert.equal(out.Subnet?.AvailableIpAddressCount, 251);
    subnets[name] = out.Subnet?.SubnetId ?? '';
  }

  const igw = await practice.aws.ec2.send(
    new CreateInternetGatewayCommand({ TagSpecifications: named('internet-gateway', 'Test-VPC-igw') }),
  );
  const igwId = igw.InternetGateway?.InternetGatewayId ?? '';
  assert.match(igwId, /^igw-[0-9a-f]{17}$/);
  assert.deepEqual(igw.InternetGateway?.Attachments, []);
  await practice.aws.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));

  const pub = await practice.aws.ec2.send(
    new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: named('route-table', 'Test-VPC-rtb-public') }),
  );
  const publicTable = pub.RouteTable?.RouteTableId ?? '';
  assert.deepEqual(
    pub.RouteTable?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId]),
    [['10.0.0.0/16', 'local']],
  );
  await practice.aws.ec2.send(
    new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
  );
  for (const name of ['パブリックサブネット-1a', 'パブリックサブネット-1c']) {
    const assoc = await practice.aws.ec2.send(
      new AssociateRouteTableCommand({ RouteTableId: publicTable, SubnetId: subnets[name] }),
    );
    assert.match(assoc.AssociationId ?? '', /^rtbassoc-[0-9a-f]{17}$/);
  }
  const privateTables: string[] = [];
  for (const name of ['プライベートサブネット-1a', 'プライベートサブネット-1c']) {
    const table = await practice.aws.ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: named('route-table', `rtb-${name}`) }),
    );
    const tableId = table.RouteTable?.RouteTableId ?? '';
    privateTables.push(tableId);
    await practice.aws.ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, SubnetId: subnets[name] }));
  }
  return { vpcId, igwId, publicTable, privateTables, subnets };
}
