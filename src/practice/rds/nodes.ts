// The database servers as the VPC sees them now: for DNS (what each endpoint resolves to, with seed 003's CNAME
// chain), the MySQL face (who answers, read-only or not, whose data) and the instance shell. Derived from the RDS
// records at `now`, so a failover or a reboot's outage shows here as soon as the records say so.
import { PRACTICE_REGION } from '../core/constants';
import type { DbClusterRecord, DbInstanceRecord, RegionState } from '../core/records';
import { rdsHostName } from './names';
import { primaryOf } from './placement';

/** One database server as the VPC sees it now: what its names resolve to and whether it answers. */
export interface DatabaseNode {
  readonly instanceId: string; // the DB instance identifier
  readonly clusterId?: string; // Aurora only
  readonly instanceEndpoint: string; // <id>.<label>.<region>.rds.amazonaws.com
  /** Names that resolve to this node now, each with the chain of CNAMEs a resolver shows (cluster endpoint ->
   *  instance endpoint, as seed 003 shows): the instance endpoint always; Aurora: the cluster (writer) endpoint
   *  on the writer, the reader endpoint on the readers (on the writer when there is no reader). */
  readonly names: readonly { readonly name: string; readonly cname?: string }[];
  readonly privateIp: string; // in `subnetId` (the primary's; after a Multi-AZ failover the standby's)
  readonly subnetId: string;
  readonly vpcId: string;
  readonly az: string;
  readonly securityGroupIds: readonly string[];
  readonly port: number; // 3306
  readonly engine: string; // 'mysql' | 'aurora-mysql'
  readonly readOnly: boolean; // Aurora readers true; writer and RDS MySQL false
  readonly hostname: string; // what `select @@hostname` answers (AWS: 'ip-10-0-2-15' style)
  /** False while creating, rebooting, failing over (for the modelled outage), deleting, stopped. */
  readonly answering: boolean;
  readonly masterUsername: string;
  readonly masterPassword: string; // the practice account keeps it (plain, in its own state file)
  readonly initialDatabase?: string; // DBName / DatabaseName
  /** Whose data this node serves: the DB instance id for RDS MySQL (the same across a Multi-AZ failover), the
   *  cluster id for Aurora (shared by its members). */
  readonly storeId: string;
  /** The DB instance's status as DescribeDBInstances shows it now. */
  readonly status: string;
  /** Aurora: true on the cluster's writer. */
  readonly writer: boolean;
}

/** Statuses in which the database accepts connections (a Multi-AZ conversion or a backup runs online). */
const SERVING = new Set([
  'available',
  'backing-up',
  'modifying',
  'configuring-enhanced-monitoring',
  'configuring-log-exports',
  'storage-optimization',
  'upgrading',
  'maintenance',
  'renaming',
  'resetting-master-credentials',
]);

const isBefore = (at: string | undefined, now: Date) => at !== undefined && now.getTime() < Date.parse(at);

/** Whether the instance accepts connections at `now`: a serving status, outside a reboot's or failover's outage. */
export function isAnswering(d: DbInstanceRecord, cluster: DbClusterRecord | undefined, now: Date): boolean {
  if (!SERVING.has(d.status)) return false;
  if (isBefore(d.outageUntil, now)) return false;
  // A cluster's failover drops every member's connections while the writer changes.
  return cluster?.status !== 'failing-over';
}

/** The instance has been created (its Endpoint exists); a record of an older build: unless still creating. */
export function hasEndpoint(d: DbInstanceRecord): boolean {
  return d.createdAt !== undefined || d.status !== 'creating';
}

/** AWS's host name inside the instance: `ip-10-0-2-15` for 10.0.2.15. */
export function dbHostname(privateIp: string): string {
  return `ip-${privateIp.replace(/\./g, '-')}`;
}

/** The cluster's writer now (the named one, else its first member). */
export function clusterWriter(cluster: DbClusterRecord): string | undefined {
  return cluster.writerId && cluster.memberIds.includes(cluster.writerId) ? cluster.writerId : cluster.memberIds[0];
}

function auroraNames(
  region: string,
  cluster: DbClusterRecord,
  d: DbInstanceRecord,
  endpoint: string,
  members: readonly DbInstanceRecord[],
): { name: string; cname?: string }[] {
  const writer = clusterWriter(cluster);
  // The reader endpoint covers the readers once they exist; until then it points at the writer, as on AWS.
  const readers = members.filter((m) => m.id !== writer && hasEndpoint(m));
  const names: { name: string; cname?: string }[] = [];
  if (d.id === writer) names.push({ name: rdsHostName(region, cluster.id, 'cluster-'), cname: endpoint });
  if ((d.id !== writer && hasEndpoint(d)) || (d.id === writer && readers.length === 0))
    names.push({ name: rdsHostName(region, cluster.id, 'cluster-ro-'), cname: endpoint });
  return names;
}

/** Every DB instance that has an address in the VPC, as the VPC sees it at `now` (endpoint names use `regionName`). */
export function databaseNodes(region: RegionState, now: Date, regionName: string = PRACTICE_REGION): DatabaseNode[] {
  const subnets = new Map(region.subnets.map((s) => [s.id, s]));
  const clusters = new Map(region.dbClusters.map((c) => [c.id, c]));
  const nodes: DatabaseNode[] = [];
  for (const d of region.dbInstances) {
    const placement = primaryOf(region, d);
    const subnet = placement ? subnets.get(placement.subnetId) : undefined;
    if (!placement || !subnet) continue;
    const cluster = d.clusterId ? clusters.get(d.clusterId) : undefined;
    const endpoint = rdsHostName(regionName, d.id);
    const members = cluster ? region.dbInstances.filter((m) => cluster.memberIds.includes(m.id)) : [];
    const writer = cluster ? clusterWriter(cluster) === d.id : true;
    nodes.push({
      instanceId: d.id,
      ...(cluster ? { clusterId: cluster.id } : {}),
      instanceEndpoint: endpoint,
      names: [{ name: endpoint }, ...(cluster ? auroraNames(regionName, cluster, d, endpoint, members) : [])],
      privateIp: placement.privateIp,
      subnetId: placement.subnetId,
      vpcId: subnet.vpcId,
      az: placement.az,
      securityGroupIds: cluster ? cluster.securityGroupIds : d.securityGroupIds,
      port: cluster?.port ?? d.port,
      engine: d.engine,
      readOnly: cluster !== undefined && !writer,
      hostname: dbHostname(placement.privateIp),
      answering: isAnswering(d, cluster, now),
      masterUsername: cluster?.masterUsername ?? d.masterUsername,
      masterPassword: cluster?.masterPassword ?? d.masterPassword ?? '',
      ...((cluster?.databaseName ?? d.dbName) ? { initialDatabase: cluster?.databaseName ?? d.dbName } : {}),
      storeId: cluster ? cluster.id : d.id,
      status: d.status,
      writer,
    });
  }
  return nodes;
}
