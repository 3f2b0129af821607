// Track 2's checks over databases made as handout 004 names them and as the console makes them (other names),
// right and wrong the ways a student gets them wrong.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep } from '../../../../src/lab/checks/checks';
import { wordPressPage } from '../../../../src/lab/checks/database';
import { failedWith, input } from '../../../fixtures/labChecks';
import {
  database,
  dbSg,
  event,
  withAurora,
  withDatabase,
  withDatabaseTier,
  withDbGroup,
} from '../../../fixtures/labDatabase';
import { finishedLab, observation } from '../../../fixtures/labWorld';
import type { CheckInput } from '../../../../src/lab/types';
import type { Inventory } from '../../../../src/aws/types';
import { SUBNETS, TEST_VPC, testVpcInventory } from '../../../fixtures/explorerTestVpc';

const check = (id: Parameters<typeof checkStep>[0], i: CheckInput) => checkStep(id, i);
const tcp3306 = (source: (typeof dbSg.inbound)[number]['source']) => ({
  protocol: 'tcp',
  fromPort: 3306,
  toPort: 3306,
  source,
});

describe('2.1 db-sg and the DB subnet group', () => {
  it('passes with handout 004 names, and with the console’s own (a group admitting the web group, another name)', () => {
    assert.equal(check('2.1', input(withDatabaseTier())).status, 'passed');
    const console = withDbGroup(withDatabaseTier(), { name: 'rds-launch-wizard' });
    const renamed = {
      ...console,
      dbSubnetGroups: [{ ...console.dbSubnetGroups[0]!, name: 'default-vpc-1' }],
      dbInstances: [{ ...database, id: 'database-1', subnetGroupName: 'default-vpc-1' }],
    };
    const r = check('2.1', input(renamed));
    assert.equal(r.status, 'passed');
    assert.equal(r.status === 'passed' && r.facts?.securityGroup, 'rds-launch-wizard');
  });

  it('before any database: db-sg found by what it admits; missing, open to the world, or without the web rule', () => {
    const before = { ...withDatabaseTier(), dbInstances: [] };
    assert.equal(check('2.1', input(before)).status, 'passed');
    failedWith(check('2.1', input({ ...before, securityGroups: finishedLab().securityGroups })), 'dbSg.missing');
    const open = withDbGroup(withDatabaseTier(), {
      inbound: [...dbSg.inbound, tcp3306({ kind: 'cidr', cidr: '0.0.0.0/0' })],
    });
    failedWith(check('2.1', input(open)), 'dbSg.openToWorld');
    const noRule = withDbGroup(withDatabaseTier(), { inbound: [tcp3306({ kind: 'cidr', cidr: '10.0.9.0/24' })] });
    failedWith(check('2.1', input(noRule)), 'dbSg.noWebRule');
    // A CIDR that holds the web servers' private addresses admits them too (not 0.0.0.0/0).
    const byCidr = withDbGroup(withDatabaseTier(), { inbound: [tcp3306({ kind: 'cidr', cidr: '172.31.0.0/16' })] });
    assert.equal(check('2.1', input(byCidr)).status, 'passed');
  });

  it('the subnet group: missing, in another VPC', () => {
    failedWith(check('2.1', input(withDatabaseTier(undefined, { dbSubnetGroups: [] }))), 'dbSubnetGroup.missing');
    const other = withDatabaseTier(undefined, {
      dbSubnetGroups: [
        { name: 'db-subnetgroup', vpcId: 'vpc-9', subnetIds: ['s1', 's2'], azs: ['a', 'c'], status: 'Complete' },
      ],
    });
    failedWith(check('2.1', input(other)), 'dbSubnetGroup.otherVpc');
  });

  it('waits for a web server', () => {
    const none = { ...withDatabaseTier(), instances: [] };
    const r = check('2.1', input(none));
    assert.equal(r.status === 'waiting' && r.on, '0.1');
  });
});

describe('2.2 the RDS MySQL database', () => {
  it('passes with the handout’s test-rds-1 and a console-made database-1 guarded by the group', () => {
    const r = check('2.2', input(withDatabaseTier()));
    assert.equal(r.status, 'passed');
    assert.equal(r.status === 'passed' && r.facts?.endpoint, database.endpoint?.address);
    const consoleMade = withDatabaseTier(undefined, { dbInstances: [{ ...database, id: 'database-1' }] });
    assert.equal(check('2.2', input(consoleMade)).status, 'passed');
  });

  it('each way it goes wrong', () => {
    failedWith(check('2.2', input(withDatabaseTier(undefined, { dbInstances: [] }))), 'db.missing');
    failedWith(check('2.2', input(withDatabase(withDatabaseTier(), { status: 'backing-up' }))), 'db.notAvailable');
    failedWith(check('2.2', input(withDatabase(withDatabaseTier(), { publiclyAccessible: true }))), 'db.public');
    failedWith(check('2.2', input(withDatabase(withDatabaseTier(), { dbName: undefined }))), 'db.noDatabase');
    // The default group of the VPC, which admits nothing from the web servers.
    const wrongGroup = withDatabase(withDatabaseTier(), { securityGroupIds: ['sg-alb'] });
    failedWith(check('2.2', input(wrongGroup)), 'db.groupNotAdmittingWeb');
  });

  it('notes backups kept and a class outside the free tier, without failing', () => {
    const r = check(
      '2.2',
      input(withDatabase(withDatabaseTier(), { backupRetentionDays: 7, instanceClass: 'db.m5.large' })),
    );
    assert.equal(r.status, 'passed');
    assert.deepEqual(
      (r.status === 'passed' ? (r.notes ?? []) : []).map((n) => n.code),
      ['note.dbBackups', 'note.dbClass'],
    );
  });
});

describe('2.3 the web tier uses the database', () => {
  it('default-VPC handouts: the way from the web group to the database', () => {
    assert.equal(check('2.3', input(withDatabaseTier())).status, 'passed');
    const blocked = withDbGroup(withDatabaseTier(), { inbound: [] });
    failedWith(check('2.3', input(blocked)), 'db.groupNotAdmittingWeb');
    const creating = withDatabase(withDatabaseTier(), { status: 'creating', endpoint: undefined });
    assert.equal(check('2.3', input(creating)).status, 'waiting');
  });

  it('WordPress’s own words: its database error, its setup, its site', () => {
    assert.equal(wordPressPage('<h1>Error establishing a database connection</h1>'), 'dbError');
    assert.equal(wordPressPage('<h1>データベース接続確立エラー</h1>'), 'dbError');
    assert.equal(
      wordPressPage('<p>Welcome to WordPress.</p><a href="wp-admin/setup-config.php?step=1">Let’s go!</a>'),
      'setup',
    );
    assert.equal(
      wordPressPage('<link href="/wp-content/themes/x.css"><meta name="generator" content="WordPress 6.7">'),
      'site',
    );
    assert.equal(wordPressPage('<h1>CPS Research Center</h1>'), 'none');
    // Not installed yet: the front page redirects to the setup (its body empty).
    assert.equal(wordPressPage('', 'http://18.176.0.10/wp-admin/setup-config.php'), 'setup');
  });
});

describe('2.4 Multi-AZ and 2.5 failover', () => {
  const multi = withDatabase(withDatabaseTier(), { multiAz: true, secondaryAz: 'ap-northeast-1c' });

  it('Multi-AZ: applied with a standby elsewhere; modifying, pending, off', () => {
    assert.equal(check('2.4', input(multi)).status, 'passed');
    failedWith(check('2.4', input(withDatabase(withDatabaseTier(), { status: 'modifying' }))), 'multiAz.modifying');
    failedWith(check('2.4', input(withDatabase(withDatabaseTier(), { pendingMultiAz: true }))), 'multiAz.pending');
    failedWith(check('2.4', input(withDatabaseTier())), 'multiAz.off');
  });

  it('failover: known from the events whoever rebooted it; none yet, in progress, done', () => {
    failedWith(check('2.5', input(multi)), 'failover.none');
    const started = {
      ...multi,
      dbEvents: [event('test-rds-1', 'Multi-AZ instance failover started.', '2026-11-23T10:00:00Z')],
    };
    failedWith(check('2.5', input(withDatabase(started, { status: 'rebooting' }))), 'failover.inProgress');
    const done = {
      ...multi,
      dbEvents: [
        event('test-rds-1', 'Multi-AZ instance failover started.', '2026-11-23T10:00:00Z'),
        event('test-rds-1', 'Multi-AZ instance failover completed.', '2026-11-23T10:00:40Z'),
      ],
    };
    const r = check('2.5', input(withDatabase(done, { az: 'ap-northeast-1c', secondaryAz: 'ap-northeast-1a' })));
    assert.equal(r.status, 'passed');
    assert.equal(r.status === 'passed' && r.facts?.az, 'ap-northeast-1c');
    // Another database's failover is not this one's.
    const elsewhere = {
      ...multi,
      dbEvents: [event('other-db', 'Multi-AZ instance failover completed.', '2026-11-23T10:00:40Z')],
    };
    failedWith(check('2.5', input(elsewhere)), 'failover.none');
    assert.equal(check('2.5', input(withDatabaseTier())).status, 'waiting');
  });
});

describe('2.6 Aurora and 2.7 its failover', () => {
  it('a writer and a reader in another AZ, private, guarded by db-sg', () => {
    const r = check('2.6', input(withAurora()));
    assert.equal(r.status, 'passed');
    assert.deepEqual(r.status === 'passed' && [r.facts?.writer, r.facts?.reader, r.facts?.readerAz], [
      'wp-user01',
      'wp-user01-slave',
      'ap-northeast-1c',
    ]);
  });

  it('each way it goes wrong', () => {
    failedWith(check('2.6', input(finishedLab())), 'aurora.missing');
    const writerOnly = withAurora(undefined, {
      members: [{ instanceId: 'wp-user01', isWriter: true, az: 'ap-northeast-1a' }],
    });
    failedWith(check('2.6', input(writerOnly)), 'aurora.noReader');
    const sameAz = withAurora(undefined, {
      members: [
        { instanceId: 'wp-user01', isWriter: true, az: 'ap-northeast-1a' },
        { instanceId: 'wp-user01-slave', isWriter: false, az: 'ap-northeast-1a' },
      ],
    });
    failedWith(check('2.6', input(sameAz)), 'aurora.sameAz');
    const creating = {
      ...withAurora(),
      dbInstances: withAurora().dbInstances.map((d, i) => (i === 1 ? { ...d, status: 'creating' } : d)),
    };
    failedWith(check('2.6', input(creating)), 'aurora.memberNotAvailable');
    const publicReader = {
      ...withAurora(),
      dbInstances: withAurora().dbInstances.map((d, i) => (i === 1 ? { ...d, publiclyAccessible: true } : d)),
    };
    failedWith(check('2.6', input(publicReader)), 'db.public');
    failedWith(check('2.6', input(withAurora(undefined, { securityGroupIds: ['sg-alb'] }))), 'db.groupNotAdmittingWeb');
  });

  it('failover: the roles swapped to the instance the events name', () => {
    failedWith(check('2.7', input(withAurora())), 'auroraFailover.none');
    const swapped = withAurora(undefined, {
      members: [
        { instanceId: 'wp-user01-slave', isWriter: true, az: 'ap-northeast-1c' },
        { instanceId: 'wp-user01', isWriter: false, az: 'ap-northeast-1a' },
      ],
    });
    const events = [
      event(
        'wp-user01-cluster',
        'Started cross AZ failover to DB instance: wp-user01-slave',
        '2026-11-23T10:00:00Z',
        'db-cluster',
      ),
      event(
        'wp-user01-cluster',
        'Completed failover to DB instance: wp-user01-slave',
        '2026-11-23T10:00:30Z',
        'db-cluster',
      ),
    ];
    failedWith(check('2.7', input({ ...withAurora(), dbEvents: events.slice(0, 1) })), 'auroraFailover.inProgress');
    const r = check('2.7', input({ ...swapped, dbEvents: events }));
    assert.equal(r.status, 'passed');
    assert.deepEqual(r.status === 'passed' && [r.facts?.writer, r.facts?.failedOverTo], [
      'wp-user01-slave',
      'wp-user01-slave',
    ]);
  });
});

describe('track 2 in the Test-VPC layout (handout 004)', () => {
  const vpcDb = (): Inventory => {
    const base = testVpcInventory();
    const webSg = { ...dbSg, id: 'sg-0websg', name: 'web-sg', vpcId: TEST_VPC, inbound: [] };
    const group = { ...dbSg, vpcId: TEST_VPC, inbound: [tcp3306({ kind: 'group', groupId: 'sg-0websg' })] };
    return {
      ...base,
      securityGroups: [...base.securityGroups, webSg, group],
      dbSubnetGroups: [
        {
          name: 'db-subnetgroup',
          vpcId: TEST_VPC,
          subnetIds: [SUBNETS.private1a, SUBNETS.private1c],
          azs: ['ap-northeast-1a', 'ap-northeast-1c'],
          status: 'Complete',
        },
      ],
      dbInstances: [database],
    };
  };
  const at = (inv: Inventory, body?: string): CheckInput => ({
    inventory: inv,
    observations: new Map(body === undefined ? [] : [observation('18.176.0.10', '/', { status: 200, body })]),
    layout: 'testVpc',
  });

  it('2.1: the private subnets pass; a public one in the group is named', () => {
    assert.equal(checkStep('2.1', at(vpcDb())).status, 'passed');
    const inv = vpcDb();
    const withPublic = {
      ...inv,
      dbSubnetGroups: [{ ...inv.dbSubnetGroups[0]!, subnetIds: [SUBNETS.public1a, SUBNETS.private1c] }],
    };
    failedWith(checkStep('2.1', at(withPublic)), 'dbSubnetGroup.publicSubnet');
  });

  it("2.3: WordPress's front page decides, its database error and its setup each with their words", () => {
    const site =
      '<link rel="stylesheet" href="/wp-content/themes/twentytwentyfive/style.css"><meta name="generator" content="WordPress 6.7">';
    assert.equal(checkStep('2.3', at(vpcDb(), site)).status, 'passed');
    failedWith(checkStep('2.3', at(vpcDb(), '<h1>Error establishing a database connection</h1>')), 'wordpress.dbError');
    failedWith(
      checkStep('2.3', at(vpcDb(), '<p>Welcome to WordPress.</p><a href="wp-admin/setup-config.php">Let’s go!</a>')),
      'wordpress.notSetUp',
    );
    failedWith(checkStep('2.3', at(vpcDb(), '<h1>CPS Research Center</h1>')), 'wordpress.missing');
    failedWith(checkStep('2.3', at(vpcDb())), 'observation.missing');
  });
});
