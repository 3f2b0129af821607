// planCleanup over a VPC with everything in it (subnets, tables, gateways, an instance) and over track 2's database
// tier (subnet groups, db-sg, deletion protection, Aurora).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../src/aws/types';
import { priceTable } from '../../../src/cost/prices';
import { CLEANUP_ORDER, planCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupItem, CleanupResult } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupResultLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { LAB_ID, LAB_TAG } from '../../../src/lab/types';
import { lab } from '../../fixtures/cleanupPlanWorld';
import { finishedLab } from '../../fixtures/labWorld';
import { IGW, SUBNETS, TABLES, TEST_VPC, testVpcInventory } from '../../fixtures/explorerTestVpc';
import { database, dbSg, subnetGroup, withAurora, withDatabaseTier } from '../../fixtures/labDatabase';
import { repoRoot } from '../../fixtures/repo';

const en = bundleTranslator();

describe('planCleanup: a VPC with everything in it', () => {
  /** Seed 004's Test-VPC (console-made, untagged) with a NAT gateway in the public subnet of 1a. */
  const withNat = (vpcTags: Record<string, string>): Inventory => {
    const inv = testVpcInventory();
    return {
      ...inv,
      vpcs: inv.vpcs.map((v) => (v.id === TEST_VPC ? { ...v, tags: { ...v.tags, ...vpcTags } } : v)),
      natGateways: [
        {
          id: 'nat-0test',
          name: 'Test-NAT',
          vpcId: TEST_VPC,
          subnetId: SUBNETS.public1a,
          state: 'available',
          connectivity: 'public',
          publicIp: '13.112.0.9',
          tags: {},
        },
      ],
    };
  };
  const vpcParts = (inv: Inventory) =>
    new Set([
      TEST_VPC,
      ...inv.subnets.filter((s) => s.vpcId === TEST_VPC).map((s) => s.id),
      ...inv.routeTables.filter((t) => t.vpcId === TEST_VPC && !t.isMain).map((t) => t.id),
      IGW,
      'nat-0test',
      'i-0test1',
    ]);

  it('the lab-tagged VPC: its subnets, non-main tables, gateway, NAT gateway and instance follow it, in stage order', () => {
    const inv = withNat({ [LAB_TAG]: LAB_ID });
    const prices = priceTable('ap-northeast-1');
    assert.ok(prices);
    const plan = planCleanup(inv, { prices });
    assert.deepEqual(new Set(plan.items.map((i) => i.id)), vpcParts(inv));
    assert.ok(!plan.items.some((i) => i.id === TABLES.main), 'the main table goes with the VPC');
    assert.ok(plan.items.every((i) => i.labCreated));
    // Its hours and its public address (no Elastic IP of it listed): what deleting it stops.
    assert.equal(plan.items.find((i) => i.kind === 'natGateway')?.hourlyUsd, 0.067);
    const stages = plan.items.map((i) => CLEANUP_ORDER.indexOf(i.kind));
    assert.deepEqual(
      stages,
      [...stages].sort((a, b) => a - b),
    );
    assert.deepEqual(
      [...new Set(plan.items.map((i) => i.kind))],
      ['instance', 'natGateway', 'internetGateway', 'routeTable', 'subnet', 'vpc'],
    );
    // Another-VPC and the default VPC are not touched; the other VPC is offered, its parts are not listed apart.
    assert.ok(plan.others.some((i) => i.id === 'vpc-0other'));
    assert.ok(!plan.others.some((i) => i.kind === 'subnet' || i.kind === 'routeTable'));
  });

  it('untagged, nothing of it is planned until the student picks the VPC; then all of it, as not the lab’s', () => {
    const inv = withNat({});
    assert.deepEqual(
      planCleanup(inv).items.map((i) => i.id),
      [],
    );
    const picked = planCleanup(inv, { include: [TEST_VPC] });
    assert.deepEqual(new Set(picked.items.map((i) => i.id)), vpcParts(inv));
    assert.ok(picked.items.every((i) => !i.labCreated));
    assert.match(
      cleanupPlanLines(picked, en).join('\n'),
      /NAT gateway Test-NAT \(nat-0test\) {2}0 USD\/h {2}\(picked\)/,
    );
  });
});

describe('planCleanup: the database tier (track 2)', () => {
  // Handout 004's tier made by the lab (the database tagged), db-sg and db-subnetgroup as the console makes them
  // (no tag: RDS lists no tags for a subnet group); another student's database with its own groups beside it.
  const otherSg = { ...dbSg, id: 'sg-other-db', name: 'db-sg-user02', tags: {} };
  const otherSubnets = { ...subnetGroup, name: 'db-subnetgroup-user02' };
  const spareSubnets = { ...subnetGroup, name: 'spare-subnets' };
  const otherDb = {
    ...database,
    id: 'test-rds-user02',
    arn: 'arn:aws:rds:ap-northeast-1:123456789012:db:test-rds-user02',
    subnetGroupName: otherSubnets.name,
    securityGroupIds: [otherSg.id],
    deletionProtection: true,
  };
  const tier = (changes: Partial<Inventory> = {}): Inventory =>
    withDatabaseTier(finishedLab(), {
      securityGroups: [...finishedLab().securityGroups, dbSg, otherSg],
      dbSubnetGroups: [subnetGroup, otherSubnets, spareSubnets, { ...subnetGroup, name: 'default' }],
      dbInstances: [{ ...database, tags: lab('2.2', 'test-rds-1'), deletionProtection: true }, otherDb],
      ...changes,
    });
  // The database tier's rows (track 1's lab resources of finishedLab go too, as the other tests show).
  const kinds = (list: readonly CleanupItem[]) =>
    list
      .filter((i) => i.kind.startsWith('db') || i.id === dbSg.id || i.id === otherSg.id)
      .map((i) => `${i.kind} ${i.id}`);

  it("the lab's database, then its subnet group, then db-sg once no database uses it; decoys among the others", () => {
    const plan = planCleanup(tier());
    assert.deepEqual(kinds(plan.items), [
      'dbInstance test-rds-1',
      'dbSubnetGroup db-subnetgroup',
      'securityGroup sg-db',
    ]);
    assert.ok(
      plan.items.filter((i) => kinds([i]).length > 0).every((i) => i.labCreated),
      'the groups go as the lab’s: only the lab’s database uses them',
    );
    const others = kinds(plan.others);
    for (const decoy of [
      'dbInstance test-rds-user02',
      'dbSubnetGroup db-subnetgroup-user02',
      'securityGroup sg-other-db',
    ])
      assert.ok(others.includes(decoy), `${decoy} offered, not deleted`);
    assert.ok(others.includes('dbSubnetGroup spare-subnets'), 'a subnet group no database uses is offered');
    assert.ok(!others.includes('dbSubnetGroup default'), 'AWS’s default subnet group cannot be deleted');
  });

  it('a subnet group or db-sg another database still uses stays', () => {
    const shared = tier({
      dbInstances: [
        { ...database, tags: lab('2.2', 'test-rds-1') },
        { ...otherDb, subnetGroupName: subnetGroup.name, securityGroupIds: [dbSg.id] },
      ],
    });
    assert.deepEqual(kinds(planCleanup(shared).items), ['dbInstance test-rds-1']);
    // Nor a group an instance uses as well: it is not only the databases'.
    const onServer = tier({
      instances: finishedLab().instances.map((i, k) =>
        k === 0 ? { ...i, securityGroups: [...i.securityGroups, { id: dbSg.id, name: dbSg.name }] } : i,
      ),
    });
    assert.deepEqual(kinds(planCleanup(onServer).items), ['dbInstance test-rds-1', 'dbSubnetGroup db-subnetgroup']);
  });

  it('deletion protection: the plan says it is turned off first, for the lab’s database only', () => {
    const plan = planCleanup(tier());
    assert.equal(plan.items.find((i) => i.id === 'test-rds-1')?.deletionProtection, true);
    assert.equal(plan.others.find((i) => i.id === 'test-rds-user02')?.deletionProtection, true);
    const lines = cleanupPlanLines(plan, en);
    assert.ok(
      lines.some((l) => /DB instance test-rds-1 .*\(deletion protection on: turned off first\)$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /DB instance test-rds-user02 .*\(deletion protection on\)$/.test(l)));
    const ja = bundleTranslator(loadBundle('ja', repoRoot));
    assert.ok(cleanupPlanLines(plan, ja).some((l) => l.includes('（削除保護が有効：先に無効にします）')));
  });

  it('a console-made database the student picks takes its subnet group and db-sg with it, as picked', () => {
    const plan = planCleanup(withDatabaseTier(), { include: ['test-rds-1'] });
    assert.deepEqual(
      plan.items.filter((i) => !i.labCreated).map((i) => [i.kind, i.id, i.labCreated]),
      [
        ['dbInstance', 'test-rds-1', false],
        ['dbSubnetGroup', 'db-subnetgroup', false],
        ['securityGroup', 'sg-db', false],
      ],
    );
    assert.deepEqual(kinds(planCleanup(withDatabaseTier()).items), [], 'nothing of an untagged tier unless picked');
  });

  it('Aurora: the members, then the cluster (protected through it), then the groups; a lab database already deleting still takes its groups', () => {
    const aurora = withAurora(finishedLab(), { tags: lab('2.6', 'wp-user01-cluster'), deletionProtection: true });
    const plan = planCleanup({
      ...aurora,
      dbInstances: aurora.dbInstances.map((d) => ({ ...d, deletionProtection: true })),
    });
    assert.deepEqual(kinds(plan.items), [
      'dbInstance wp-user01',
      'dbInstance wp-user01-slave',
      'dbCluster wp-user01-cluster',
      'dbSubnetGroup db-subnetgroup',
      'securityGroup sg-db',
    ]);
    assert.deepEqual(
      plan.items.filter((i) => i.deletionProtection).map((i) => i.id),
      ['wp-user01-cluster'],
      'a member is protected through its cluster: turned off there',
    );
    const rerun = planCleanup(tier({ dbInstances: [{ ...database, status: 'deleting', tags: lab('2.2', 'x') }] }));
    assert.deepEqual(kinds(rerun.items), ['dbSubnetGroup db-subnetgroup', 'securityGroup sg-db']);
  });

  it('the result says which protections were turned off, in English and Japanese', () => {
    const item = planCleanup(tier()).items.find((i) => i.id === 'test-rds-1');
    assert.ok(item);
    const result: CleanupResult = {
      changed: [],
      changeFailed: [],
      deleted: [item],
      failed: [],
      unprotected: [item],
      leftBillable: [],
      unread: [],
    };
    assert.ok(
      cleanupResultLines(result, en).includes('Deletion protection turned off (to delete it): DB instance test-rds-1'),
    );
    const ja = bundleTranslator(loadBundle('ja', repoRoot));
    assert.ok(
      cleanupResultLines(result, ja).includes('削除のため削除保護を無効にしました: DB インスタンス test-rds-1'),
    );
  });
});
