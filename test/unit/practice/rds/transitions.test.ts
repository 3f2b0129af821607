// advanceRds over hand-made records: chains computed at once from the clock (a speed change later does not move
// them), several due steps applied in one pass, a cluster's deletion lasting until its last member is gone, and a
// deleted writer handing the role to the next member.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRegion, type DbClusterRecord, type DbInstanceRecord } from '../../../../src/practice/core/records';
import type { Clock } from '../../../../src/practice/core/world';
import { advanceRds, chain, RDS_DURATIONS } from '../../../../src/practice/rds/transitions';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const clockAt = (speed: number): Clock => ({
  speed,
  now: () => new Date(T0),
  after: (ms) => new Date(T0 + ms / speed),
});
const at = (ms: number) => new Date(T0 + ms);

function db(id: string, extra: Partial<DbInstanceRecord> = {}): DbInstanceRecord {
  return {
    id,
    arn: `arn:aws:rds:ap-northeast-1:123456789012:db:${id}`,
    resourceId: 'db-X',
    engine: 'aurora-mysql',
    engineVersion: '8.0.mysql_aurora.3.08.2',
    instanceClass: 'db.t3.medium',
    status: 'available',
    masterUsername: 'admin',
    port: 3306,
    allocatedStorageGiB: 1,
    storageType: 'aurora',
    multiAz: false,
    az: 'ap-northeast-1a',
    publiclyAccessible: false,
    subnetGroupName: 'g',
    securityGroupIds: [],
    backupRetentionPeriod: 1,
    clusterId: 'c',
    createTime: new Date(T0).toISOString(),
    tags: {},
    ...extra,
  };
}

function cluster(extra: Partial<DbClusterRecord> = {}): DbClusterRecord {
  return {
    id: 'c',
    arn: 'arn:aws:rds:ap-northeast-1:123456789012:cluster:c',
    resourceId: 'cluster-X',
    engine: 'aurora-mysql',
    engineVersion: '8.0.mysql_aurora.3.08.2',
    status: 'available',
    masterUsername: 'admin',
    port: 3306,
    subnetGroupName: 'g',
    securityGroupIds: [],
    azs: [],
    memberIds: ['w', 'r'],
    writerId: 'w',
    createTime: new Date(T0).toISOString(),
    tags: {},
    ...extra,
  };
}

test('a chain: each end computed from the clock at once; due steps apply in one pass, with their events', () => {
  const region = emptyRegion();
  const d = db('m', { clusterId: undefined, engine: 'mysql', status: 'creating' });
  d.transition = chain(clockAt(10), [
    { to: 'backing-up', awsMs: RDS_DURATIONS.creating, then: 'created' },
    { to: 'available', awsMs: RDS_DURATIONS.backingUp, then: 'backedUp' },
  ]);
  region.dbInstances.push(d);
  assert.equal(d.transition?.at, at(RDS_DURATIONS.creating / 10).toISOString());
  assert.equal(d.transition?.next?.at, at((RDS_DURATIONS.creating + RDS_DURATIONS.backingUp) / 10).toISOString());
  assert.equal(advanceRds(region, at(1000)), false);
  assert.equal(d.status, 'creating');
  assert.equal(advanceRds(region, at(RDS_DURATIONS.creating / 10)), true);
  assert.equal(d.status, 'backing-up');
  assert.equal(d.createdAt, at(RDS_DURATIONS.creating / 10).toISOString());
  assert.equal(advanceRds(region, at(3_600_000)), true);
  assert.equal(d.status, 'available');
  assert.equal(d.transition, undefined);
  assert.deepEqual(
    region.dbEvents?.map((e) => e.message),
    ['DB instance created', 'Backing up DB instance', 'Finished DB Instance backup'],
  );
  // Instant speed: the whole chain is due at once.
  const quick = db('q', { clusterId: undefined, engine: 'mysql', status: 'creating' });
  quick.transition = chain(clockAt(Infinity), [
    { to: 'backing-up', awsMs: 1, then: 'created' },
    { to: 'available', awsMs: 1, then: 'backedUp' },
  ]);
  region.dbInstances.push(quick);
  advanceRds(region, at(0));
  assert.equal(quick.status, 'available');
});

test('a cluster stays deleting until its last member is gone; a deleted writer hands the role on', () => {
  const region = emptyRegion();
  const c = cluster({
    status: 'deleting',
    transition: { to: 'deleted', at: at(60_000).toISOString(), then: 'deleted' },
  });
  const w = db('w', {
    status: 'deleting',
    transition: { to: 'deleted', at: at(30_000).toISOString(), then: 'deleted' },
  });
  const r = db('r', {
    status: 'deleting',
    transition: { to: 'deleted', at: at(180_000).toISOString(), then: 'deleted' },
  });
  region.dbClusters.push(c);
  region.dbInstances.push(w, r);
  advanceRds(region, at(30_000));
  assert.deepEqual(
    region.dbInstances.map((d) => d.id),
    ['r'],
  );
  assert.equal(c.writerId, 'r', 'the remaining member is the writer');
  advanceRds(region, at(60_000));
  assert.equal(region.dbClusters.length, 1, 'still deleting: a member remains');
  assert.equal(c.status, 'deleting');
  advanceRds(region, at(180_000));
  assert.deepEqual(region.dbInstances, []);
  assert.deepEqual(region.dbClusters, []);
  assert.deepEqual(
    region.dbEvents?.map((e) => [e.sourceId, e.message]),
    [
      ['w', 'DB instance deleted'],
      ['r', 'DB instance deleted'],
      ['c', 'DB cluster deleted'],
    ],
  );
});
