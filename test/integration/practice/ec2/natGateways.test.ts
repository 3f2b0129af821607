// EC2 NAT gateways through the real EC2Client: CreateNatGateway in seed 004's Test-VPC (pending -> available with
// the SDK's waiter, the Elastic IP shown on the NAT's network interface), AWS's refusals and its failed states
// (FailureCode), ClientToken idempotency, a route through it that goes blackhole once it is deleted, the subnet
// held while it exists, and the Elastic IP free (still allocated) once it is deleted; the clock's speed honoured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNatGatewayCommand,
  DeleteSubnetCommand,
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  ReleaseAddressCommand,
  waitUntilNatGatewayAvailable,
  waitUntilNatGatewayDeleted,
  type EC2Client,
  type NatGateway,
} from '@aws-sdk/client-ec2';
import { startPracticeServer } from '../../../../src/practice/core/server';
import { practiceClients } from '../../../fixtures/practiceClients';
import { ec2Practice, fails, WAIT } from './ec2Practice';
import { buildTestVpc, named } from './testVpc';

const practice = ec2Practice();
const ec2 = (): EC2Client => practice.aws.ec2;

async function allocate(): Promise<string> {
  const out = await ec2().send(new AllocateAddressCommand({ Domain: 'vpc' }));
  assert.match(out.AllocationId ?? '', /^eipalloc-/);
  return out.AllocationId ?? '';
}

async function natOf(id: string | undefined): Promise<NatGateway> {
  const out = await ec2().send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id ?? ''] }));
  const nat = out.NatGateways?.[0];
  assert.ok(nat);
  return nat;
}

async function natRoute(tableId: string) {
  const out = await ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }));
  return out.RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
}

test('a public NAT gateway in Test-VPC: pending -> available, its Elastic IP on its interface, a route through it, the subnet held; deleted: route blackhole, address free', async () => {
  const built = await buildTestVpc(practice);
  const publicSubnet = built.subnets['パブリックサブネット-1a'] ?? '';
  const privateTable = built.privateTables[0] ?? '';
  const allocationId = await allocate();

  const created = await ec2().send(
    new CreateNatGatewayCommand({
      SubnetId: publicSubnet,
      AllocationId: allocationId,
      TagSpecifications: named('natgateway', 'Test-VPC-nat-public1-ap-northeast-1a'),
    }),
  );
  const natId = created.NatGateway?.NatGatewayId ?? '';
  assert.match(natId, /^nat-[0-9a-f]{17}$/);
  assert.equal(created.NatGateway?.State, 'pending');
  assert.equal(created.NatGateway?.ConnectivityType, 'public');
  assert.equal(created.NatGateway?.VpcId, built.vpcId);
  assert.deepEqual(created.NatGateway?.Tags, [{ Key: 'Name', Value: 'Test-VPC-nat-public1-ap-northeast-1a' }]);

  await waitUntilNatGatewayAvailable({ client: ec2(), ...WAIT }, { NatGatewayIds: [natId] });
  const nat = await natOf(natId);
  assert.equal(nat.State, 'available');
  const natAddress = nat.NatGatewayAddresses?.[0];
  assert.equal(natAddress?.AllocationId, allocationId);
  assert.match(natAddress?.NetworkInterfaceId ?? '', /^eni-/);
  assert.match(natAddress?.PrivateIp ?? '', /^10\.0\.0\./);

  // The Elastic IP is associated with the NAT gateway's network interface, not an instance; it cannot go meanwhile.
  const held = (await ec2().send(new DescribeAddressesCommand({ AllocationIds: [allocationId] }))).Addresses?.[0];
  assert.equal(held?.NetworkInterfaceId, natAddress?.NetworkInterfaceId);
  assert.equal(held?.PrivateIpAddress, natAddress?.PrivateIp);
  assert.equal(held?.InstanceId, undefined);
  assert.match(held?.AssociationId ?? '', /^eipassoc-/);
  assert.equal(natAddress?.PublicIp, held?.PublicIp);
  await fails(ec2().send(new ReleaseAddressCommand({ AllocationId: allocationId })), 'InvalidIPAddress.InUse');
  const web = await practice.webServer();
  await fails(
    ec2().send(new AssociateAddressCommand({ AllocationId: allocationId, InstanceId: web.InstanceId })),
    'Resource.AlreadyAssociated',
  );

  // The private subnets reach out through it.
  await ec2().send(
    new CreateRouteCommand({ RouteTableId: privateTable, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }),
  );
  const route = await natRoute(privateTable);
  assert.equal(route?.NatGatewayId, natId);
  assert.equal(route?.State, 'active');

  await fails(ec2().send(new DeleteSubnetCommand({ SubnetId: publicSubnet })), 'DependencyViolation');
  const subnetNow = await ec2().send(new DescribeSubnetsCommand({ SubnetIds: [publicSubnet] }));
  assert.equal(subnetNow.Subnets?.[0]?.AvailableIpAddressCount, 250, "the NAT gateway's interface takes an address");

  const deleting = await ec2().send(new DeleteNatGatewayCommand({ NatGatewayId: natId }));
  assert.equal(deleting.NatGatewayId, natId);
  await waitUntilNatGatewayDeleted({ client: ec2(), ...WAIT }, { NatGatewayIds: [natId] });
  const gone = await natOf(natId);
  assert.equal(gone.State, 'deleted');
  assert.ok(gone.DeleteTime instanceof Date);
  assert.equal((await natRoute(privateTable))?.State, 'blackhole');
  // AWS releases the association, not the address: it is still allocated, free to release now.
  const free = (await ec2().send(new DescribeAddressesCommand({ AllocationIds: [allocationId] }))).Addresses?.[0];
  assert.equal(free?.PublicIp, held?.PublicIp);
  assert.equal(free?.AssociationId, undefined);
  assert.equal(free?.NetworkInterfaceId, undefined);
  await fails(ec2().send(new DeleteNatGatewayCommand({ NatGatewayId: natId })), 'NatGatewayNotFound');
  await fails(
    ec2().send(
      new CreateRouteCommand({ RouteTableId: privateTable, DestinationCidrBlock: '10.9.0.0/16', NatGatewayId: natId }),
    ),
    'NatGatewayNotFound',
  );
  await ec2().send(new DeleteSubnetCommand({ SubnetId: publicSubnet }));
  await ec2().send(new ReleaseAddressCommand({ AllocationId: allocationId }));
});

test('CreateNatGateway refusals, failed states with AWS FailureCode, private connectivity and ClientToken idempotency', async () => {
  const web = await practice.webServer();
  const subnetId = web.SubnetId ?? '';
  await fails(ec2().send(new CreateNatGatewayCommand({ SubnetId: undefined })), 'MissingParameter');
  await fails(
    ec2().send(new CreateNatGatewayCommand({ SubnetId: 'subnet-0123456789abcdef0' })),
    'InvalidSubnetID.NotFound',
  );
  await fails(ec2().send(new CreateNatGatewayCommand({ SubnetId: subnetId })), 'MissingParameter');
  await fails(
    ec2().send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: 'nope' })),
    'InvalidAllocationID.Malformed',
  );
  const eip = await allocate();
  await fails(
    ec2().send(new CreateNatGatewayCommand({ SubnetId: subnetId, ConnectivityType: 'private', AllocationId: eip })),
    'InvalidParameterCombination',
  );
  await fails(
    ec2().send(
      new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: eip, TagSpecifications: named('subnet', 'x') }),
    ),
    'InvalidParameterValue',
  );

  // AWS accepts these, then the NAT gateway fails with a FailureCode.
  const unknown = await ec2().send(
    new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: 'eipalloc-0123456789abcdef0' }),
  );
  assert.equal(unknown.NatGateway?.State, 'pending');
  const failedUnknown = await natOf(unknown.NatGateway?.NatGatewayId);
  assert.equal(failedUnknown.State, 'failed');
  assert.equal(failedUnknown.FailureCode, 'InvalidAllocationID.NotFound');

  const associated = await allocate();
  await ec2().send(new AssociateAddressCommand({ AllocationId: associated, InstanceId: web.InstanceId }));
  const taken = await ec2().send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: associated }));
  const failedTaken = await natOf(taken.NatGateway?.NatGatewayId);
  assert.equal(failedTaken.State, 'failed');
  assert.equal(failedTaken.FailureCode, 'Resource.AlreadyAssociated');
  assert.equal(failedTaken.FailureMessage, `Elastic IP address ${associated} is already associated`);

  // A VPC without an internet gateway: a public NAT gateway cannot work there.
  const bare = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  const bareSubnet = await ec2().send(
    new CreateSubnetCommand({ VpcId: bare.Vpc?.VpcId, CidrBlock: '10.20.0.0/24', AvailabilityZone: 'ap-northeast-1a' }),
  );
  const noIgw = await ec2().send(
    new CreateNatGatewayCommand({ SubnetId: bareSubnet.Subnet?.SubnetId, AllocationId: eip }),
  );
  assert.equal((await natOf(noIgw.NatGateway?.NatGatewayId)).FailureCode, 'Gateway.NotAttached');
  // A failed NAT gateway holds nothing: the address and the subnet are free.
  await ec2().send(new DeleteSubnetCommand({ SubnetId: bareSubnet.Subnet?.SubnetId }));

  // Private connectivity needs no Elastic IP (and has no public address).
  const priv = await ec2().send(
    new CreateNatGatewayCommand({ SubnetId: subnetId, ConnectivityType: 'private', ClientToken: 'lab-private-1' }),
  );
  assert.equal(priv.ClientToken, 'lab-private-1');
  await waitUntilNatGatewayAvailable(
    { client: ec2(), ...WAIT },
    { NatGatewayIds: [priv.NatGateway?.NatGatewayId ?? ''] },
  );
  const privNat = await natOf(priv.NatGateway?.NatGatewayId);
  assert.equal(privNat.ConnectivityType, 'private');
  assert.equal(privNat.NatGatewayAddresses?.[0]?.PublicIp, undefined);
  assert.match(privNat.NatGatewayAddresses?.[0]?.PrivateIp ?? '', /^172\.31\./);

  // The same token and parameters: the same NAT gateway, no second one; other parameters: refused.
  const again = await ec2().send(
    new CreateNatGatewayCommand({ SubnetId: subnetId, ConnectivityType: 'private', ClientToken: 'lab-private-1' }),
  );
  assert.equal(again.NatGateway?.NatGatewayId, priv.NatGateway?.NatGatewayId);
  const all = await ec2().send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'subnet-id', Values: [subnetId] }] }));
  assert.equal(all.NatGateways?.filter((n) => n.ConnectivityType === 'private').length, 1);
  await fails(
    ec2().send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: eip, ClientToken: 'lab-private-1' })),
    'IdempotentParameterMismatch',
  );
});

test('speed 600: a NAT gateway stays pending about 100 ms and deleting about 75 ms, as AWS takes a minute', async () => {
  const server = await startPracticeServer({ port: 0, speed: 600 });
  const aws = practiceClients(server.endpoint);
  try {
    const subnets = server.world.region('ap-northeast-1').subnets;
    const subnetId = subnets[0]?.id ?? '';
    const created = await aws.ec2.send(
      new CreateNatGatewayCommand({ SubnetId: subnetId, ConnectivityType: 'private' }),
    );
    const id = created.NatGateway?.NatGatewayId ?? '';
    const read = async () =>
      (await aws.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }))).NatGateways?.[0]?.State;
    assert.equal(await read(), 'pending');
    await waitUntilNatGatewayAvailable({ client: aws.ec2, ...WAIT }, { NatGatewayIds: [id] });
    assert.equal(await read(), 'available');
    await aws.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: id }));
    assert.equal(await read(), 'deleting');
    await waitUntilNatGatewayDeleted({ client: aws.ec2, ...WAIT }, { NatGatewayIds: [id] });
    assert.equal(await read(), 'deleted');
  } finally {
    aws.destroy();
    await server.close();
  }
});
