// The EC2 reads of the practice account, through the real EC2Client over HTTP: the starting state
// (end of hands-on 1) as the SDK parses it, the filters and ID lists, and an unseeded region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant' });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

async function webServer(): Promise<Instance> {
  const out = await aws.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
  );
  const instance = out.Reservations?.[0]?.Instances?.[0];
  assert.ok(instance, 'WebServer is listed');
  return instance;
}

test('Availability Zones: ap-northeast-1a, 1c, 1d with their zone IDs', async () => {
  const out = await aws.ec2.send(new DescribeAvailabilityZonesCommand({}));
  assert.deepEqual(
    out.AvailabilityZones?.map((z) => [z.ZoneName, z.ZoneId, z.State, z.RegionName]),
    [
      ['ap-northeast-1a', 'apne1-az4', 'available', 'ap-northeast-1'],
      ['ap-northeast-1c', 'apne1-az1', 'available', 'ap-northeast-1'],
      ['ap-northeast-1d', 'apne1-az2', 'available', 'ap-northeast-1'],
    ],
  );
  const one = await aws.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['ap-northeast-1c'] }));
  assert.deepEqual(
    one.AvailabilityZones?.map((z) => z.ZoneName),
    ['ap-northeast-1c'],
  );
});

test('default VPC, its three default subnets, the main route table to the internet gateway', async () => {
  const vpcs = (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
  assert.equal(vpcs.length, 1);
  const vpc = vpcs[0];
  assert.equal(vpc?.CidrBlock, '172.31.0.0/16');
  assert.equal(vpc?.IsDefault, true);
  assert.match(vpc?.VpcId ?? '', /^vpc-[0-9a-f]{17}$/);

  const subnets = (await aws.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  assert.deepEqual(Object.fromEntries(subnets.map((s) => [s.AvailabilityZone, s.CidrBlock])), {
    'ap-northeast-1a': '172.31.32.0/20',
    'ap-northeast-1c': '172.31.0.0/20',
    'ap-northeast-1d': '172.31.16.0/20',
  });
  for (const s of subnets) {
    assert.equal(s.VpcId, vpc?.VpcId);
    assert.equal(s.DefaultForAz, true);
    assert.equal(s.MapPublicIpOnLaunch, true);
    assert.match(s.SubnetId ?? '', /^subnet-[0-9a-f]{17}$/);
  }
  // A /20 has 4,096 addresses, AWS keeps 5; WebServer holds one in 1a.
  const free = Object.fromEntries(subnets.map((s) => [s.AvailabilityZone, s.AvailableIpAddressCount]));
  assert.deepEqual(free, { 'ap-northeast-1a': 4090, 'ap-northeast-1c': 4091, 'ap-northeast-1d': 4091 });

  const igws = (await aws.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? [];
  assert.equal(igws.length, 1);
  assert.equal(igws[0]?.Attachments?.[0]?.VpcId, vpc?.VpcId);
  assert.match(igws[0]?.InternetGatewayId ?? '', /^igw-[0-9a-f]{17}$/);

  const tables =
    (await aws.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.main', Values: ['true'] }] })))
      .RouteTables ?? [];
  assert.equal(tables.length, 1);
  assert.equal(tables[0]?.Associations?.[0]?.Main, true);
  assert.deepEqual(
    tables[0]?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId]),
    [
      ['172.31.0.0/16', 'local'],
      ['0.0.0.0/0', igws[0]?.InternetGatewayId],
    ],
  );
});

test('WebServer: t2.micro running in 1a, private and Elastic IP, key pair, security group, root volume', async () => {
  const web = await webServer();
  assert.match(web.InstanceId ?? '', /^i-[0-9a-f]{17}$/);
  assert.equal(web.InstanceType, 't2.micro');
  assert.deepEqual(web.State, { Code: 16, Name: 'running' });
  assert.equal(web.Placement?.AvailabilityZone, 'ap-northeast-1a');
  assert.equal(web.KeyName, 'ec2-key');
  assert.equal(web.PlatformDetails, 'Linux/UNIX');
  assert.equal(web.Architecture, 'x86_64');
  assert.ok(web.LaunchTime instanceof Date && web.LaunchTime.getTime() < Date.now(), 'launched some time ago');
  assert.match(web.PrivateIpAddress ?? '', /^172\.31\.(3[2-9]|4[0-7])\.\d+$/, 'private IP inside 172.31.32.0/20');
  assert.equal(web.PrivateDnsName, `ip-${web.PrivateIpAddress?.replace(/\./g, '-')}.ap-northeast-1.compute.internal`);

  const subnets = (
    await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['ap-northeast-1a'] }] }),
    )
  ).Subnets;
  assert.equal(web.SubnetId, subnets?.[0]?.SubnetId);
  assert.equal(web.VpcId, subnets?.[0]?.VpcId);

  const eips = (await aws.ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [];
  assert.equal(eips.length, 1);
  const eip = eips[0];
  assert.equal(eip?.InstanceId, web.InstanceId);
  assert.equal(eip?.Domain, 'vpc');
  assert.match(eip?.AllocationId ?? '', /^eipalloc-[0-9a-f]{17}$/);
  assert.match(eip?.AssociationId ?? '', /^eipassoc-[0-9a-f]{17}$/);
  assert.equal(eip?.PrivateIpAddress, web.PrivateIpAddress);
  assert.equal(web.PublicIpAddress, eip?.PublicIp, 'the public address is the Elastic IP');
  assert.equal(web.PublicDnsName, `ec2-${eip?.PublicIp?.replace(/\./g, '-')}.ap-northeast-1.compute.amazonaws.com`);

  const eni = web.NetworkInterfaces?.[0];
  assert.equal(eni?.Association?.PublicIp, eip?.PublicIp);
  assert.equal(eni?.Association?.IpOwnerId, '123456789012', 'an Elastic IP is owned by the account');
  assert.equal(eni?.NetworkInterfaceId, eip?.NetworkInterfaceId);
  assert.equal(eni?.Attachment?.DeviceIndex, 0);

  assert.deepEqual(
    web.SecurityGroups?.map((g) => g.GroupName),
    ['launch-wizard-1'],
  );
  assert.deepEqual(web.Tags, [{ Key: 'Name', Value: 'WebServer' }]);
  assert.equal(web.RootDeviceName, '/dev/xvda');
  const root = web.BlockDeviceMappings?.[0];
  assert.equal(root?.DeviceName, '/dev/xvda');
  assert.match(root?.Ebs?.VolumeId ?? '', /^vol-[0-9a-f]{17}$/);

  const volumes = (await aws.ec2.send(new DescribeVolumesCommand({}))).Volumes ?? [];
  assert.equal(volumes.length, 1);
  const volume = volumes[0];
  assert.equal(volume?.VolumeId, root?.Ebs?.VolumeId);
  assert.equal(volume?.Size, 8);
  assert.equal(volume?.VolumeType, 'gp2');
  assert.equal(volume?.State, 'in-use');
  assert.equal(volume?.AvailabilityZone, 'ap-northeast-1a');
  assert.deepEqual(
    volume?.Attachments?.map((a) => [a.InstanceId, a.Device, a.State]),
    [[web.InstanceId, '/dev/xvda', 'attached']],
  );

  // Its AMI is Amazon's Amazon Linux 2023, listed with Owners=amazon, not with Owners=self.
  const amazon =
    (await aws.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], ImageIds: [web.ImageId ?? ''] }))).Images ?? [];
  assert.equal(amazon[0]?.ImageOwnerAlias, 'amazon');
  assert.match(amazon[0]?.Name ?? '', /^al2023-ami-.*-x86_64$/);
  assert.equal(amazon[0]?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId, volume?.SnapshotId);
  assert.deepEqual((await aws.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images, []);
  assert.deepEqual((await aws.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots, []);
  const byName = await aws.ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }],
    }),
  );
  assert.deepEqual(
    byName.Images?.map((i) => i.ImageId),
    [web.ImageId],
  );
});

test('security groups: launch-wizard-1 admits HTTP from anywhere (v4 and v6) and SSH; default admits itself', async () => {
  const groups = (await aws.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
  assert.deepEqual(groups.map((g) => g.GroupName).sort(), ['default', 'launch-wizard-1']);
  const web = groups.find((g) => g.GroupName === 'launch-wizard-1');
  assert.deepEqual(
    web?.IpPermissions?.map((p) => ({
      protocol: p.IpProtocol,
      from: p.FromPort,
      to: p.ToPort,
      v4: p.IpRanges?.map((r) => r.CidrIp),
      v6: p.Ipv6Ranges?.map((r) => r.CidrIpv6),
    })),
    [
      { protocol: 'tcp', from: 80, to: 80, v4: ['0.0.0.0/0'], v6: ['::/0'] },
      { protocol: 'tcp', from: 22, to: 22, v4: ['0.0.0.0/0'], v6: [] },
    ],
  );
  assert.deepEqual(
    web?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.FromPort, p.IpRanges?.[0]?.CidrIp]),
    [['-1', undefined, '0.0.0.0/0']],
  );
  const byDefault = groups.find((g) => g.GroupName === 'default');
  assert.equal(byDefault?.IpPermissions?.[0]?.IpProtocol, '-1');
  assert.deepEqual(
    byDefault?.IpPermissions?.[0]?.UserIdGroupPairs?.map((p) => [p.GroupId, p.UserId]),
    [[byDefault?.GroupId, '123456789012']],
  );

  const byName = await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['launch-wizard-1'] }));
  assert.deepEqual(
    byName.SecurityGroups?.map((g) => g.GroupId),
    [web?.GroupId],
  );
  const sshFromAnywhere = await aws.ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'ip-permission.from-port', Values: ['22'] },
        { Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] },
      ],
    }),
  );
  assert.deepEqual(
    sshFromAnywhere.SecurityGroups?.map((g) => g.GroupName),
    ['launch-wizard-1'],
  );
});

test('key pair ec2-key and the network interface of WebServer', async () => {
  const keys = (await aws.ec2.send(new DescribeKeyPairsCommand({ IncludePublicKey: true }))).KeyPairs ?? [];
  assert.deepEqual(
    keys.map((k) => [k.KeyName, k.KeyType]),
    [['ec2-key', 'ed25519']],
  );
  assert.match(keys[0]?.KeyPairId ?? '', /^key-[0-9a-f]{17}$/);
  assert.match(keys[0]?.PublicKey ?? '', /^ssh-ed25519 AAAA/);
  assert.ok(keys[0]?.KeyFingerprint);

  const web = await webServer();
  const enis = (
    await aws.ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [web.InstanceId ?? ''] }],
      }),
    )
  ).NetworkInterfaces;
  assert.equal(enis?.length, 1);
  assert.equal(enis?.[0]?.PrivateIpAddress, web.PrivateIpAddress);
  assert.equal(enis?.[0]?.Attachment?.InstanceId, web.InstanceId);
  assert.equal(enis?.[0]?.Association?.PublicIp, web.PublicIpAddress);
  assert.equal(enis?.[0]?.AvailabilityZone, 'ap-northeast-1a');
});

test('DescribeInstances filters and ID lists select the way AWS does', async () => {
  const web = await webServer();
  const count = async (filters: { Name: string; Values: string[] }[]) =>
    (await aws.ec2.send(new DescribeInstancesCommand({ Filters: filters }))).Reservations?.flatMap(
      (r) => r.Instances ?? [],
    ).length;
  assert.equal(await count([{ Name: 'instance-state-name', Values: ['running'] }]), 1);
  assert.equal(await count([{ Name: 'instance-state-name', Values: ['stopped', 'terminated'] }]), 0);
  assert.equal(await count([{ Name: 'tag:Name', Values: ['Web*'] }]), 1);
  assert.equal(await count([{ Name: 'tag:Name', Values: ['WebServer2'] }]), 0);
  assert.equal(await count([{ Name: 'tag-key', Values: ['Name'] }]), 1);
  assert.equal(await count([{ Name: 'availability-zone', Values: ['ap-northeast-1d'] }]), 0);
  assert.equal(
    await count([
      { Name: 'instance-id', Values: [web.InstanceId ?? ''] },
      { Name: 'vpc-id', Values: [web.VpcId ?? ''] },
    ]),
    1,
  );
  assert.equal(await count([{ Name: 'subnet-id', Values: [web.SubnetId ?? ''] }]), 1);
  const byId = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [web.InstanceId ?? ''] }));
  assert.equal(byId.Reservations?.[0]?.Instances?.[0]?.InstanceId, web.InstanceId);
  const volumes = await aws.ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [web.InstanceId ?? ''] }] }),
  );
  assert.equal(volumes.Volumes?.length, 1);
});

test("a request signed for another region sees that region's AZs and only its default VPC", async () => {
  const virginia = practiceClients(server.endpoint, { region: 'us-east-1' });
  try {
    const zones = await virginia.ec2.send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(
      zones.AvailabilityZones?.map((z) => z.ZoneName),
      ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`),
    );
    assert.deepEqual((await virginia.ec2.send(new DescribeInstancesCommand({}))).Reservations, []);
    const vpcs = (await virginia.ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    assert.deepEqual(
      vpcs.map((v) => [v.IsDefault, v.CidrBlock]),
      [[true, '172.31.0.0/16']],
    );
    assert.deepEqual(
      (await virginia.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups?.map((g) => [
        g.GroupName,
        g.VpcId,
      ]),
      [['default', vpcs[0]?.VpcId]],
    );
  } finally {
    virginia.destroy();
  }
});

test('tag values with XML specials and Japanese text come back intact', async () => {
  const region = server.world.writableRegion('ap-northeast-1');
  const web = region.instances[0];
  assert.ok(web);
  const value = `R&D <lab> "x" 'y' 私たちのビジョン`;
  web.tags.Note = value;
  try {
    const out = await aws.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Note', Values: [value] }] }));
    assert.equal(out.Reservations?.[0]?.Instances?.[0]?.Tags?.find((t) => t.Key === 'Note')?.Value, value);
  } finally {
    delete web.tags.Note;
  }
});
