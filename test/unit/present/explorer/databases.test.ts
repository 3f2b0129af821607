// The Databases group for track 2: each DB instance with its role (primary, and with Multi-AZ the standby in the
// other AZ), endpoint, subnet group with its subnets and groups; each Aurora cluster's members with their AZ's
// subnet, the cluster and reader endpoints under the member they point at (they move on a failover); the DB
// subnet groups on their own. English and Japanese.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../../src/aws/types';
import type { ExplorerNode } from '../../../../src/present/explorer/nodes';
import { at, en, ja, loaded } from '../../../fixtures/explorerWorld';
import { cluster, DB_ENDPOINT, withAurora, withDatabase, withDatabaseTier } from '../../../fixtures/labDatabase';

function databasesGroup(inv: Inventory, t = en): ExplorerNode {
  const group = loaded(inv, t)[0]?.children.find((c) => c.id === 'account/databases');
  assert.ok(group);
  return group;
}

const rows = (node: ExplorerNode) => node.children.map((c) => [c.kind, c.label, c.description]);

const multiAz = () => withDatabase(withDatabaseTier(), { multiAz: true, secondaryAz: 'ap-northeast-1c' });

describe('explorer: the database tier', () => {
  it('a Multi-AZ DB instance: primary and standby with their AZ and subnet, endpoint, subnet group, groups', () => {
    const db = at(databasesGroup(multiAz()).children, 'test-rds-1');
    assert.deepEqual(rows(db), [
      ['dbPlacement', 'primary', 'ap-northeast-1a · subnet-a (172.31.32.0/20)'],
      ['dbPlacement', 'standby', 'ap-northeast-1c · subnet-c (172.31.0.0/20)'],
      ['dbEndpoint', `${DB_ENDPOINT}:3306`, 'Endpoint'],
      ['dbSubnetGroup', 'db-subnetgroup', 'Subnet group · 2 AZs · ap-northeast-1a, ap-northeast-1c'],
      ['dbSecurityGroup', 'db-sg', 'Security group · sg-db'],
    ]);
    assert.deepEqual(rows(at(db.children, 'db-subnetgroup')), [
      ['dbSubnet', 'subnet-a', 'ap-northeast-1a · 172.31.32.0/20 · public'],
      ['dbSubnet', 'subnet-c', 'ap-northeast-1c · 172.31.0.0/20 · public'],
    ]);
    assert.equal(at(db.children, `${DB_ENDPOINT}:3306`).resource?.dnsName, DB_ENDPOINT, 'copy the endpoint');
  });

  it('after a failover the roles read the other way; a single-AZ database has a primary only', () => {
    const failedOver = withDatabase(multiAz(), { az: 'ap-northeast-1c', secondaryAz: 'ap-northeast-1a' });
    const db = at(databasesGroup(failedOver).children, 'test-rds-1');
    assert.deepEqual(
      db.children.filter((c) => c.kind === 'dbPlacement').map((c) => [c.label, c.description]),
      [
        ['primary', 'ap-northeast-1c · subnet-c (172.31.0.0/20)'],
        ['standby', 'ap-northeast-1a · subnet-a (172.31.32.0/20)'],
      ],
    );
    const single = at(databasesGroup(withDatabaseTier()).children, 'test-rds-1');
    assert.deepEqual(
      single.children.filter((c) => c.kind === 'dbPlacement').map((c) => c.label),
      ['primary'],
    );
  });

  it('an Aurora cluster: writer and reader with their subnets, each endpoint under the member it points at', () => {
    const group = databasesGroup(withAurora());
    const node = at(group.children, cluster.id);
    assert.deepEqual(
      node.children.map((c) => [c.label, c.description]),
      [
        ['wp-user01', 'writer · ap-northeast-1a · available · subnet-a'],
        ['wp-user01-slave', 'reader · ap-northeast-1c · available · subnet-c'],
      ],
    );
    assert.deepEqual(rows(at(node.children, 'wp-user01')), [
      ['dbEndpoint', `${cluster.endpoint}:3306`, 'Writer endpoint → writer wp-user01'],
    ]);
    assert.deepEqual(rows(at(node.children, 'wp-user01-slave')), [
      ['dbEndpoint', `${cluster.readerEndpoint}:3306`, 'Reader endpoint → reader wp-user01-slave'],
    ]);
    assert.match(node.tooltip ?? '', /Writer endpoint:\*\* `[^`]+` → writer wp-user01/);
  });

  it('after an Aurora failover the writer and reader swap, and the endpoints follow', () => {
    const swapped = withAurora(undefined, {
      members: [
        { instanceId: 'wp-user01-slave', isWriter: true, az: 'ap-northeast-1c' },
        { instanceId: 'wp-user01', isWriter: false, az: 'ap-northeast-1a' },
      ],
    });
    const node = at(databasesGroup(swapped).children, cluster.id);
    assert.deepEqual(
      node.children.map((c) => [c.label, c.description, c.children.map((e) => e.description)]),
      [
        [
          'wp-user01-slave',
          'writer · ap-northeast-1c · available · subnet-c',
          ['Writer endpoint → writer wp-user01-slave'],
        ],
        ['wp-user01', 'reader · ap-northeast-1a · available · subnet-a', ['Reader endpoint → reader wp-user01']],
      ],
    );
    // With the reader gone the reader endpoint is the writer's (Aurora sends readers to the writer).
    const alone = withAurora(undefined, {
      members: [{ instanceId: 'wp-user01', isWriter: true, az: 'ap-northeast-1a' }],
    });
    assert.deepEqual(
      at(databasesGroup(alone).children, cluster.id, 'wp-user01').children.map((e) => e.description),
      ['Writer endpoint → writer wp-user01', 'Reader endpoint → writer wp-user01 (no reader yet)'],
    );
  });

  it('lists the DB subnet groups with their subnets and who uses them; one AZ only is marked', () => {
    const inv = withDatabaseTier(undefined, {
      dbSubnetGroups: [
        {
          name: 'db-subnetgroup',
          vpcId: 'vpc-1',
          subnetIds: ['subnet-c', 'subnet-a'],
          azs: ['ap-northeast-1a', 'ap-northeast-1c'],
          status: 'Complete',
        },
        { name: 'one-az', vpcId: 'vpc-1', subnetIds: ['subnet-d'], azs: ['ap-northeast-1d'], status: 'Complete' },
      ],
    });
    const group = databasesGroup(inv);
    assert.deepEqual(
      group.children.map((c) => [c.kind, c.label]),
      [
        ['dbInstance', 'test-rds-1'],
        ['dbSubnetGroup', 'db-subnetgroup'],
        ['dbSubnetGroup', 'one-az'],
      ],
    );
    const sg = at(group.children, 'db-subnetgroup');
    assert.deepEqual(
      sg.children.map((c) => c.label),
      ['subnet-a', 'subnet-c'],
      'by AZ',
    );
    assert.match(sg.tooltip ?? '', /Used by:\*\* test-rds-1/);
    const oneAz = at(group.children, 'one-az');
    assert.equal(oneAz.description, 'Subnet group · 1 AZ · ap-northeast-1d');
    assert.equal(oneAz.icon?.color, 'charts.red');
    assert.match(oneAz.tooltip ?? '', /Used by:\*\* no database/);
  });

  it('in Japanese', () => {
    const db = at(databasesGroup(multiAz(), ja).children, 'test-rds-1');
    assert.deepEqual(
      db.children.slice(0, 2).map((c) => c.label),
      ['プライマリ', 'スタンバイ'],
    );
    assert.equal(
      at(db.children, 'db-subnetgroup').description,
      'サブネットグループ · 2 AZ · ap-northeast-1a, ap-northeast-1c',
    );
    const node = at(databasesGroup(withAurora(), ja).children, cluster.id);
    assert.deepEqual(
      node.children.map((c) => c.children.map((e) => e.description)),
      [['ライターエンドポイント → ライター wp-user01'], ['リーダーエンドポイント → リーダー wp-user01-slave']],
    );
  });
});
