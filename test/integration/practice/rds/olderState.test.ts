// A state file written by the build before the RDS writes (DB records without addresses, standby, password or
// transition; no event list) still loads: its DB instance is described, placed in its AZ's subnet of its group
// with a stable address, fails over (the derived standby becomes the primary) and lists its events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RebootDBInstanceCommand,
  waitUntilDBInstanceAvailable,
} from '@aws-sdk/client-rds';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { startPracticeServer } from '../../../../src/practice/core/server';
import { createStartingWorld } from '../../../../src/practice/seed/startingState';
import { databaseNodes } from '../../../../src/practice/rds/nodes';
import { practiceClients } from '../../../fixtures/practiceClients';

/** The starting world with one Multi-AZ DB instance in the default VPC, in the older build's shape. */
function olderStateJson(): string {
  const state = structuredClone(createStartingWorld().state) as unknown as {
    regions: Record<string, Record<string, unknown[]> & { subnets: { id: string; az: string; vpcId: string }[] }>;
  };
  const region = state.regions[PRACTICE_REGION];
  assert.ok(region);
  delete region['dbEvents'];
  const subnets = region.subnets;
  region['dbSubnetGroups'] = [
    {
      name: 'old-group',
      arn: 'arn:aws:rds:ap-northeast-1:123456789012:subgrp:old-group',
      description: 'old',
      vpcId: subnets[0]?.vpcId,
      subnetIds: subnets.map((s) => s.id),
      tags: {},
    },
  ];
  region['dbInstances'] = [
    {
      id: 'old-db',
      arn: 'arn:aws:rds:ap-northeast-1:123456789012:db:old-db',
      resourceId: 'db-OLDOLDOLDOLDOLDOLDOLDOLDOL',
      engine: 'mysql',
      engineVersion: '8.0.39',
      instanceClass: 'db.t3.micro',
      status: 'available',
      masterUsername: 'admin',
      dbName: 'wordpress',
      port: 3306,
      allocatedStorageGiB: 20,
      storageType: 'gp2',
      multiAz: true,
      az: 'ap-northeast-1a',
      secondaryAz: 'ap-northeast-1c',
      publiclyAccessible: false,
      subnetGroupName: 'old-group',
      securityGroupIds: [],
      backupRetentionPeriod: 0,
      createTime: '2026-11-01T00:00:00.000Z',
      tags: {},
    },
  ];
  return JSON.stringify(state);
}

test('an older state file: its DB instance is described, placed, fails over and has events', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rds-older-'));
  const file = path.join(dir, 'state.json');
  await writeFile(file, olderStateJson());
  const server = await startPracticeServer({ port: 0, stateFile: file, speed: 'instant' });
  const aws = practiceClients(server.endpoint);
  try {
    const described = await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'old-db' }));
    const db = described.DBInstances?.[0];
    assert.equal(db?.DBInstanceStatus, 'available');
    assert.ok(db?.Endpoint?.Address);
    assert.equal(db?.SecondaryAvailabilityZone, 'ap-northeast-1c');
    const records = () => server.world.region(PRACTICE_REGION);
    const node = () => databaseNodes(records(), new Date()).find((n) => n.instanceId === 'old-db');
    const before = node();
    assert.equal(before?.az, 'ap-northeast-1a');
    assert.equal(records().subnets.find((s) => s.id === before?.subnetId)?.az, 'ap-northeast-1a');
    assert.equal(node()?.privateIp, before?.privateIp, 'a stable derived address');

    await aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'old-db', ForceFailover: true }));
    await waitUntilDBInstanceAvailable(
      { client: aws.rds, minDelay: 1, maxDelay: 2, maxWaitTime: 30 },
      { DBInstanceIdentifier: 'old-db' },
    );
    const after = node();
    assert.equal(after?.az, 'ap-northeast-1c');
    assert.equal(records().subnets.find((s) => s.id === after?.subnetId)?.az, 'ap-northeast-1c');
    assert.notEqual(after?.privateIp, before?.privateIp);
    const events = await aws.rds.send(
      new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'old-db' }),
    );
    assert.deepEqual(
      events.Events?.map((e) => e.Message),
      ['Multi-AZ instance failover started.', 'DB instance restarted', 'Multi-AZ instance failover completed'],
    );
  } finally {
    aws.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
