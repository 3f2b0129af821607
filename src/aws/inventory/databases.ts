// Databases section: RDS DB instances, Aurora clusters (members' AZs come from their DB instances) and the DB
// subnet groups they are placed by.
import {
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBSubnetGroups,
  paginateDescribeEvents,
} from '@aws-sdk/client-rds';
import type * as RDS from '@aws-sdk/client-rds';
import type { DbCluster, DbEvent, DbInstance, DbSubnetGroup } from '../types';
import { allPages, call, mapLimit, settleAll, type Caller } from './calls';
import { defined, iso, tagsOf } from './shapes';
import type { Focus } from './focus';

export interface RawDatabases {
  readonly instances: readonly RDS.DBInstance[];
  readonly clusters: readonly RDS.DBCluster[];
  readonly subnetGroups: readonly RDS.DBSubnetGroup[];
  /** DescribeEvents of DB instances and clusters (absent when not read). */
  readonly events?: readonly RDS.Event[];
}

/** Fourteen days, the longest RDS keeps events. */
const EVENT_MINUTES = 14 * 24 * 60;

/**
 * DB instances, clusters, subnet groups and the events of the last 14 days: account-wide, or for a student's read
 * (focus.ts) the events of their own DBs only (one listing per DB: a class's events are not theirs to page through).
 */
export async function fetchDatabases(c: Caller, focus?: Focus): Promise<RawDatabases> {
  // RDS pages hold at most 100 records.
  const pager = { client: c.clients.rds, pageSize: 100, withCommand: c.counted };
  const listEvents = (input: RDS.DescribeEventsMessage) =>
    allPages(paginateDescribeEvents(pager, { Duration: EVENT_MINUTES, ...input }, c.options), (p) => p.Events);
  const lists = settleAll<[RDS.DBInstance[], RDS.DBCluster[]]>([
    call('rds:DescribeDBInstances', () =>
      allPages(paginateDescribeDBInstances(pager, {}, c.options), (p) => p.DBInstances),
    ),
    call('rds:DescribeDBClusters', () =>
      allPages(paginateDescribeDBClusters(pager, {}, c.options), (p) => p.DBClusters),
    ),
  ]);
  const [[instances, clusters], subnetGroups, events] = await settleAll<
    [[RDS.DBInstance[], RDS.DBCluster[]], RDS.DBSubnetGroup[], RDS.Event[]]
  >([
    lists,
    call('rds:DescribeDBSubnetGroups', () =>
      allPages(paginateDescribeDBSubnetGroups(pager, {}, c.options), (p) => p.DBSubnetGroups),
    ),
    // A failover (2.5, 2.7) is known from these, whoever started it.
    call('rds:DescribeEvents', async () => {
      if (!focus) return listEvents({});
      const [instances, clusters] = await lists.catch((): [RDS.DBInstance[], RDS.DBCluster[]] => [[], []]);
      const sources = studentsDatabases(focus, instances, clusters);
      const each = await mapLimit(sources, 4, (s) => listEvents({ SourceIdentifier: s.id, SourceType: s.type }));
      return each.flat();
    }),
  ]);
  return { instances, clusters, subnetGroups, events };
}

/** The student's clusters (by identifier or tag) and DB instances (their own, and their clusters' members). */
function studentsDatabases(
  focus: Focus,
  instances: readonly RDS.DBInstance[],
  clusters: readonly RDS.DBCluster[],
): { id: string; type: RDS.SourceType }[] {
  const own = clusters.filter((cl) => focus.owns(cl.DBClusterIdentifier, tagsOf(cl.TagList)));
  const clusterIds = new Set(own.map((cl) => cl.DBClusterIdentifier));
  const dbs = instances.filter(
    (d) =>
      focus.owns(d.DBInstanceIdentifier, tagsOf(d.TagList)) ||
      (d.DBClusterIdentifier !== undefined && clusterIds.has(d.DBClusterIdentifier)),
  );
  return [
    ...own.map((cl) => ({ id: cl.DBClusterIdentifier ?? '', type: 'db-cluster' as const })),
    ...dbs.map((d) => ({ id: d.DBInstanceIdentifier ?? '', type: 'db-instance' as const })),
  ].filter((s) => s.id);
}

export function mapDbInstance(d: RDS.DBInstance): DbInstance {
  return defined({
    id: d.DBInstanceIdentifier ?? '',
    arn: d.DBInstanceArn ?? '',
    engine: d.Engine ?? '',
    engineVersion: d.EngineVersion,
    instanceClass: d.DBInstanceClass ?? '',
    status: d.DBInstanceStatus ?? '',
    multiAz: d.MultiAZ ?? false,
    az: d.AvailabilityZone,
    secondaryAz: d.SecondaryAvailabilityZone,
    endpoint: d.Endpoint?.Address ? { address: d.Endpoint.Address, port: d.Endpoint.Port ?? 0 } : undefined,
    clusterId: d.DBClusterIdentifier,
    storageGiB: d.AllocatedStorage,
    storageType: d.StorageType,
    publiclyAccessible: d.PubliclyAccessible ?? false,
    subnetGroupName: d.DBSubnetGroup?.DBSubnetGroupName,
    securityGroupIds: (d.VpcSecurityGroups ?? []).flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [])),
    createTime: iso(d.InstanceCreateTime),
    dbName: d.DBName,
    masterUsername: d.MasterUsername,
    backupRetentionDays: d.BackupRetentionPeriod,
    deletionProtection: d.DeletionProtection ?? false,
    pendingMultiAz: d.PendingModifiedValues?.MultiAZ,
    tags: tagsOf(d.TagList),
  });
}

export function mapDbSubnetGroup(g: RDS.DBSubnetGroup): DbSubnetGroup {
  const subnets = g.Subnets ?? [];
  return {
    name: g.DBSubnetGroupName ?? '',
    vpcId: g.VpcId ?? '',
    subnetIds: subnets.flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : [])),
    azs: [
      ...new Set(subnets.flatMap((s) => (s.SubnetAvailabilityZone?.Name ? [s.SubnetAvailabilityZone.Name] : []))),
    ].sort(),
    status: g.SubnetGroupStatus ?? '',
  };
}

export function mapDbClusters(clusters: readonly RDS.DBCluster[], instances: readonly RDS.DBInstance[]): DbCluster[] {
  const azById = new Map(instances.map((d) => [d.DBInstanceIdentifier, d.AvailabilityZone]));
  return clusters.map((cl) =>
    defined({
      id: cl.DBClusterIdentifier ?? '',
      arn: cl.DBClusterArn ?? '',
      engine: cl.Engine ?? '',
      status: cl.Status ?? '',
      multiAz: cl.MultiAZ ?? false,
      endpoint: cl.Endpoint,
      readerEndpoint: cl.ReaderEndpoint,
      port: cl.Port,
      // Writer first: the student reads the cluster top-down.
      members: (cl.DBClusterMembers ?? [])
        .map((m) =>
          defined({
            instanceId: m.DBInstanceIdentifier ?? '',
            isWriter: m.IsClusterWriter ?? false,
            az: azById.get(m.DBInstanceIdentifier) ?? undefined,
          }),
        )
        .sort((a, b) => Number(b.isWriter) - Number(a.isWriter)),
      azs: cl.AvailabilityZones ?? [],
      engineVersion: cl.EngineVersion,
      databaseName: cl.DatabaseName,
      masterUsername: cl.MasterUsername,
      subnetGroupName: cl.DBSubnetGroup,
      securityGroupIds: (cl.VpcSecurityGroups ?? []).flatMap((g) =>
        g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [],
      ),
      deletionProtection: cl.DeletionProtection ?? false,
      tags: tagsOf(cl.TagList),
    }),
  );
}

/** The events of DB instances and clusters, oldest first. */
export function mapDbEvents(events: readonly RDS.Event[]): DbEvent[] {
  return events
    .filter((e) => e.SourceType === 'db-instance' || e.SourceType === 'db-cluster')
    .map((e) => ({
      sourceId: e.SourceIdentifier ?? '',
      sourceType: e.SourceType ?? '',
      date: iso(e.Date) ?? '',
      message: e.Message ?? '',
      categories: e.EventCategories ?? [],
    }))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}
