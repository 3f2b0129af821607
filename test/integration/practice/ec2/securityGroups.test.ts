// EC2 security groups through the real EC2Client: create, rules by group reference, duplicates,
// revoke, rule IDs, dependencies, the default group. Every error as the SDK surfaces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { webServer } = practice;

test('security groups: create, rules by group reference, duplicates, revoke, rule IDs, dependencies, default', async () => {
  const web = await webServer();
  const alb = await practice.aws.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'alb-sg',
      Description: 'ALB: HTTP from anywhere',
      VpcId: web.VpcId,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'alb-sg' }] }],
    }),
  );
  assert.match(alb.GroupId ?? '', /^sg-[0-9a-f]{17}$/);
  assert.equal(alb.SecurityGroupArn, `arn:aws:ec2:${PRACTICE_REGION}:123456789012:security-group/${alb.GroupId}`);
  const webSg = await practice.aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'web-sg', Description: 'web servers' }),
  ); // default VPC
  await fails(
    practice.aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'alb-sg', Description: 'again' })),
    'InvalidGroup.Duplicate',
  );
  await fails(
    practice.aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'jp-sg', Description: 'ウェブ用' })),
    'InvalidParameterValue',
  );
  await fails(
    practice.aws.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: 'vpc-0123456789abcdef0' }),
    ),
    'InvalidVpcID.NotFound',
  );

  const ingress = await practice.aws.ec2.send(
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
  const fromAlb = await practice.aws.ec2.send(
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
  await practice.aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: webSg.GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIp: '203.0.113.25/32',
    }),
  );

  await fails(
    practice.aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: alb.GroupId }] }],
      }),
    ),
    'InvalidPermission.Duplicate',
  );
  await fails(
    practice.aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/33' }] }],
      }),
    ),
    'InvalidParameterValue',
  );
  await fails(
    practice.aws.ec2.send(
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
    practice.aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-zz', IpPermissions: [] })),
    'InvalidGroupId.Malformed',
  );

  const described = (
    await practice.aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [webSg.GroupId ?? ''] }))
  ).SecurityGroups?.[0];
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
  const listedRules = await practice.aws.ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [webSg.GroupId ?? ''] }] }),
  );
  assert.equal(listedRules.SecurityGroupRules?.length, 3, 'two inbound rules and the default outbound one');
  assert.ok(
    listedRules.SecurityGroupRules?.some((r) => r.SecurityGroupRuleId === rule?.SecurityGroupRuleId),
    'rule IDs are stable',
  );

  // Egress: add and revoke by rule ID.
  const egress = await practice.aws.ec2.send(
    new AuthorizeSecurityGroupEgressCommand({
      GroupId: webSg.GroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '172.31.0.0/16' }] }],
    }),
  );
  assert.equal(egress.SecurityGroupRules?.[0]?.IsEgress, true);
  const revokedEgress = await practice.aws.ec2.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId: webSg.GroupId,
      SecurityGroupRuleIds: [egress.SecurityGroupRules?.[0]?.SecurityGroupRuleId ?? ''],
    }),
  );
  assert.equal(revokedEgress.RevokedSecurityGroupRules?.[0]?.CidrIpv4, '172.31.0.0/16');
  await fails(
    practice.aws.ec2.send(
      new RevokeSecurityGroupEgressCommand({ GroupId: webSg.GroupId, SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] }),
    ),
    'InvalidSecurityGroupRuleId.NotFound',
  );

  // Revoke: a rule that is not there is InvalidPermission.NotFound; a partial match lists the unknown ones.
  await fails(
    practice.aws.ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: webSg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    ),
    'InvalidPermission.NotFound',
  );
  const partial = await practice.aws.ec2.send(
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
  await fails(practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: alb.GroupId })), 'DependencyViolation');
  const wizard = (await practice.aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['launch-wizard-1'] })))
    .SecurityGroups?.[0];
  await fails(
    practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: wizard?.GroupId })),
    'DependencyViolation',
  );
  await fails(practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'default' })), 'CannotDelete');
  await fails(
    practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'sg-0123456789abcdef0' })),
    'InvalidGroup.NotFound',
  );

  const lbGroup = await practice.aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'elb-sg', Description: 'used by a load balancer' }),
  );
  const region = practice.server.world.writableRegion(PRACTICE_REGION);
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
  await fails(
    practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lbGroup.GroupId })),
    'DependencyViolation',
  );
  region.loadBalancers.pop();
  await practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lbGroup.GroupId }));

  // Once the reference is revoked, alb-sg can go.
  await practice.aws.ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId: webSg.GroupId,
      SecurityGroupRuleIds: [rule?.SecurityGroupRuleId ?? ''],
    }),
  );
  const deleted = await practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: alb.GroupId }));
  assert.equal(deleted.GroupId, alb.GroupId);
  await fails(
    practice.aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [alb.GroupId ?? ''] })),
    'InvalidGroup.NotFound',
  );
});
