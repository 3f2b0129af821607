// The practice account's EC2 writes through the real EC2Client at instant speed: key pairs, security
// groups and their dependencies, RunInstances with user data and ClientToken, stop/start/terminate,
// Elastic IPs, snapshots and AMIs that carry an instance's files, tags, instance types. Every error is
// asserted as the SDK surfaces it (name and HTTP status).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DeregisterImageCommand,
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeInstanceTypesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  DisassociateAddressCommand,
  ImportKeyPairCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  RegisterImageCommand,
  ReleaseAddressCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  waitUntilKeyPairExists,
  waitUntilSnapshotCompleted,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
  type CreateImageCommandInput,
  type CreateKeyPairCommandInput,
  type CreateVolumeCommandInput,
  type Instance,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { utils as sshUtils } from 'ssh2';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { AUTHORIZED_KEYS } from '../../../src/practice/machine/imageFiles';
import { httpdRunning } from '../../../src/practice/machine/httpd';
import { emptyRegion, type InstanceRecord } from '../../../src/practice/core/records';
import { CPS_RESEARCH_CENTER_PAGE } from '../../../src/practice/seed/webServerPage';
import { startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../fixtures/practiceClients';

const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };

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

/** An error as the SDK surfaces it: its name and HTTP status. */
async function fails(promise: Promise<unknown>, name: string, status = 400): Promise<Error> {
  const error = await rejection(promise);
  assert.equal(error.name, name, error.message);
  assert.equal(error.$metadata?.httpStatusCode, status);
  return error;
}

const records = () => server.world.region(PRACTICE_REGION);
const record = (id: string | undefined): InstanceRecord => {
  const found = records().instances.find((i) => i.id === id);
  assert.ok(found, `instance ${id} is in the world`);
  return found;
};
const base64 = (text: string) => Buffer.from(text).toString('base64');

async function describe(id: string | undefined): Promise<Instance> {
  const out = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id ?? ''] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  assert.ok(instance);
  return instance;
}

async function webServer(): Promise<Instance> {
  const out = await aws.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
  );
  const instance = out.Reservations?.[0]?.Instances?.[0];
  assert.ok(instance);
  return instance;
}

async function subnetIn(letter: string): Promise<string> {
  const web = await webServer();
  const subnet = records().subnets.find((s) => s.az === `${PRACTICE_REGION}${letter}` && s.vpcId === web.VpcId);
  assert.ok(subnet);
  return subnet.id;
}

async function latestAmazonLinux(): Promise<string> {
  const out = await aws.ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [
        { Name: 'name', Values: ['al2023-ami-2023*-x86_64'] },
        { Name: 'state', Values: ['available'] },
      ],
    }),
  );
  const latest = [...(out.Images ?? [])].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  assert.ok(latest?.ImageId);
  return latest.ImageId;
}

async function launch(input: Partial<RunInstancesCommandInput>): Promise<Instance> {
  const out = await aws.ec2.send(
    new RunInstancesCommand({
      MinCount: 1,
      MaxCount: 1,
      InstanceType: 't2.micro',
      ...input,
    } as RunInstancesCommandInput),
  );
  const instance = out.Instances?.[0];
  assert.ok(instance?.InstanceId);
  return instance;
}

const HANDOUT_USER_DATA = `#!/bin/bash
dnf install -y httpd
systemctl enable --now httpd
cat > /var/www/html/index.html <<'EOF'
<h1>CPS Research Center</h1>
<h2>私たちのビジョン</h2>
EOF
`;

test('key pairs: RSA material loads in node:crypto, ed25519 in ssh2 and matches its public key; duplicates, imports, deletes', async () => {
  const rsa = await aws.ec2.send(
    new CreateKeyPairCommand({
      KeyName: 'lab-rsa',
      TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'Name', Value: 'lab-rsa' }] }],
    }),
  );
  assert.match(rsa.KeyMaterial ?? '', /^-----BEGIN RSA PRIVATE KEY-----\n/);
  const rsaKey = createPrivateKey(rsa.KeyMaterial ?? '');
  assert.equal(rsaKey.asymmetricKeyType, 'rsa');
  assert.equal(rsaKey.asymmetricKeyDetails?.modulusLength, 2048);
  assert.match(rsa.KeyFingerprint ?? '', /^([0-9a-f]{2}:){19}[0-9a-f]{2}$/); // SHA-1 of the PKCS#8 DER, as AWS
  assert.match(rsa.KeyPairId ?? '', /^key-[0-9a-f]{17}$/);
  assert.deepEqual(rsa.Tags, [{ Key: 'Name', Value: 'lab-rsa' }]);
  await waitUntilKeyPairExists({ client: aws.ec2, ...WAIT }, { KeyNames: ['lab-rsa'] });

  const ed = await aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-ed25519', KeyType: 'ed25519' }));
  assert.match(ed.KeyMaterial ?? '', /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  const parsed = sshUtils.parseKey(ed.KeyMaterial ?? '');
  assert.ok(!(parsed instanceof Error), 'ssh2 reads the ed25519 key');
  const listed = await aws.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['lab-ed25519'], IncludePublicKey: true }));
  const publicKey = listed.KeyPairs?.[0]?.PublicKey ?? '';
  assert.equal(listed.KeyPairs?.[0]?.KeyType, 'ed25519');
  assert.equal(listed.KeyPairs?.[0]?.KeyFingerprint, ed.KeyFingerprint);
  const parsedKey = Array.isArray(parsed) ? parsed[0] : parsed;
  assert.equal(
    parsedKey?.getPublicSSH().toString('base64'),
    publicKey.split(' ')[1],
    'the private key belongs to the listed public key',
  );
  assert.equal(
    records().keyPairs.find((k) => k.name === 'lab-ed25519')?.privateKeyPem,
    ed.KeyMaterial,
    'the practice account keeps the key for its SSH server',
  );

  await fails(aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-rsa' })), 'InvalidKeyPair.Duplicate');

  const { publicKey: spki } = generateKeyPairSync('ed25519');
  const raw = spki.export({ format: 'der', type: 'spki' }).subarray(-32);
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), raw]);
  const imported = await aws.ec2.send(
    new ImportKeyPairCommand({
      KeyName: 'laptop',
      PublicKeyMaterial: Buffer.from(`ssh-ed25519 ${blob.toString('base64')} me@laptop\n`),
    }),
  );
  assert.match(imported.KeyFingerprint ?? '', /^[A-Za-z0-9+/]{43}=$/);
  const rsaPublic = createPublicKey(rsaKey).export({ format: 'jwk' });
  const mp = (b64url: string) => {
    const bytes = Buffer.from(b64url, 'base64url');
    const body = (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, body]);
  };
  const rsaBlob = Buffer.concat([
    Buffer.from([0, 0, 0, 7]),
    Buffer.from('ssh-rsa'),
    mp(rsaPublic.e ?? ''),
    mp(rsaPublic.n ?? ''),
  ]);
  const importedRsa = await aws.ec2.send(
    new ImportKeyPairCommand({
      KeyName: 'laptop-rsa',
      PublicKeyMaterial: Buffer.from(`ssh-rsa ${rsaBlob.toString('base64')}`),
    }),
  );
  assert.match(importedRsa.KeyFingerprint ?? '', /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/); // MD5 of the DER public key, as AWS
  await fails(
    aws.ec2.send(new ImportKeyPairCommand({ KeyName: 'junk', PublicKeyMaterial: Buffer.from('not a key') })),
    'InvalidKey.Format',
  );
  await fails(
    aws.ec2.send(
      new ImportKeyPairCommand({
        KeyName: 'laptop',
        PublicKeyMaterial: Buffer.from(`ssh-ed25519 ${blob.toString('base64')}`),
      }),
    ),
    'InvalidKeyPair.Duplicate',
  );

  const deleted = await aws.ec2.send(new DeleteKeyPairCommand({ KeyName: 'laptop' }));
  assert.equal(deleted.KeyPairId, imported.KeyPairId);
  await aws.ec2.send(new DeleteKeyPairCommand({ KeyName: 'laptop' })); // a missing name succeeds, as on AWS
  await fails(aws.ec2.send(new DeleteKeyPairCommand({ KeyPairId: imported.KeyPairId })), 'InvalidKeyPair.NotFound');
  await fails(aws.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['laptop'] })), 'InvalidKeyPair.NotFound');
  await fails(aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'x', DryRun: true })), 'DryRunOperation', 412);
});

test('security groups: create, rules by group reference, duplicates, revoke, rule IDs, dependencies, default', async () => {
  const web = await webServer();
  const alb = await aws.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'alb-sg',
      Description: 'ALB: HTTP from anywhere',
      VpcId: web.VpcId,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'alb-sg' }] }],
    }),
  );
  assert.match(alb.GroupId ?? '', /^sg-[0-9a-f]{17}$/);
  assert.equal(alb.SecurityGroupArn, `arn:aws:ec2:${PRACTICE_REGION}:123456789012:security-group/${alb.GroupId}`);
  const webSg = await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web-sg', Description: 'web servers' })); // default VPC
  await fails(
    aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'alb-sg', Description: 'again' })),
    'InvalidGroup.Duplicate',
  );
  await fails(
    aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'jp-sg', Description: 'ウェブ用' })),
    'InvalidParameterValue',
  );
  await fails(
    aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: 'vpc-0123456789abcdef0' })),
    'InvalidVpcID.NotFound',
  );

  const ingress = await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: alb.GroupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        },
      ],
    }),
  );
  assert.equal(ingress.SecurityGroupRules?.length, 2);
  const fromAlb = await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: webSg.GroupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          UserIdGroupPairs: [{ GroupId: alb.GroupId, Description: 'from the ALB' }],
        },
      ],
    }),
  );
  const rule = fromAlb.SecurityGroupRules?.[0];
  assert.match(rule?.SecurityGroupRuleId ?? '', /^sgr-[0-9a-f]{17}$/);
  assert.equal(rule?.ReferencedGroupInfo?.GroupId, alb.GroupId);
  assert.equal(rule?.IsEgress, false);
  assert.deepEqual(
    [rule?.IpProtocol, rule?.FromPort, rule?.ToPort, rule?.Description],
    ['tcp', 80, 80, 'from the ALB'],
  );
  // The legacy flat form works too (SSH from one address).
  await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: webSg.GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIp: '203.0.113.25/32',
    }),
  );

  await fails(
    aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: alb.GroupId }] }],
      }),
    ),
    'InvalidPermission.Duplicate',
  );
  await fails(
    aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/33' }] }],
      }),
    ),
    'InvalidParameterValue',
  );
  await fails(
    aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] },
        ],
      }),
    ),
    'InvalidGroup.NotFound',
  );
  await fails(
    aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-zz', IpPermissions: [] })),
    'InvalidGroupId.Malformed',
  );

  const described = (await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [webSg.GroupId ?? ''] })))
    .SecurityGroups?.[0];
  assert.deepEqual(
    described?.IpPermissions?.map((p) => [
      p.FromPort,
      p.UserIdGroupPairs?.map((g) => g.GroupId),
      p.IpRanges?.map((r) => r.CidrIp),
    ]),
    [
      [80, [alb.GroupId], []],
      [22, [], ['203.0.113.25/32']],
    ],
  );
  assert.deepEqual(
    described?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.IpRanges?.[0]?.CidrIp]),
    [['-1', '0.0.0.0/0']],
  );
  const listedRules = await aws.ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [webSg.GroupId ?? ''] }] }),
  );
  assert.equal(listedRules.SecurityGroupRules?.length, 3, 'two inbound rules and the default outbound one');
  assert.ok(
    listedRules.SecurityGroupRules?.some((r) => r.SecurityGroupRuleId === rule?.SecurityGroupRuleId),
    'rule IDs are stable',
  );

  // Egress: add and revoke by rule ID.
  const egress = await aws.ec2.send(
    new AuthorizeSecurityGroupEgressCommand({
      GroupId: webSg.GroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '172.31.0.0/16' }] }],
    }),
  );
  assert.equal(egress.SecurityGroupRules?.[0]?.IsEgress, true);
  const revokedEgress = await aws.ec2.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId: webSg.GroupId,
      SecurityGroupRuleIds: [egress.SecurityGroupRules?.[0]?.SecurityGroupRuleId ?? ''],
    }),
  );
  assert.equal(revokedEgress.RevokedSecurityGroupRules?.[0]?.CidrIpv4, '172.31.0.0/16');
  await fails(
    aws.ec2.send(
      new RevokeSecurityGroupEgressCommand({ GroupId: webSg.GroupId, SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] }),
    ),
    'InvalidSecurityGroupRuleId.NotFound',
  );

  // Revoke: a rule that is not there is InvalidPermission.NotFound; a partial match lists the unknown ones.
  await fails(
    aws.ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    ),
    'InvalidPermission.NotFound',
  );
  const partial = await aws.ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId: webSg.GroupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '203.0.113.25/32' }, { CidrIp: '198.51.100.0/24' }],
        },
      ],
    }),
  );
  assert.equal(partial.RevokedSecurityGroupRules?.length, 1);
  assert.deepEqual(
    partial.UnknownIpPermissions?.map((p) => p.IpRanges?.[0]?.CidrIp),
    ['198.51.100.0/24'],
  );

  // Dependencies: alb-sg is referenced by web-sg's rule; launch-wizard-1 is WebServer's; a load balancer's group; default.
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: alb.GroupId })), 'DependencyViolation');
  const wizard = (await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['launch-wizard-1'] })))
    .SecurityGroups?.[0];
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: wizard?.GroupId })), 'DependencyViolation');
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'default' })), 'CannotDelete');
  await fails(
    aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'sg-0123456789abcdef0' })),
    'InvalidGroup.NotFound',
  );

  const lbGroup = await aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'elb-sg', Description: 'used by a load balancer' }),
  );
  const region = server.world.writableRegion(PRACTICE_REGION);
  region.loadBalancers.push({
    arn: `arn:aws:elasticloadbalancing:${PRACTICE_REGION}:123456789012:loadbalancer/app/sg-test/0123456789abcdef`,
    name: 'sg-test',
    dnsName: 'sg-test-1.ap-northeast-1.elb.amazonaws.com',
    scheme: 'internet-facing',
    type: 'application',
    state: 'active',
    vpcId: web.VpcId ?? '',
    zones: [],
    securityGroupIds: [lbGroup.GroupId ?? ''],
    createdTime: new Date().toISOString(),
    tags: {},
  });
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lbGroup.GroupId })), 'DependencyViolation');
  region.loadBalancers.pop();
  await aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lbGroup.GroupId }));

  // Once the reference is revoked, alb-sg can go.
  await aws.ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId: webSg.GroupId,
      SecurityGroupRuleIds: [rule?.SecurityGroupRuleId ?? ''],
    }),
  );
  const deleted = await aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: alb.GroupId }));
  assert.equal(deleted.GroupId, alb.GroupId);
  await fails(
    aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [alb.GroupId ?? ''] })),
    'InvalidGroup.NotFound',
  );
});

test('RunInstances: Amazon Linux with user data (httpd + here-document), key, group, tags; ClientToken makes it idempotent', async () => {
  const imageId = await latestAmazonLinux();
  const wizard =
    (await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['launch-wizard-1'] }))).SecurityGroups?.[0]
      ?.GroupId ?? '';
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

  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [started.InstanceId ?? ''] });
  await waitUntilInstanceStatusOk({ client: aws.ec2, ...WAIT }, { InstanceIds: [started.InstanceId ?? ''] });
  const status = await aws.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [started.InstanceId ?? ''] }));
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
  const volumes = await aws.ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [started.InstanceId ?? ''] }] }),
  );
  assert.deepEqual(
    volumes.Volumes?.map((v) => [v.Size, v.VolumeType, v.Tags?.[0]?.Value]),
    [[8, 'gp3', 'UserDataServer-root']],
  );
  const userData = await aws.ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: started.InstanceId, Attribute: 'userData' }),
  );
  assert.equal(Buffer.from(userData.UserData?.Value ?? '', 'base64').toString(), HANDOUT_USER_DATA);

  // The same token again: the same reservation, no second instance.
  const again = await launch(input);
  assert.equal(again.InstanceId, started.InstanceId);
  const named = await aws.ec2.send(
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
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [manual.InstanceId ?? ''] });
  assert.ok(httpdRunning(record(manual.InstanceId)));
  assert.equal(record(manual.InstanceId).files['/var/www/html/index.html']?.content, '<p>hi</p>\n');
  await aws.ec2.send(new RebootInstancesCommand({ InstanceIds: [manual.InstanceId ?? ''] }));
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

test('stop loses the auto-assigned public IP and keeps an Elastic IP; start brings a new one; terminate deletes the root volume and frees the EIP', async () => {
  const imageId = await latestAmazonLinux();
  const plain = await launch({ ImageId: imageId });
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  const firstIp = (await describe(plain.InstanceId)).PublicIpAddress;
  assert.ok(firstIp);

  const stop = await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }));
  assert.deepEqual(
    stop.StoppingInstances?.map((s) => [s.PreviousState?.Name, s.CurrentState?.Name, s.CurrentState?.Code]),
    [['running', 'stopping', 64]],
  );
  await waitUntilInstanceStopped({ client: aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  const stopped = await describe(plain.InstanceId);
  assert.equal(stopped.PublicIpAddress, undefined);
  assert.equal(stopped.StateReason?.Code, 'Client.UserInitiatedShutdown');
  assert.match(stopped.StateTransitionReason ?? '', /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
  const status = await aws.ec2.send(
    new DescribeInstanceStatusCommand({ InstanceIds: [plain.InstanceId ?? ''], IncludeAllInstances: true }),
  );
  assert.equal(status.InstanceStatuses?.[0]?.InstanceStatus?.Status, 'not-applicable');
  assert.deepEqual(
    (await aws.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [plain.InstanceId ?? ''] }))).InstanceStatuses,
    [],
  );
  await fails(
    aws.ec2.send(new RebootInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] })),
    'IncorrectInstanceState',
  );

  // While stopped: the instance type can change.
  await aws.ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: plain.InstanceId, InstanceType: { Value: 't3.micro' } }),
  );
  const start = await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }));
  assert.deepEqual(
    start.StartingInstances?.map((s) => [s.PreviousState?.Name, s.CurrentState?.Name]),
    [['stopped', 'pending']],
  );
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  const restarted = await describe(plain.InstanceId);
  assert.ok(restarted.PublicIpAddress);
  assert.notEqual(restarted.PublicIpAddress, firstIp, 'a new auto-assigned address');
  assert.equal(restarted.InstanceType, 't3.micro');
  await fails(
    aws.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: plain.InstanceId, InstanceType: { Value: 't2.small' } }),
    ),
    'IncorrectInstanceState',
  );

  // WebServer has an Elastic IP: it stays through stop and start.
  const web = await webServer();
  const eip = web.PublicIpAddress;
  await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [web.InstanceId ?? ''] }));
  await waitUntilInstanceStopped({ client: aws.ec2, ...WAIT }, { InstanceIds: [web.InstanceId ?? ''] });
  assert.equal((await describe(web.InstanceId)).PublicIpAddress, eip);
  await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [web.InstanceId ?? ''] }));
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [web.InstanceId ?? ''] });
  assert.equal((await describe(web.InstanceId)).PublicIpAddress, eip);
  assert.ok(httpdRunning(record(web.InstanceId)), 'WebServer enabled httpd: it comes back after a start');

  // Terminate an instance holding an Elastic IP: the root volume goes, the address stays allocated.
  const address = await aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  await aws.ec2.send(new AssociateAddressCommand({ AllocationId: address.AllocationId, InstanceId: plain.InstanceId }));
  const rootVolume = restarted.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '';
  const terminate = await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }));
  assert.equal(terminate.TerminatingInstances?.[0]?.CurrentState?.Name, 'shutting-down');
  await waitUntilInstanceTerminated({ client: aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  await fails(aws.ec2.send(new DescribeVolumesCommand({ VolumeIds: [rootVolume] })), 'InvalidVolume.NotFound');
  const kept = (await aws.ec2.send(new DescribeAddressesCommand({ AllocationIds: [address.AllocationId ?? ''] })))
    .Addresses?.[0];
  assert.equal(kept?.PublicIp, address.PublicIp);
  assert.equal(kept?.InstanceId, undefined);
  await fails(
    aws.ec2.send(new StartInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] })),
    'IncorrectInstanceState',
  );
  await fails(
    aws.ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    'InvalidInstanceID.NotFound',
  );
  await fails(aws.ec2.send(new StopInstancesCommand({ InstanceIds: ['i-bad'] })), 'InvalidInstanceID.Malformed');
  await aws.ec2.send(new ReleaseAddressCommand({ AllocationId: address.AllocationId }));
});

test('Elastic IPs: the instance takes the address and drops its own; reassociation, in-use release, the limit of 5', async () => {
  const imageId = await latestAmazonLinux();
  const a = await launch({
    ImageId: imageId,
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'eip-a' }] }],
  });
  const b = await launch({ ImageId: imageId });
  await waitUntilInstanceRunning(
    { client: aws.ec2, ...WAIT },
    { InstanceIds: [a.InstanceId ?? '', b.InstanceId ?? ''] },
  );

  const eip = await aws.ec2.send(
    new AllocateAddressCommand({
      Domain: 'vpc',
      TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'eip-a' }] }],
    }),
  );
  assert.match(eip.AllocationId ?? '', /^eipalloc-[0-9a-f]{17}$/);
  assert.equal(eip.Domain, 'vpc');
  const association = await aws.ec2.send(
    new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: a.InstanceId }),
  );
  assert.match(association.AssociationId ?? '', /^eipassoc-[0-9a-f]{17}$/);
  assert.equal((await describe(a.InstanceId)).PublicIpAddress, eip.PublicIp);
  assert.equal(record(a.InstanceId).autoPublicIp, undefined, 'the auto-assigned address is released');
  const listed = (await aws.ec2.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId ?? ''] })))
    .Addresses?.[0];
  assert.deepEqual(
    [listed?.InstanceId, listed?.AssociationId, listed?.Tags?.[0]?.Value],
    [a.InstanceId, association.AssociationId, 'eip-a'],
  );

  await fails(
    aws.ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: b.InstanceId })),
    'Resource.AlreadyAssociated',
  );
  await fails(aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })), 'InvalidIPAddress.InUse');
  await fails(
    aws.ec2.send(new AssociateAddressCommand({ AllocationId: 'eipalloc-0123456789abcdef0', InstanceId: b.InstanceId })),
    'InvalidAllocationID.NotFound',
  );
  await fails(
    aws.ec2.send(new DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })),
    'InvalidAssociationID.NotFound',
  );

  // Reassociation moves it (by network interface): a gets a new auto-assigned address back.
  const moved = await aws.ec2.send(
    new AssociateAddressCommand({
      AllocationId: eip.AllocationId,
      NetworkInterfaceId: b.NetworkInterfaces?.[0]?.NetworkInterfaceId,
      AllowReassociation: true,
    }),
  );
  assert.equal((await describe(b.InstanceId)).PublicIpAddress, eip.PublicIp);
  const aIp = (await describe(a.InstanceId)).PublicIpAddress;
  assert.ok(aIp && aIp !== eip.PublicIp);

  await aws.ec2.send(new DisassociateAddressCommand({ AssociationId: moved.AssociationId }));
  const bIp = (await describe(b.InstanceId)).PublicIpAddress;
  assert.ok(bIp && bIp !== eip.PublicIp, 'after disassociation the instance auto-assigns again');
  await aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
  await fails(
    aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })),
    'InvalidAllocationID.NotFound',
  );

  const held = records().addresses.length;
  const extra: string[] = [];
  for (let n = held; n < 5; n++)
    extra.push((await aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '');
  await fails(aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })), 'AddressLimitExceeded');
  for (const id of extra) await aws.ec2.send(new ReleaseAddressCommand({ AllocationId: id }));
});

test('snapshot -> register image -> a clone in 1d with the same group and key serves the same page', async () => {
  const web = await webServer();
  const rootVolume = web.BlockDeviceMappings?.find((b) => b.DeviceName === web.RootDeviceName)?.Ebs?.VolumeId;
  const snapshot = await aws.ec2.send(
    new CreateSnapshotCommand({
      VolumeId: rootVolume,
      Description: 'WebServer root',
      TagSpecifications: [
        {
          ResourceType: 'snapshot',
          Tags: [
            { Key: 'State', Value: 'WebServer running' },
            { Key: 'Date', Value: '2026-11-23' },
          ],
        },
      ],
    }),
  );
  assert.equal(snapshot.State, 'pending');
  assert.equal(snapshot.VolumeSize, 8);
  await waitUntilSnapshotCompleted({ client: aws.ec2, ...WAIT }, { SnapshotIds: [snapshot.SnapshotId ?? ''] });
  const completed = (await aws.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId ?? ''] })))
    .Snapshots?.[0];
  assert.deepEqual([completed?.State, completed?.Progress, completed?.Tags?.length], ['completed', '100%', 2]);

  const registered = await aws.ec2.send(
    new RegisterImageCommand({
      Name: 'AMI of CPS Research Center',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: { SnapshotId: snapshot.SnapshotId, VolumeType: 'gp2', DeleteOnTermination: true },
        },
      ],
      VirtualizationType: 'hvm',
      Architecture: 'x86_64',
      EnaSupport: true,
    }),
  );
  await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [registered.ImageId ?? ''] });
  const mine = (await aws.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images ?? [];
  assert.ok(
    mine.some(
      (i) =>
        i.ImageId === registered.ImageId &&
        i.State === 'available' &&
        i.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId === snapshot.SnapshotId,
    ),
  );
  await fails(
    aws.ec2.send(
      new RegisterImageCommand({
        Name: 'AMI of CPS Research Center',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
      }),
    ),
    'InvalidAMIName.Duplicate',
  );
  await fails(aws.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot.SnapshotId })), 'InvalidSnapshot.InUse');

  const clone = await launch({
    ImageId: registered.ImageId,
    SubnetId: await subnetIn('d'),
    SecurityGroupIds: web.SecurityGroups?.map((g) => g.GroupId ?? ''),
    KeyName: web.KeyName,
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'WebServer2' }] }],
  });
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  await waitUntilInstanceStatusOk({ client: aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  const running = await describe(clone.InstanceId);
  assert.equal(running.Placement?.AvailabilityZone, `${PRACTICE_REGION}d`);
  assert.deepEqual(
    running.SecurityGroups?.map((g) => g.GroupName),
    ['launch-wizard-1'],
  );
  assert.equal(running.ImageId, registered.ImageId);
  assert.equal(record(clone.InstanceId).files['/var/www/html/index.html']?.content, CPS_RESEARCH_CENTER_PAGE);
  assert.ok(httpdRunning(record(clone.InstanceId)), 'httpd was enabled on WebServer, so it starts on the clone');
  assert.ok(
    !('/run/httpd/httpd.pid' in (records().images.find((i) => i.id === registered.ImageId)?.files ?? {})),
    'an AMI never carries /run',
  );

  // RegisterImage's defaults (paravirtual, no ENA) make an AMI current types refuse.
  const legacy = await aws.ec2.send(
    new RegisterImageCommand({
      Name: 'legacy-defaults',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
    }),
  );
  await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [legacy.ImageId ?? ''] });
  await fails(launch({ ImageId: legacy.ImageId }), 'InvalidParameterCombination');
  const noEna = await aws.ec2.send(
    new RegisterImageCommand({
      Name: 'hvm-no-ena',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
    }),
  );
  await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [noEna.ImageId ?? ''] });
  await fails(launch({ ImageId: noEna.ImageId, InstanceType: 't3.micro' }), 'InvalidParameterCombination');

  // Deregistering keeps the snapshot; with every AMI gone it can be deleted.
  for (const id of [legacy.ImageId, noEna.ImageId]) await aws.ec2.send(new DeregisterImageCommand({ ImageId: id }));
  await fails(aws.ec2.send(new DeregisterImageCommand({ ImageId: legacy.ImageId })), 'InvalidAMIID.NotFound');
  await fails(aws.ec2.send(new DeregisterImageCommand({ ImageId: web.ImageId })), 'AuthFailure');
  await fails(aws.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot.SnapshotId })), 'InvalidSnapshot.InUse');
});

test('CreateImage from a running instance: snapshots of its volumes, an AMI that carries its files; name rules', async () => {
  const web = await webServer();
  const page = record(web.InstanceId).files['/var/www/html/index.html'];
  assert.ok(page);
  const created = await aws.ec2.send(
    new CreateImageCommand({
      InstanceId: web.InstanceId,
      Name: 'WebServer image 2026-11-23',
      Description: 'CPS Research Center',
      NoReboot: true,
      TagSpecifications: [
        { ResourceType: 'image', Tags: [{ Key: 'Name', Value: 'WebServerAMI' }] },
        { ResourceType: 'snapshot', Tags: [{ Key: 'Name', Value: 'WebServerAMI-root' }] },
      ],
    }),
  );
  await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [created.ImageId ?? ''] });
  const image = (await aws.ec2.send(new DescribeImagesCommand({ ImageIds: [created.ImageId ?? ''] }))).Images?.[0];
  assert.deepEqual(
    [image?.State, image?.Name, image?.Tags?.[0]?.Value, image?.OwnerId],
    ['available', 'WebServer image 2026-11-23', 'WebServerAMI', '123456789012'],
  );
  const snapshotId = image?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
  const snapshot = (await aws.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }))).Snapshots?.[0];
  assert.equal(snapshot?.Description, `Created by CreateImage(${web.InstanceId}) for ${created.ImageId}`);
  assert.equal(snapshot?.Tags?.[0]?.Value, 'WebServerAMI-root');

  // Editing WebServer afterwards does not change the AMI: it is a copy.
  page.content = page.content.replace('私たちのビジョン', '私たちのビジョン (edited)');
  server.world.changed();
  const clone = await launch({ ImageId: created.ImageId, Placement: { AvailabilityZone: `${PRACTICE_REGION}c` } });
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  assert.equal(record(clone.InstanceId).files['/var/www/html/index.html']?.content, CPS_RESEARCH_CENTER_PAGE);
  page.content = CPS_RESEARCH_CENTER_PAGE;

  await fails(
    aws.ec2.send(new CreateImageCommand({ InstanceId: web.InstanceId, Name: 'WebServer image 2026-11-23' })),
    'InvalidAMIName.Duplicate',
  );
  await fails(
    aws.ec2.send(new CreateImageCommand({ InstanceId: web.InstanceId, Name: 'ウェブサーバー' })),
    'InvalidAMIName.Malformed',
  );
  await fails(
    aws.ec2.send(new CreateImageCommand({ InstanceId: 'i-0123456789abcdef0', Name: 'nope' })),
    'InvalidInstanceID.NotFound',
  );
  await fails(
    aws.ec2.send(new CreateImageCommand({ InstanceId: web.InstanceId } as CreateImageCommandInput)),
    'MissingParameter',
  );
});

test('tags on any resource: create, delete (by key, by key and value), describe; AWS errors for bad IDs and aws: keys', async () => {
  const web = await webServer();
  const sg = web.SecurityGroups?.[0]?.GroupId ?? '';
  const eip = records().addresses.find((a) => a.association?.instanceId === web.InstanceId)?.allocationId ?? '';
  await aws.ec2.send(
    new CreateTagsCommand({
      Resources: [web.InstanceId ?? '', sg, eip],
      Tags: [
        { Key: 'scale-out-lab:lab', Value: '0.1' },
        { Key: 'Owner', Value: '学生' },
      ],
    }),
  );
  const tagged = await aws.ec2.send(
    new DescribeTagsCommand({
      Filters: [
        { Name: 'key', Values: ['scale-out-lab:lab'] },
        { Name: 'resource-id', Values: [web.InstanceId ?? '', sg, eip] },
      ],
    }),
  );
  assert.deepEqual(tagged.Tags?.map((t) => t.ResourceType).sort(), ['elastic-ip', 'instance', 'security-group']);
  assert.equal((await describe(web.InstanceId)).Tags?.find((t) => t.Key === 'Owner')?.Value, '学生');

  await aws.ec2.send(
    new DeleteTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: [{ Key: 'Owner', Value: 'someone else' }] }),
  );
  assert.ok(
    (await describe(web.InstanceId)).Tags?.some((t) => t.Key === 'Owner'),
    'a different value deletes nothing',
  );
  await aws.ec2.send(
    new DeleteTagsCommand({
      Resources: [web.InstanceId ?? '', sg, eip],
      Tags: [{ Key: 'Owner' }, { Key: 'scale-out-lab:lab' }],
    }),
  );
  assert.deepEqual((await describe(web.InstanceId)).Tags, [{ Key: 'Name', Value: 'WebServer' }]);

  await fails(
    aws.ec2.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })),
    'InvalidInstanceID.NotFound',
  );
  await fails(
    aws.ec2.send(new CreateTagsCommand({ Resources: ['nonsense-1'], Tags: [{ Key: 'a', Value: 'b' }] })),
    'InvalidID',
  );
  await fails(
    aws.ec2.send(
      new CreateTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: [{ Key: 'aws:reserved', Value: 'b' }] }),
    ),
    'InvalidParameterValue',
  );
  await fails(aws.ec2.send(new CreateTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: [] })), 'MissingParameter');
});

test('instance types: the free-tier filter gives t2.micro in Tokyo and N. Virginia, t3.micro where T2 is not offered', async () => {
  const freeTier = async (region: string) => {
    const client = practiceClients(server.endpoint, { region });
    try {
      const out = await client.ec2.send(
        new DescribeInstanceTypesCommand({ Filters: [{ Name: 'free-tier-eligible', Values: ['true'] }] }),
      );
      return out.InstanceTypes?.map((t) => [
        t.InstanceType,
        t.FreeTierEligible,
        t.VCpuInfo?.DefaultVCpus,
        t.MemoryInfo?.SizeInMiB,
      ]);
    } finally {
      client.destroy();
    }
  };
  assert.deepEqual(await freeTier('ap-northeast-1'), [['t2.micro', true, 1, 1024]]);
  assert.deepEqual(await freeTier('us-east-1'), [['t2.micro', true, 1, 1024]]);
  assert.deepEqual(await freeTier('eu-north-1'), [['t3.micro', true, 2, 1024]]);
  const t3 = await aws.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro'] }));
  assert.deepEqual(
    t3.InstanceTypes?.map((t) => [t.FreeTierEligible, t.ProcessorInfo?.SupportedArchitectures]),
    [[false, ['x86_64']]],
  );
  await fails(
    aws.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t9.giant' as 't3.micro'] })),
    'InvalidInstanceType',
  );
});

test('volumes: create (creating -> available), attach in the same AZ, detach, delete; AWS errors for each misuse', async () => {
  const web = await webServer();
  const az = web.Placement?.AvailabilityZone;
  const volume = await aws.ec2.send(
    new CreateVolumeCommand({
      AvailabilityZone: az,
      Size: 4,
      VolumeType: 'gp3',
      TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'data' }] }],
    }),
  );
  assert.deepEqual([volume.State, volume.Size, volume.Iops, volume.Throughput], ['creating', 4, 3000, 125]);
  await waitUntilVolumeAvailable({ client: aws.ec2, ...WAIT }, { VolumeIds: [volume.VolumeId ?? ''] });
  const elsewhere = await aws.ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${PRACTICE_REGION}c`, Size: 1 }));
  await waitUntilVolumeAvailable({ client: aws.ec2, ...WAIT }, { VolumeIds: [elsewhere.VolumeId ?? ''] });

  await fails(
    aws.ec2.send(
      new AttachVolumeCommand({ VolumeId: elsewhere.VolumeId, InstanceId: web.InstanceId, Device: '/dev/sdf' }),
    ),
    'InvalidVolume.ZoneMismatch',
  );
  await fails(
    aws.ec2.send(
      new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web.InstanceId, Device: '/dev/xvda' }),
    ),
    'InvalidParameterValue',
  );
  const attached = await aws.ec2.send(
    new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web.InstanceId, Device: '/dev/sdf' }),
  );
  assert.equal(attached.State, 'attaching');
  await waitUntilVolumeInUse({ client: aws.ec2, ...WAIT }, { VolumeIds: [volume.VolumeId ?? ''] });
  assert.ok(
    (await describe(web.InstanceId)).BlockDeviceMappings?.some(
      (b) => b.DeviceName === '/dev/sdf' && b.Ebs?.VolumeId === volume.VolumeId,
    ),
  );
  await fails(
    aws.ec2.send(
      new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web.InstanceId, Device: '/dev/sdg' }),
    ),
    'VolumeInUse',
  );
  await fails(aws.ec2.send(new DeleteVolumeCommand({ VolumeId: volume.VolumeId })), 'VolumeInUse');
  await fails(
    aws.ec2.send(new DetachVolumeCommand({ VolumeId: web.BlockDeviceMappings?.[0]?.Ebs?.VolumeId })),
    'OperationNotPermitted',
  );

  await aws.ec2.send(new DetachVolumeCommand({ VolumeId: volume.VolumeId }));
  await fails(aws.ec2.send(new DetachVolumeCommand({ VolumeId: volume.VolumeId })), 'IncorrectState');
  for (const id of [volume.VolumeId, elsewhere.VolumeId]) await aws.ec2.send(new DeleteVolumeCommand({ VolumeId: id }));
  await fails(aws.ec2.send(new DeleteVolumeCommand({ VolumeId: volume.VolumeId })), 'InvalidVolume.NotFound');
  await fails(
    aws.ec2.send(new CreateVolumeCommand({ AvailabilityZone: az } as CreateVolumeCommandInput)),
    'MissingParameter',
  );
  await fails(aws.ec2.send(new CreateSnapshotCommand({ VolumeId: 'vol-0123456789abcdef0' })), 'InvalidVolume.NotFound');
});

test("ModifyInstanceAttribute changes an instance's security groups, one attribute at a time", async () => {
  const imageId = await latestAmazonLinux();
  const instance = await launch({ ImageId: imageId });
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [instance.InstanceId ?? ''] });
  const extra = await aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'modify-sg', Description: 'for ModifyInstanceAttribute' }),
  );
  await aws.ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: instance.InstanceId, Groups: [extra.GroupId ?? ''] }),
  );
  assert.deepEqual(
    (await describe(instance.InstanceId)).SecurityGroups?.map((g) => g.GroupName),
    ['modify-sg'],
  );
  const groups = await aws.ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: instance.InstanceId, Attribute: 'groupSet' }),
  );
  assert.deepEqual(
    groups.Groups?.map((g) => g.GroupId),
    [extra.GroupId],
  );
  await fails(
    aws.ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: instance.InstanceId,
        Groups: [extra.GroupId ?? ''],
        InstanceType: { Value: 't3.micro' },
      }),
    ),
    'InvalidParameterCombination',
  );
  await fails(
    aws.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: instance.InstanceId, Groups: ['sg-0123456789abcdef0'] }),
    ),
    'InvalidGroup.NotFound',
  );
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: extra.GroupId })), 'DependencyViolation');
  await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId ?? ''] }));
  await waitUntilInstanceTerminated({ client: aws.ec2, ...WAIT }, { InstanceIds: [instance.InstanceId ?? ''] });
  await aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: extra.GroupId })); // a terminated instance holds nothing
});

test("less common mistakes get AWS's codes too", async () => {
  const web = await webServer();
  const imageId = await latestAmazonLinux();
  const inRegion = async (region: string, body: (client: PracticeClients) => Promise<unknown>) => {
    const client = practiceClients(server.endpoint, { region });
    try {
      await body(client);
    } finally {
      client.destroy();
    }
  };
  // A region whose default VPC the student deleted (every region has one to begin with), and a type the
  // region does not offer.
  server.world.state.regions['us-east-1'] = emptyRegion();
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
  const region = server.world.writableRegion(PRACTICE_REGION);
  region.vpcs.push({
    id: 'vpc-0aaaaaaaaaaaaaaa1',
    cidr: '10.0.0.0/16',
    isDefault: false,
    state: 'available',
    dhcpOptionsId: 'dopt-0aaaaaaaaaaaaaaa1',
    tags: {},
  });
  const foreign = await aws.ec2.send(
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
    aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'dsa', KeyType: 'dsa' as 'rsa' })),
    'InvalidParameterValue',
  );
  await fails(aws.ec2.send(new CreateKeyPairCommand({} as CreateKeyPairCommandInput)), 'MissingParameter');
  await fails(aws.ec2.send(new DisassociateAddressCommand({ PublicIp: '198.51.100.7' })), 'InvalidAddress.NotFound');
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({})), 'MissingParameter');
  const tooMany = Array.from({ length: 51 }, (_, n) => ({ Key: `k${n}`, Value: 'v' }));
  await fails(
    aws.ec2.send(new CreateTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: tooMany })),
    'TagLimitExceeded',
  );
  await fails(
    aws.ec2.send(new RegisterImageCommand({ Name: 'from-s3', ImageLocation: 'my-bucket/image.manifest.xml' })),
    'UnsupportedOperation',
  );
  await fails(
    aws.ec2.send(new RegisterImageCommand({ Name: 'no-root', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [] })),
    'InvalidBlockDeviceMapping',
  );
  await fails(
    aws.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: web.InstanceId, DisableApiTermination: { Value: true } }),
    ),
    'UnsupportedOperation',
  );
});
