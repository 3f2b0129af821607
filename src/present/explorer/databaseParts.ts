// The rows under a database: where it runs (primary, standby, an Aurora member) and in which subnet of its DB
// subnet group, whom an endpoint points at (from the members' roles: it changes after a failover), the subnet
// group with its subnets, and its security groups. Also the DB subnet groups on their own.
import type { DbCluster, DbSubnetGroup, Subnet } from '../../aws/types';
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText } from './text';

/** The subnets of a DB subnet group in one AZ (RDS does not say which one a database is in when there are two). */
export function subnetsInAz(ix: InventoryIndex, group: DbSubnetGroup | undefined, az: string | undefined): Subnet[] {
  if (!group || !az) return [];
  return group.subnetIds.flatMap((id) => {
    const s = ix.subnets.get(id);
    return s && s.az === az ? [s] : [];
  });
}

export const subnetText = (s: Subnet) => s.name ?? s.id;

/** "primary · ap-northeast-1a · private-1a (10.0.2.0/24)": one AZ a database (or its standby) runs in. */
export function placementRow(
  ix: InventoryIndex,
  parent: ExplorerNode,
  role: 'primary' | 'standby',
  az: string,
  group: DbSubnetGroup | undefined,
): void {
  const { t } = ix;
  const subnets = subnetsInAz(ix, group, az);
  const label = role === 'primary' ? t('primary') : t('standby');
  add(parent, {
    kind: 'dbPlacement',
    id: `${parent.id}/${role}`,
    label,
    description: [az, ...subnets.map((s) => `${subnetText(s)} (${s.cidr})`)].join(' · '),
    tooltip: mdFields([
      [t('Role'), label],
      [t('Availability Zone'), mdCode(az)],
      [t('Subnet'), subnets.map((s) => `${mdCode(s.id)} ${mdText(s.name ?? '')} ${mdCode(s.cidr)}`).join(', ')],
      [
        t('What it does'),
        role === 'primary'
          ? t('Answers on the endpoint; a failover moves this role to the standby’s AZ.')
          : t('A synchronous copy in another AZ: it takes over on a failover, and answers nothing until then.'),
      ],
    ]),
    icon: icon(role === 'primary' ? 'star-full' : 'mirror'),
    resource: { id: subnets[0]?.id, consoleType: subnets[0] ? 'subnet' : undefined, region: ix.region },
  });
}

/** "host:port → writer wp-user01": an endpoint and the instance it points at now. */
export function endpointRow(
  ix: InventoryIndex,
  parent: ExplorerNode,
  key: string,
  kindLabel: string,
  host: string,
  port: number | undefined,
  target: string | undefined,
): void {
  const { t } = ix;
  add(parent, {
    kind: 'dbEndpoint',
    id: `${parent.id}/endpoint:${key}`,
    label: port !== undefined ? `${host}:${port}` : host,
    description: [kindLabel, target].filter(Boolean).join(' '),
    tooltip: mdFields([
      [kindLabel, mdCode(host)],
      [t('Port'), port !== undefined ? String(port) : undefined],
      [t('Points at'), target ? mdText(target) : undefined],
    ]),
    icon: icon('plug'),
    resource: { dnsName: host, region: ix.region },
  });
}

/** Whom a cluster's endpoints point at, from the members' roles (the reader endpoint is the writer's with no reader). */
export function endpointTargets(
  cluster: DbCluster,
  t: InventoryIndex['t'],
): { writer: string | undefined; reader: string | undefined } {
  const writer = cluster.members.find((m) => m.isWriter)?.instanceId;
  const readers = cluster.members
    .filter((m) => !m.isWriter)
    .map((m) => m.instanceId)
    .sort(byText);
  return {
    writer: writer ? t('→ writer {0}', writer) : undefined,
    reader:
      readers.length > 0
        ? readers.length === 1
          ? t('→ reader {0}', readers.join(', '))
          : t('→ readers {0}', readers.join(', '))
        : writer
          ? t('→ writer {0} (no reader yet)', writer)
          : undefined,
  };
}

/** A DB subnet group and its subnets (AZ, CIDR, public or private by its routes). */
export function subnetGroupRow(
  ix: InventoryIndex,
  parent: ExplorerNode,
  group: DbSubnetGroup,
  usedBy: readonly string[],
): void {
  const { t } = ix;
  const node = add(parent, {
    kind: 'dbSubnetGroup',
    id: `${parent.id}/subnetGroup:${group.name}`,
    label: group.name,
    description: [
      t('Subnet group'),
      group.azs.length === 1 ? t('1 AZ') : t('{0} AZs', group.azs.length),
      group.azs.join(', '),
    ].join(' · '),
    tooltip:
      `**${mdText(group.name)}**\n\n` +
      mdFields([
        [t('Subnet group'), mdCode(group.name)],
        [t('VPC'), group.vpcId ? mdCode(group.vpcId) : undefined],
        [t('Availability Zones'), group.azs.map(mdCode).join(', ')],
        [t('Status'), group.status || undefined],
        [t('Used by'), usedBy.length > 0 ? usedBy.map(mdText).join(', ') : t('no database')],
      ]),
    icon: icon('symbol-namespace', group.azs.length < 2 ? 'bad' : 'neutral'),
    resource: { id: group.name, region: ix.region },
  });
  const subnets = group.subnetIds
    .map((id) => ix.subnets.get(id) ?? id)
    .sort((a, b) =>
      typeof a === 'string' || typeof b === 'string'
        ? byText(typeof a === 'string' ? a : a.id, typeof b === 'string' ? b : b.id)
        : byText(a.az, b.az) || byText(a.cidr, b.cidr),
    );
  for (const s of subnets) {
    if (typeof s === 'string') {
      add(node, { kind: 'dbSubnet', id: `${node.id}/subnet:${s}`, label: s, icon: icon('lock') });
      continue;
    }
    const isPublic = ix.isPublic(s);
    add(node, {
      kind: 'dbSubnet',
      id: `${node.id}/subnet:${s.id}`,
      label: subnetText(s),
      description: [s.az, s.cidr, isPublic ? t('public') : t('private')].join(' · '),
      tooltip: mdFields([
        [t('Subnet'), mdCode(s.id)],
        [t('Availability Zone'), mdCode(s.az)],
        [t('CIDR'), mdCode(s.cidr)],
      ]),
      icon: icon(isPublic ? 'unlock' : 'lock', isPublic ? 'bad' : 'neutral'),
      resource: { id: s.id, consoleType: 'subnet', region: ix.region },
    });
  }
}

/** The security groups a database uses, one row each. */
export function groupRows(ix: InventoryIndex, parent: ExplorerNode, ids: readonly string[]): void {
  const { t } = ix;
  for (const id of ids) {
    const name = ix.groupNames.get(id);
    add(parent, {
      kind: 'dbSecurityGroup',
      id: `${parent.id}/sg:${id}`,
      label: name ?? id,
      description: name ? `${t('Security group')} · ${id}` : t('Security group'),
      tooltip: mdFields([[t('Security group'), ix.groupLabel(id)]]),
      icon: icon('shield'),
      resource: { id, consoleType: 'securityGroup', region: ix.region },
    });
  }
}
