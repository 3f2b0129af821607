// Track 2's RDS MySQL runners against the practice account through the real SDK (client-rds and client-ec2), at a
// speed where AWS's minutes pass in a fraction of a second: 2.1 db-sg and db-subnetgroup (the default VPC's 1a and
// 1c; Test-VPC's private subnets), 2.2 test-rds-1 with the typed password (refused without one), 2.4 Multi-AZ, 2.5
// the failover that swaps the AZ; each rerun makes nothing new, console-made parts are adopted, a lost answer is
// adopted, a denied action is named.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { AwsError } from '../../../src/aws/errors';
import { fetchInventory } from '../../../src/aws/inventory';
import { checkStep } from '../../../src/lab/checks/checks';
import { planStep, runStep } from '../../../src/lab/run/runner';
import { StepError, type StepContext, type StepId, type StepOutcome } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

const PASSWORD = 'Wp-Secret-2026!';
const SPEED = 1200;

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: SPEED });
});
after(() => lab.close());
beforeEach(() => {
  lab.progress.length = 0;
  return lab.server.reset();
});

const withPassword = (ctx: StepContext, password: string | undefined): StepContext => ({
  ...ctx,
  secrets: { databasePassword: () => Promise.resolve(password) },
});
const context = () => withPassword(lab.context(), PASSWORD);
const passed = (o: StepOutcome) => assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
const records = () => lab.server.world.region(PRACTICE_REGION);
const check = async (id: StepId, layout?: 'testVpc') =>
  checkStep(id, {
    inventory: await fetchInventory(lab.clients),
    observations: new Map(),
    ...(layout ? { layout } : {}),
  });
const progressCodes = () => lab.progress.map((p) => p.code);

/** The lab's RDS resources as a duplicate would show. */
function dbCounts() {
  const r = records();
  return {
    groups: r.securityGroups.filter((g) => g.name === 'db-sg').length,
    subnetGroups: r.dbSubnetGroups.filter((g) => g.name !== 'default').length,
    instances: r.dbInstances.length,
  };
}

async function refusedWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof StepError, String(e));
    assert.equal(e.reason.code, code);
    return true;
  });
}

describe('2.1 db-sg and db-subnetgroup', () => {
  it('in the default VPC: MySQL from launch-wizard-1 only, default subnets of 1a and 1c; passes; a rerun makes nothing', async () => {
    const plan = planStep('2.1', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.ok(plan.ready);
    assert.deepEqual(
      plan.options.map((o) => `${o.key}=${o.default}`),
      ['securityGroup=db-sg', 'subnetGroup=db-subnetgroup'],
    );
    const outcome = await runStep('2.1', {}, context());
    passed(outcome);
    const inv = await fetchInventory(lab.clients);
    const web = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    const db = inv.securityGroups.find((g) => g.name === 'db-sg');
    assert.ok(web && db);
    assert.equal(db.vpcId, inv.vpcs.find((v) => v.isDefault)?.id);
    assert.deepEqual(
      db.inbound.map(
        (r) => `${r.protocol} ${r.fromPort}-${r.toPort} ${r.source.kind === 'group' ? r.source.groupId : '?'}`,
      ),
      [`tcp 3306-3306 ${web.id}`],
    );
    assert.equal(db.tags['scale-out-lab:step'], '2.1');
    const group = inv.dbSubnetGroups.find((g) => g.name === 'db-subnetgroup');
    assert.deepEqual(group?.azs, ['ap-northeast-1a', 'ap-northeast-1c']);
    assert.deepEqual(outcome.created.length, 2);

    const again = await runStep('2.1', {}, context());
    passed(again);
    assert.deepEqual(again.created, []);
    assert.deepEqual(dbCounts(), { groups: 1, subnetGroups: 1, instances: 0 });
  });

  it('adopts a console-made group of another name that admits the web group, and closes its rule open to the world', async () => {
    const inv = await fetchInventory(lab.clients);
    const web = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    assert.ok(web?.vpcId);
    const made = await lab.clients.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'my-database', Description: 'by hand', VpcId: web.vpcId }),
    );
    await lab.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: made.GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: web.id }] },
          { IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    assert.equal((await check('2.1')).status, 'failed');
    const outcome = await runStep('2.1', {}, context());
    passed(outcome);
    assert.ok(outcome.reused.includes(made.GroupId ?? ''));
    const after = await fetchInventory(lab.clients);
    assert.equal(after.securityGroups.filter((g) => g.name === 'db-sg').length, 0, 'no second group');
    assert.deepEqual(
      after.securityGroups.find((g) => g.id === made.GroupId)?.inbound.map((r) => r.source.kind),
      ['group'],
    );
  });

  it('in Test-VPC (track 4 done): web-sg admitted, the private subnets 10.0.2.0/24 and 10.0.3.0/24', async () => {
    const ctx = { ...context(), layout: 'testVpc' as const };
    passed(await runStep('4.1', {}, ctx));
    passed(await runStep('4.3', {}, ctx));
    passed(await runStep('2.1', {}, ctx));
    const inv = await fetchInventory(lab.clients);
    const vpc = inv.vpcs.find((v) => v.name === 'Test-VPC');
    const group = inv.dbSubnetGroups.find((g) => g.name === 'db-subnetgroup');
    assert.equal(group?.vpcId, vpc?.id);
    assert.deepEqual(group?.subnetIds.map((id) => inv.subnets.find((s) => s.id === id)?.cidr).sort(), [
      '10.0.2.0/24',
      '10.0.3.0/24',
    ]);
    const webSg = inv.securityGroups.find((g) => g.name === 'web-sg' && g.vpcId === vpc?.id);
    const dbSg = inv.securityGroups.find((g) => g.name === 'db-sg' && g.vpcId === vpc?.id);
    assert.ok(webSg && dbSg);
    assert.deepEqual(
      dbSg.inbound.map((r) => (r.source.kind === 'group' ? r.source.groupId : r.source.kind)),
      [webSg.id],
    );
    assert.equal((await check('2.1', 'testVpc')).status, 'passed');
  });

  it('names a denied action', async () => {
    lab.server.injectFault({ action: 'CreateDBSubnetGroup', kind: 'accessDenied' });
    await assert.rejects(runStep('2.1', {}, context()), (e: unknown) => {
      assert.ok(e instanceof AwsError, String(e));
      assert.equal(e.problem.kind, 'accessDenied');
      assert.equal(e.problem.kind === 'accessDenied' && e.problem.action, 'rds:CreateDBSubnetGroup');
      return true;
    });
  });
});

describe('2.2 test-rds-1', () => {
  it('cannot run before 2.1: the plan says db-sg is missing', async () => {
    const plan = planStep('2.2', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.equal(plan.ready, false);
    assert.equal(!plan.ready && plan.reason.code, 'dbSg.missing');
  });

  it('refuses without a password, or with one RDS would refuse, and makes nothing', async () => {
    await runStep('2.1', {}, context());
    await refusedWith(runStep('2.2', {}, withPassword(lab.context(), undefined)), 'run.noDbPassword');
    await refusedWith(runStep('2.2', {}, { ...lab.context() }), 'run.noDbPassword');
    await refusedWith(runStep('2.2', {}, withPassword(lab.context(), 'short')), 'run.badDbPassword');
    await refusedWith(runStep('2.2', {}, withPassword(lab.context(), 'has@sign-in-it')), 'run.badDbPassword');
    assert.equal(records().dbInstances.length, 0);
  });

  it('as seed 004: MySQL 8.0, db.t3.micro, 20 GiB gp2, admin, private, db-sg, 1a, wordpress, no backups; the typed password; statuses as progress', async () => {
    await runStep('2.1', {}, context());
    const plan = planStep('2.2', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.ok(plan.ready);
    assert.deepEqual(
      plan.options.map((o) => `${o.key}=${o.default}`),
      ['name=test-rds-1', 'instanceClass=db.t3.micro', 'az=ap-northeast-1a', 'masterUser=admin', 'dbName=wordpress'],
    );
    lab.progress.length = 0;
    const outcome = await runStep('2.2', {}, context());
    passed(outcome);
    assert.deepEqual(outcome.created, ['test-rds-1']);
    const d = records().dbInstances.find((x) => x.id === 'test-rds-1');
    assert.ok(d);
    assert.equal(d.engine, 'mysql');
    assert.match(d.engineVersion, /^8\.0\./);
    assert.equal(d.instanceClass, 'db.t3.micro');
    assert.equal(d.allocatedStorageGiB, 20);
    assert.equal(d.storageType, 'gp2');
    assert.equal(d.masterUsername, 'admin');
    assert.equal(d.masterPassword, PASSWORD);
    assert.equal(d.publiclyAccessible, false);
    assert.equal(d.az, 'ap-northeast-1a');
    assert.equal(d.dbName, 'wordpress');
    assert.equal(d.backupRetentionPeriod, 0);
    assert.equal(d.multiAz, false);
    assert.ok(!d.deletionProtection);
    const dbSg = records().securityGroups.find((g) => g.name === 'db-sg');
    assert.deepEqual(d.securityGroupIds, [dbSg?.id]);
    assert.equal(d.subnetGroupName, 'db-subnetgroup');
    assert.equal(d.tags['scale-out-lab:step'], '2.2');
    const statuses = lab.progress.filter((p) => p.code === 'progress.dbStatus').map((p) => p.args?.status);
    assert.equal(statuses[0], 'creating');
    assert.equal(statuses.at(-1), 'available');
    // The password goes to AWS and nowhere else.
    const said = JSON.stringify({ progress: lab.progress, outcome: { ...outcome, observations: undefined } });
    assert.ok(!said.includes(PASSWORD), 'never in progress or the outcome');

    const again = await runStep('2.2', {}, withPassword(lab.context(), undefined));
    passed(again);
    assert.deepEqual(again.created, [], 'adopted: no password asked');
    assert.deepEqual(again.reused, ['test-rds-1']);
    assert.equal(records().dbInstances.length, 1);
  });

  it('a create whose answer was lost is adopted, not refused and not doubled', async () => {
    await runStep('2.1', {}, context());
    lab.server.injectFault({ action: 'CreateDBInstance', kind: 'replyLost' });
    const outcome = await runStep('2.2', {}, context());
    passed(outcome);
    assert.deepEqual(outcome.reused, ['test-rds-1']);
    assert.equal(records().dbInstances.length, 1);
  });

  it('stops when cancelled while test-rds-1 is creating; the rerun waits for that one instead of making another', async () => {
    await runStep('2.1', {}, context());
    lab.progress.length = 0;
    const stop = new AbortController();
    const ctx = withPassword(
      {
        ...lab.context(stop.signal),
        progress: (p) => {
          lab.progress.push(p);
          if (p.code === 'progress.dbStatus' && p.args?.status === 'creating') stop.abort(new Error('cancelled'));
        },
      },
      PASSWORD,
    );
    const started = Date.now();
    await assert.rejects(runStep('2.2', {}, ctx), /cancelled/);
    assert.ok(Date.now() - started < 2000, 'stopped at once, not after the wait');
    assert.equal(records().dbInstances.length, 1, 'made before the cancel');
    assert.ok(!lab.progress.some((p) => p.code === 'progress.check'), 'no check after a cancel');
    const again = await runStep('2.2', {}, withPassword(lab.context(), undefined));
    passed(again);
    assert.deepEqual(again.reused, ['test-rds-1']);
    assert.equal(records().dbInstances.length, 1);
  });

  it('adopts a database made in the console under another name', async () => {
    await runStep('2.1', {}, context());
    const dbSg = records().securityGroups.find((g) => g.name === 'db-sg');
    await lab.clients.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'my-wordpress-db',
        Engine: 'mysql',
        DBInstanceClass: 'db.t4g.micro',
        AllocatedStorage: 20,
        MasterUsername: 'admin',
        MasterUserPassword: 'console-pass-1',
        DBSubnetGroupName: 'db-subnetgroup',
        VpcSecurityGroupIds: [dbSg?.id ?? ''],
        PubliclyAccessible: false,
        DBName: 'wordpress',
        BackupRetentionPeriod: 0,
      }),
    );
    const outcome = await runStep('2.2', {}, withPassword(lab.context(), undefined));
    passed(outcome);
    assert.deepEqual(outcome.created, []);
    assert.deepEqual(outcome.reused, ['my-wordpress-db']);
    assert.deepEqual(
      records().dbInstances.map((d) => d.id),
      ['my-wordpress-db'],
    );
  });
});

describe('2.4 Multi-AZ and 2.5 the failover', () => {
  it('2.4 applies Multi-AZ now; 2.5 moves the primary to the standby AZ and says so; reruns do nothing', async () => {
    const ctx = context();
    await runStep('2.1', {}, ctx);
    await runStep('2.2', {}, ctx);
    const plan25 = planStep('2.5', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.equal(!plan25.ready && plan25.reason.code, 'multiAz.off');

    const multiAz = await runStep('2.4', {}, ctx);
    passed(multiAz);
    let d = records().dbInstances[0];
    assert.ok(d?.multiAz);
    assert.equal(d.az, 'ap-northeast-1a');
    assert.equal(d.secondaryAz, 'ap-northeast-1c');
    const again24 = await runStep('2.4', {}, ctx);
    passed(again24);
    assert.ok(!lab.progress.slice(-5).some((p) => p.code === 'progress.modifyMultiAz'));

    const phases: string[] = [];
    lab.progress.length = 0;
    const failover = await runStep(
      '2.5',
      {},
      {
        ...ctx,
        onFailover: (phase, facts) => phases.push(`${phase} ${JSON.stringify(facts)}`),
      },
    );
    passed(failover);
    d = records().dbInstances[0];
    assert.equal(d?.az, 'ap-northeast-1c', 'the primary runs in the former standby AZ');
    assert.equal(d?.secondaryAz, 'ap-northeast-1a');
    const said = lab.progress.find((p) => p.code === 'progress.failedOver');
    assert.deepEqual(said?.args, { name: 'test-rds-1', from: 'ap-northeast-1a', to: 'ap-northeast-1c' });
    assert.deepEqual(phases, [
      'started {"name":"test-rds-1","az":"ap-northeast-1a"}',
      'done {"name":"test-rds-1","from":"ap-northeast-1a","to":"ap-northeast-1c"}',
    ]);
    assert.equal(failover.check.status === 'passed' && failover.check.facts?.az, 'ap-northeast-1c');

    lab.progress.length = 0;
    const again = await runStep('2.5', {}, ctx);
    passed(again);
    assert.ok(progressCodes().includes('progress.failoverAlreadyDone'));
    assert.equal(records().dbInstances[0]?.az, 'ap-northeast-1c', 'no second failover unless asked');
    const plan = planStep('2.5', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.equal(plan.ready && plan.options.find((o) => o.key === 'again')?.default, 'no');
    passed(await runStep('2.5', { again: 'yes' }, ctx));
    assert.equal(records().dbInstances[0]?.az, 'ap-northeast-1a', 'asked again: back to 1a');
  });

  it('a Multi-AZ modify and a reboot whose answers were lost are waited for, not refused and not repeated', async () => {
    const ctx = context();
    await runStep('2.1', {}, ctx);
    await runStep('2.2', {}, ctx);
    lab.server.injectFault({ action: 'ModifyDBInstance', kind: 'replyLost' });
    passed(await runStep('2.4', {}, ctx));
    lab.server.injectFault({ action: 'RebootDBInstance', kind: 'replyLost' });
    passed(await runStep('2.5', {}, ctx));
    assert.equal(records().dbInstances[0]?.az, 'ap-northeast-1c', 'one failover, not two');
  });

  it('a wait denied DescribeDBInstances names it at once', async () => {
    await runStep('2.1', {}, context());
    await runStep('2.2', {}, context());
    const ctx: StepContext = {
      ...context(),
      progress: (p) => {
        if (p.code === 'progress.modifyMultiAz')
          lab.server.injectFault({ action: 'DescribeDBInstances', kind: 'accessDenied', count: 1 });
      },
    };
    await assert.rejects(runStep('2.4', {}, ctx), (e: unknown) => {
      assert.ok(e instanceof AwsError, String(e));
      assert.equal(e.problem.kind === 'accessDenied' && e.problem.action, 'rds:DescribeDBInstances');
      return true;
    });
  });

  it('2.5 refuses a single-AZ database with its reason', async () => {
    const ctx = context();
    await runStep('2.1', {}, ctx);
    await runStep('2.2', {}, ctx);
    await refusedWith(runStep('2.5', {}, ctx), 'multiAz.off');
  });
});
