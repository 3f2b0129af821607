// Aurora clusters: DescribeDBClusters, CreateDBCluster (aurora-mysql; creating -> available; members come by
// CreateDBInstance), FailoverDBCluster (failing-over, then the target reader is the writer and the cluster and
// reader endpoints follow, via nodes.ts), DescribeDBClusterEndpoints (the default WRITER and READER endpoints),
// ModifyDBCluster (protection, backups, password, groups), DeleteDBCluster (refused while it has members that are
// not being deleted).
import {
  CreateDBCluster$,
  DeleteDBCluster$,
  DescribeDBClusterEndpoints$,
  DescribeDBClusters$,
  FailoverDBCluster$,
  ModifyDBCluster$,
  type CreateDBClusterMessage,
  type CreateDBClusterResult,
  type DBCluster,
  type DBClusterEndpointMessage,
  type DBClusterMessage,
  type DeleteDBClusterMessage,
  type DeleteDBClusterResult,
  type DescribeDBClusterEndpointsMessage,
  type DescribeDBClustersMessage,
  type FailoverDBClusterMessage,
  type FailoverDBClusterResult,
  type ModifyDBClusterMessage,
  type ModifyDBClusterResult,
} from '@aws-sdk/client-rds';
import { action } from '../core/actions';
import { derivedAlphanumeric } from '../core/ids';
import { PracticeError } from '../core/errors';
import { paginate, rdsRules } from '../core/pagination';
import { tagList, type DbClusterRecord, type RegionState } from '../core/records';
import {
  applyRdsFilters,
  checkDbName,
  checkIdentifier,
  checkMasterUsername,
  checkPassword,
  clusterEvent,
  findCluster,
  findInstance,
  invalidCombination,
  invalidValue,
  recordEvent,
  tagsOf,
  writable,
} from './common';
import { engineSpec, engineVersion, parameterFamily } from './engines';
import { auroraFailoverStarted } from './events';
import { checkSecurityGroups, defaultSubnetGroup } from './instances';
import { hostedZoneId, rdsArn, rdsHostName } from './names';
import { clusterWriter } from './nodes';
import { groupSubnets } from './placement';
import { findSubnetGroup } from './subnetGroups';
import { chain, RDS_DURATIONS } from './transitions';

const dbClusterFields: Record<string, (c: DbClusterRecord) => (string | undefined)[]> = {
  'db-cluster-id': (c) => [c.id, c.arn],
  'db-cluster-resource-id': (c) => [c.resourceId],
  engine: (c) => [c.engine],
  domain: () => [],
  'clone-group-id': () => [],
};

export function dbClusterView(c: DbClusterRecord, region: string, records: RegionState): DBCluster {
  const members = records.dbInstances.filter((d) => c.memberIds.includes(d.id));
  const writer = clusterWriter(c);
  return {
    AllocatedStorage: 1,
    AvailabilityZones: c.azs,
    BackupRetentionPeriod: c.backupRetentionPeriod ?? 1,
    DatabaseName: c.databaseName,
    DBClusterIdentifier: c.id,
    DBClusterParameterGroup: `default.${parameterFamily(c.engine)}`,
    DBSubnetGroup: c.subnetGroupName,
    Status: c.status,
    Endpoint: rdsHostName(region, c.id, 'cluster-'),
    ReaderEndpoint: rdsHostName(region, c.id, 'cluster-ro-'),
    CustomEndpoints: [],
    MultiAZ: new Set(members.map((d) => d.az)).size > 1,
    Engine: c.engine,
    EngineVersion: c.engineVersion,
    Port: c.port,
    MasterUsername: c.masterUsername,
    DBClusterOptionGroupMemberships: [],
    PreferredBackupWindow: '17:00-17:30',
    PreferredMaintenanceWindow: 'sat:18:00-sat:18:30',
    ReadReplicaIdentifiers: [],
    DBClusterMembers: c.memberIds.map((id) => ({
      DBInstanceIdentifier: id,
      IsClusterWriter: id === writer,
      DBClusterParameterGroupStatus: 'in-sync',
      PromotionTier: 1,
    })),
    VpcSecurityGroups: c.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
    HostedZoneId: hostedZoneId(region),
    StorageEncrypted: true,
    DbClusterResourceId: c.resourceId,
    DBClusterArn: c.arn,
    AssociatedRoles: [],
    IAMDatabaseAuthenticationEnabled: false,
    ClusterCreateTime: new Date(c.createTime),
    EngineMode: 'provisioned',
    DeletionProtection: c.deletionProtection ?? false,
    HttpEndpointEnabled: false,
    CopyTagsToSnapshot: false,
    CrossAccountClone: false,
    DomainMemberships: [],
    TagList: tagList(c.tags),
    NetworkType: 'IPV4',
  };
}

const describeDbClusters = action<DescribeDBClustersMessage, DBClusterMessage>(
  DescribeDBClusters$,
  (input, context) => {
    const { records } = context;
    let selected = records.dbClusters;
    if (input.DBClusterIdentifier) selected = [findCluster(records, input.DBClusterIdentifier)];
    selected = applyRdsFilters(selected, input.Filters, dbClusterFields);
    const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-clusters'));
    return { DBClusters: page.items.map((c) => dbClusterView(c, context.region, records)), Marker: page.next };
  },
);

const createDbCluster = action<CreateDBClusterMessage, CreateDBClusterResult>(CreateDBCluster$, (input, context) => {
  const records = writable(context);
  const id = checkIdentifier('DBClusterIdentifier', input.DBClusterIdentifier);
  if (!input.Engine) throw new PracticeError('MissingParameter', 'The request must contain the parameter Engine');
  const spec = engineSpec(input.Engine);
  if (!spec.name.startsWith('aurora'))
    throw invalidCombination('DBClusterInstanceClass is required for Multi-AZ DB clusters.');
  if (records.dbClusters.some((c) => c.id === id))
    throw new PracticeError('DBClusterAlreadyExistsFault', 'DB Cluster already exists');
  const version = engineVersion(spec, input.EngineVersion);
  const masterUsername = checkMasterUsername(input.MasterUsername);
  const masterPassword = checkPassword(input.MasterUserPassword);
  const databaseName = checkDbName(input.DatabaseName, 'DatabaseName');
  const retention = input.BackupRetentionPeriod ?? 1;
  if (retention < 1 || retention > 35)
    throw invalidValue(`Invalid backup retention period: ${retention}. It must be between 1 and 35.`);
  const group = input.DBSubnetGroupName
    ? findSubnetGroup(records, input.DBSubnetGroupName)
    : defaultSubnetGroup(records, context.region);
  const cluster: DbClusterRecord = {
    id,
    arn: rdsArn(context.region, 'cluster', id),
    resourceId: `cluster-${derivedAlphanumeric(26, context.region, id, context.world.hex(8))}`,
    engine: spec.name,
    engineVersion: version,
    status: 'creating',
    masterUsername,
    masterPassword,
    ...(databaseName ? { databaseName } : {}),
    port: input.Port ?? 3306,
    subnetGroupName: group.name,
    securityGroupIds: checkSecurityGroups(records, input.VpcSecurityGroupIds, group.vpcId),
    azs: [...new Set(groupSubnets(records, group.name).map((s) => s.az))].sort().slice(0, 3),
    memberIds: [],
    createTime: context.now.toISOString(),
    tags: tagsOf(input.Tags),
    backupRetentionPeriod: retention,
    ...(input.DeletionProtection ? { deletionProtection: true } : {}),
    transition: chain(context.world.clock, [
      { to: 'available', awsMs: RDS_DURATIONS.clusterCreating, then: 'created' },
    ]),
  };
  records.dbClusters.push(cluster);
  context.world.changed();
  return { DBCluster: dbClusterView(cluster, context.region, records) };
});

const failoverDbCluster = action<FailoverDBClusterMessage, FailoverDBClusterResult>(
  FailoverDBCluster$,
  (input, context) => {
    const records = writable(context);
    const cluster = findCluster(records, input.DBClusterIdentifier);
    if (cluster.status !== 'available')
      throw new PracticeError('InvalidDBClusterStateFault', `DB cluster ${cluster.id} is not in available state.`);
    const writer = clusterWriter(cluster);
    const target = input.TargetDBInstanceIdentifier
      ? findInstance(records, input.TargetDBInstanceIdentifier)
      : records.dbInstances.find(
          (d) => cluster.memberIds.includes(d.id) && d.id !== writer && d.status === 'available',
        );
    if (input.TargetDBInstanceIdentifier && (!target || !cluster.memberIds.includes(target.id)))
      throw invalidValue(
        `The DB instance ${input.TargetDBInstanceIdentifier} is not a member of DB cluster ${cluster.id}.`,
      );
    if (!target || target.id === writer)
      throw new PracticeError(
        'InvalidDBClusterStateFault',
        `Cannot fail over DB cluster ${cluster.id}: it has no Aurora Replica to promote.`,
      );
    if (target.status !== 'available')
      throw new PracticeError('InvalidDBInstanceState', 'Database instance is not in available state.');
    cluster.status = 'failing-over';
    cluster.failoverTo = target.id;
    cluster.transition = chain(context.world.clock, [
      { to: 'available', awsMs: RDS_DURATIONS.auroraFailover, then: 'failedOver' },
    ]);
    const started = auroraFailoverStarted(target.id);
    recordEvent(records, clusterEvent(cluster, started.message, started.categories, started.eventId), context.now);
    context.world.changed();
    return { DBCluster: dbClusterView(cluster, context.region, records) };
  },
);

/** ModifyDBCluster: what the lab and its cleanup change (protection, backups, password, groups), at once. */
const modifyDbCluster = action<ModifyDBClusterMessage, ModifyDBClusterResult>(ModifyDBCluster$, (input, context) => {
  const records = writable(context);
  const cluster = findCluster(records, input.DBClusterIdentifier);
  if (cluster.status !== 'available')
    throw new PracticeError('InvalidDBClusterStateFault', `DB cluster ${cluster.id} is not in available state.`);
  const retention = input.BackupRetentionPeriod;
  if (retention !== undefined && (retention < 1 || retention > 35))
    throw invalidValue(`Invalid backup retention period: ${retention}. It must be between 1 and 35.`);
  const password = input.MasterUserPassword !== undefined ? checkPassword(input.MasterUserPassword) : undefined;
  const group = findSubnetGroup(records, cluster.subnetGroupName);
  const groups = input.VpcSecurityGroupIds
    ? checkSecurityGroups(records, input.VpcSecurityGroupIds, group.vpcId)
    : undefined;
  if (input.DeletionProtection !== undefined) cluster.deletionProtection = input.DeletionProtection;
  if (retention !== undefined) cluster.backupRetentionPeriod = retention;
  if (password) cluster.masterPassword = password;
  if (groups) cluster.securityGroupIds = groups;
  context.world.changed();
  return { DBCluster: dbClusterView(cluster, context.region, records) };
});

const deleteDbCluster = action<DeleteDBClusterMessage, DeleteDBClusterResult>(DeleteDBCluster$, (input, context) => {
  const records = writable(context);
  const cluster = findCluster(records, input.DBClusterIdentifier);
  if (cluster.status === 'deleting')
    throw new PracticeError('InvalidDBClusterStateFault', `DB Cluster ${cluster.id} is already being deleted.`);
  if (cluster.deletionProtection)
    throw invalidCombination('Cannot delete protected Cluster, please disable deletion protection and try again.');
  const live = records.dbInstances.filter((d) => cluster.memberIds.includes(d.id) && d.status !== 'deleting');
  if (live.length)
    throw new PracticeError(
      'InvalidDBClusterStateFault',
      'Cluster cannot be deleted, it still contains DB instances in non-deleting state.',
    );
  if (!input.SkipFinalSnapshot && !input.FinalDBSnapshotIdentifier)
    throw invalidCombination('FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
  if (input.FinalDBSnapshotIdentifier) checkIdentifier('FinalDBSnapshotIdentifier', input.FinalDBSnapshotIdentifier);
  cluster.status = 'deleting';
  cluster.transition = chain(context.world.clock, [
    { to: 'deleted', awsMs: RDS_DURATIONS.clusterDeleting, then: 'deleted' },
  ]);
  context.world.changed();
  return { DBCluster: dbClusterView(cluster, context.region, records) };
});

const describeDbClusterEndpoints = action<DescribeDBClusterEndpointsMessage, DBClusterEndpointMessage>(
  DescribeDBClusterEndpoints$,
  (input, context) => {
    const { records } = context;
    const clusters = input.DBClusterIdentifier ? [findCluster(records, input.DBClusterIdentifier)] : records.dbClusters;
    const all = clusters.flatMap((c) =>
      (['WRITER', 'READER'] as const).map((type) => ({
        DBClusterIdentifier: c.id,
        Endpoint: rdsHostName(context.region, c.id, type === 'WRITER' ? 'cluster-' : 'cluster-ro-'),
        Status: c.status === 'creating' ? 'creating' : c.status === 'deleting' ? 'deleting' : 'available',
        EndpointType: type,
      })),
    );
    const fields: Record<string, (e: (typeof all)[number]) => (string | undefined)[]> = {
      'db-cluster-endpoint-type': (e) => [e.EndpointType.toLowerCase()],
      'db-cluster-endpoint-status': (e) => [e.Status],
      'db-cluster-endpoint-id': () => [],
      'db-cluster-endpoint-custom-type': () => [],
    };
    const filtered = applyRdsFilters(all, input.Filters, fields);
    const page = paginate(filtered, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-cluster-endpoints'));
    return { DBClusterEndpoints: page.items, Marker: page.next };
  },
);

export const rdsClusterActions = {
  DescribeDBClusters: describeDbClusters,
  CreateDBCluster: createDbCluster,
  FailoverDBCluster: failoverDbCluster,
  ModifyDBCluster: modifyDbCluster,
  DeleteDBCluster: deleteDbCluster,
  DescribeDBClusterEndpoints: describeDbClusterEndpoints,
};
