// The Databases group: RDS DB instances on their own (Multi-AZ and both AZs at a glance), then Aurora clusters
// › their members, the writer first, as the console lists them and as a student reads a failover; then the DB
// subnet groups with their subnets. Under each database, where it runs and whom its endpoints point at
// (databaseParts.ts).
import type { DbCluster, DbInstance, DbSubnetGroup } from '../../aws/types';
import {
  endpointRow,
  endpointTargets,
  groupRows,
  placementRow,
  subnetGroupRow,
  subnetsInAz,
  subnetText,
} from './databaseParts';
import type { InventoryIndex } from './inventoryIndex';
import { add, addEmpty, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, stateText, toneOf } from './text';

export function databases(ix: InventoryIndex, parent: ExplorerNode): void {
  const { inv } = ix;
  const members = new Map(inv.dbInstances.map((d) => [d.id, d]));
  const groups = new Map(inv.dbSubnetGroups.map((g) => [g.name, g]));
  for (const db of [...inv.dbInstances].filter((d) => !d.clusterId).sort((a, b) => byText(a.id, b.id))) {
    dbInstance(ix, parent, db, groups);
  }
  for (const cluster of [...inv.dbClusters].sort((a, b) => byText(a.id, b.id)))
    dbCluster(ix, parent, cluster, members, groups);
  for (const group of [...inv.dbSubnetGroups].sort((a, b) => byText(a.name, b.name))) {
    const users = [
      ...inv.dbInstances.filter((d) => !d.clusterId && d.subnetGroupName === group.name).map((d) => d.id),
      ...inv.dbClusters.filter((c) => c.subnetGroupName === group.name).map((c) => c.id),
    ].sort(byText);
    subnetGroupRow(ix, parent, group, users);
  }
}

function dbInstance(
  ix: InventoryIndex,
  parent: ExplorerNode,
  db: DbInstance,
  groups: ReadonlyMap<string, DbSubnetGroup>,
): void {
  const { t } = ix;
  const group = db.subnetGroupName ? groups.get(db.subnetGroupName) : undefined;
  const node = add(parent, {
    kind: 'dbInstance',
    id: `${parent.id}/db:${db.id}`,
    label: db.id,
    description: [
      stateText(db.status, t),
      db.multiAz ? t('Multi-AZ') : undefined,
      db.az ? [db.az, db.secondaryAz].filter(Boolean).join(' / ') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip:
      `**${mdText(db.id)}**\n\n` +
      mdFields([
        [t('Status'), stateText(db.status, t)],
        [t('Engine'), [db.engine, db.engineVersion].filter(Boolean).join(' ')],
        [t('Class'), mdCode(db.instanceClass)],
        [t('Multi-AZ'), db.multiAz ? t('yes') : t('no')],
        [t('Availability Zone'), db.az ? mdCode(db.az) : undefined],
        [t('Secondary Availability Zone'), db.secondaryAz ? mdCode(db.secondaryAz) : undefined],
        [t('Endpoint'), db.endpoint ? mdCode(`${db.endpoint.address}:${db.endpoint.port}`) : undefined],
        [t('Storage'), db.storageGiB !== undefined ? `${db.storageGiB} GiB ${db.storageType ?? ''}`.trim() : undefined],
        [t('Publicly accessible'), db.publiclyAccessible ? t('yes') : t('no')],
        [t('Subnet group'), db.subnetGroupName ? mdCode(db.subnetGroupName) : undefined],
        [t('Security groups'), db.securityGroupIds.map((id) => ix.groupLabel(id)).join(', ')],
      ]),
    icon: icon('database', toneOf(db.status)),
    resource: {
      id: db.id,
      arn: db.arn,
      dnsName: db.endpoint?.address,
      consoleType: 'dbInstance',
      region: ix.region,
    },
  });
  // Its role: the primary in its AZ, and with Multi-AZ the standby in the other (they swap on a failover).
  if (db.az) placementRow(ix, node, 'primary', db.az, group);
  if (db.multiAz && db.secondaryAz) placementRow(ix, node, 'standby', db.secondaryAz, group);
  if (db.endpoint) endpointRow(ix, node, 'instance', t('Endpoint'), db.endpoint.address, db.endpoint.port, undefined);
  if (group) subnetGroupRow(ix, node, group, [db.id]);
  groupRows(ix, node, db.securityGroupIds);
}

function dbCluster(
  ix: InventoryIndex,
  parent: ExplorerNode,
  cluster: DbCluster,
  members: ReadonlyMap<string, DbInstance>,
  groups: ReadonlyMap<string, DbSubnetGroup>,
): void {
  const { t } = ix;
  const group = cluster.subnetGroupName ? groups.get(cluster.subnetGroupName) : undefined;
  const points = endpointTargets(cluster, t);
  const node = add(parent, {
    kind: 'dbCluster',
    id: `${parent.id}/cluster:${cluster.id}`,
    label: cluster.id,
    description: [stateText(cluster.status, t), cluster.engine, cluster.multiAz ? t('Multi-AZ') : undefined]
      .filter(Boolean)
      .join(' · '),
    tooltip:
      `**${mdText(cluster.id)}**\n\n` +
      mdFields([
        [t('Status'), stateText(cluster.status, t)],
        [t('Engine'), cluster.engine],
        [t('Writer endpoint'), cluster.endpoint ? [mdCode(cluster.endpoint), points.writer].join(' ') : undefined],
        [
          t('Reader endpoint'),
          cluster.readerEndpoint ? [mdCode(cluster.readerEndpoint), points.reader].join(' ') : undefined,
        ],
        [t('Port'), cluster.port !== undefined ? String(cluster.port) : undefined],
        [t('Availability Zones'), cluster.azs.map(mdCode).join(', ')],
        [t('Subnet group'), cluster.subnetGroupName ? mdCode(cluster.subnetGroupName) : undefined],
        [t('Security groups'), cluster.securityGroupIds.map((id) => ix.groupLabel(id)).join(', ')],
      ]),
    icon: icon('database', toneOf(cluster.status)),
    expand: 'expanded',
    resource: {
      id: cluster.id,
      arn: cluster.arn,
      dnsName: cluster.endpoint,
      consoleType: 'dbCluster',
      region: ix.region,
    },
  });
  // Writer first: that is how the console lists them and how a student reads a failover.
  const sorted = [...cluster.members].sort(
    (a, b) => Number(b.isWriter) - Number(a.isWriter) || byText(a.instanceId, b.instanceId),
  );
  const hasReader = sorted.some((m) => !m.isWriter);
  for (const member of sorted) {
    const db = members.get(member.instanceId);
    const az = member.az ?? db?.az;
    const role = member.isWriter ? t('writer') : t('reader');
    const subnets = subnetsInAz(ix, group, az);
    const memberNode = add(node, {
      kind: 'dbClusterMember',
      id: `${node.id}/member:${member.instanceId}`,
      label: member.instanceId,
      description: [role, az, db ? stateText(db.status, t) : undefined, ...subnets.map(subnetText)]
        .filter(Boolean)
        .join(' · '),
      tooltip:
        `**${mdText(member.instanceId)}**\n\n` +
        mdFields([
          [t('Role'), role],
          [t('Availability Zone'), az ? mdCode(az) : undefined],
          [t('Subnet'), subnets.map((s) => `${mdCode(s.id)} ${mdCode(s.cidr)}`).join(', ') || undefined],
          [t('Status'), db ? stateText(db.status, t) : undefined],
          [t('Class'), db ? mdCode(db.instanceClass) : undefined],
          [t('Endpoint'), db?.endpoint ? mdCode(`${db.endpoint.address}:${db.endpoint.port}`) : undefined],
        ]),
      icon: icon(member.isWriter ? 'edit' : 'eye', db ? toneOf(db.status) : 'neutral'),
      resource: {
        id: member.instanceId,
        arn: db?.arn,
        dnsName: db?.endpoint?.address,
        consoleType: 'dbInstance',
        region: ix.region,
      },
    });
    // The cluster's endpoints under the member they point at now: after a failover they move to the other one.
    if (member.isWriter && cluster.endpoint)
      endpointRow(ix, memberNode, 'cluster', t('Writer endpoint'), cluster.endpoint, cluster.port, points.writer);
    if ((!member.isWriter || !hasReader) && cluster.readerEndpoint)
      endpointRow(ix, memberNode, 'reader', t('Reader endpoint'), cluster.readerEndpoint, cluster.port, points.reader);
  }
  if (sorted.length === 0) addEmpty(node, t('No DB instances in this cluster yet'));
}
