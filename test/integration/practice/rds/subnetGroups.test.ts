// DB subnet groups through the real RDSClient: seed 004's db-subnetgroup over two AZs (name stored lowercase),
// AWS's refusals (one AZ, unknown subnet, subnets of two VPCs, a name taken), Modify, Delete refused while a DB
// instance uses it; and EC2's DeleteSubnet / DeleteSecurityGroup answering DependencyViolation while a DB
// instance has its address in the subnet or uses the group, allowed once it is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeleteSecurityGroupCommand, DeleteSubnetCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBSubnetGroupsCommand,
  ModifyDBSubnetGroupCommand,
  waitUntilDBInstanceAvailable,
  waitUntilDBInstanceDeleted,
} from '@aws-sdk/client-rds';
import { buildDbNetwork, createDbSubnetGroup, fails, rdsPractice, TEST_RDS_1 } from './rdsPractice';

const practice = rdsPractice();
const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };

test('CreateDBSubnetGroup: two AZs, stored lowercase, described with its subnets; AWS refuses one AZ, unknown subnets, two VPCs, a taken name', async () => {
  const { aws } = practice;
  const net = await buildDbNetwork(aws);
  const created = await aws.rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'DB-SubnetGroup',
      DBSubnetGroupDescription: 'for test-rds-1',
      SubnetIds: [net.subnetA, net.subnetC],
      Tags: [{ Key: 'Name', Value: 'db-subnetgroup' }],
    }),
  );
  assert.equal(created.DBSubnetGroup?.DBSubnetGroupName, 'db-subnetgroup');
  assert.equal(created.DBSubnetGroup?.VpcId, net.vpcId);
  assert.equal(
    created.DBSubnetGroup?.DBSubnetGroupArn,
    'arn:aws:rds:ap-northeast-1:123456789012:subgrp:db-subnetgroup',
  );
  assert.deepEqual(
    created.DBSubnetGroup?.Subnets?.map((s) => [s.SubnetIdentifier, s.SubnetAvailabilityZone?.Name]),
    [
      [net.subnetA, 'ap-northeast-1a'],
      [net.subnetC, 'ap-northeast-1c'],
    ],
  );
  const described = await aws.rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'DB-SUBNETGROUP' }));
  assert.equal(described.DBSubnetGroups?.[0]?.SubnetGroupStatus, 'Complete');

  await fails(
    aws.rds.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: 'one-az',
        DBSubnetGroupDescription: 'x',
        SubnetIds: [net.subnetA, net.subnetA2],
      }),
    ),
    'DBSubnetGroupDoesNotCoverEnoughAZs',
    "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: ap-northeast-1a. Add subnets to cover at least 2 AZs.",
  );
  await fails(
    aws.rds.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: 'ghost',
        DBSubnetGroupDescription: 'x',
        SubnetIds: [net.subnetA, 'subnet-0000000000000dead'],
      }),
    ),
    'InvalidSubnet',
    'Some input subnets in :[subnet-0000000000000dead] are invalid.',
  );
  const defaultSubnet = (
    await aws.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
  ).Subnets?.find((s) => s.AvailabilityZone === 'ap-northeast-1c')?.SubnetId;
  await fails(
    aws.rds.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: 'two-vpcs',
        DBSubnetGroupDescription: 'x',
        SubnetIds: [net.subnetA, defaultSubnet ?? ''],
      }),
    ),
    'InvalidSubnet',
    /not all in the same VPC/,
  );
  await fails(
    createDbSubnetGroup(aws, net),
    'DBSubnetGroupAlreadyExistsFault',
    "The DB subnet group 'db-subnetgroup' already exists.",
  );
  await fails(
    aws.rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'nothing' })),
    'DBSubnetGroupNotFoundFault',
    "DB Subnet group 'nothing' not found.",
    404,
  );

  const modified = await aws.rds.send(
    new ModifyDBSubnetGroupCommand({
      DBSubnetGroupName: 'db-subnetgroup',
      DBSubnetGroupDescription: 'three subnets',
      SubnetIds: [net.subnetA, net.subnetC, net.subnetA2],
    }),
  );
  assert.equal(modified.DBSubnetGroup?.Subnets?.length, 3);
  assert.equal(modified.DBSubnetGroup?.DBSubnetGroupDescription, 'three subnets');
  await fails(
    aws.rds.send(
      new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnetgroup', SubnetIds: [net.subnetA, net.subnetA2] }),
    ),
    'DBSubnetGroupDoesNotCoverEnoughAZs',
  );
  await aws.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnetgroup' }));
  await fails(
    aws.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnetgroup' })),
    'DBSubnetGroupNotFoundFault',
    undefined,
    404,
  );
});

test('while test-rds-1 lives: its subnet group, its subnet and db-sg cannot be deleted (AWS’s faults); once it is gone they can', async () => {
  const { aws } = practice;
  const net = await buildDbNetwork(aws);
  await createDbSubnetGroup(aws, net, 'db-subnetgroup-2');
  await aws.rds.send(
    new CreateDBInstanceCommand({
      ...TEST_RDS_1,
      DBInstanceIdentifier: 'test-rds-deps',
      DBSubnetGroupName: 'db-subnetgroup-2',
      VpcSecurityGroupIds: [net.dbSg],
      AvailabilityZone: 'ap-northeast-1a',
    }),
  );
  await waitUntilDBInstanceAvailable({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: 'test-rds-deps' });
  const node = practice.node('test-rds-deps');
  assert.equal(node.subnetId, net.subnetA);

  await fails(
    aws.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnetgroup-2' })),
    'InvalidDBSubnetGroupStateFault',
    "Cannot delete the subnet group 'db-subnetgroup-2' because at least one database instance: test-rds-deps is still using it.",
  );
  await fails(
    aws.rds.send(
      new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnetgroup-2', SubnetIds: [net.subnetC, net.subnetA2] }),
    ),
    'SubnetAlreadyInUse',
  );
  await fails(aws.ec2.send(new DeleteSubnetCommand({ SubnetId: net.subnetA })), 'DependencyViolation');
  await fails(aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: net.dbSg })), 'DependencyViolation');
  // A subnet of the VPC where no DB instance has an address is free to go.
  await aws.ec2.send(new DeleteSubnetCommand({ SubnetId: net.subnetA2 }));

  await aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-deps', SkipFinalSnapshot: true }));
  await waitUntilDBInstanceDeleted({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: 'test-rds-deps' });
  await aws.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnetgroup-2' }));
  await aws.ec2.send(new DeleteSubnetCommand({ SubnetId: net.subnetA }));
  await aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: net.dbSg }));
});
