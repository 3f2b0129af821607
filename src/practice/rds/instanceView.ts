// A DB instance as DescribeDBInstances (and every write that returns one) answers it, and DescribeDBInstances.
import {
  DescribeDBInstances$,
  type DBInstance,
  type DBInstanceMessage,
  type DescribeDBInstancesMessage,
} from '@aws-sdk/client-rds';
import { action, type RequestContext } from '../core/actions';
import { paginate, rdsRules } from '../core/pagination';
import { tagList, type DbInstanceRecord, type RegionState } from '../core/records';
import { applyRdsFilters, instanceNotFound } from './common';
import { parameterFamily } from './engines';
import { hostedZoneId, rdsArn, rdsHostName } from './names';
import { hasEndpoint } from './nodes';
import { subnetGroupView } from './subnetGroups';

function dbInstanceFields(region: string): Record<string, (d: DbInstanceRecord) => (string | undefined)[]> {
  return {
    'db-instance-id': (d) => [d.id, d.arn],
    'db-cluster-id': (d) => (d.clusterId ? [d.clusterId, rdsArn(region, 'cluster', d.clusterId)] : []),
    'dbi-resource-id': (d) => [d.resourceId],
    engine: (d) => [d.engine],
    domain: () => [],
  };
}

const majorOf = (version: string) => version.split('.').slice(0, 2).join('.');

export function dbInstanceView(d: DbInstanceRecord, context: { region: string; records: RegionState }): DBInstance {
  const { records, region } = context;
  const groups = new Map(records.dbSubnetGroups.map((g) => [g.name, g]));
  const created = hasEndpoint(d);
  const cluster = d.clusterId ? records.dbClusters.find((c) => c.id === d.clusterId) : undefined;
  const pending = d.pendingModified ?? {};
  const aurora = d.engine.startsWith('aurora');
  return {
    DBInstanceIdentifier: d.id,
    DBInstanceClass: d.instanceClass,
    Engine: d.engine,
    DBInstanceStatus: d.status,
    MasterUsername: cluster?.masterUsername ?? d.masterUsername,
    DBName: cluster?.databaseName ?? d.dbName,
    Endpoint: created
      ? { Address: rdsHostName(region, d.id), Port: d.port, HostedZoneId: hostedZoneId(region) }
      : undefined,
    AllocatedStorage: d.allocatedStorageGiB,
    InstanceCreateTime: created ? new Date(d.createdAt ?? d.createTime) : undefined,
    PreferredBackupWindow: '17:00-17:30',
    BackupRetentionPeriod: cluster?.backupRetentionPeriod ?? d.backupRetentionPeriod,
    DBSecurityGroups: [],
    VpcSecurityGroups: (cluster?.securityGroupIds ?? d.securityGroupIds).map((id) => ({
      VpcSecurityGroupId: id,
      Status: 'active',
    })),
    DBParameterGroups: [
      { DBParameterGroupName: `default.${parameterFamily(d.engine)}`, ParameterApplyStatus: 'in-sync' },
    ],
    AvailabilityZone: d.az,
    DBSubnetGroup: subnetGroupView(groups.get(d.subnetGroupName), d.subnetGroupName, records),
    PreferredMaintenanceWindow: 'sat:18:00-sat:18:30',
    PendingModifiedValues: {
      ...(pending.multiAz !== undefined ? { MultiAZ: pending.multiAz } : {}),
      ...(pending.instanceClass ? { DBInstanceClass: pending.instanceClass } : {}),
      ...(pending.masterUserPassword ? { MasterUserPassword: '****' } : {}),
      ...(pending.backupRetentionPeriod !== undefined ? { BackupRetentionPeriod: pending.backupRetentionPeriod } : {}),
    },
    MultiAZ: d.multiAz,
    EngineVersion: d.engineVersion,
    AutoMinorVersionUpgrade: true,
    ReadReplicaDBInstanceIdentifiers: [],
    ReadReplicaDBClusterIdentifiers: [],
    LicenseModel: d.engine === 'postgres' ? 'postgresql-license' : 'general-public-license',
    OptionGroupMemberships: [
      { OptionGroupName: `default:${d.engine}-${majorOf(d.engineVersion).replace('.', '-')}`, Status: 'in-sync' },
    ],
    SecondaryAvailabilityZone: d.multiAz ? d.secondaryAz : undefined,
    PubliclyAccessible: d.publiclyAccessible,
    StorageType: d.storageType,
    DbInstancePort: 0,
    DBClusterIdentifier: d.clusterId,
    StorageEncrypted: aurora,
    DbiResourceId: d.resourceId,
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    DomainMemberships: [],
    CopyTagsToSnapshot: false,
    MonitoringInterval: 0,
    PromotionTier: d.clusterId ? 1 : undefined,
    DBInstanceArn: d.arn,
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: cluster ? (cluster.deletionProtection ?? false) : (d.deletionProtection ?? false),
    AssociatedRoles: [],
    TagList: tagList(d.tags),
    CustomerOwnedIpEnabled: false,
    BackupTarget: 'region',
    NetworkType: 'IPV4',
  };
}

const describeDbInstances = action<DescribeDBInstancesMessage, DBInstanceMessage>(
  DescribeDBInstances$,
  (input, context: RequestContext) => {
    let selected = context.records.dbInstances;
    if (input.DBInstanceIdentifier) {
      const id = input.DBInstanceIdentifier;
      selected = selected.filter((d) => d.id === id.toLowerCase() || d.arn === id);
      if (!selected.length) throw instanceNotFound(id);
    }
    selected = applyRdsFilters(selected, input.Filters, dbInstanceFields(context.region));
    const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-instances'));
    return { DBInstances: page.items.map((d) => dbInstanceView(d, context)), Marker: page.next };
  },
);

export const rdsInstanceReadActions = { DescribeDBInstances: describeDbInstances };
