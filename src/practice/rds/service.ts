// RDS reads (awsQuery, API version 2014-10-31): DB instances, Aurora clusters, DB subnet groups.
// Pages use Marker/MaxRecords (20..100, default 100).
import {
  DescribeDBClusters$,
  DescribeDBInstances$,
  DescribeDBSubnetGroups$,
  type DBClusterMessage,
  type DBInstanceMessage,
  type DBSubnetGroup,
  type DBSubnetGroupMessage,
  type DescribeDBClustersMessage,
  type DescribeDBInstancesMessage,
  type DescribeDBSubnetGroupsMessage,
  type Filter,
} from '@aws-sdk/client-rds';
import { action, type RequestContext, type ServiceDefinition } from '../core/actions';
import { PracticeError } from '../core/errors';
import { hostedZoneId, rdsArn, rdsHostName } from './names';
import { paginate, rdsRules } from '../core/pagination';
import {
  tagList,
  type DbClusterRecord,
  type DbInstanceRecord,
  type DbSubnetGroupRecord,
  type RegionState,
} from '../core/records';

export { rdsArn, rdsHostName } from './names';

/** RDS filters: exact values (no wildcards); identifiers may be names or ARNs. */
function applyRdsFilters<T>(
  records: readonly T[],
  filters: readonly Filter[] | undefined,
  fields: Record<string, (r: T) => (string | undefined)[]>,
): T[] {
  if (!filters?.length) return [...records];
  for (const f of filters) {
    if (!fields[f.Name ?? ''])
      throw new PracticeError('InvalidParameterValue', `Unrecognized filter name: ${f.Name ?? ''}`);
  }
  return records.filter((r) =>
    filters.every((f) => {
      const values = fields[f.Name ?? '']?.(r) ?? [];
      return (f.Values ?? []).some((v) => values.includes(v));
    }),
  );
}

function subnetGroup(group: DbSubnetGroupRecord | undefined, name: string, records: RegionState): DBSubnetGroup {
  const subnets = new Map(records.subnets.map((s) => [s.id, s]));
  return {
    DBSubnetGroupName: name,
    DBSubnetGroupDescription: group?.description,
    VpcId: group?.vpcId,
    SubnetGroupStatus: 'Complete',
    Subnets: (group?.subnetIds ?? []).map((id) => ({
      SubnetIdentifier: id,
      SubnetAvailabilityZone: { Name: subnets.get(id)?.az },
      SubnetOutpost: {},
      SubnetStatus: 'Active',
    })),
    DBSubnetGroupArn: group?.arn,
    SupportedNetworkTypes: ['IPV4'],
  };
}

// ---- DB instances ---------------------------------------------------------------------------------

function dbInstanceFields(region: string): Record<string, (d: DbInstanceRecord) => (string | undefined)[]> {
  return {
    'db-instance-id': (d) => [d.id, d.arn],
    'db-cluster-id': (d) => (d.clusterId ? [d.clusterId, rdsArn(region, 'cluster', d.clusterId)] : []),
    'dbi-resource-id': (d) => [d.resourceId],
    engine: (d) => [d.engine],
    domain: () => [],
  };
}

function describeDbInstance(d: DbInstanceRecord, context: RequestContext) {
  const groups = new Map(context.records.dbSubnetGroups.map((g) => [g.name, g]));
  const available = d.status !== 'creating';
  return {
    DBInstanceIdentifier: d.id,
    DBInstanceClass: d.instanceClass,
    Engine: d.engine,
    DBInstanceStatus: d.status,
    MasterUsername: d.masterUsername,
    DBName: d.dbName,
    Endpoint: available
      ? {
          Address: rdsHostName(context.region, d.id),
          Port: d.port,
          HostedZoneId: hostedZoneId(context.region),
        }
      : undefined,
    AllocatedStorage: d.allocatedStorageGiB,
    InstanceCreateTime: available ? new Date(d.createTime) : undefined,
    PreferredBackupWindow: '17:00-17:30',
    BackupRetentionPeriod: d.backupRetentionPeriod,
    DBSecurityGroups: [],
    VpcSecurityGroups: d.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
    DBParameterGroups: [
      {
        DBParameterGroupName: `default.${d.engine}${d.engineVersion.split('.').slice(0, 2).join('.')}`,
        ParameterApplyStatus: 'in-sync',
      },
    ],
    AvailabilityZone: d.az,
    DBSubnetGroup: subnetGroup(groups.get(d.subnetGroupName), d.subnetGroupName, context.records),
    PreferredMaintenanceWindow: 'sat:18:00-sat:18:30',
    PendingModifiedValues: {},
    MultiAZ: d.multiAz,
    EngineVersion: d.engineVersion,
    AutoMinorVersionUpgrade: true,
    ReadReplicaDBInstanceIdentifiers: [],
    ReadReplicaDBClusterIdentifiers: [],
    LicenseModel: d.engine.startsWith('aurora')
      ? 'general-public-license'
      : d.engine === 'postgres'
        ? 'postgresql-license'
        : 'general-public-license',
    OptionGroupMemberships: [
      { OptionGroupName: `default:${d.engine}-${d.engineVersion.split('.').slice(0, 2).join('-')}`, Status: 'in-sync' },
    ],
    SecondaryAvailabilityZone: d.multiAz ? d.secondaryAz : undefined,
    PubliclyAccessible: d.publiclyAccessible,
    StorageType: d.storageType,
    DbInstancePort: 0,
    DBClusterIdentifier: d.clusterId,
    StorageEncrypted: false,
    DbiResourceId: d.resourceId,
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    DomainMemberships: [],
    CopyTagsToSnapshot: false,
    MonitoringInterval: 0,
    PromotionTier: d.clusterId ? 1 : undefined,
    DBInstanceArn: d.arn,
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: false,
    AssociatedRoles: [],
    TagList: tagList(d.tags),
    CustomerOwnedIpEnabled: false,
    BackupTarget: 'region',
    NetworkType: 'IPV4',
  };
}

const describeDbInstances = action<DescribeDBInstancesMessage, DBInstanceMessage>(
  DescribeDBInstances$,
  (input, context) => {
    let selected = context.records.dbInstances;
    if (input.DBInstanceIdentifier) {
      const id = input.DBInstanceIdentifier;
      selected = selected.filter((d) => d.id === id || d.arn === id);
      if (!selected.length) throw new PracticeError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404);
    }
    selected = applyRdsFilters(selected, input.Filters, dbInstanceFields(context.region));
    const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-instances'));
    return { DBInstances: page.items.map((d) => describeDbInstance(d, context)), Marker: page.next };
  },
);

// ---- Aurora clusters ------------------------------------------------------------------------------

const dbClusterFields: Record<string, (c: DbClusterRecord) => (string | undefined)[]> = {
  'db-cluster-id': (c) => [c.id, c.arn],
  'db-cluster-resource-id': (c) => [c.resourceId],
  engine: (c) => [c.engine],
  domain: () => [],
  'clone-group-id': () => [],
};

const describeDbClusters = action<DescribeDBClustersMessage, DBClusterMessage>(
  DescribeDBClusters$,
  (input, context) => {
    const { records } = context;
    let selected = records.dbClusters;
    if (input.DBClusterIdentifier) {
      const id = input.DBClusterIdentifier;
      selected = selected.filter((c) => c.id === id || c.arn === id);
      if (!selected.length) throw new PracticeError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, 404);
    }
    selected = applyRdsFilters(selected, input.Filters, dbClusterFields);
    const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-clusters'));
    return {
      DBClusters: page.items.map((c) => ({
        AllocatedStorage: 1,
        AvailabilityZones: c.azs,
        BackupRetentionPeriod: 1,
        DatabaseName: c.databaseName,
        DBClusterIdentifier: c.id,
        DBClusterParameterGroup: `default.${c.engine}${c.engineVersion.split('.').slice(0, 2).join('.')}`,
        DBSubnetGroup: c.subnetGroupName,
        Status: c.status,
        Endpoint: rdsHostName(context.region, c.id, 'cluster-'),
        ReaderEndpoint: rdsHostName(context.region, c.id, 'cluster-ro-'),
        CustomEndpoints: [],
        MultiAZ:
          c.memberIds.length > 1 &&
          new Set(records.dbInstances.filter((d) => c.memberIds.includes(d.id)).map((d) => d.az)).size > 1,
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
          IsClusterWriter: id === c.writerId,
          DBClusterParameterGroupStatus: 'in-sync',
          PromotionTier: 1,
        })),
        VpcSecurityGroups: c.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
        HostedZoneId: hostedZoneId(context.region),
        StorageEncrypted: false,
        DbClusterResourceId: c.resourceId,
        DBClusterArn: c.arn,
        AssociatedRoles: [],
        IAMDatabaseAuthenticationEnabled: false,
        ClusterCreateTime: new Date(c.createTime),
        EngineMode: 'provisioned',
        DeletionProtection: false,
        HttpEndpointEnabled: false,
        CopyTagsToSnapshot: false,
        CrossAccountClone: false,
        DomainMemberships: [],
        TagList: tagList(c.tags),
        NetworkType: 'IPV4',
      })),
      Marker: page.next,
    };
  },
);

// ---- DB subnet groups -----------------------------------------------------------------------------

const describeDbSubnetGroups = action<DescribeDBSubnetGroupsMessage, DBSubnetGroupMessage>(
  DescribeDBSubnetGroups$,
  (input, context) => {
    let selected = context.records.dbSubnetGroups;
    if (input.DBSubnetGroupName) {
      const name = input.DBSubnetGroupName;
      selected = selected.filter((g) => g.name === name);
      if (!selected.length)
        throw new PracticeError('DBSubnetGroupNotFoundFault', `DB Subnet group '${name}' not found.`, 404);
    }
    const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-subnet-groups'));
    return { DBSubnetGroups: page.items.map((g) => subnetGroup(g, g.name, context.records)), Marker: page.next };
  },
);

export const rdsService: ServiceDefinition = {
  signingName: 'rds',
  dialect: 'query',
  version: '2014-10-31',
  xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  actions: {
    DescribeDBInstances: describeDbInstances,
    DescribeDBClusters: describeDbClusters,
    DescribeDBSubnetGroups: describeDbSubnetGroups,
  },
};
