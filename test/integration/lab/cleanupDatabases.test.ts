// Cleanup of track 2's database tier against the practice account through the real SDK (@aws-sdk/client-rds):
// the lab's RDS MySQL instance (tagged, deletion protection on) and the lab's Aurora cluster with a writer and a
// reader, db-sg and db-subnetgroup made as in the console (untagged). Cleanup deletes the members, then the
// cluster, the instance (its protection turned off first, and said), then the subnet group, then db-sg, with
// AWS's waits between; the decoys stand: another student's database (untagged, protected) with its own subnet
// group and group, a subnet group no database uses, and AWS's default.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBSubnetGroupsCommand,
  waitUntilDBInstanceAvailable,
  type Tag,
} from '@aws-sdk/client-rds';
import { planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupContext, CleanupProgress } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupProgressText, cleanupResultLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';
import { repoRoot } from '../../fixtures/repo';

const en = bundleTranslator();
const ja = bundleTranslator(loadBundle('ja', repoRoot));
const R = PRACTICE_REGION;
const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 60 };
const PASSWORD = 'vg1daypassword';
const labTags = (step: string): Tag[] => [
  { Key: LAB_TAG, Value: LAB_ID },
  { Key: STEP_TAG, Value: step },
];

interface Tier {
  dbSg: string;
  otherSg: string;
}

/** A group admitting MySQL from the default VPC's default group, as the console's "db-sg" is made. */
async function dbGroup(lab: LabHarness, name: string, vpcId: string): Promise<string> {
  const ec2 = lab.clients.ec2;
  const id = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
    .GroupId;
  assert.ok(id);
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: id,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '172.31.0.0/16' }] }],
    }),
  );
  return id;
}

async function mysql(lab: LabHarness, id: string, subnetGroup: string, sg: string, tags: Tag[], protect: boolean) {
  await lab.clients.rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: id,
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      StorageType: 'gp2',
      MasterUsername: 'admin',
      MasterUserPassword: PASSWORD,
      DBName: 'wordpress',
      DBSubnetGroupName: subnetGroup,
      VpcSecurityGroupIds: [sg],
      PubliclyAccessible: false,
      BackupRetentionPeriod: 0,
      AvailabilityZone: `${R}a`,
      DeletionProtection: protect,
      Tags: tags,
    }),
  );
  await waitUntilDBInstanceAvailable({ client: lab.clients.rds, ...WAIT }, { DBInstanceIdentifier: id });
}

async function buildTier(lab: LabHarness): Promise<Tier> {
  const inv = await lab.context().inventory();
  const vpc = inv.vpcs.find((v) => v.isDefault);
  assert.ok(vpc);
  const subnetIn = (az: string) => inv.subnets.find((s) => s.vpcId === vpc.id && s.az === `${R}${az}`)?.id ?? '';
  const rds = lab.clients.rds;
  const subnetGroup = async (name: string) =>
    rds.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: name,
        DBSubnetGroupDescription: name,
        SubnetIds: [subnetIn('a'), subnetIn('c')],
      }),
    );
  for (const name of ['db-subnetgroup', 'db-subnetgroup-user02', 'spare-subnets']) await subnetGroup(name);
  const dbSg = await dbGroup(lab, 'db-sg', vpc.id);
  const otherSg = await dbGroup(lab, 'db-sg-user02', vpc.id);
  // The lab's RDS MySQL (2.2) guarded against deletion; another student's, untagged and guarded too.
  await mysql(lab, 'test-rds-1', 'db-subnetgroup', dbSg, labTags('2.2'), true);
  await mysql(lab, 'test-rds-user02', 'db-subnetgroup-user02', otherSg, [], true);
  // The lab's Aurora cluster (2.6): the writer in 1a, the reader in 1c; the members untagged, as the console adds them.
  await rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: 'wp-user01-cluster',
      Engine: 'aurora-mysql',
      MasterUsername: 'admin',
      MasterUserPassword: PASSWORD,
      DBSubnetGroupName: 'db-subnetgroup',
      VpcSecurityGroupIds: [dbSg],
      Tags: labTags('2.6'),
    }),
  );
  for (const [id, az] of [
    ['wp-user01', `${R}a`],
    ['wp-user01-slave', `${R}c`],
  ] as const) {
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        DBClusterIdentifier: 'wp-user01-cluster',
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t3.medium',
        AvailabilityZone: az,
        PubliclyAccessible: false,
      }),
    );
    await waitUntilDBInstanceAvailable({ client: rds, ...WAIT }, { DBInstanceIdentifier: id });
  }
  return { dbSg, otherSg };
}

describe('cleanup: the database tier against the practice account', () => {
  let lab: LabHarness;
  let tier: Tier;
  before(async () => {
    lab = await startLab();
    tier = await buildTier(lab);
  });
  after(() => lab.close());

  it("deletes the lab's databases in order, protection turned off and said, then the subnet group and db-sg; decoys stand", async () => {
    const ctx = lab.context();
    const inv = await ctx.inventory();
    const plan = planCleanup(inv);
    const db = plan.items.filter((i) => i.kind.startsWith('db') || i.kind === 'securityGroup');
    assert.deepEqual(
      db.map((i) => [i.kind, i.id, i.labCreated, i.deletionProtection ?? false]),
      [
        ['dbInstance', 'test-rds-1', true, true],
        ['dbInstance', 'wp-user01', true, false],
        ['dbInstance', 'wp-user01-slave', true, false],
        ['dbCluster', 'wp-user01-cluster', true, false],
        ['dbSubnetGroup', 'db-subnetgroup', true, false],
        ['securityGroup', tier.dbSg, true, false],
      ],
    );
    const others = plan.others.map((i) => `${i.kind} ${i.id}`);
    for (const decoy of [
      'dbInstance test-rds-user02',
      'dbSubnetGroup db-subnetgroup-user02',
      'dbSubnetGroup spare-subnets',
      `securityGroup ${tier.otherSg}`,
    ])
      assert.ok(others.includes(decoy), `${decoy} among the others`);
    assert.ok(
      cleanupPlanLines(plan, en).some((l) => /test-rds-1 .*\(deletion protection on: turned off first\)$/.test(l)),
    );

    const progress: CleanupProgress[] = [];
    const run: CleanupContext = {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: (p) => progress.push(p),
      delays: { minDelay: 1, maxDelay: 1 },
    };
    const result = await runCleanup(plan, run);
    assert.deepEqual(result.failed, [], JSON.stringify(result.failed));
    assert.deepEqual(
      result.unprotected?.map((i) => i.id),
      ['test-rds-1'],
    );
    assert.deepEqual(result.leftBillable, []);
    const lines = progress.flatMap((p) => cleanupProgressText(p, en) ?? []);
    assert.ok(lines.includes('Deletion protection turned off: DB instance test-rds-1'), lines.join('\n'));
    assert.ok(
      cleanupResultLines(result, ja).includes('削除のため削除保護を無効にしました: DB インスタンス test-rds-1'),
    );
    // In order, with AWS's waits between: every member gone before the cluster's delete, every database before
    // the subnet group, the subnet group before db-sg.
    const at = (phase: string, id: string) =>
      progress.findIndex((p) => 'item' in p && p.item.id === id && p.phase === phase && !p.protectionOff);
    for (const member of ['wp-user01', 'wp-user01-slave'])
      assert.ok(at('deleted', member) < at('deleting', 'wp-user01-cluster'), `${member} before its cluster`);
    for (const database of ['test-rds-1', 'wp-user01-cluster'])
      assert.ok(at('deleted', database) < at('deleting', 'db-subnetgroup'), `${database} before the subnet group`);
    assert.ok(at('deleted', 'db-subnetgroup') < at('deleting', tier.dbSg));
    const off = progress.findIndex((p) => 'item' in p && p.protectionOff === true);
    assert.ok(off >= 0 && off < at('deleting', 'test-rds-1'), 'protection off before the delete');

    const left = await ctx.inventory();
    assert.deepEqual(
      left.dbInstances.map((d) => [d.id, d.deletionProtection]),
      [['test-rds-user02', true]],
      "the other student's database stands, still protected",
    );
    assert.deepEqual(left.dbClusters, []);
    const subnetGroups = left.dbSubnetGroups.map((g) => g.name);
    assert.ok(!subnetGroups.includes('db-subnetgroup'), 'the lab’s subnet group gone');
    for (const decoy of ['db-subnetgroup-user02', 'spare-subnets']) assert.ok(subnetGroups.includes(decoy), decoy);
    const groups = left.securityGroups.map((g) => g.id);
    assert.ok(!groups.includes(tier.dbSg), 'db-sg gone');
    assert.ok(groups.includes(tier.otherSg), "the other student's group stands");
    // Through the SDK too: RDS no longer knows the lab's, and still knows the decoy's.
    const names = (await lab.clients.rds.send(new DescribeDBSubnetGroupsCommand({}))).DBSubnetGroups?.map(
      (g) => g.DBSubnetGroupName,
    );
    assert.ok(!names?.includes('db-subnetgroup'));
    const dbs = (await lab.clients.rds.send(new DescribeDBInstancesCommand({}))).DBInstances;
    assert.deepEqual(
      dbs?.map((d) => d.DBInstanceIdentifier),
      ['test-rds-user02'],
    );
  });

  it('a second run finds nothing of the lab and touches no decoy', async () => {
    const ctx = lab.context();
    const plan = planCleanup(await ctx.inventory());
    assert.deepEqual(
      plan.items.filter((i) => i.kind.startsWith('db')),
      [],
    );
    assert.ok(plan.others.some((i) => i.id === 'test-rds-user02' && i.deletionProtection === true));
  });
});

describe('cleanup: a protected Aurora cluster whose protection cannot be turned off', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    const inv = await lab.context().inventory();
    const vpc = inv.vpcs.find((v) => v.isDefault);
    assert.ok(vpc);
    const subnets = ['a', 'c'].map(
      (az) => inv.subnets.find((s) => s.vpcId === vpc.id && s.az === `${R}${az}`)?.id ?? '',
    );
    const rds = lab.clients.rds;
    await rds.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: 'db-subnetgroup',
        DBSubnetGroupDescription: 'db',
        SubnetIds: subnets,
      }),
    );
    const dbSg = await dbGroup(lab, 'db-sg', vpc.id);
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'wp-user01-cluster',
        Engine: 'aurora-mysql',
        MasterUsername: 'admin',
        MasterUserPassword: PASSWORD,
        DBSubnetGroupName: 'db-subnetgroup',
        VpcSecurityGroupIds: [dbSg],
        DeletionProtection: true,
        Tags: labTags('2.6'),
      }),
    );
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'wp-user01',
        DBClusterIdentifier: 'wp-user01-cluster',
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t3.medium',
        AvailabilityZone: `${R}a`,
      }),
    );
    await waitUntilDBInstanceAvailable({ client: rds, ...WAIT }, { DBInstanceIdentifier: 'wp-user01' });
  });
  after(() => lab.close());

  it('the plan says so; the run fails the cluster with why and keeps its members, its subnet group and db-sg', async () => {
    const ctx = lab.context();
    const plan = planCleanup(await ctx.inventory());
    const cluster = plan.items.find((i) => i.id === 'wp-user01-cluster');
    assert.equal(cluster?.deletionProtection, true);
    assert.equal(plan.items.find((i) => i.id === 'wp-user01')?.clusterId, 'wp-user01-cluster');
    // The student's credentials may not allow it (and AWS may refuse it): more failures than the SDK retries.
    lab.server.injectFault({ action: 'ModifyDBCluster', kind: 'accessDenied', count: 10 });
    const progress: CleanupProgress[] = [];
    const result = await runCleanup(plan, {
      clients: lab.clients,
      inventory: ctx.inventory,
      signal: ctx.signal,
      progress: (p) => progress.push(p),
      delays: { minDelay: 1, maxDelay: 1 },
      retrySeconds: 1,
    });
    const failed = result.failed.map((f) => [
      f.item.id,
      f.problem.kind,
      'action' in f.problem ? f.problem.action : undefined,
    ]);
    for (const id of ['wp-user01-cluster', 'wp-user01'])
      assert.ok(
        failed.some(([fid, kind, action]) => fid === id && kind === 'accessDenied' && action === 'rds:ModifyDBCluster'),
        `${id}: ${JSON.stringify(failed)}`,
      );
    assert.equal(result.unprotected, undefined);
    assert.ok(
      !progress.some((p) => 'item' in p && p.item.id.startsWith('wp-user01') && p.phase === 'deleting'),
      'no delete of the cluster or its member was tried',
    );
    const left = await ctx.inventory();
    assert.deepEqual(
      left.dbInstances.map((d) => [d.id, d.status]),
      [['wp-user01', 'available']],
    );
    assert.deepEqual(
      left.dbClusters.map((c) => [c.id, c.deletionProtection]),
      [['wp-user01-cluster', true]],
    );
    assert.ok(
      left.dbSubnetGroups.some((g) => g.name === 'db-subnetgroup'),
      'its subnet group is still in use: kept',
    );
    assert.ok(
      cleanupResultLines(result, en).some((l) => l.startsWith('  Failed: DB cluster wp-user01-cluster: ')),
      cleanupResultLines(result, en).join('\n'),
    );
  });
});
