// databaseNodes over hand-made RDS records: what each endpoint resolves to (seed 003's CNAME chain), who is
// read-only, whose data each node serves, when it answers; records of an older build (no address) still place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyRegion,
  type DbInstanceRecord,
  type InstanceRecord,
  type RegionState,
} from '../../../../src/practice/core/records';
import { databaseNodes } from '../../../../src/practice/rds/nodes';
import { rdsHostName } from '../../../../src/practice/rds/names';

const R = 'ap-northeast-1';
const now = new Date('2026-12-01T10:00:00Z');

function region(): RegionState {
  const r = emptyRegion();
  r.subnets.push(
    { id: 'subnet-a', vpcId: 'vpc-1', cidr: '10.0.2.0/24', az: `${R}a` } as RegionState['subnets'][number],
    { id: 'subnet-c', vpcId: 'vpc-1', cidr: '10.0.3.0/24', az: `${R}c` } as RegionState['subnets'][number],
  );
  r.dbSubnetGroups.push({
    name: 'db-subnetgroup',
    arn: 'arn',
    description: 'd',
    vpcId: 'vpc-1',
    subnetIds: ['subnet-a', 'subnet-c'],
    tags: {},
  });
  return r;
}

function db(id: string, extra: Partial<DbInstanceRecord> = {}): DbInstanceRecord {
  return {
    id,
    arn: `arn:aws:rds:${R}:123456789012:db:${id}`,
    resourceId: 'db-X',
    engine: 'mysql',
    engineVersion: '8.0.40',
    instanceClass: 'db.t3.micro',
    status: 'available',
    masterUsername: 'admin',
    masterPassword: 'vg1daypassword',
    dbName: 'wordpress',
    port: 3306,
    allocatedStorageGiB: 20,
    storageType: 'gp2',
    multiAz: false,
    az: `${R}a`,
    publiclyAccessible: false,
    subnetGroupName: 'db-subnetgroup',
    securityGroupIds: ['sg-db'],
    backupRetentionPeriod: 0,
    createTime: now.toISOString(),
    tags: {},
    ...extra,
  };
}

test('RDS MySQL: its endpoint alone, on the primary, writable, its own store; a failover outage stops answers', () => {
  const r = region();
  r.dbInstances.push(
    db('test-rds-1', {
      subnetId: 'subnet-a',
      privateIp: '10.0.2.15',
      multiAz: true,
      secondaryAz: `${R}c`,
      standby: { az: `${R}c`, subnetId: 'subnet-c', privateIp: '10.0.3.20' },
    }),
  );
  const [node] = databaseNodes(r, now);
  assert.ok(node);
  assert.deepEqual(node.names, [{ name: rdsHostName(R, 'test-rds-1') }]);
  assert.equal(node.privateIp, '10.0.2.15');
  assert.equal(node.hostname, 'ip-10-0-2-15');
  assert.equal(node.vpcId, 'vpc-1');
  assert.equal(node.readOnly, false);
  assert.equal(node.storeId, 'test-rds-1');
  assert.equal(node.masterPassword, 'vg1daypassword');
  assert.equal(node.initialDatabase, 'wordpress');
  assert.equal(node.answering, true);
  (r.dbInstances[0] as DbInstanceRecord).outageUntil = new Date(now.getTime() + 1000).toISOString();
  assert.equal(databaseNodes(r, now)[0]?.answering, false);
  assert.equal(databaseNodes(r, new Date(now.getTime() + 1000))[0]?.answering, true);
  (r.dbInstances[0] as DbInstanceRecord).status = 'creating';
  assert.equal(databaseNodes(r, new Date(now.getTime() + 5000))[0]?.answering, false);
});

test('Aurora: the cluster endpoint names the writer, the reader endpoint the reader, both via CNAME; shared store', () => {
  const r = region();
  r.dbInstances.push(
    db('wp-user05', {
      engine: 'aurora-mysql',
      clusterId: 'wp-user05-cluster',
      subnetId: 'subnet-a',
      privateIp: '10.0.2.226',
    }),
    db('wp-user05-slave', {
      engine: 'aurora-mysql',
      clusterId: 'wp-user05-cluster',
      az: `${R}c`,
      subnetId: 'subnet-c',
      privateIp: '10.0.3.217',
    }),
  );
  r.dbClusters.push({
    id: 'wp-user05-cluster',
    arn: 'arn',
    resourceId: 'cluster-X',
    engine: 'aurora-mysql',
    engineVersion: '8.0.mysql_aurora.3.08.0',
    status: 'available',
    masterUsername: 'admin',
    masterPassword: 'vg1daypassword',
    databaseName: 'wordpress',
    port: 3306,
    subnetGroupName: 'db-subnetgroup',
    securityGroupIds: ['sg-db'],
    azs: [`${R}a`, `${R}c`],
    memberIds: ['wp-user05', 'wp-user05-slave'],
    writerId: 'wp-user05',
    createTime: now.toISOString(),
    tags: {},
  });
  const resolve = (name: string) =>
    databaseNodes(r, now)
      .filter((n) => n.names.some((x) => x.name === name))
      .map((n) => [n.privateIp, n.readOnly, n.storeId, n.names.find((x) => x.name === name)?.cname]);
  const writerName = rdsHostName(R, 'wp-user05-cluster', 'cluster-');
  const readerName = rdsHostName(R, 'wp-user05-cluster', 'cluster-ro-');
  assert.deepEqual(resolve(writerName), [['10.0.2.226', false, 'wp-user05-cluster', rdsHostName(R, 'wp-user05')]]);
  assert.deepEqual(resolve(readerName), [['10.0.3.217', true, 'wp-user05-cluster', rdsHostName(R, 'wp-user05-slave')]]);
  // A reader still being created: the reader endpoint stays on the writer until it exists.
  const reader = r.dbInstances[1] as DbInstanceRecord;
  reader.status = 'creating';
  assert.deepEqual(
    resolve(readerName).map((x) => x[0]),
    ['10.0.2.226'],
  );
  reader.status = 'available';
  // The swap: the endpoints follow the roles.
  (r.dbClusters[0] as RegionState['dbClusters'][number]).writerId = 'wp-user05-slave';
  assert.deepEqual(
    resolve(writerName).map((x) => x[0]),
    ['10.0.3.217'],
  );
  assert.deepEqual(
    resolve(readerName).map((x) => x[0]),
    ['10.0.2.226'],
  );
  // A failing-over cluster: no member answers.
  (r.dbClusters[0] as RegionState['dbClusters'][number]).status = 'failing-over';
  assert.deepEqual(
    databaseNodes(r, now).map((n) => n.answering),
    [false, false],
  );
});

test('a writer alone carries the reader endpoint too', () => {
  const r = region();
  r.dbInstances.push(db('w', { engine: 'aurora-mysql', clusterId: 'c', subnetId: 'subnet-a', privateIp: '10.0.2.9' }));
  r.dbClusters.push({
    id: 'c',
    arn: 'arn',
    resourceId: 'cluster-X',
    engine: 'aurora-mysql',
    engineVersion: 'v',
    status: 'available',
    masterUsername: 'admin',
    port: 3306,
    subnetGroupName: 'db-subnetgroup',
    securityGroupIds: [],
    azs: [],
    memberIds: ['w'],
    writerId: 'w',
    createTime: now.toISOString(),
    tags: {},
  });
  assert.deepEqual(
    databaseNodes(r, now)[0]?.names.map((n) => n.name),
    [rdsHostName(R, 'w'), rdsHostName(R, 'c', 'cluster-'), rdsHostName(R, 'c', 'cluster-ro-')],
  );
});

test('a record of an older build (no subnet, no address) is placed in its AZ subnet, stably, clear of EC2’s addresses', () => {
  const r = region();
  r.dbInstances.push(db('old-db', { az: `${R}c` }));
  const first = databaseNodes(r, now)[0];
  assert.equal(first?.subnetId, 'subnet-c');
  assert.match(first?.privateIp ?? '', /^10\.0\.3\.\d+$/);
  assert.equal(databaseNodes(r, now)[0]?.privateIp, first?.privateIp);
  assert.equal(first?.masterPassword, 'vg1daypassword');
  // An EC2 instance holding that address: the derived one moves on, no collision.
  r.instances.push({
    id: 'i-1',
    state: 'running',
    subnetId: 'subnet-c',
    privateIp: first?.privateIp,
  } as InstanceRecord);
  const moved = databaseNodes(r, now)[0]?.privateIp;
  assert.notEqual(moved, first?.privateIp);
  assert.match(moved ?? '', /^10\.0\.3\.\d+$/);
});
