// EC2 VPC writes through the real EC2Client: seed 004's Test-VPC built call by call as the console's
// "VPC and more" builds it, each validation error as the SDK surfaces it, the deletes refused in the
// wrong order and accepted in AWS's, and the inventory reading the routes (public and private subnets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  TerminateInstancesCommand,
  waitUntilInstanceTerminated,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { ec2Practice, fails, WAIT } from './ec2Practice';
import { buildTestVpc, inventory, named } from './testVpc';

const practice = ec2Practice();
const ec2 = (): EC2Client => practice.aws.ec2;

test('Test-VPC built call by call: what AWS makes with the VPC, the attributes, and the inventory reads the routes', async () => {
  const built = await buildTestVpc(practice);
  const { vpcId } = built;

  const vpcs = await ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  assert.equal(vpcs.Vpcs?.[0]?.State, 'available');
  assert.equal(vpcs.Vpcs?.[0]?.CidrBlock, '10.0.0.0/16');
  const hostnames = await ec2().send(
    new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }),
  );
  assert.equal(hostnames.EnableDnsHostnames?.Value, true);
  const support = await ec2().send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }));
  assert.equal(support.EnableDnsSupport?.Value, true);

  // The main route table (local route only) and the default group come with the VPC.
  const tables = await ec2().send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  const main = tables.RouteTables?.find((t) => t.Associations?.some((a) => a.Main));
  assert.deepEqual(
    main?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State]),
    [['10.0.0.0/16', 'local', 'active']],
  );
  assert.equal(tables.RouteTables?.length, 4);
  const publicTable = tables.RouteTables?.find((t) => t.RouteTableId === built.publicTable);
  assert.deepEqual(
    publicTable?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State]),
    [
      ['10.0.0.0/16', 'local', 'active'],
      ['0.0.0.0/0', built.igwId, 'active'],
    ],
  );
  const groups = await ec2().send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
  );
  assert.deepEqual(
    groups.SecurityGroups?.map((g) => g.GroupName),
    ['default'],
  );
  const igws = await ec2().send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [built.igwId] }));
  assert.deepEqual(igws.InternetGateways?.[0]?.Attachments, [{ State: 'available', VpcId: vpcId }]);

  await ec2().send(
    new ModifySubnetAttributeCommand({
      SubnetId: built.subnets['パブリックサブネット-1a'],
      MapPublicIpOnLaunch: { Value: true },
    }),
  );
  const described = await ec2().send(
    new DescribeSubnetsCommand({ SubnetIds: [built.subnets['パブリックサブネット-1a'] ?? ''] }),
  );
  assert.equal(described.Subnets?.[0]?.MapPublicIpOnLaunch, true);

  const inv = await inventory(practice);
  assert.deepEqual(inv.problems, []);
  const mine = inv.subnets
    .filter((s) => s.vpcId === vpcId)
    .sort((a, b) => a.cidr.localeCompare(b.cidr))
    .map((s) => [s.name, s.cidr, s.az, s.isPublic]);
  assert.deepEqual(mine, [
    ['パブリックサブネット-1a', '10.0.0.0/24', 'ap-northeast-1a', true],
    ['パブリックサブネット-1c', '10.0.1.0/24', 'ap-northeast-1c', true],
    ['プライベートサブネット-1a', '10.0.2.0/24', 'ap-northeast-1a', false],
    ['プライベートサブネット-1c', '10.0.3.0/24', 'ap-northeast-1c', false],
  ]);
  assert.equal(inv.vpcs.find((v) => v.id === vpcId)?.name, 'Test-VPC');

  // Without the route the public subnets read private; a detached gateway leaves the route a blackhole.
  await ec2().send(new DeleteRouteCommand({ RouteTableId: built.publicTable, DestinationCidrBlock: '0.0.0.0/0' }));
  assert.ok((await inventory(practice)).subnets.filter((s) => s.vpcId === vpcId).every((s) => !s.isPublic));
  await ec2().send(
    new CreateRouteCommand({
      RouteTableId: built.publicTable,
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: built.igwId,
    }),
  );
  await ec2().send(new DetachInternetGatewayCommand({ InternetGatewayId: built.igwId, VpcId: vpcId }));
  const orphaned = await ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [built.publicTable] }));
  assert.equal(
    orphaned.RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.State,
    'blackhole',
  );
  assert.ok((await inventory(practice)).subnets.filter((s) => s.vpcId === vpcId).every((s) => !s.isPublic));
  await ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: built.igwId, VpcId: vpcId }));
  const healed = await inventory(practice);
  assert.deepEqual(
    healed.subnets
      .filter((s) => s.vpcId === vpcId && s.isPublic)
      .map((s) => s.cidr)
      .sort(),
    ['10.0.0.0/24', '10.0.1.0/24'],
  );
});

test('VPC and subnet validation: CIDR syntax and size, range, overlap, zones, attributes', async () => {
  await fails(ec2().send(new CreateVpcCommand({})), 'MissingParameter');
  await fails(ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0' })), 'InvalidParameterValue');
  await fails(ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.300.0/16' })), 'InvalidParameterValue');
  await fails(ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.1/16' })), 'InvalidParameterValue');
  await fails(ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/15' })), 'InvalidVpc.Range');
  await fails(ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/29' })), 'InvalidVpc.Range');
  await fails(
    ec2().send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', TagSpecifications: named('subnet', 'x') })),
    'InvalidParameterValue',
  );
  const smallest = await ec2().send(new CreateVpcCommand({ CidrBlock: '192.168.0.0/28' }));
  assert.equal(smallest.Vpc?.CidrBlock, '192.168.0.0/28');

  const vpc = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  const VpcId = vpc.Vpc?.VpcId ?? '';
  await fails(
    ec2().send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.20.0.0/24' })),
    'InvalidVpcID.NotFound',
  );
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.21.0.0/24' })), 'InvalidSubnet.Range');
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.0/29' })), 'InvalidSubnet.Range');
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.0/15' })), 'InvalidSubnet.Range');
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.5/24' })), 'InvalidParameterValue');
  await fails(
    ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.0/24', AvailabilityZone: 'ap-northeast-1z' })),
    'InvalidParameterValue',
  );
  await fails(
    ec2().send(
      new CreateSubnetCommand({
        VpcId,
        CidrBlock: '10.20.0.0/24',
        AvailabilityZone: 'ap-northeast-1a',
        AvailabilityZoneId: 'apne1-az4',
      }),
    ),
    'InvalidParameterCombination',
  );
  const byZoneId = await ec2().send(
    new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.0/24', AvailabilityZoneId: 'apne1-az4' }),
  );
  assert.equal(byZoneId.Subnet?.AvailabilityZoneId, 'apne1-az4');
  assert.equal(byZoneId.Subnet?.AvailabilityZone, 'ap-northeast-1a');
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.0/24' })), 'InvalidSubnet.Conflict');
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.128/25' })), 'InvalidSubnet.Conflict');
  await fails(ec2().send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.0.0/23' })), 'InvalidSubnet.Conflict');
  // The same block in another VPC does not conflict.
  const other = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  await ec2().send(new CreateSubnetCommand({ VpcId: other.Vpc?.VpcId, CidrBlock: '10.20.0.0/24' }));

  await fails(
    ec2().send(
      new ModifyVpcAttributeCommand({ VpcId, EnableDnsHostnames: { Value: true }, EnableDnsSupport: { Value: true } }),
    ),
    'InvalidParameterCombination',
  );
  await fails(ec2().send(new ModifyVpcAttributeCommand({ VpcId })), 'MissingParameter');
  await ec2().send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsSupport: { Value: false } }));
  await fails(
    ec2().send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsHostnames: { Value: true } })),
    'InvalidParameterValue',
  );
  const support = await ec2().send(new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsSupport' }));
  assert.equal(support.EnableDnsSupport?.Value, false);
  await fails(
    ec2().send(new ModifySubnetAttributeCommand({ SubnetId: byZoneId.Subnet?.SubnetId })),
    'MissingParameter',
  );
});

test('gateways and routes: one gateway per VPC, routes only to a gateway of that VPC, associations', async () => {
  const a = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }));
  const b = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.31.0.0/16' }));
  const vpcA = a.Vpc?.VpcId ?? '';
  const vpcB = b.Vpc?.VpcId ?? '';
  const igw1 = (await ec2().send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
  const igw2 = (await ec2().send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
  await fails(
    ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: 'igw-0123456789abcdef0', VpcId: vpcA })),
    'InvalidInternetGatewayID.NotFound',
  );
  await ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: igw1, VpcId: vpcA }));
  await fails(
    ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: igw1, VpcId: vpcB })),
    'Resource.AlreadyAssociated',
  );
  await fails(
    ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: igw2, VpcId: vpcA })),
    'Resource.AlreadyAssociated',
  );
  await fails(
    ec2().send(new DetachInternetGatewayCommand({ InternetGatewayId: igw2, VpcId: vpcA })),
    'Gateway.NotAttached',
  );

  const tableA = (await ec2().send(new CreateRouteTableCommand({ VpcId: vpcA }))).RouteTable?.RouteTableId ?? '';
  await fails(
    ec2().send(new CreateRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw2 })),
    'InvalidParameterValue',
  );
  await fails(
    ec2().send(new CreateRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: '0.0.0.0/0' })),
    'MissingParameter',
  );
  await fails(
    ec2().send(new CreateRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: 'anywhere', GatewayId: igw1 })),
    'InvalidParameterValue',
  );
  await ec2().send(
    new CreateRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw1 }),
  );
  await fails(
    ec2().send(new CreateRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw1 })),
    'RouteAlreadyExists',
  );
  await fails(
    ec2().send(new DeleteRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: '10.30.0.0/16' })),
    'InvalidParameterValue',
  );
  await fails(
    ec2().send(new DeleteRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: '192.168.0.0/16' })),
    'InvalidRoute.NotFound',
  );

  const subnetA = (await ec2().send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.30.0.0/24' }))).Subnet;
  const subnetB = (await ec2().send(new CreateSubnetCommand({ VpcId: vpcB, CidrBlock: '10.31.0.0/24' }))).Subnet;
  await fails(
    ec2().send(new AssociateRouteTableCommand({ RouteTableId: tableA, SubnetId: subnetB?.SubnetId })),
    'InvalidParameterValue',
  );
  const assoc = await ec2().send(new AssociateRouteTableCommand({ RouteTableId: tableA, SubnetId: subnetA?.SubnetId }));
  const secondTable = (await ec2().send(new CreateRouteTableCommand({ VpcId: vpcA }))).RouteTable?.RouteTableId;
  await fails(
    ec2().send(new AssociateRouteTableCommand({ RouteTableId: secondTable, SubnetId: subnetA?.SubnetId })),
    'Resource.AlreadyAssociated',
  );
  // The explicit association replaces the main table's implicit one: the subnet reads public.
  const inv = await inventory(practice);
  assert.equal(inv.subnets.find((s) => s.id === subnetA?.SubnetId)?.isPublic, true);
  assert.equal(inv.subnets.find((s) => s.id === subnetB?.SubnetId)?.isPublic, false);

  const mainA = await ec2().send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcA] },
        { Name: 'association.main', Values: ['true'] },
      ],
    }),
  );
  const mainAssociation = mainA.RouteTables?.[0]?.Associations?.[0]?.RouteTableAssociationId;
  await fails(
    ec2().send(new DisassociateRouteTableCommand({ AssociationId: mainAssociation })),
    'InvalidParameterValue',
  );
  await fails(
    ec2().send(new DisassociateRouteTableCommand({ AssociationId: 'rtbassoc-0123456789abcdef0' })),
    'InvalidAssociationID.NotFound',
  );
  await ec2().send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId }));
  assert.equal((await inventory(practice)).subnets.find((s) => s.id === subnetA?.SubnetId)?.isPublic, false);
});

test('deletes: refused in the wrong order with DependencyViolation, accepted in the order AWS needs', async () => {
  const built = await buildTestVpc(practice);
  const { vpcId, igwId, publicTable } = built;
  const subnetIds = Object.values(built.subnets);
  const mainTable = (
    await ec2().send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    )
  ).RouteTables?.[0]?.RouteTableId;

  await fails(ec2().send(new DeleteVpcCommand({ VpcId: vpcId })), 'DependencyViolation');
  await fails(ec2().send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId })), 'DependencyViolation');
  await fails(ec2().send(new DeleteRouteTableCommand({ RouteTableId: publicTable })), 'DependencyViolation');
  await fails(ec2().send(new DeleteRouteTableCommand({ RouteTableId: mainTable })), 'DependencyViolation');

  // An instance in a subnet holds it, and its public address holds the gateway.
  const ami = await practice.latestAmazonLinux();
  const instance = await practice.launch({
    ImageId: ami,
    NetworkInterfaces: [
      { DeviceIndex: 0, SubnetId: built.subnets['パブリックサブネット-1a'], AssociatePublicIpAddress: true },
    ],
  });
  await fails(ec2().send(new DeleteSubnetCommand({ SubnetId: instance.SubnetId })), 'DependencyViolation');
  await fails(
    ec2().send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
    'DependencyViolation',
  );
  await ec2().send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId ?? ''] }));
  await waitUntilInstanceTerminated({ client: ec2(), ...WAIT }, { InstanceIds: [instance.InstanceId ?? ''] });

  // AWS's order: subnets (their associations go with them), route tables, the gateway, the VPC.
  for (const SubnetId of subnetIds) await ec2().send(new DeleteSubnetCommand({ SubnetId }));
  await fails(ec2().send(new DeleteVpcCommand({ VpcId: vpcId })), 'DependencyViolation');
  for (const RouteTableId of [publicTable, ...built.privateTables]) {
    await ec2().send(new DeleteRouteTableCommand({ RouteTableId }));
  }
  await fails(ec2().send(new DeleteVpcCommand({ VpcId: vpcId })), 'DependencyViolation');
  await ec2().send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  await ec2().send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
  await ec2().send(new DeleteVpcCommand({ VpcId: vpcId }));

  const records = practice.records();
  assert.equal(
    records.vpcs.some((v) => v.id === vpcId),
    false,
  );
  assert.equal(
    records.routeTables.some((t) => t.vpcId === vpcId),
    false,
    'the main table goes with the VPC',
  );
  assert.equal(
    records.securityGroups.some((g) => g.vpcId === vpcId),
    false,
    'the default group goes with it',
  );
  await fails(ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] })), 'InvalidVpcID.NotFound');
});
