// CreateDBInstance, ModifyDBInstance, RebootDBInstance and DeleteDBInstance through the real RDSClient at instant
// speed: seed 004's test-rds-1 as the student creates it (identifier stored lowercase, the default MySQL 8.0 minor,
// gp2 20 GiB, its private IP in the chosen AZ's subnet), AWS's refusals in its words, tags and engine versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  DeleteDBInstanceCommand,
  DescribeDBEngineVersionsCommand,
  DescribeDBInstancesCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  RemoveTagsFromResourceCommand,
  waitUntilDBInstanceAvailable,
  waitUntilDBInstanceDeleted,
  type CreateDBInstanceCommandInput,
} from '@aws-sdk/client-rds';
import { cidrContains } from '../../../../src/practice/core/addressing';
import { rdsHostName } from '../../../../src/practice/rds/names';
import {
  buildDbNetwork,
  createDbSubnetGroup,
  dbInstance,
  fails,
  rdsPractice,
  TEST_RDS_1,
  type DbNetwork,
} from './rdsPractice';

const practice = rdsPractice();
const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };
let net: DbNetwork;

const create = (input: Partial<CreateDBInstanceCommandInput>) =>
  practice.aws.rds.send(new CreateDBInstanceCommand({ ...TEST_RDS_1, VpcSecurityGroupIds: [net.dbSg], ...input }));

test('test-rds-1 as seed 004 makes it: stored lowercase, MySQL 8.0 default minor, its address in AZ a’s private subnet', async () => {
  const { aws } = practice;
  net = await buildDbNetwork(aws);
  await createDbSubnetGroup(aws, net);
  const created = await create({
    DBInstanceIdentifier: 'Test-RDS-1',
    AvailabilityZone: 'ap-northeast-1a',
    Tags: [{ Key: 'Name', Value: 'test-rds-1' }],
  });
  assert.equal(created.DBInstance?.DBInstanceIdentifier, 'test-rds-1');
  assert.equal(created.DBInstance?.DBInstanceStatus, 'creating');
  assert.equal(created.DBInstance?.Endpoint, undefined, 'no endpoint while creating');
  assert.equal(created.DBInstance?.EngineVersion, '8.0.42');
  assert.equal(created.DBInstance?.MultiAZ, false);
  assert.equal(created.DBInstance?.PubliclyAccessible, false);
  assert.equal(created.DBInstance?.BackupRetentionPeriod, 0);
  assert.equal(created.DBInstance?.DeletionProtection, false);
  assert.deepEqual(
    created.DBInstance?.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId),
    [net.dbSg],
  );
  await waitUntilDBInstanceAvailable({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: 'test-rds-1' });
  const db = await dbInstance(aws, 'TEST-RDS-1');
  assert.equal(db.Endpoint?.Address, rdsHostName('ap-northeast-1', 'test-rds-1'));
  assert.equal(db.Endpoint?.Port, 3306);
  assert.equal(db.AvailabilityZone, 'ap-northeast-1a');
  assert.equal(db.DBName, 'wordpress');
  assert.equal(db.StorageType, 'gp2');
  assert.deepEqual(db.TagList, [{ Key: 'Name', Value: 'test-rds-1' }]);

  const node = practice.node('test-rds-1');
  assert.equal(node.subnetId, net.subnetA);
  assert.ok(cidrContains('10.0.2.0/24', node.privateIp), node.privateIp);
  assert.equal(node.hostname, `ip-${node.privateIp.replaceAll('.', '-')}`);
  assert.equal(node.answering, true);
  assert.equal(node.readOnly, false);
  assert.equal(node.masterPassword, 'vg1daypassword');
  assert.equal(node.storeId, 'test-rds-1');
  assert.deepEqual(node.securityGroupIds, [net.dbSg]);
  // Not an address EC2 holds.
  assert.ok(!practice.records().instances.some((i) => i.privateIp === node.privateIp));
});

test('CreateDBInstance refusals: identifier, duplicate, password, DBName, retired and unknown classes, storage, groups, AZ', async () => {
  await fails(create({}), 'DBInstanceAlreadyExistsFault', 'DB instance already exists');
  await fails(
    create({ DBInstanceIdentifier: '1db' }),
    'InvalidParameterValue',
    /DBInstanceIdentifier is not a valid identifier/,
  );
  await fails(create({ DBInstanceIdentifier: 'db--x' }), 'InvalidParameterValue', /not a valid identifier/);
  await fails(create({ DBInstanceIdentifier: 'db-x-' }), 'InvalidParameterValue', /not a valid identifier/);
  await fails(
    create({ DBInstanceIdentifier: 'db-x', MasterUserPassword: 'short' }),
    'InvalidParameterValue',
    'The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.',
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', MasterUserPassword: 'pass@word1' }),
    'InvalidParameterValue',
    /Only printable ASCII characters besides '\/', '@', '"', ' ' may be used/,
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', DBName: 'word-press' }),
    'InvalidParameterValue',
    /DBName must begin with a letter/,
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', DBInstanceClass: 'db.t2.small' }),
    'InvalidParameterCombination',
    'RDS does not support creating a DB instance with the following combination: DBInstanceClass=db.t2.small, Engine=mysql, EngineVersion=8.0.42, LicenseModel=general-public-license. For supported combinations of instance class and database engine version, see the documentation.',
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', AllocatedStorage: 10 }),
    'InvalidParameterValue',
    'Invalid storage size for engine name mysql and storage type gp2: 10',
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', EngineVersion: '5.6.10' }),
    'InvalidParameterValue',
    /Cannot find version 5\.6\.10/,
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', AvailabilityZone: 'ap-northeast-1a', MultiAZ: true }),
    'InvalidParameterCombination',
    'Requesting a specific availability zone is not valid for Multi-AZ instances.',
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', AvailabilityZone: 'ap-northeast-1d' }),
    'InvalidParameterValue',
    /no subnet in availability zone ap-northeast-1d/,
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', VpcSecurityGroupIds: ['sg-00000000000000000'] }),
    'InvalidParameterValue',
    /Invalid security group/,
  );
  const defaultGroup = practice.records().securityGroups.find((g) => g.name === 'launch-wizard-1');
  await fails(
    create({ DBInstanceIdentifier: 'db-x', VpcSecurityGroupIds: [defaultGroup?.id ?? ''] }),
    'InvalidParameterCombination',
    /The DB instance and EC2 security group are in different VPCs/,
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', DBSubnetGroupName: 'nothing' }),
    'DBSubnetGroupNotFoundFault',
    undefined,
    404,
  );
  await fails(
    create({ DBInstanceIdentifier: 'db-x', BackupRetentionPeriod: 36 }),
    'InvalidParameterValue',
    /between 0 and 35/,
  );
  assert.equal(practice.records().dbInstances.filter((d) => d.id === 'db-x').length, 0, 'nothing made by a refusal');
});

test('defaults as AWS: backups 1 day, gp3, the free tier class t4g accepted; no subnet group: the default VPC, public', async () => {
  const out = await practice.aws.rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'default-vpc-db',
      Engine: 'mysql',
      DBInstanceClass: 'db.t4g.micro',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: 'vg1daypassword',
    }),
  );
  assert.equal(out.DBInstance?.BackupRetentionPeriod, 1);
  assert.equal(out.DBInstance?.StorageType, 'gp3');
  assert.equal(out.DBInstance?.PubliclyAccessible, true);
  assert.equal(out.DBInstance?.DBSubnetGroup?.DBSubnetGroupName, 'default');
  const defaultVpc = practice.records().vpcs.find((v) => v.isDefault);
  assert.equal(out.DBInstance?.DBSubnetGroup?.VpcId, defaultVpc?.id);
  await waitUntilDBInstanceAvailable({ client: practice.aws.rds, ...WAIT }, { DBInstanceIdentifier: 'default-vpc-db' });
  await practice.aws.rds.send(
    new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'default-vpc-db', SkipFinalSnapshot: true }),
  );
});

test('Multi-AZ at creation: the standby in the group’s other AZ; groups and public access modified at once', async () => {
  const { aws } = practice;
  const out = await create({ DBInstanceIdentifier: 'multi-az-db', MultiAZ: true });
  assert.equal(out.DBInstance?.MultiAZ, true);
  const primaryAz = out.DBInstance?.AvailabilityZone;
  const secondaryAz = out.DBInstance?.SecondaryAvailabilityZone;
  assert.deepEqual([primaryAz, secondaryAz].sort(), ['ap-northeast-1a', 'ap-northeast-1c']);
  const record = practice.records().dbInstances.find((d) => d.id === 'multi-az-db');
  assert.equal(record?.standby?.az, secondaryAz);
  assert.notEqual(record?.standby?.subnetId, record?.subnetId);
  await waitUntilDBInstanceAvailable({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: 'multi-az-db' });

  const modified = await aws.rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: 'multi-az-db',
      VpcSecurityGroupIds: [net.dbSg, net.webSg],
      PubliclyAccessible: true,
    }),
  );
  assert.equal(modified.DBInstance?.DBInstanceStatus, 'available');
  assert.deepEqual(
    modified.DBInstance?.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId),
    [net.dbSg, net.webSg],
  );
  assert.equal(modified.DBInstance?.PubliclyAccessible, true);
  assert.deepEqual(practice.node('multi-az-db').securityGroupIds, [net.dbSg, net.webSg]);
  await aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'multi-az-db', SkipFinalSnapshot: true }));
});

test('Modify, Reboot and Delete refusals: not available, nothing to modify, failover without Multi-AZ, final snapshot, deletion protection', async () => {
  const { aws } = practice;
  await fails(
    aws.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1' })),
    'InvalidParameterCombination',
    'No modifications were requested',
  );
  await fails(
    aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', ForceFailover: true })),
    'InvalidParameterCombination',
    'ForceFailover cannot be specified since the instance is not configured for either MultiAZ or High Availability',
  );
  await fails(
    aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1' })),
    'InvalidParameterCombination',
    'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.',
  );
  await fails(
    aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'nope' })),
    'DBInstanceNotFoundFault',
    'DBInstance nope not found.',
    404,
  );

  // Deferred: without ApplyImmediately the change waits (PendingModifiedValues), the instance stays available.
  const deferred = await aws.rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', DBInstanceClass: 'db.t3.small' }),
  );
  assert.equal(deferred.DBInstance?.DBInstanceStatus, 'available');
  assert.equal(deferred.DBInstance?.PendingModifiedValues?.DBInstanceClass, 'db.t3.small');
  assert.equal(deferred.DBInstance?.DBInstanceClass, 'db.t3.micro');
  await fails(
    aws.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'test-rds-1',
        DBInstanceClass: 'db.t2.micro',
        ApplyImmediately: true,
      }),
    ),
    'InvalidParameterCombination',
    /DBInstanceClass=db\.t2\.micro/,
  );

  // Deletion protection and the password apply at once; protection refuses the delete as AWS words it.
  const protectedDb = await aws.rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: 'test-rds-1',
      DeletionProtection: true,
      MasterUserPassword: 'newpassword1',
    }),
  );
  assert.equal(protectedDb.DBInstance?.DeletionProtection, true);
  assert.equal(practice.node('test-rds-1').masterPassword, 'newpassword1');
  await fails(
    aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', SkipFinalSnapshot: true })),
    'InvalidParameterCombination',
    'Cannot delete protected DB Instance, please disable deletion protection and try again.',
  );
  await aws.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', DeletionProtection: false }));

  const deleting = await aws.rds.send(
    new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', SkipFinalSnapshot: true }),
  );
  assert.equal(deleting.DBInstance?.DBInstanceStatus, 'deleting');
  await waitUntilDBInstanceDeleted({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: 'test-rds-1' });
  const left = await aws.rds.send(new DescribeDBInstancesCommand({}));
  assert.ok(!left.DBInstances?.some((d) => d.DBInstanceIdentifier === 'test-rds-1'));
  assert.ok(!practice.nodes().some((n) => n.instanceId === 'test-rds-1'));
});

test('tags by ARN (Add, List, Remove) and DescribeDBEngineVersions with DefaultOnly', async () => {
  const { aws } = practice;
  const out = await create({
    DBInstanceIdentifier: 'tagged-db',
    Tags: [{ Key: 'scale-out-lab:lab', Value: 'scale-out' }],
  });
  const arn = out.DBInstance?.DBInstanceArn ?? '';
  assert.equal(arn, 'arn:aws:rds:ap-northeast-1:123456789012:db:tagged-db');
  await aws.rds.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'Name', Value: 'tagged' }] }));
  const listed = await aws.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }));
  assert.deepEqual(listed.TagList, [
    { Key: 'scale-out-lab:lab', Value: 'scale-out' },
    { Key: 'Name', Value: 'tagged' },
  ]);
  await aws.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ['scale-out-lab:lab'] }));
  assert.deepEqual((await aws.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList, [
    { Key: 'Name', Value: 'tagged' },
  ]);
  await fails(
    aws.rds.send(
      new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:ap-northeast-1:123456789012:db:nothing' }),
    ),
    'DBInstanceNotFoundFault',
    undefined,
    404,
  );
  const subgrp = await aws.rds.send(
    new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:ap-northeast-1:123456789012:subgrp:db-subnetgroup' }),
  );
  assert.deepEqual(subgrp.TagList, []);

  const mysql = await aws.rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql', DefaultOnly: true }));
  assert.deepEqual(
    mysql.DBEngineVersions?.map((v) => [v.EngineVersion, v.DBParameterGroupFamily]),
    [['8.0.42', 'mysql8.0']],
  );
  const aurora = await aws.rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'aurora-mysql', DefaultOnly: true }));
  assert.deepEqual(
    aurora.DBEngineVersions?.map((v) => v.EngineVersion),
    ['8.0.mysql_aurora.3.08.2'],
  );
  const all = await aws.rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql' }));
  assert.ok((all.DBEngineVersions?.length ?? 0) > 1);
});
