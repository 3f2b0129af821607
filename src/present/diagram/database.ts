// The database tier in the diagram: each DB instance in its AZ's column, tied to the subnet of its DB subnet
// group there (a private one in seed 004's Test-VPC); a Multi-AZ instance's standby drawn in the other AZ; Aurora
// members with their roles (writer, reader: they swap on a failover). Pure data; svg.ts draws it.
import type { DbInstance, DbSubnetGroup, Inventory } from '../../aws/types';
import { toneOf, type Tone } from '../explorer/text';
import type { DiagramRef } from './ref';

export interface DbChip {
  readonly ref: DiagramRef;
  readonly id: string;
  readonly engine: string;
  readonly status: string;
  readonly tone: Tone;
  /** Aurora: writer or reader; Multi-AZ DB instance: the standby in its second AZ. */
  readonly role?: 'writer' | 'reader' | 'primary' | 'standby';
  readonly clusterId?: string;
  /** The subnet of its DB subnet group in this AZ (RDS does not say which, with two there: then none). */
  readonly subnetId?: string;
}

/** A DB instance's VPC: its subnet group's, else its security groups' (RDS lists no VPC on the instance itself). */
function dbVpc(
  db: DbInstance,
  group: DbSubnetGroup | undefined,
  groupVpc: ReadonlyMap<string, string | undefined>,
): string | undefined {
  if (group?.vpcId) return group.vpcId;
  for (const g of db.securityGroupIds) {
    const vpc = groupVpc.get(g);
    if (vpc) return vpc;
  }
  return undefined;
}

/** Every database's chips, by VPC, then by AZ. */
export function databaseChips(inv: Inventory): Map<string, Map<string, DbChip[]>> {
  const out = new Map<string, Map<string, DbChip[]>>();
  if (inv.dbInstances.length === 0) return out;
  const groupVpc = new Map(inv.securityGroups.map((g) => [g.id, g.vpcId]));
  const subnetGroups = new Map(inv.dbSubnetGroups.map((g) => [g.name, g]));
  const subnetAz = new Map(inv.subnets.map((s) => [s.id, s.az]));
  const clusters = new Map(inv.dbClusters.map((c) => [c.id, c]));
  const clusterRole = new Map<string, 'writer' | 'reader'>();
  for (const c of inv.dbClusters)
    for (const m of c.members) clusterRole.set(m.instanceId, m.isWriter ? 'writer' : 'reader');
  const subnetIn = (group: DbSubnetGroup | undefined, az: string) => {
    const there = group?.subnetIds.filter((id) => subnetAz.get(id) === az) ?? [];
    return there.length === 1 ? { subnetId: there[0] } : {};
  };
  for (const db of inv.dbInstances) {
    // An Aurora member is placed by its cluster's subnet group when it does not list its own.
    const groupName = db.subnetGroupName ?? (db.clusterId ? clusters.get(db.clusterId)?.subnetGroupName : undefined);
    const group = groupName ? subnetGroups.get(groupName) : undefined;
    const vpcId = dbVpc(db, group, groupVpc);
    if (!vpcId || !db.az) continue;
    let byAz = out.get(vpcId);
    if (!byAz) out.set(vpcId, (byAz = new Map()));
    const place = (az: string, chip: DbChip) => {
      const list = byAz.get(az);
      if (list) list.push(chip);
      else byAz.set(az, [chip]);
    };
    const role = clusterRole.get(db.id) ?? (db.multiAz ? 'primary' : undefined);
    const chip: DbChip = {
      ref: { kind: db.clusterId ? 'dbClusterMember' : 'dbInstance', id: db.id, fallback: { kind: 'vpc', id: vpcId } },
      id: db.id,
      engine: db.engine,
      status: db.status,
      tone: toneOf(db.status),
      ...(role ? { role } : {}),
      ...(db.clusterId ? { clusterId: db.clusterId } : {}),
    };
    place(db.az, { ...chip, ...subnetIn(group, db.az) });
    if (db.multiAz && !db.clusterId && db.secondaryAz)
      place(db.secondaryAz, { ...chip, role: 'standby', ...subnetIn(group, db.secondaryAz) });
  }
  return out;
}
