// Sessions to the practice MySQL from an instance, over hand-made records: reachability by the security groups
// and the VPC (timeout vs refused), credentials (1045 with the client's address), the initial database created
// lazily in RegionState.databaseStores (plain JSON), an RDS MySQL's data kept across a Multi-AZ failover (the
// store is the instance's, not the host's) while the open session is lost; and the client's monitor text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyRegion,
  type DbInstanceRecord,
  type RegionState,
  type SecurityGroupRecord,
} from '../../../../src/practice/core/records';
import { mysqlClient } from '../../../../src/practice/rds/mysql/client';
import { connectDatabase, type DatabaseSession, type DatabaseWorld } from '../../../../src/practice/rds/mysql/session';
import { rdsHostName } from '../../../../src/practice/rds/names';

const R = 'ap-northeast-1';
const ENDPOINT = rdsHostName(R, 'test-rds-1');

function group(id: string, vpcId: string, inbound: SecurityGroupRecord['inbound']): SecurityGroupRecord {
  const all = { protocol: '-1', ipv4: [{ cidr: '0.0.0.0/0' }], ipv6: [], groups: [], prefixLists: [] };
  return { id, name: id, description: id, vpcId, inbound, outbound: [all], tags: {} };
}

const fromGroup = (groupId: string, port = 3306) => ({
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  ipv4: [],
  ipv6: [],
  groups: [{ groupId }],
  prefixLists: [],
});

function world(): DatabaseWorld & { r: RegionState; clock: { now: Date }; changes: number } {
  const r = emptyRegion();
  r.subnets.push(
    { id: 'subnet-a', vpcId: 'vpc-1', cidr: '10.0.2.0/24', az: `${R}a` } as RegionState['subnets'][number],
    { id: 'subnet-c', vpcId: 'vpc-1', cidr: '10.0.3.0/24', az: `${R}c` } as RegionState['subnets'][number],
  );
  r.dbSubnetGroups.push({
    name: 'g',
    arn: 'arn',
    description: 'd',
    vpcId: 'vpc-1',
    subnetIds: ['subnet-a', 'subnet-c'],
    tags: {},
  });
  r.securityGroups.push(
    group('sg-web', 'vpc-1', []),
    group('sg-db', 'vpc-1', [fromGroup('sg-web')]),
    group('sg-other', 'vpc-1', []),
  );
  const d: DbInstanceRecord = {
    id: 'test-rds-1',
    arn: 'arn',
    resourceId: 'db-X',
    engine: 'mysql',
    engineVersion: '8.0.40',
    instanceClass: 'db.t3.micro',
    status: 'available',
    masterUsername: 'admin',
    masterPassword: 'secret',
    dbName: 'wordpress',
    port: 3306,
    allocatedStorageGiB: 20,
    storageType: 'gp2',
    multiAz: true,
    az: `${R}a`,
    secondaryAz: `${R}c`,
    publiclyAccessible: false,
    subnetGroupName: 'g',
    securityGroupIds: ['sg-db'],
    backupRetentionPeriod: 0,
    createTime: '2026-12-01T09:00:00Z',
    tags: {},
    subnetId: 'subnet-a',
    privateIp: '10.0.2.15',
    standby: { az: `${R}c`, subnetId: 'subnet-c', privateIp: '10.0.3.40' },
  };
  r.dbInstances.push(d);
  const w = {
    r,
    region: R,
    clock: { now: new Date('2026-12-01T10:00:00Z') },
    changes: 0,
    records: () => r,
    now: () => w.clock.now,
    changed: () => void w.changes++,
  };
  return w;
}

const web = { privateIp: '10.0.0.65', vpcId: 'vpc-1', securityGroupIds: ['sg-web'] };
const target = { host: ENDPOINT, user: 'admin', password: 'secret' };

function open(w: DatabaseWorld, from = web, t: Partial<typeof target> & { database?: string; port?: number } = {}) {
  return connectDatabase(w, from, { ...target, ...t });
}

function session(w: DatabaseWorld): DatabaseSession {
  const opened = open(w);
  assert.ok('session' in opened, JSON.stringify(opened));
  return opened.session;
}

test('who connects: the db group admits the web group; others time out; wrong port refused; not answering refused', () => {
  const w = world();
  assert.ok('session' in open(w));
  assert.deepEqual(open(w, { ...web, securityGroupIds: ['sg-other'] }), { error: { code: 'timeout', host: ENDPOINT } });
  assert.deepEqual(open(w, { ...web, vpcId: 'vpc-2' }), { error: { code: 'timeout', host: ENDPOINT } });
  assert.deepEqual(open(w, web, { host: 'nosuch.example.com' }), {
    error: { code: 'unknownHost', host: 'nosuch.example.com' },
  });
  assert.deepEqual(open(w, web, { host: 'localhost' }), { error: { code: 'noLocalServer' } });
  assert.ok('session' in open(w, web, { host: '10.0.2.15' }), 'an address works as a host');
  w.r.securityGroups[1]?.inbound.push(fromGroup('sg-web', 3307));
  assert.deepEqual(open(w, web, { port: 3307 }), { error: { code: 'refused', host: ENDPOINT } });
  const d = w.r.dbInstances[0];
  assert.ok(d);
  d.outageUntil = '2026-12-01T10:01:00Z';
  assert.deepEqual(open(w), { error: { code: 'refused', host: ENDPOINT } });
});

test('credentials and the database: 1045 names the client address; 1049 for a database the store lacks', () => {
  const w = world();
  const denied = open(w, web, { password: 'nope' });
  assert.ok('error' in denied && denied.error.code === 'accessDenied');
  assert.equal(
    denied.error.code === 'accessDenied' && denied.error.error.message,
    "Access denied for user 'admin'@'10.0.0.65' (using password: YES)",
  );
  const empty = open(w, web, { password: '' });
  assert.ok(
    'error' in empty &&
      empty.error.code === 'accessDenied' &&
      empty.error.error.message.endsWith('(using password: NO)'),
  );
  const unknown = open(w, web, { database: 'shop' });
  assert.ok('error' in unknown && unknown.error.code === 'unknownDatabase');
  assert.ok('session' in open(w, web, { database: 'wordpress' }), 'the initial database exists');
  assert.deepEqual(JSON.parse(JSON.stringify(w.r.databaseStores)), {
    'test-rds-1': { schemas: { wordpress: { tables: {} } } },
  });
});

test('a Multi-AZ failover drops the open session; the data stays with the instance, seen after reconnecting', () => {
  const w = world();
  const first = session(w);
  assert.equal(first.query('use wordpress').kind, 'result');
  assert.equal(first.query('create table wp_options (option_name varchar(191), option_value text)').kind, 'result');
  assert.equal(first.query("insert into wp_options values ('siteurl', 'http://example')").kind, 'result');
  assert.ok(w.changes > 0, 'writes are saved');
  // The failover: the standby's address becomes the endpoint's, with an outage.
  const d = w.r.dbInstances[0];
  assert.ok(d?.standby);
  const old = { az: d.az, subnetId: d.subnetId ?? '', privateIp: d.privateIp ?? '' };
  Object.assign(d, { az: d.standby.az, subnetId: d.standby.subnetId, privateIp: d.standby.privateIp, standby: old });
  d.outageUntil = '2026-12-01T10:00:30Z';
  assert.deepEqual(first.query('select 1'), { kind: 'lost' });
  w.clock.now = new Date('2026-12-01T10:01:00Z');
  assert.deepEqual(first.query('select 1'), { kind: 'lost' }, 'a lost connection stays lost');
  const second = session(w);
  const rows = second.query('select option_value from wordpress.wp_options where option_name = "siteurl"');
  assert.deepEqual(rows, {
    kind: 'result',
    result: { kind: 'rows', columns: ['option_value'], rows: [['http://example']] },
  });
  assert.deepEqual(second.query('select @@hostname'), {
    kind: 'result',
    result: { kind: 'rows', columns: ['@@hostname'], rows: [['ip-10-0-3-40']] },
  });
});

test('a reboot without failover also drops the session (a new outage), the address unchanged', () => {
  const w = world();
  const s = session(w);
  const d = w.r.dbInstances[0];
  assert.ok(d);
  d.outageUntil = '2026-12-01T09:59:00Z'; // began and ended before this query: the connection did not survive it
  assert.deepEqual(s.query('select 1'), { kind: 'lost' });
});

/** Runs the client with typed lines; returns what it printed. */
async function typed(w: DatabaseWorld, args: string[], lines: string[]): Promise<{ out: string; status: number }> {
  let out = '';
  const queue = [...lines];
  const status = await mysqlClient(
    args,
    {
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      readLine: async (echo) => {
        const line = queue.shift() ?? null;
        if (echo && line !== null) out += `${line}\n`;
        return line;
      },
      signal: new AbortController().signal,
      waitTimeout: async () => true,
    },
    (t) => connectDatabase(w, web, t),
    'ec2-user',
  );
  return { out, status };
}

test('the monitor: prompt, continuation, use without ;, results and errors as the MariaDB client prints them', async () => {
  const w = world();
  const { out, status } = await typed(
    w,
    ['-u', 'admin', '-p', `-h${ENDPOINT}`],
    [
      'secret',
      'select @@read_only,',
      '@@port;',
      'use wordpress',
      'show tables;',
      'select nope;',
      'create table t (id int); insert into t values (1);',
      'select @@hostname, @@port\\G',
      'quit',
    ],
  );
  assert.equal(status, 0);
  const [, monitor = ''] = out.split(
    "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n",
  );
  assert.equal(
    monitor.replace(/\(\d\.\d{3} sec\)/g, '(T sec)'),
    [
      'MySQL [(none)]> select @@read_only,',
      '    -> @@port;',
      '+-------------+--------+',
      '| @@read_only | @@port |',
      '+-------------+--------+',
      '|           0 |   3306 |',
      '+-------------+--------+',
      '1 row in set (T sec)',
      '',
      'MySQL [(none)]> use wordpress',
      'Database changed',
      'MySQL [wordpress]> show tables;',
      'Empty set (T sec)',
      '',
      'MySQL [wordpress]> select nope;',
      "ERROR 1054 (42S22): Unknown column 'nope' in 'field list'",
      'MySQL [wordpress]> create table t (id int); insert into t values (1);',
      'Query OK, 0 rows affected (T sec)',
      '',
      'Query OK, 1 row affected (T sec)',
      '',
      'MySQL [wordpress]> select @@hostname, @@port\\G',
      '*************************** 1. row ***************************',
      '@@hostname: ip-10-0-2-15',
      '    @@port: 3306',
      '1 row in set (T sec)',
      '',
      'MySQL [wordpress]> quit',
      'Bye',
      '',
    ].join('\n'),
  );
  assert.match(out, /^Enter password: Welcome to the MariaDB monitor\./, 'the password is read without echo');
});

test('the monitor after a drop: while the server is down it cannot reconnect; once up, it reconnects by name', async () => {
  const w = world();
  const d = w.r.dbInstances[0];
  assert.ok(d);
  // Each line is typed after the change beside it happened.
  const script: [string, () => void][] = [
    ['secret', () => {}],
    ['select 1;', () => {}],
    ['select 2;', () => void (d.outageUntil = '2026-12-01T10:00:30Z')], // a reboot: down until 10:00:30
    ['select 3;', () => void (w.clock.now = new Date('2026-12-01T10:01:00Z'))],
    ['exit', () => {}],
  ];
  let out = '';
  const status = await mysqlClient(
    ['-u', 'admin', '-p', '-h', ENDPOINT, 'wordpress'],
    {
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      readLine: async () => {
        const [line = null, before = () => {}] = script.shift() ?? [];
        before();
        if (line !== 'secret' && line !== null) out += `${line}\n`;
        return line;
      },
      signal: new AbortController().signal,
      waitTimeout: async () => true,
    },
    (t) => connectDatabase(w, web, t),
    'ec2-user',
  );
  assert.equal(status, 0);
  const [, monitor = ''] = out.split('MySQL [wordpress]> select 1;\n');
  assert.equal(
    monitor.replace(/\(\d\.\d{3} sec\)/g, '(T sec)').replace(/Connection id: {4}\d+/, 'Connection id:    N'),
    [
      '+---+',
      '| 1 |',
      '+---+',
      '| 1 |',
      '+---+',
      '1 row in set (T sec)',
      '',
      'MySQL [wordpress]> select 2;',
      'ERROR 2006 (HY000): MySQL server has gone away',
      'No connection. Trying to reconnect...',
      `ERROR 2002 (HY000): Can't connect to MySQL server on '${ENDPOINT}' (111)`,
      "ERROR: Can't connect to the server",
      '',
      'unknown [wordpress]> select 3;',
      'ERROR 2006 (HY000): MySQL server has gone away',
      'No connection. Trying to reconnect...',
      'Connection id:    N',
      'Current database: wordpress',
      '',
      '+---+',
      '| 3 |',
      '+---+',
      '| 3 |',
      '+---+',
      '1 row in set (T sec)',
      '',
      'MySQL [wordpress]> exit',
      'Bye',
      '',
    ].join('\n'),
  );
});
