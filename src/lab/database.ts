// Track 2's roles: the database tier found the way the checks find the web tier — by what it does before what it is
// called. The web tier's groups decide: the database group is the one the lab's database uses, else the one named
// db-sg, else one that admits the web tier on MySQL's port; the database is the one named test-rds-1, else the
// lab's, else one those groups guard.
import type { DbCluster, DbEvent, DbInstance, DbSubnetGroup, Inventory, SecurityGroup } from '../aws/types';
import { auroraNames, namesOf, type LayoutId } from './layout';
import { findLabVpc } from './network';
import { findWebTier, type LabRoles } from './roles';
import { cidrContains, coversTcpPort } from './checks/securityRules';
import { isLabTagged } from './types';

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const isAurora = (engine: string) => engine.startsWith('aurora');
const gone = (status: string) => status === 'deleting' || status === 'deleted';

/** The web servers whose groups the database must admit: the web server, its clone, and 4.3's in Test-VPC. */
export function webTierGroupIds(inv: Inventory, roles: LabRoles, layout?: LayoutId): string[] {
  const vpc = namesOf(layout, inv.student).network === 'labVpc' ? findLabVpc(inv) : undefined;
  const servers = [roles.webServer, roles.clone, vpc ? findWebTier(inv, vpc, layout) : undefined];
  return [...new Set(servers.flatMap((i) => i?.securityGroups.map((g) => g.id) ?? []))];
}

/** The web tier's private addresses (a rule may admit them by CIDR instead of by group). */
function webTierIps(inv: Inventory, roles: LabRoles): string[] {
  return [roles.webServer, roles.clone].flatMap((i) => (i?.privateIp ? [i.privateIp] : []));
}

const OPEN = ['0.0.0.0/0', '::/0'];

/** Whether a rule of these groups lets the web tier reach the port (by its group, or a CIDR holding its servers). */
export function admitsWebTier(
  groups: readonly SecurityGroup[],
  webGroupIds: readonly string[],
  webIps: readonly string[],
  port: number,
): boolean {
  return groups.some((g) =>
    g.inbound.some((r) => {
      if (!coversTcpPort(r, port)) return false;
      if (r.source.kind === 'group') return webGroupIds.includes(r.source.groupId);
      if (r.source.kind !== 'cidr' || OPEN.includes(r.source.cidr) || webIps.length === 0) return false;
      const cidr = r.source.cidr;
      return webIps.every((ip) => cidrContains(cidr, `${ip}/32`));
    }),
  );
}

/** The rules of these groups that open the port to everyone. */
export function openToEveryone(groups: readonly SecurityGroup[], port: number): SecurityGroup | undefined {
  return groups.find((g) =>
    g.inbound.some(
      (r) =>
        coversTcpPort(r, port) &&
        (r.source.kind === 'cidr' || r.source.kind === 'cidr6') &&
        OPEN.includes(r.source.cidr),
    ),
  );
}

/** Everything track 2 judges, found once. */
export interface DatabaseRoles {
  /** The VPC the web tier runs in (the database belongs there). */
  readonly vpcId?: string;
  readonly webGroupIds: readonly string[];
  readonly webIps: readonly string[];
  /** The groups the database tier uses (the lab's database's, else db-sg, else one admitting the web tier). */
  readonly dbGroups: readonly SecurityGroup[];
  readonly subnetGroup?: DbSubnetGroup;
  /** 2.2's RDS MySQL instance. */
  readonly instance?: DbInstance;
  /** 2.6's Aurora cluster, and its members' DB instances. */
  readonly cluster?: DbCluster;
  readonly clusterInstances: readonly DbInstance[];
}

function findInstance(
  inv: Inventory,
  layout: LayoutId | undefined,
  webGroupIds: readonly string[],
): DbInstance | undefined {
  const candidates = inv.dbInstances.filter((d) => !isAurora(d.engine) && !d.clusterId && !gone(d.status));
  const name = namesOf(layout, inv.student).database.instance;
  return (
    candidates.find((d) => sameName(d.id, name)) ??
    candidates.find((d) => isLabTagged(d.tags)) ??
    candidates.find((d) => {
      const groups = inv.securityGroups.filter((g) => d.securityGroupIds.includes(g.id));
      return admitsWebTier(groups, webGroupIds, [], namesOf(layout, inv.student).database.port);
    }) ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

function findCluster(inv: Inventory, webGroupIds: readonly string[], student?: string): DbCluster | undefined {
  const candidates = inv.dbClusters.filter((c) => isAurora(c.engine) && !gone(c.status));
  return (
    candidates.find((c) => sameName(c.id, auroraNames(student).cluster)) ??
    candidates.find((c) => isLabTagged(c.tags)) ??
    candidates.find((c) => {
      const groups = inv.securityGroups.filter((g) => c.securityGroupIds.includes(g.id));
      return admitsWebTier(groups, webGroupIds, [], 3306);
    }) ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** The web tier's VPC: the lab's own in the Test-VPC layout, else the web server's. */
function webTierVpcId(inv: Inventory, roles: LabRoles, layout?: LayoutId): string | undefined {
  if (namesOf(layout, inv.student).network === 'labVpc') return findLabVpc(inv)?.id;
  return roles.webServer?.vpcId;
}

export function findDatabaseRoles(
  inv: Inventory,
  roles: LabRoles,
  layout?: LayoutId,
  student = inv.student,
): DatabaseRoles {
  const names = namesOf(layout, inv.student).database;
  const webGroupIds = webTierGroupIds(inv, roles, layout);
  const webIps = webTierIps(inv, roles);
  const vpcId = webTierVpcId(inv, roles, layout);
  const instance = findInstance(inv, layout, webGroupIds);
  const cluster = findCluster(inv, webGroupIds, student);
  const usedIds = [...(instance?.securityGroupIds ?? []), ...(cluster?.securityGroupIds ?? [])];
  const inVpc = (g: SecurityGroup) => !vpcId || g.vpcId === vpcId;
  const used = inv.securityGroups.filter((g) => usedIds.includes(g.id));
  const named = inv.securityGroups.filter((g) => sameName(g.name, names.securityGroup) && inVpc(g));
  const admitting = inv.securityGroups.filter(
    (g) => inVpc(g) && !webGroupIds.includes(g.id) && admitsWebTier([g], webGroupIds, webIps, names.port),
  );
  const dbGroups = used.length > 0 ? used : named.length > 0 ? named : admitting.slice(0, 1);
  const groupName = instance?.subnetGroupName ?? cluster?.subnetGroupName;
  const subnetGroup =
    inv.dbSubnetGroups.find((g) => groupName !== undefined && sameName(g.name, groupName)) ??
    inv.dbSubnetGroups.find((g) => sameName(g.name, names.subnetGroup)) ??
    inv.dbSubnetGroups.find((g) => vpcId !== undefined && g.vpcId === vpcId && g.name !== 'default');
  const clusterInstances = cluster
    ? cluster.members.flatMap((m) => inv.dbInstances.filter((d) => d.id === m.instanceId))
    : [];
  return {
    ...(vpcId ? { vpcId } : {}),
    webGroupIds,
    webIps,
    dbGroups,
    ...(subnetGroup ? { subnetGroup } : {}),
    ...(instance ? { instance } : {}),
    ...(cluster ? { cluster } : {}),
    clusterInstances,
  };
}

/** The events of one database, oldest first. */
export function eventsOf(inv: Inventory, sourceId: string): DbEvent[] {
  return inv.dbEvents.filter((e) => e.sourceId === sourceId).sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}
