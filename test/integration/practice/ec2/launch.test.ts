// RunInstances through the real EC2Client: Amazon Linux with user data, key, group and tags;
// ClientToken; and RunInstances' errors (with a few other less common mistakes) as AWS answers them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  DisassociateAddressCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  type CreateKeyPairCommandInput,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { AUTHORIZED_KEYS } from '../../../../src/practice/machine/imageFiles';
import { httpdRunning } from '../../../../src/practice/machine/httpd';
import { emptyRegion } from '../../../../src/practice/core/records';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import { HANDOUT_USER_DATA, WAIT, base64, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { record, describe, webServer, subnetIn, latestAmazonLinux, launch } = practice;

test('RunInstances: Amazon Linux with user data (httpd + here-document), key, group, tags; ClientToken makes it idempotent', async () => {
  const imageId = await latestAmazonLinux();
  const wizard =
    (await practice.aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['launch-wizard-1'] })))
      .SecurityGroups?.[0]?.GroupId ?? '';
  const input: Partial<RunInstancesCommandInput> = {
    ImageId: imageId,
    KeyName: 'ec2-key',
    SecurityGroupIds: [wizard],
    SubnetId: await subnetIn('c'),
    UserData: base64(HANDOUT_USER_DATA),
    ClientToken: 'lab-0.1-webserver',
    TagSpecifications: [
      {
        ResourceType: 'instance',
        Tags: [
          { Key: 'Name', Value: 'UserDataServer' },
          { Key: 'scale-out-lab:lab', Value: '0.1' },
        ],
      },
      { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'UserDataServer-root' }] },
    ],
  };
  const started = await launch(input);
  assert.equal(started.State?.Name, 'pending');
  assert.equal(started.StateReason?.Code, 'pending');
  assert.equal(started.ClientToken, 'lab-0.1-webserver');
  assert.equal(started.Placement?.AvailabilityZone, `${PRACTICE_REGION}c`);
  assert.match(started.PublicIpAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/, 'the default subnet maps public IPs on launch');

  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [started.InstanceId ?? ''] });
  await waitUntilInstanceStatusOk({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [started.InstanceId ?? ''] });
  const status = await practice.aws.ec2.send(
    new DescribeInstanceStatusCommand({ InstanceIds: [started.InstanceId ?? ''] }),
  );
  assert.deepEqual(
    status.InstanceStatuses?.map((s) => [
      s.InstanceStatus?.Status,
      s.SystemStatus?.Status,
      s.InstanceStatus?.Details?.[0]?.Status,
    ]),
    [['ok', 'ok', 'passed']],
  );

  const files = record(started.InstanceId).files;
  assert.equal(files['/var/www/html/index.html']?.content, '<h1>CPS Research Center</h1>\n<h2>私たちのビジョン</h2>\n');
  assert.deepEqual(
    [files['/var/www/html/index.html']?.owner, files['/var/www/html/index.html']?.mode],
    ['root', 0o644],
  );
  assert.ok(httpdRunning(record(started.InstanceId)), 'httpd installed, enabled and started by the user data');
  assert.match(files[AUTHORIZED_KEYS]?.content ?? '', /^ssh-ed25519 \S+ ec2-key\n$/);
  assert.match(files['/etc/os-release']?.content ?? '', /Amazon Linux/);

  const running = await describe(started.InstanceId);
  assert.equal(running.State?.Name, 'running');
  assert.deepEqual(running.Tags?.map((t) => t.Key).sort(), ['Name', 'scale-out-lab:lab']);
  assert.equal(running.KeyName, 'ec2-key');
  const volumes = await practice.aws.ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [started.InstanceId ?? ''] }] }),
  );
  assert.deepEqual(
    volumes.Volumes?.map((v) => [v.Size, v.VolumeType, v.Tags?.[0]?.Value]),
    [[8, 'gp3', 'UserDataServer-root']],
  );
  const userData = await practice.aws.ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: started.InstanceId, Attribute: 'userData' }),
  );
  assert.equal(Buffer.from(userData.UserData?.Value ?? '', 'base64').toString(), HANDOUT_USER_DATA);

  // The same token again: the same reservation, no second instance.
  const again = await launch(input);
  assert.equal(again.InstanceId, started.InstanceId);
  const named = await practice.aws.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['UserDataServer'] }] }),
  );
  assert.equal(named.Reservations?.flatMap((r) => r.Instances ?? []).length, 1);
  await fails(launch({ ...input, InstanceType: 't3.micro' }), 'IdempotentParameterMismatch');

  // Without enable, httpd runs until the next boot only.
  const manual = await launch({
    ImageId: imageId,
    UserData: base64(
      '#!/bin/bash\nyum install -y httpd\nsystemctl start httpd\necho "<p>hi</p>" > /var/www/html/index.html\n',
    ),
  });
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [manual.InstanceId ?? ''] });
  assert.ok(httpdRunning(record(manual.InstanceId)));
  assert.equal(record(manual.InstanceId).files['/var/www/html/index.html']?.content, '<p>hi</p>\n');
  await practice.aws.ec2.send(new RebootInstancesCommand({ InstanceIds: [manual.InstanceId ?? ''] }));
  assert.ok(!httpdRunning(record(manual.InstanceId)), 'a reboot leaves httpd off when it was not enabled');
  assert.ok(httpdRunning(record(started.InstanceId)));
  // A bare Amazon Linux has no httpd.
  assert.ok(!('/usr/sbin/httpd' in record((await launch({ ImageId: imageId })).InstanceId).files));
});

test('RunInstances errors as AWS answers them', async () => {
  const imageId = await latestAmazonLinux();
  await fails(launch({ ImageId: 'ami-0123456789abcdef0' }), 'InvalidAMIID.NotFound');
  await fails(launch({ ImageId: 'ami-nope' }), 'InvalidAMIID.Malformed');
  await fails(launch({ ImageId: imageId, KeyName: 'no-such-key' }), 'InvalidKeyPair.NotFound');
  await fails(launch({ ImageId: imageId, SecurityGroupIds: ['sg-0123456789abcdef0'] }), 'InvalidGroup.NotFound');
  await fails(launch({ ImageId: imageId, SubnetId: 'subnet-0123456789abcdef0' }), 'InvalidSubnetID.NotFound');
  await fails(launch({ ImageId: imageId, InstanceType: 't4g.micro' }), 'InvalidParameterValue'); // arm64 type, x86_64 AMI
  await fails(launch({ ImageId: imageId, InstanceType: 't2.huge' as 't2.micro' }), 'InvalidParameterValue');
  await fails(launch({ ImageId: imageId, UserData: 'not base64!' }), 'InvalidParameterValue');
  await fails(
    launch({ ImageId: imageId, Placement: { AvailabilityZone: `${PRACTICE_REGION}d` }, SubnetId: await subnetIn('a') }),
    'InvalidParameterValue',
  );
  await fails(
    launch({ ImageId: imageId, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'x' }] }] }),
    'InvalidParameterValue',
  );
  await fails(launch({ ImageId: undefined }), 'MissingParameter');
  await fails(launch({ ImageId: imageId, DryRun: true }), 'DryRunOperation', 412);
  // Placement alone picks the default subnet of that AZ.
  const placed = await launch({ ImageId: imageId, Placement: { AvailabilityZone: `${PRACTICE_REGION}d` } });
  assert.equal(placed.SubnetId, await subnetIn('d'));
});

test("less common mistakes get AWS's codes too", async () => {
  const web = await webServer();
  const imageId = await latestAmazonLinux();
  const inRegion = async (region: string, body: (client: PracticeClients) => Promise<unknown>) => {
    const client = practiceClients(practice.server.endpoint, { region });
    try {
      await body(client);
    } finally {
      client.destroy();
    }
  };
  // A region whose default VPC the student deleted (every region has one to begin with), and a type the
  // region does not offer.
  practice.server.world.state.regions['us-east-1'] = emptyRegion();
  await inRegion('us-east-1', (c) =>
    fails(c.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x' })), 'VPCIdNotSpecified'),
  );
  await inRegion('us-east-1', (c) =>
    fails(
      c.ec2.send(new RunInstancesCommand({ ImageId: undefined as unknown as string, MinCount: 1, MaxCount: 1 })),
      'MissingParameter',
    ),
  );
  await inRegion('eu-north-1', async (c) => {
    const image = (
      await c.ec2.send(
        new DescribeImagesCommand({
          Owners: ['amazon'],
          Filters: [{ Name: 'name', Values: ['al2023-ami-2023*-x86_64'] }],
        }),
      )
    ).Images?.[0]?.ImageId;
    await fails(
      c.ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 })),
      'Unsupported',
    );
  });

  // A security group of another VPC; a private IP in use; a root volume smaller than its snapshot.
  const region = practice.server.world.writableRegion(PRACTICE_REGION);
  region.vpcs.push({
    id: 'vpc-0aaaaaaaaaaaaaaa1',
    cidr: '10.0.0.0/16',
    isDefault: false,
    state: 'available',
    dhcpOptionsId: 'dopt-0aaaaaaaaaaaaaaa1',
    tags: {},
  });
  const foreign = await practice.aws.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'lab-vpc-web',
      Description: 'in the lab VPC',
      VpcId: 'vpc-0aaaaaaaaaaaaaaa1',
    }),
  );
  await fails(launch({ ImageId: imageId, SecurityGroupIds: [foreign.GroupId ?? ''] }), 'InvalidParameter');
  await fails(
    launch({ ImageId: imageId, SubnetId: web.SubnetId, PrivateIpAddress: web.PrivateIpAddress }),
    'InvalidIPAddress.InUse',
  );
  await fails(
    launch({ ImageId: imageId, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 4 } }] }),
    'InvalidBlockDeviceMapping',
  );
  await fails(
    launch({
      ImageId: imageId,
      NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: web.NetworkInterfaces?.[0]?.NetworkInterfaceId }],
    }),
    'UnsupportedOperation',
  );
  await fails(
    launch({
      ImageId: imageId,
      SubnetId: web.SubnetId,
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
    }),
    'InvalidParameterCombination',
  );
  // The console's launch form: the primary interface names subnet, groups and the public IP choice.
  const noPublic = await launch({
    ImageId: imageId,
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        SubnetId: web.SubnetId,
        Groups: web.SecurityGroups?.map((g) => g.GroupId ?? ''),
        AssociatePublicIpAddress: false,
      },
    ],
  });
  assert.equal(noPublic.PublicIpAddress, undefined);
  assert.deepEqual(
    noPublic.SecurityGroups?.map((g) => g.GroupId),
    web.SecurityGroups?.map((g) => g.GroupId),
  );

  await fails(
    practice.aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'dsa', KeyType: 'dsa' as 'rsa' })),
    'InvalidParameterValue',
  );
  await fails(practice.aws.ec2.send(new CreateKeyPairCommand({} as CreateKeyPairCommandInput)), 'MissingParameter');
  await fails(
    practice.aws.ec2.send(new DisassociateAddressCommand({ PublicIp: '198.51.100.7' })),
    'InvalidAddress.NotFound',
  );
  await fails(practice.aws.ec2.send(new DeleteSecurityGroupCommand({})), 'MissingParameter');
  const tooMany = Array.from({ length: 51 }, (_, n) => ({ Key: `k${n}`, Value: 'v' }));
  await fails(
    practice.aws.ec2.send(new CreateTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: tooMany })),
    'TagLimitExceeded',
  );
  await fails(
    practice.aws.ec2.send(new RegisterImageCommand({ Name: 'from-s3', ImageLocation: 'my-bucket/image.manifest.xml' })),
    'UnsupportedOperation',
  );
  await fails(
    practice.aws.ec2.send(
      new RegisterImageCommand({ Name: 'no-root', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [] }),
    ),
    'InvalidBlockDeviceMapping',
  );
  await fails(
    practice.aws.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: web.InstanceId, DisableApiTermination: { Value: true } }),
    ),
    'UnsupportedOperation',
  );
});
