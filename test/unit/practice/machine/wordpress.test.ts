// The practice WordPress over hand-made records, no mocks: seed 004's user data run by cloud-init (yum, the buggy
// PHP_VERSION loop, wget of latest-ja.tar.gz — a real archive —, tar, cp -r of a glob, chown -R) leaves WordPress in
// /var/www/html owned by apache with a real blank.gif; its pages driven through the setup (welcome, form, connection
// from the instance through the groups, wp-config.php), the install (tables in the store) and the site read from the
// database; the connection's failures (wrong password, db-sg closed: a hang, a failover's outage: a hang).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import {
  emptyRegion,
  type DbInstanceRecord,
  type FileRecord,
  type InstanceRecord,
  type RegionState,
  type SecurityGroupRecord,
} from '../../../../src/practice/core/records';
import type { DatabaseWorld } from '../../../../src/practice/rds/mysql/session';
import { rdsHostName } from '../../../../src/practice/rds/names';
import { fileBytes } from '../../../../src/practice/machine/fileContent';
import { httpdAnswer, phpScript } from '../../../../src/practice/machine/httpd';
import { runUserData, type InstanceFacts } from '../../../../src/practice/machine/userData';
import { runWordPress, type PhpOutcome, type PhpRequest } from '../../../../src/practice/machine/wordpress/site';
import { parseWpConfig } from '../../../../src/practice/machine/wordpress/config';
import { wordPressPage } from '../../../../src/lab/checks/database';
import { SEED_004_USER_DATA } from './wordpressSeed';

const R = 'ap-northeast-1';
const ENDPOINT = rdsHostName(R, 'test-rds-1');

const FACTS: InstanceFacts = {
  instanceId: 'i-0123456789abcdef0',
  privateIp: '10.0.0.65',
  privateDnsName: 'ip-10-0-0-65.ap-northeast-1.compute.internal',
  availabilityZone: `${R}a`,
  region: R,
  instanceType: 't2.micro',
  amiId: 'ami-0',
};

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

function webServer(): InstanceRecord {
  const files: Record<string, FileRecord> = {};
  runUserData(SEED_004_USER_DATA, files, FACTS);
  return {
    id: FACTS.instanceId,
    privateIp: FACTS.privateIp,
    vpcId: 'vpc-1',
    securityGroupIds: ['sg-web'],
    state: 'running',
    files,
  } as unknown as InstanceRecord;
}

const HOST = 'test-elb-123.ap-northeast-1.elb.amazonaws.com';

function ask(
  instance: InstanceRecord,
  w: DatabaseWorld,
  url: string,
  body?: Record<string, string>,
  cookie?: string,
): PhpOutcome {
  const request: PhpRequest = {
    method: body ? 'POST' : 'GET',
    url,
    host: HOST,
    body: body ? new URLSearchParams(body).toString() : '',
    ...(cookie ? { cookie } : {}),
  };
  const script = phpScript(instance, url);
  assert.ok(script, `${url} is a PHP script`);
  const outcome = runWordPress(instance, w, '/var/www/html', script, request);
  assert.ok(outcome, `${script} belongs to WordPress`);
  return outcome;
}

function answered(outcome: PhpOutcome) {
  assert.equal(outcome.kind, 'answer');
  return (outcome as Extract<PhpOutcome, { kind: 'answer' }>).response;
}

const DB_FORM = { dbname: 'wordpress', uname: 'admin', pwd: 'secret', dbhost: ENDPOINT, prefix: 'wp_', submit: '送信' };
const INSTALL_FORM = {
  weblog_title: 'はじめてのAWS',
  user_name: 'admin',
  admin_password: 'wp-pass-1',
  admin_email: 'student@example.com',
  Submit: 'WordPress をインストール',
};

test("seed 004's user data installs WordPress in /var/www/html (a real archive, cp of the glob, chown -R apache)", () => {
  const instance = webServer();
  const files = instance.files;
  const archive = files['/tmp/latest-ja.tar.gz'];
  assert.ok(archive, 'wget -P /tmp/ saved the archive');
  const tar = gunzipSync(fileBytes(archive));
  assert.equal(tar.subarray(257, 262).toString(), 'ustar', 'a gzipped ustar archive');
  for (const path of [
    'index.php',
    'wp-config-sample.php',
    'wp-admin/setup-config.php',
    'wp-admin/install.php',
    'wp-login.php',
    'wp-includes/images/blank.gif',
  ]) {
    assert.ok(files[`/tmp/wordpress/${path}`], `tar extracted ${path} into /tmp/wordpress`);
    assert.equal(files[`/var/www/html/${path}`]?.owner, 'apache', `${path} copied and chowned`);
  }
  assert.equal(files['/var/www/html/wordpress/index.php'], undefined, 'the glob copies the contents, not the folder');
  assert.equal(files['/tmp/wordpress/index.php']?.owner, 'nobody', 'only the web root is chowned');
  assert.equal(files['/var/www/html/wp-config.php'], undefined);
  const gif = httpdAnswer(instance, '/wp-includes/images/blank.gif');
  assert.equal(gif.status, 200);
  assert.equal(gif.contentType, 'image/gif');
  const bytes = Buffer.from(gif.body as Buffer);
  assert.equal(bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
  assert.deepEqual([bytes.readUInt16LE(6), bytes.readUInt16LE(8)], [1, 1], 'a 1x1 picture');
  assert.equal(phpScript(instance, '/'), '/var/www/html/index.php', 'php.conf adds index.php to the directory index');
});

test('without PHP, a .php file is no script (httpd serves it as a file)', () => {
  const files: Record<string, FileRecord> = {};
  runUserData(SEED_004_USER_DATA.replace('yum -y install php httpd mysql', 'yum -y install httpd'), files, FACTS);
  assert.equal(phpScript({ files }, '/'), undefined);
  assert.equal(httpdAnswer({ files }, '/').status, 403, 'no index.html: the test page');
});

test('setup: / redirects to setup-config.php, welcome, form, connection from the instance, wp-config.php written', () => {
  const w = world();
  const instance = webServer();
  const root = answered(ask(instance, w, '/'));
  assert.equal(root.status, 302);
  assert.equal(root.headers?.Location, `http://${HOST}/wp-admin/setup-config.php`);
  const welcome = answered(ask(instance, w, '/wp-admin/setup-config.php'));
  assert.match(welcome.body, /WordPress へようこそ/);
  assert.match(welcome.body, /さあ、始めましょう！/);
  assert.equal(wordPressPage(welcome.body), 'setup');
  const form = answered(ask(instance, w, '/wp-admin/setup-config.php?step=1')).body;
  for (const label of ['データベース名', 'ユーザー名', 'パスワード', 'データベースのホスト名', 'テーブル接頭辞'])
    assert.match(form, new RegExp(label));
  const wrong = answered(ask(instance, w, '/wp-admin/setup-config.php?step=2', { ...DB_FORM, pwd: 'nope' }));
  assert.equal(wrong.status, 500);
  assert.match(wrong.body, /データベース接続確立エラー/);
  assert.match(wrong.body, /<code>wp-config\.php<\/code> ファイルのユーザー名とパスワードが正しくないか/);
  assert.equal(wordPressPage(wrong.body), 'dbError');
  assert.equal(instance.files['/var/www/html/wp-config.php'], undefined, 'nothing written on a failure');
  const noDb = answered(ask(instance, w, '/wp-admin/setup-config.php?step=2', { ...DB_FORM, dbname: 'blog' }));
  assert.match(noDb.body, /データベースを選択できません/);
  const ok = answered(ask(instance, w, '/wp-admin/setup-config.php?step=2', DB_FORM));
  assert.equal(ok.status, 200);
  assert.match(ok.body, /インストール実行/);
  // Read afresh: the POST wrote it (TypeScript still narrows the earlier undefined).
  const config = instance.files['/var/www/html/wp-config.php'] as FileRecord | undefined;
  assert.ok(config);
  assert.equal(config.owner, 'apache');
  assert.match(config.content, new RegExp(`define\\( 'DB_HOST', '${ENDPOINT.replace(/\./g, '\\.')}' \\);`));
  assert.match(config.content, /\$table_prefix = 'wp_';/);
  assert.doesNotMatch(config.content, /put your unique phrase here/, 'keys and salts generated');
  assert.deepEqual(parseWpConfig(config.content), {
    dbName: 'wordpress',
    dbUser: 'admin',
    dbPassword: 'secret',
    dbHost: ENDPOINT,
    tablePrefix: 'wp_',
  });
  assert.match(answered(ask(instance, w, '/wp-admin/setup-config.php')).body, /すでに存在します/);
  const next = answered(ask(instance, w, '/'));
  assert.equal(next.headers?.Location, `http://${HOST}/wp-admin/install.php`, 'configured, not installed');
});

test('install creates the tables; the site, read from the store, survives a failover; login checks the admin', () => {
  const w = world();
  const instance = webServer();
  answered(ask(instance, w, '/wp-admin/setup-config.php?step=2', DB_FORM));
  assert.match(answered(ask(instance, w, '/wp-admin/install.php')).body, /サイトのタイトル/);
  const missing = answered(ask(instance, w, '/wp-admin/install.php?step=2', { ...INSTALL_FORM, user_name: '' }));
  assert.match(missing.body, /ユーザー名を入力してください。/);
  const done = answered(ask(instance, w, '/wp-admin/install.php?step=2', INSTALL_FORM));
  assert.match(done.body, /成功しました/);
  assert.match(done.body, /wp-login\.php/);
  const tables = w.r.databaseStores?.['test-rds-1']?.schemas.wordpress?.tables ?? {};
  assert.deepEqual(Object.keys(tables).sort(), ['wp_options', 'wp_posts', 'wp_users']);
  const front = answered(ask(instance, w, '/'));
  assert.equal(front.status, 200);
  assert.match(front.body, /<title>はじめてのAWS<\/title>/);
  assert.match(front.body, /Hello world!/);
  assert.match(front.body, /wp-content\/themes\//);
  assert.match(front.body, /<meta name="generator" content="WordPress 6\.\d+(\.\d+)?" \/>/);
  assert.equal(wordPressPage(front.body), 'site');
  // A Multi-AZ failover: the standby's address answers, with the same store.
  const d = w.r.dbInstances[0] as DbInstanceRecord;
  const standby = d.standby as NonNullable<DbInstanceRecord['standby']>;
  Object.assign(d, {
    az: standby.az,
    subnetId: standby.subnetId,
    privateIp: standby.privateIp,
    secondaryAz: `${R}a`,
    standby: { az: `${R}a`, subnetId: 'subnet-a', privateIp: '10.0.2.15' },
  });
  assert.match(answered(ask(instance, w, '/')).body, /はじめてのAWS[\s\S]*Hello world!/);
  const bad = answered(ask(instance, w, '/wp-login.php', { log: 'admin', pwd: 'wrong' }));
  assert.match(bad.body, /ユーザー名 <strong>admin<\/strong> のパスワードが間違っています/);
  const login = answered(ask(instance, w, '/wp-login.php', { log: 'admin', pwd: 'wp-pass-1' }));
  assert.equal(login.status, 302);
  assert.equal(login.headers?.Location, `http://${HOST}/wp-admin/`);
  const cookie = (login.headers?.['Set-Cookie'] ?? '').split(';')[0] ?? '';
  assert.match(answered(ask(instance, w, '/wp-admin/', undefined, cookie)).body, /WordPress へようこそ/);
  assert.equal(answered(ask(instance, w, '/wp-admin/')).status, 302, 'no cookie: to the login');
});

test('the database unreachable: refused at once, db-sg closed or an outage hangs, both ending in the error page', () => {
  const w = world();
  const instance = webServer();
  answered(ask(instance, w, '/wp-admin/setup-config.php?step=2', DB_FORM));
  answered(ask(instance, w, '/wp-admin/install.php?step=2', INSTALL_FORM));
  const d = w.r.dbInstances[0] as DbInstanceRecord;
  d.status = 'rebooting';
  d.outageUntil = new Date(w.clock.now.getTime() + 35_000).toISOString();
  const outage = ask(instance, w, '/');
  assert.equal(outage.kind, 'hang', 'a failover: the SYN is not answered');
  assert.equal((outage as Extract<PhpOutcome, { kind: 'hang' }>).then.status, 500);
  assert.equal(wordPressPage((outage as Extract<PhpOutcome, { kind: 'hang' }>).then.body), 'dbError');
  d.status = 'stopped';
  delete d.outageUntil;
  const stopped = answered(ask(instance, w, '/'));
  assert.equal(stopped.status, 500);
  assert.match(stopped.body, /<h1>データベース接続確立エラー<\/h1>/);
  d.status = 'available';
  (w.r.securityGroups[1] as SecurityGroupRecord).inbound = [];
  assert.equal(ask(instance, w, '/').kind, 'hang', 'db-sg closed: the connection times out');
});
