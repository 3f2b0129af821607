// Every AWS region in the practice account has its default VPC (a default subnet per real AZ, an
// internet gateway, the main route table to it, the default security group), as on AWS; a region
// name AWS does not have is refused with the error AWS gives a request scoped to an invalid region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSecurityGroupCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';

let server: PracticeServer;
const opened: PracticeClients[] = [];

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', world: createStartingWorld() });
});
after(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

function clientsIn(region: string, endpoint = server.endpoint): PracticeClients {
  const clients = practiceClients(endpoint, { region, maxAttempts: 1 });
  opened.push(clients);
  return clients;
}

const REAL_ZONES: Record<string, string[]> = {
  'us-east-1': ['a', 'b', 'c', 'd', 'e', 'f'],
  'us-west-1': ['a', 'c'],
  'eu-west-1': ['a', 'b', 'c'],
  'ca-central-1': ['a', 'b', 'd'],
  'ap-northeast-2': ['a', 'b', 'c', 'd'],
  'sa-east-1': ['a', 'b', 'c'],
};

test("each region has its real AZs and a default VPC like ap-northeast-1's", async () => {
  for (const [region, letters] of Object.entries(REAL_ZONES)) {
    const { ec2 } = clientsIn(region);
    const zones = (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [];
    const names = letters.map((l) => `${region}${l}`);
    assert.deepEqual(
      zones.map((z) => z.ZoneName),
      names,
      region,
    );

    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    assert.equal(vpcs.length, 1, region);
    const vpc = vpcs[0];
    assert.equal(vpc?.IsDefault, true);
    assert.equal(vpc?.CidrBlock, '172.31.0.0/16');
    const vpcId = vpc?.VpcId ?? '';

    const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
    assert.deepEqual(subnets.map((s) => s.AvailabilityZone).sort(), names, `${region}: one default subnet per AZ`);
    for (const s of subnets) {
      assert.equal(s.VpcId, vpcId);
      assert.equal(s.DefaultForAz, true);
      assert.equal(s.MapPublicIpOnLaunch, true);
      assert.match(s.CidrBlock ?? '', /^172\.31\.\d+\.0\/20$/);
    }
    assert.equal(new Set(subnets.map((s) => s.CidrBlock)).size, subnets.length, 'distinct subnet CIDRs');

    const igws = (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? [];
    assert.equal(igws.length, 1);
    assert.deepEqual(
      igws[0]?.Attachments?.map((a) => [a.VpcId, a.State]),
      [[vpcId, 'available']],
    );
    const tables = (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? [];
    assert.equal(tables.length, 1);
    assert.equal(
      tables[0]?.Associations?.some((a) => a.Main),
      true,
      'the main route table',
    );
    assert.ok(
      tables[0]?.Routes?.some(
        (r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId === igws[0]?.InternetGatewayId,
      ),
      'a default route to the internet gateway',
    );
    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    assert.deepEqual(
      groups.map((g) => [g.GroupName, g.VpcId]),
      [['default', vpcId]],
    );
    assert.deepEqual((await ec2.send(new DescribeInstancesCommand({}))).Reservations, []);
  }
});

test('a default VPC is usable as on AWS: a group and an instance land in it without naming it', async () => {
  const { ec2 } = clientsIn('eu-west-1');
  const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
  const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web' }));
  const described = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group.GroupId ?? ''] }));
  assert.equal(described.SecurityGroups?.[0]?.VpcId, vpcId);

  const images = await ec2.send(
    new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'architecture', Values: ['x86_64'] }] }),
  );
  const imageId = images.Images?.[0]?.ImageId;
  assert.ok(imageId, 'an Amazon Linux image in eu-west-1');
  const run = await ec2.send(
    new RunInstancesCommand({ ImageId: imageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }),
  );
  const instance = run.Instances?.[0];
  assert.equal(instance?.VpcId, vpcId);
  assert.match(instance?.Placement?.AvailabilityZone ?? '', /^eu-west-1[abc]$/);
});

test('default VPC IDs are the same on every practice server (and after a reset)', async () => {
  const other = await startPracticeServer({ port: 0, speed: 'instant', world: createStartingWorld() });
  try {
    const here = (await clientsIn('us-east-2').ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    const there = (await clientsIn('us-east-2', other.endpoint).ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    assert.match(here ?? '', /^vpc-[0-9a-f]{17}$/);
    assert.equal(there, here);
    await other.reset();
    const afterReset = (await clientsIn('us-east-2', other.endpoint).ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]
      ?.VpcId;
    assert.equal(afterReset, here);
  } finally {
    await other.close();
  }
});

test('a region AWS does not have is refused (EC2 AuthFailure, awsQuery SignatureDoesNotMatch) and leaves nothing', async () => {
  for (const region of ['xx-fake-1', 'ap-northeast-9', 'tokyo']) {
    const aws = clientsIn(region);
    const ec2 = await rejection(aws.ec2.send(new DescribeVpcsCommand({})));
    assert.equal(ec2.name, 'AuthFailure', region);
    assert.equal(ec2.$metadata?.httpStatusCode, 401);
    assert.match(ec2.message, new RegExp(`valid region, not '${region}'`));
    const elb = await rejection(aws.elb.send(new DescribeLoadBalancersCommand({})));
    assert.equal(elb.name, 'SignatureDoesNotMatch', region);
    assert.equal(elb.$metadata?.httpStatusCode, 403);
    const sts = await rejection(aws.sts.send(new GetCallerIdentityCommand({})));
    assert.equal(sts.name, 'SignatureDoesNotMatch', region);
    assert.equal(Object.hasOwn(server.world.state.regions, region), false, 'no invented region in the state');
  }
});

test('DescribeRegions lists the regions AWS has; an unknown name is InvalidParameterValue', async () => {
  const { ec2 } = clientsIn('ap-northeast-1');
  const all = (await ec2.send(new DescribeRegionsCommand({}))).Regions ?? [];
  const names = all.map((r) => r.RegionName);
  for (const region of ['ap-northeast-1', 'ap-northeast-3', 'us-east-1', 'eu-central-1', ...Object.keys(REAL_ZONES)])
    assert.ok(names.includes(region), region);
  assert.equal(all.find((r) => r.RegionName === 'ap-northeast-1')?.Endpoint, 'ec2.ap-northeast-1.amazonaws.com');
  const one = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['us-west-2'] }));
  assert.deepEqual(
    one.Regions?.map((r) => [r.RegionName, r.OptInStatus]),
    [['us-west-2', 'opt-in-not-required']],
  );
  const bad = await rejection(ec2.send(new DescribeRegionsCommand({ RegionNames: ['xx-fake-1'] })));
  assert.equal(bad.name, 'InvalidParameterValue');
});
