// Aurora through the real RDSClient, as seed 003 builds it: the cluster wp-user05-cluster (aurora-mysql, default
// version, wordpress, admin), its writer wp-user05 in 1a and the reader wp-user05-slave in 1c; the cluster
// endpoint resolving (CNAME) to the writer's address in 10.0.2.0/24 and the reader endpoint to the reader's in
// 10.0.3.0/24; FailoverDBCluster swapping the roles and both endpoints; DescribeDBClusterEndpoints; the class
// floor; and the deletes in AWS's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClusterEndpointsCommand,
  DescribeEventsCommand,
  FailoverDBClusterCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  waitUntilDBClusterAvailable,
  waitUntilDBClusterDeleted,
  waitUntilDBInstanceAvailable,
  waitUntilDBInstanceDeleted,
} from '@aws-sdk/client-rds';
import { rdsHostName } from '../../../../src/practice/rds/names';
import { buildDbNetwork, createDbSubnetGroup, dbCluster, fails, rdsPractice, type DbNetwork } from './rdsPractice';

const practice = rdsPractice();
const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };
const R = 'ap-northeast-1';
const CLUSTER = 'wp-user05-cluster';
const WRITER_NAME = rdsHostName(R, CLUSTER, 'cluster-');
const READER_NAME = rdsHostName(R, CLUSTER, 'cluster-ro-');
let net: DbNetwork;

/** What a resolver in the VPC answers for a name: [CNAME target, address, read-only] of each node carrying it. */
function resolve(name: string) {
  return practice
    .nodes()
    .filter((n) => n.names.some((x) => x.name === name))
    .map((n) => [
      n.names.find((x) => x.name === name)?.cname,
      n.privateIp.split('.').slice(0, 3).join('.'),
      n.readOnly,
    ]);
}

test('the cluster, its writer in 1a and its reader in 1c: the endpoints resolve to each one’s address in its own subnet', async () => {
  const { aws } = practice;
  net = await buildDbNetwork(aws);
  await createDbSubnetGroup(aws, net);
  const created = await aws.rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: 'WP-user05-cluster',
      Engine: 'aurora-mysql',
      DatabaseName: 'wordpress',
      MasterUsername: 'admin',
      MasterUserPassword: 'vg1daypassword',
      DBSubnetGroupName: 'db-subnetgroup',
      VpcSecurityGroupIds: [net.dbSg],
    }),
  );
  assert.equal(created.DBCluster?.DBClusterIdentifier, CLUSTER);
  assert.equal(created.DBCluster?.Status, 'creating');
  assert.equal(created.DBCluster?.EngineVersion, '8.0.mysql_aurora.3.08.2');
  assert.equal(created.DBCluster?.Endpoint, WRITER_NAME);
  assert.equal(created.DBCluster?.ReaderEndpoint, READER_NAME);
  await waitUntilDBClusterAvailable({ client: aws.rds, ...WAIT }, { DBClusterIdentifier: CLUSTER });
  await fails(
    aws.rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: CLUSTER,
        Engine: 'aurora-mysql',
        MasterUsername: 'admin',
        MasterUserPassword: 'vg1daypassword',
        DBSubnetGroupName: 'db-subnetgroup',
      }),
    ),
    'DBClusterAlreadyExistsFault',
  );

  // Seed 003 picks db.t2.small: retired, and below Aurora's floor.
  await fails(
    aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'wp-user05',
        DBClusterIdentifier: CLUSTER,
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t2.small',
      }),
    ),
    'InvalidParameterCombination',
    /DBInstanceClass=db\.t2\.small, Engine=aurora-mysql/,
  );
  await fails(
    aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'wp-user05',
        DBClusterIdentifier: CLUSTER,
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t3.micro',
      }),
    ),
    'InvalidParameterCombination',
  );
  await fails(
    aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'wp-user05',
        DBClusterIdentifier: CLUSTER,
        Engine: 'mysql',
        DBInstanceClass: 'db.t3.medium',
      }),
    ),
    'InvalidParameterCombination',
    /doesn't match the engine name of your DB cluster/,
  );
  await fails(
    aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'wp-user05',
        DBClusterIdentifier: 'nothing',
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t3.medium',
      }),
    ),
    'DBClusterNotFoundFault',
    undefined,
    404,
  );
  for (const [id, az] of [
    ['wp-user05', 'ap-northeast-1a'],
    ['wp-user05-slave', 'ap-northeast-1c'],
  ] as const) {
    const out = await aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        DBClusterIdentifier: CLUSTER,
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t4g.medium',
        AvailabilityZone: az,
        PubliclyAccessible: false,
      }),
    );
    assert.equal(out.DBInstance?.DBClusterIdentifier, CLUSTER);
    await waitUntilDBInstanceAvailable({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: id });
  }
  const cluster = await dbCluster(aws, CLUSTER);
  assert.deepEqual(
    cluster.DBClusterMembers?.map((m) => [m.DBInstanceIdentifier, m.IsClusterWriter]),
    [
      ['wp-user05', true],
      ['wp-user05-slave', false],
    ],
  );
  assert.equal(cluster.MultiAZ, true);
  assert.deepEqual(resolve(WRITER_NAME), [[rdsHostName(R, 'wp-user05'), '10.0.2', false]]);
  assert.deepEqual(resolve(READER_NAME), [[rdsHostName(R, 'wp-user05-slave'), '10.0.3', true]]);
  const writer = practice.node('wp-user05');
  assert.equal(writer.storeId, CLUSTER);
  assert.equal(practice.node('wp-user05-slave').storeId, CLUSTER, 'the members share the cluster’s data');
  assert.equal(writer.masterUsername, 'admin');
  assert.equal(writer.masterPassword, 'vg1daypassword');
  assert.equal(writer.initialDatabase, 'wordpress');
  assert.equal(writer.engine, 'aurora-mysql');
  assert.deepEqual(writer.securityGroupIds, [net.dbSg]);

  const endpoints = await aws.rds.send(new DescribeDBClusterEndpointsCommand({ DBClusterIdentifier: CLUSTER }));
  assert.deepEqual(
    endpoints.DBClusterEndpoints?.map((e) => [e.EndpointType, e.Endpoint, e.Status]),
    [
      ['WRITER', WRITER_NAME, 'available'],
      ['READER', READER_NAME, 'available'],
    ],
  );
});

test('FailoverDBCluster: failing-over, then writer and reader swapped and both endpoints follow', async () => {
  const { aws } = practice;
  const writerIp = practice.node('wp-user05').privateIp;
  const readerIp = practice.node('wp-user05-slave').privateIp;
  await fails(
    aws.rds.send(
      new FailoverDBClusterCommand({ DBClusterIdentifier: CLUSTER, TargetDBInstanceIdentifier: 'test-rds-x' }),
    ),
    'DBInstanceNotFoundFault',
    undefined,
    404,
  );
  const out = await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: CLUSTER }));
  assert.equal(out.DBCluster?.Status, 'failing-over');
  await waitUntilDBClusterAvailable({ client: aws.rds, ...WAIT }, { DBClusterIdentifier: CLUSTER });
  const cluster = await dbCluster(aws, CLUSTER);
  assert.deepEqual(
    cluster.DBClusterMembers?.map((m) => [m.DBInstanceIdentifier, m.IsClusterWriter]),
    [
      ['wp-user05', false],
      ['wp-user05-slave', true],
    ],
  );
  assert.deepEqual(resolve(WRITER_NAME), [[rdsHostName(R, 'wp-user05-slave'), '10.0.3', false]]);
  assert.deepEqual(resolve(READER_NAME), [[rdsHostName(R, 'wp-user05'), '10.0.2', true]]);
  assert.equal(practice.node('wp-user05').privateIp, writerIp, 'the instances keep their addresses; the roles move');
  assert.equal(practice.node('wp-user05-slave').privateIp, readerIp);
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'db-cluster', SourceIdentifier: CLUSTER }));
  assert.deepEqual(
    events.Events?.map((e) => e.Message),
    [
      'DB cluster created',
      'Started cross AZ failover to DB instance: wp-user05-slave',
      'Completed failover to DB instance: wp-user05-slave',
    ],
  );
  // Back, naming the target as the console's "Failover" does.
  await aws.rds.send(
    new FailoverDBClusterCommand({ DBClusterIdentifier: CLUSTER, TargetDBInstanceIdentifier: 'wp-user05' }),
  );
  await waitUntilDBClusterAvailable({ client: aws.rds, ...WAIT }, { DBClusterIdentifier: CLUSTER });
  assert.deepEqual(resolve(WRITER_NAME), [[rdsHostName(R, 'wp-user05'), '10.0.2', false]]);
});

test('the failing-over window at a scaled speed: no member answers until the roles have swapped', async () => {
  const { aws, server } = practice;
  const clock = server.world.clock;
  try {
    server.world.clock = { speed: 100, now: () => new Date(), after: (ms) => new Date(Date.now() + ms / 100) };
    await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: CLUSTER }));
    assert.deepEqual(
      practice
        .nodes()
        .filter((n) => n.clusterId === CLUSTER)
        .map((n) => n.answering),
      [false, false],
    );
    await fails(
      aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: CLUSTER })),
      'InvalidDBClusterStateFault',
    );
    await waitUntilDBClusterAvailable({ client: aws.rds, ...WAIT }, { DBClusterIdentifier: CLUSTER });
    assert.deepEqual(
      practice
        .nodes()
        .filter((n) => n.clusterId === CLUSTER)
        .map((n) => n.answering),
      [true, true],
    );
    assert.deepEqual(
      resolve(WRITER_NAME).map((r) => r[1]),
      ['10.0.3'],
    );
  } finally {
    server.world.clock = clock;
  }
});

test('deletes in AWS’s order: the cluster refuses while it has members, its protection (ModifyDBCluster) refuses; members then cluster go', async () => {
  const { aws } = practice;
  await fails(
    aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: CLUSTER, SkipFinalSnapshot: true })),
    'InvalidDBClusterStateFault',
    'Cluster cannot be deleted, it still contains DB instances in non-deleting state.',
  );
  await fails(
    aws.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'wp-user05', MultiAZ: true, ApplyImmediately: true }),
    ),
    'InvalidParameterCombination',
  );
  for (const id of ['wp-user05-slave', 'wp-user05']) {
    await aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }));
    await waitUntilDBInstanceDeleted({ client: aws.rds, ...WAIT }, { DBInstanceIdentifier: id });
  }
  assert.deepEqual((await dbCluster(aws, CLUSTER)).DBClusterMembers, []);
  await fails(
    aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: CLUSTER })),
    'InvalidParameterCombination',
    'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.',
  );
  const guarded = await aws.rds.send(
    new ModifyDBClusterCommand({ DBClusterIdentifier: CLUSTER, DeletionProtection: true }),
  );
  assert.equal(guarded.DBCluster?.DeletionProtection, true);
  await fails(
    aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: CLUSTER, SkipFinalSnapshot: true })),
    'InvalidParameterCombination',
    'Cannot delete protected Cluster, please disable deletion protection and try again.',
  );
  await aws.rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: CLUSTER, DeletionProtection: false }));
  const deleting = await aws.rds.send(
    new DeleteDBClusterCommand({ DBClusterIdentifier: CLUSTER, SkipFinalSnapshot: true }),
  );
  assert.equal(deleting.DBCluster?.Status, 'deleting');
  await waitUntilDBClusterDeleted({ client: aws.rds, ...WAIT }, { DBClusterIdentifier: CLUSTER });
  assert.deepEqual(
    practice.nodes().filter((n) => n.clusterId === CLUSTER),
    [],
  );
});
