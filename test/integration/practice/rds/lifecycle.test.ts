// RDS's state machine at speed 600 (AWS's minutes pass in a fraction of a second), through the real RDSClient:
// creating -> backing-up -> available (the Endpoint once created); Multi-AZ applied immediately: modifying ->
// available with a SecondaryAvailabilityZone other than the primary's and a standby address there; a reboot with
// failover swaps the AZs and moves the endpoint's address to the other subnet (databaseNodes), the node not
// answering for the modelled outage; a single-AZ reboot keeps its AZ and address; stop and start; deleting -> gone;
// DescribeEvents in AWS's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDBInstanceCommand,
  DeleteDBInstanceCommand,
  DescribeEventsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { RDS_DURATIONS } from '../../../../src/practice/rds/transitions';
import {
  buildDbNetwork,
  createDbSubnetGroup,
  dbInstance,
  fails,
  rdsPractice,
  statusesUntil,
  TEST_RDS_1,
  type DbNetwork,
} from './rdsPractice';

const SPEED = 600;
const practice = rdsPractice(SPEED);
let net: DbNetwork;

test('creating -> backing-up -> available: no Endpoint while creating, one once created; busy instances refuse changes', async () => {
  const { aws } = practice;
  net = await buildDbNetwork(aws);
  await createDbSubnetGroup(aws, net);
  const started = Date.now();
  const created = await aws.rds.send(
    new CreateDBInstanceCommand({
      ...TEST_RDS_1,
      BackupRetentionPeriod: 1,
      VpcSecurityGroupIds: [net.dbSg],
      AvailabilityZone: 'ap-northeast-1a',
    }),
  );
  assert.equal(created.DBInstance?.Endpoint, undefined);
  assert.equal(practice.node('test-rds-1').answering, false, 'not answering while creating');
  await fails(
    aws.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', MultiAZ: true, ApplyImmediately: true }),
    ),
    'InvalidDBInstanceStateFault',
    'Database instance is not in available state.',
  );
  const seen = await statusesUntil(aws, 'test-rds-1', 'available');
  assert.deepEqual(seen, ['creating', 'backing-up', 'available']);
  const took = Date.now() - started;
  const expected = (RDS_DURATIONS.creating + RDS_DURATIONS.backingUp) / SPEED;
  assert.ok(took >= expected * 0.9, `took ${took} ms, AWS's ${expected} ms scaled`);
  const db = await dbInstance(aws, 'test-rds-1');
  assert.ok(db.Endpoint?.Address);
  assert.equal(db.MultiAZ, false);
  assert.equal(db.SecondaryAvailabilityZone, undefined);
  assert.equal(practice.node('test-rds-1').answering, true);
});

test('Multi-AZ, applied immediately: modifying -> available, MultiAZ with a secondary AZ other than the primary, a standby address there', async () => {
  const { aws } = practice;
  const before = practice.node('test-rds-1');
  const out = await aws.rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', MultiAZ: true, ApplyImmediately: true }),
  );
  assert.equal(out.DBInstance?.DBInstanceStatus, 'modifying');
  assert.equal(out.DBInstance?.PendingModifiedValues?.MultiAZ, true);
  assert.equal(practice.node('test-rds-1').answering, true, 'the conversion runs online');
  const seen = await statusesUntil(aws, 'test-rds-1', 'available');
  assert.deepEqual(seen, ['modifying', 'available']);
  const db = await dbInstance(aws, 'test-rds-1');
  assert.equal(db.MultiAZ, true);
  assert.equal(db.AvailabilityZone, 'ap-northeast-1a');
  assert.equal(db.SecondaryAvailabilityZone, 'ap-northeast-1c');
  assert.deepEqual(db.PendingModifiedValues, {});
  const after = practice.node('test-rds-1');
  assert.equal(after.privateIp, before.privateIp, 'the primary keeps its address');
  const standby = practice.records().dbInstances.find((d) => d.id === 'test-rds-1')?.standby;
  assert.equal(standby?.subnetId, net.subnetC);
  assert.match(standby?.privateIp ?? '', /^10\.0\.3\./);
});

test('reboot with failover: rebooting, no answer for the failover outage, then the AZs swapped and the endpoint’s address in the other subnet', async () => {
  const { aws } = practice;
  const before = practice.node('test-rds-1');
  const standby = practice.records().dbInstances.find((d) => d.id === 'test-rds-1')?.standby;
  const started = Date.now();
  const out = await aws.rds.send(
    new RebootDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', ForceFailover: true }),
  );
  assert.equal(out.DBInstance?.DBInstanceStatus, 'rebooting');
  assert.equal(practice.node('test-rds-1').answering, false, 'connections drop during the failover');
  const seen = await statusesUntil(aws, 'test-rds-1', 'available');
  assert.deepEqual(seen, ['rebooting', 'available']);
  const took = Date.now() - started;
  assert.ok(took >= (RDS_DURATIONS.failoverOutage / SPEED) * 0.9, `outage ${took} ms`);
  const db = await dbInstance(aws, 'test-rds-1');
  assert.equal(db.AvailabilityZone, 'ap-northeast-1c');
  assert.equal(db.SecondaryAvailabilityZone, 'ap-northeast-1a');
  const after = practice.node('test-rds-1');
  assert.equal(after.answering, true);
  assert.equal(after.az, 'ap-northeast-1c');
  assert.equal(after.subnetId, net.subnetC);
  assert.equal(after.privateIp, standby?.privateIp);
  assert.notEqual(after.privateIp, before.privateIp);
  assert.equal(after.hostname, `ip-${after.privateIp.replaceAll('.', '-')}`);
  assert.equal(after.storeId, before.storeId, 'the same data across the failover');
  assert.deepEqual(after.names, before.names, 'the same endpoint name, now resolving to the other address');
});

test('a single-AZ reboot keeps its AZ and address, and its outage is longer than a failover’s', async () => {
  const { aws } = practice;
  assert.ok(RDS_DURATIONS.rebootOutage > RDS_DURATIONS.failoverOutage);
  await aws.rds.send(
    new CreateDBInstanceCommand({
      ...TEST_RDS_1,
      DBInstanceIdentifier: 'single-az',
      VpcSecurityGroupIds: [net.dbSg],
      AvailabilityZone: 'ap-northeast-1c',
    }),
  );
  assert.deepEqual(
    await statusesUntil(aws, 'single-az', 'available'),
    ['creating', 'available'],
    'no backup with retention 0',
  );
  const before = practice.node('single-az');
  const started = Date.now();
  await aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'single-az' }));
  assert.equal(practice.node('single-az').answering, false);
  assert.deepEqual(await statusesUntil(aws, 'single-az', 'available'), ['rebooting', 'available']);
  assert.ok(Date.now() - started >= (RDS_DURATIONS.rebootOutage / SPEED) * 0.9);
  const after = practice.node('single-az');
  assert.equal(after.az, 'ap-northeast-1c');
  assert.equal(after.privateIp, before.privateIp);
  assert.equal((await dbInstance(aws, 'single-az')).AvailabilityZone, 'ap-northeast-1c');
});

test('stop and start: stopping -> stopped (not answering, its address kept), starting -> available; AWS refuses a start of a running one', async () => {
  const { aws } = practice;
  const before = practice.node('test-rds-1');
  await fails(
    aws.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1' })),
    'InvalidDBInstanceStateFault',
    'Instance test-rds-1 is not stopped, it is available.',
  );
  await aws.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1' }));
  assert.deepEqual(await statusesUntil(aws, 'test-rds-1', 'stopped'), ['stopping', 'stopped']);
  assert.equal(practice.node('test-rds-1').answering, false);
  assert.equal(practice.node('test-rds-1').privateIp, before.privateIp);
  await aws.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1' }));
  assert.deepEqual(await statusesUntil(aws, 'test-rds-1', 'available'), ['starting', 'available']);
  assert.equal(practice.node('test-rds-1').answering, true);
});

test('deleting -> gone, and DescribeEvents tells the story in AWS’s words, per source and time window', async () => {
  const { aws } = practice;
  await aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'single-az', SkipFinalSnapshot: true }));
  assert.deepEqual(await statusesUntil(aws, 'single-az', 'gone'), ['deleting', 'gone']);

  const events = await aws.rds.send(
    new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'test-rds-1', Duration: 60 }),
  );
  assert.deepEqual(
    events.Events?.map((e) => e.Message),
    [
      'DB instance created',
      'Backing up DB instance',
      'Finished DB Instance backup',
      'Applying modification to convert to a Multi-AZ DB Instance',
      'Finished applying modification to convert to a Multi-AZ DB Instance',
      'Multi-AZ instance failover started.',
      'DB instance restarted',
      'Multi-AZ instance failover completed',
      'DB instance stopped',
      'DB instance started',
    ],
  );
  assert.ok(events.Events?.every((e) => e.SourceArn === 'arn:aws:rds:ap-northeast-1:123456789012:db:test-rds-1'));
  const single = await aws.rds.send(
    new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'single-az' }),
  );
  assert.deepEqual(
    single.Events?.map((e) => e.Message),
    ['DB instance created', 'DB instance shutdown', 'DB instance restarted', 'DB instance deleted'],
  );
  const failovers = await aws.rds.send(
    new DescribeEventsCommand({ SourceType: 'db-instance', EventCategories: ['failover'] }),
  );
  assert.equal(failovers.Events?.length, 2);
  const old = await aws.rds.send(
    new DescribeEventsCommand({ StartTime: new Date(Date.now() - 7200_000), EndTime: new Date(Date.now() - 3600_000) }),
  );
  assert.deepEqual(old.Events, []);
  await fails(
    aws.rds.send(new DescribeEventsCommand({ SourceIdentifier: 'test-rds-1' })),
    'InvalidParameterCombination',
  );
});
