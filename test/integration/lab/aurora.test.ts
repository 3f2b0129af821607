// Track 2's Aurora runners (seed 003) against the practice account through the real SDK: 2.6 the cluster
// wp-user01-cluster with its writer wp-user01 in 1a and the reader wp-user01-slave in 1c (the typed password;
// refused without one), 2.7 the failover that makes the reader the writer; reruns make nothing new, a console-made
// cluster with only a writer is finished, a failover whose answer was lost is waited for, not refused.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateDBClusterCommand, CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { fetchInventory } from '../../../src/aws/inventory';
import { planStep, runStep, runTrack } from '../../../src/lab/run/runner';
import { StepError, type StepContext, type StepOutcome } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

const PASSWORD = 'Aurora-Pass-003';

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: 1200 });
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

/** Who is what in the cluster now: "writer wp-user01 ap-northeast-1a". */
async function roles(): Promise<string[]> {
  const inv = await fetchInventory(lab.clients);
  const c = inv.dbClusters[0];
  return (c?.members ?? [])
    .map((m) => `${m.isWriter ? 'writer' : 'reader'} ${m.instanceId} ${m.az ?? ''}`)
    .sort()
    .reverse();
}

describe('2.6 the Aurora cluster', () => {
  it('refuses without a password, and makes nothing', async () => {
    passed(await runStep('2.1', {}, context()));
    await assert.rejects(runStep('2.6', {}, withPassword(lab.context(), undefined)), (e: unknown) => {
      assert.ok(e instanceof StepError);
      assert.equal(e.reason.code, 'run.noDbPassword');
      return true;
    });
    assert.equal(records().dbClusters.length, 0);
  });

  it("seed 003's names: writer in 1a, reader in 1c, private, db-sg, wordpress; passes; a rerun makes nothing", async () => {
    passed(await runStep('2.1', {}, context()));
    const plan = planStep('2.6', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.ok(plan.ready);
    assert.deepEqual(
      plan.options.map((o) => `${o.key}=${o.default}`),
      [
        'cluster=wp-user01-cluster',
        'writer=wp-user01',
        'reader=wp-user01-slave',
        'writerAz=ap-northeast-1a',
        'readerAz=ap-northeast-1c',
        'instanceClass=db.t3.medium',
        'masterUser=admin',
        'dbName=wordpress',
      ],
    );
    const outcome = await runStep('2.6', {}, context());
    passed(outcome);
    assert.deepEqual(outcome.created, ['wp-user01-cluster', 'wp-user01', 'wp-user01-slave']);
    assert.deepEqual(await roles(), ['writer wp-user01 ap-northeast-1a', 'reader wp-user01-slave ap-northeast-1c']);
    const c = records().dbClusters[0];
    assert.ok(c);
    assert.equal(c.engine, 'aurora-mysql');
    assert.equal(c.masterUsername, 'admin');
    assert.equal(c.masterPassword, PASSWORD);
    assert.equal(c.databaseName, 'wordpress');
    assert.equal(c.subnetGroupName, 'db-subnetgroup');
    assert.deepEqual(c.securityGroupIds, [records().securityGroups.find((g) => g.name === 'db-sg')?.id]);
    for (const d of records().dbInstances) {
      assert.equal(d.publiclyAccessible, false, d.id);
      assert.equal(d.instanceClass, 'db.t3.medium');
      assert.equal(d.status, 'available');
    }
    assert.ok(!JSON.stringify(lab.progress).includes(PASSWORD));

    const again = await runStep('2.6', {}, withPassword(lab.context(), undefined));
    passed(again);
    assert.deepEqual(again.created, []);
    assert.equal(records().dbClusters.length, 1);
    assert.equal(records().dbInstances.length, 2);
  });

  it('finishes a console-made cluster of another name that has only its writer: adds the reader in 1c', async () => {
    passed(await runStep('2.1', {}, context()));
    const dbSg = records().securityGroups.find((g) => g.name === 'db-sg')?.id ?? '';
    await lab.clients.rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'my-aurora',
        Engine: 'aurora-mysql',
        MasterUsername: 'admin',
        MasterUserPassword: 'console-pass-1',
        DBSubnetGroupName: 'db-subnetgroup',
        VpcSecurityGroupIds: [dbSg],
      }),
    );
    await lab.clients.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'my-aurora-instance-1',
        DBClusterIdentifier: 'my-aurora',
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t4g.medium',
        AvailabilityZone: 'ap-northeast-1a',
        PubliclyAccessible: false,
      }),
    );
    const outcome = await runStep('2.6', {}, withPassword(lab.context(), undefined));
    passed(outcome);
    assert.deepEqual(outcome.created, ['wp-user01-slave']);
    assert.ok(outcome.reused.includes('my-aurora'));
    assert.deepEqual(await roles(), [
      'writer my-aurora-instance-1 ap-northeast-1a',
      'reader wp-user01-slave ap-northeast-1c',
    ]);
  });
});

describe('2.6 in Test-VPC (handout 004 with the cluster of 003)', () => {
  it('the writer in the private subnet 10.0.2.0/24, the reader in 10.0.3.0/24', async () => {
    const ctx = { ...context(), layout: 'testVpc' as const };
    passed(await runStep('4.1', {}, ctx));
    passed(await runStep('4.3', {}, ctx));
    passed(await runStep('2.1', {}, ctx));
    passed(await runStep('2.6', {}, ctx));
    const inv = await fetchInventory(lab.clients);
    const cidrOf = (id: string) => {
      const d = records().dbInstances.find((x) => x.id === id);
      return inv.subnets.find((s) => s.id === d?.subnetId)?.cidr;
    };
    assert.equal(cidrOf('wp-user01'), '10.0.2.0/24');
    assert.equal(cidrOf('wp-user01-slave'), '10.0.3.0/24');
  });
});

describe('2.7 the Aurora failover', () => {
  it('cannot run without a cluster: the plan says so', async () => {
    const plan = planStep('2.7', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.equal(!plan.ready && plan.reason.code, 'aurora.missing');
  });

  it('the reader becomes the writer (and says so); a rerun does nothing unless asked again', async () => {
    const ctx = context();
    passed(await runStep('2.1', {}, ctx));
    passed(await runStep('2.6', {}, ctx));
    const plan = planStep('2.7', { inventory: await fetchInventory(lab.clients), observations: new Map() });
    assert.equal(plan.ready && plan.options.find((o) => o.key === 'target')?.default, 'wp-user01-slave');
    const phases: string[] = [];
    lab.progress.length = 0;
    const outcome = await runStep('2.7', {}, { ...ctx, onFailover: (phase) => phases.push(phase) });
    passed(outcome);
    assert.deepEqual(await roles(), ['writer wp-user01-slave ap-northeast-1c', 'reader wp-user01 ap-northeast-1a']);
    assert.deepEqual(lab.progress.find((p) => p.code === 'progress.auroraSwapped')?.args, {
      name: 'wp-user01-cluster',
      writer: 'wp-user01-slave',
      reader: 'wp-user01',
    });
    assert.deepEqual(phases, ['started', 'done']);

    lab.progress.length = 0;
    passed(await runStep('2.7', {}, ctx));
    assert.ok(lab.progress.some((p) => p.code === 'progress.failoverAlreadyDone'));
    assert.deepEqual(await roles(), ['writer wp-user01-slave ap-northeast-1c', 'reader wp-user01 ap-northeast-1a']);

    passed(await runStep('2.7', { again: 'yes', target: 'wp-user01' }, ctx));
    assert.deepEqual(await roles(), ['writer wp-user01 ap-northeast-1a', 'reader wp-user01-slave ap-northeast-1c']);
  });

  it('a failover whose answer was lost is waited for, not refused and not repeated', async () => {
    const ctx = context();
    passed(await runStep('2.1', {}, ctx));
    passed(await runStep('2.6', {}, ctx));
    lab.server.injectFault({ action: 'FailoverDBCluster', kind: 'replyLost' });
    passed(await runStep('2.7', {}, ctx));
    assert.deepEqual(await roles(), ['writer wp-user01-slave ap-northeast-1c', 'reader wp-user01 ap-northeast-1a']);
  });
});

describe('track 2 as one run', () => {
  it('from the seeded WebServer: 2.1, then RDS MySQL and Aurora side by side, each check passing, one password', async () => {
    let asked = 0;
    const base = context();
    const outcomes = await runTrack('2', { ...base, secrets: { databasePassword: async () => (asked++, PASSWORD) } });
    assert.equal(asked, 1, 'the password is asked once for both databases');
    assert.deepEqual(
      outcomes.map((o) => `${o.step} ${o.check.status}`),
      ['2.1 passed', '2.2 passed', '2.3 passed', '2.4 passed', '2.5 passed', '2.6 passed', '2.7 passed'],
      JSON.stringify(outcomes.filter((o) => o.check.status !== 'passed').map((o) => o.check)),
    );
  });
});
