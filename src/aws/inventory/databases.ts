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
import { allPages, call, settleAll, type Caller } from './calls';
import { defined, iso, tagsOf } from './shapes';

export interface RawDatabases {
  readonly instances: readonly RDS.DBInstance[];
  readonly clusters: readonly RDS.DBCluster[];
  readonly subnetGroups: readonly RDS.DBSubnetGroup[];
  /** DescribeEvents of DB instances and clusters (absent when not read). */
  readonly events?: readonly RDS.Event[];
}

/** Fourteen days, the longest RDS keeps events. */
const EVENT_MINUTES = 14 * 24 * 60;

export async function fetchDatabases(c: Caller): Promise<RawDatabases> {
  // RDS pages hold at most 100 records.
  const pager = { client: c.clients.rds, pageSize: 100, withCommand: c.counted };
  const [instances, clusters, subnetGroups, events] = await settleAll<
    [RDS.DBInstance[], RDS.DBCluster[], RDS.DBSubnetGroup[], RDS.Event[]]
  >([
    call('rds:DescribeDBInstances', () =>
      allPages(paginateDescribeDBInstances(pager, {}, c.options), (p) => p.DBInstances),
    ),
    call('rds:DescribeDBClusters', () =>
      allPages(paginateDescribeDBClusters(pager, {}, c.options), (p) => p.DBClusters),
    ),
    call('rds:DescribeDBSubnetGroups', () =>
      allPages(paginateDescribeDBSubnetGroups(pager, {}, c.options), (p) => p.DBSubnetGroups),
    ),
    // A failover (2.5, 2.7) is known from these, whoever started it.
    call('rds:DescribeEvents', () =>
      allPages(paginateDescribeEvents(pager, { Duration: EVENT_MINUTES }, c.options), (p) => p.Events),
    ),
  ]);
  return { instances, clusters, subnetGroups, events };
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
