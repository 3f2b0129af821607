// CreateDBInstance: RDS MySQL, or a member of an Aurora cluster (DBClusterIdentifier: the first is the writer,
// the next ones readers). AWS's validation in its order and words; the instance gets a private IP in its AZ's
// subnet of the DB subnet group (a Multi-AZ standby one in another AZ) and starts creating -> (backing-up) ->
// available on the clock.
import { CreateDBInstance$, type CreateDBInstanceMessage, type CreateDBInstanceResult } from '@aws-sdk/client-rds';
import { action, type RequestContext } from '../core/actions';
import { derivedAlphanumeric } from '../core/ids';
import { PracticeError } from '../core/errors';
import type { DbClusterRecord, DbInstanceRecord, DbSubnetGroupRecord, RegionState } from '../core/records';
import {
  checkDbName,
  checkIdentifier,
  checkMasterUsername,
  checkPassword,
  findCluster,
  invalidCombination,
  invalidValue,
  missing,
  tagsOf,
  writable,
} from './common';
import { checkInstanceClass, engineSpec, engineVersion } from './engines';
import { dbInstanceView } from './instanceView';
import { rdsArn } from './names';
import { addressesInUse, allocatePlacement, groupSubnets } from './placement';
import { findSubnetGroup } from './subnetGroups';
import { chain, RDS_DURATIONS } from './transitions';

/** The default VPC's `default` DB subnet group, made on first use as AWS does. */
export function defaultSubnetGroup(records: RegionState, region: string): DbSubnetGroupRecord {
  const existing = records.dbSubnetGroups.find((g) => g.name === 'default');
  if (existing) return existing;
  const vpc = records.vpcs.find((v) => v.isDefault);
  if (!vpc) throw new PracticeError('InvalidVPCNetworkStateFault', 'Default VPC not found');
  const group: DbSubnetGroupRecord = {
    name: 'default',
    arn: rdsArn(region, 'subgrp', 'default'),
    description: 'default',
    vpcId: vpc.id,
    subnetIds: records.subnets.filter((s) => s.vpcId === vpc.id).map((s) => s.id),
    tags: {},
  };
  records.dbSubnetGroups.push(group);
  return group;
}

/** The VPC security groups: the named ones must exist in the group's VPC; none named: the VPC's `default`. */
export function checkSecurityGroups(records: RegionState, ids: readonly string[] | undefined, vpcId: string): string[] {
  if (!ids?.length) {
    const fallback = records.securityGroups.find((g) => g.vpcId === vpcId && g.name === 'default');
    return fallback ? [fallback.id] : [];
  }
  for (const id of ids) {
    const group = records.securityGroups.find((g) => g.id === id);
    if (!group) throw invalidValue(`Invalid security group , groupId= ${id}, groupName=.`);
    if (group.vpcId !== vpcId)
      throw invalidCombination(
        `The DB instance and EC2 security group are in different VPCs. The DB instance is in ${vpcId} and the EC2 security group is in ${group.vpcId}`,
      );
  }
  return [...new Set(ids)];
}

/** PubliclyAccessible as AWS defaults it, and its refusal in a VPC without an internet gateway. */
export function publicAccess(
  records: RegionState,
  asked: boolean | undefined,
  group: DbSubnetGroupRecord,
  named: boolean,
  aurora: boolean,
): boolean {
  const value = asked ?? (named ? group.name === 'default' : !aurora);
  if (value && !records.internetGateways.some((g) => g.vpcId === group.vpcId)) {
    throw new PracticeError(
      'InvalidVPCNetworkStateFault',
      'Cannot create a publicly accessible DBInstance.  The specified VPC has no internet gateway attached.',
    );
  }
  return value;
}

/** The AZ asked for (it must be one of the group's), else one of the group's, chosen as AWS does (at random). */
function chooseAz(
  context: RequestContext,
  group: DbSubnetGroupRecord,
  asked: string | undefined,
  avoid?: string,
): string {
  const records = writable(context);
  const azs = [...new Set(groupSubnets(records, group.name).map((s) => s.az))];
  if (asked) {
    if (!azs.includes(asked))
      throw invalidValue(`DB subnet group '${group.name}' has no subnet in availability zone ${asked}.`);
    return asked;
  }
  const choices = azs.filter((az) => az !== avoid);
  const pool = choices.length ? choices : azs;
  return pool[context.world.nextRandom() % pool.length] ?? azs[0] ?? '';
}

function checkStorage(engine: string, type: string, size: number | undefined): number {
  if (size === undefined) throw missing('AllocatedStorage');
  if (!['gp2', 'gp3', 'io1', 'io2', 'standard'].includes(type)) throw invalidValue(`Invalid storage type: ${type}`);
  const min = type === 'standard' ? 5 : type.startsWith('io') ? 100 : 20;
  if (size < min || size > 65536)
    throw invalidValue(`Invalid storage size for engine name ${engine} and storage type ${type}: ${size}`);
  return size;
}

function backupRetention(value: number | undefined): number {
  if (value === undefined) return 1;
  if (value < 0 || value > 35)
    throw invalidValue(`Invalid backup retention period: ${value}. It must be between 0 and 35.`);
  return value;
}

/** An Aurora member: the cluster's engine, subnet group, groups and credentials; the class Aurora runs on. */
function auroraMember(context: RequestContext, input: CreateDBInstanceMessage, id: string, cluster: DbClusterRecord) {
  const records = writable(context);
  const spec = engineSpec(input.Engine);
  if (spec.name !== cluster.engine)
    throw invalidCombination(
      `The engine name requested for your DB instance (${spec.name}) doesn't match the engine name of your DB cluster (${cluster.engine}).`,
    );
  if (cluster.status === 'deleting')
    throw new PracticeError('InvalidDBClusterStateFault', `DB Cluster ${cluster.id} is in deleting state.`);
  if (input.MasterUserPassword !== undefined)
    throw invalidCombination(
      'The requested DB Instance will be a member of a DB Cluster. Set master user password for the DB Cluster.',
    );
  if (input.AllocatedStorage !== undefined)
    throw invalidCombination(
      "The requested DB Instance will be a member of a DB Cluster. You don't need to set storage size.",
    );
  if (input.MultiAZ)
    throw invalidCombination(
      'The requested DB Instance will be a member of a DB Cluster. Multi-AZ is set on the cluster by adding readers.',
    );
  const instanceClass = input.DBInstanceClass ?? '';
  checkInstanceClass(spec, cluster.engineVersion, instanceClass);
  const group = findSubnetGroup(records, cluster.subnetGroupName);
  const writer = records.dbInstances.find((d) => d.id === cluster.writerId);
  const az = chooseAz(context, group, input.AvailabilityZone, writer?.az);
  const placement = allocatePlacement(context.world, records, group.name, az);
  const record: DbInstanceRecord = {
    ...baseRecord(context, id, input),
    engine: cluster.engine,
    engineVersion: cluster.engineVersion,
    instanceClass,
    masterUsername: cluster.masterUsername,
    ...(cluster.databaseName ? { dbName: cluster.databaseName } : {}),
    port: cluster.port,
    allocatedStorageGiB: 1,
    storageType: 'aurora',
    multiAz: false,
    az,
    // An Aurora member names no subnet group (the cluster's): private unless asked, as AWS defaults it.
    publiclyAccessible: publicAccess(records, input.PubliclyAccessible, group, false, true),
    subnetGroupName: group.name,
    securityGroupIds: [...cluster.securityGroupIds],
    backupRetentionPeriod: cluster.backupRetentionPeriod ?? 1,
    clusterId: cluster.id,
    ...(placement ? { subnetId: placement.subnetId, privateIp: placement.privateIp } : {}),
    transition: chain(context.world.clock, [
      { to: 'available', awsMs: RDS_DURATIONS.auroraInstanceCreating, then: 'created' },
    ]),
  };
  cluster.memberIds.push(id);
  cluster.writerId ??= id;
  return record;
}

function baseRecord(context: RequestContext, id: string, input: CreateDBInstanceMessage) {
  return {
    id,
    arn: rdsArn(context.region, 'db', id),
    resourceId: `db-${derivedAlphanumeric(26, context.region, id, context.world.hex(8))}`,
    status: 'creating',
    createTime: context.now.toISOString(),
    tags: tagsOf(input.Tags),
    ...(input.DeletionProtection ? { deletionProtection: true } : {}),
  };
}

/** RDS MySQL: AWS's checks, a placement (and a standby's), creating -> (backing-up) -> available. */
function mysqlInstance(context: RequestContext, input: CreateDBInstanceMessage, id: string): DbInstanceRecord {
  const records = writable(context);
  const spec = engineSpec(input.Engine);
  if (spec.name.startsWith('aurora')) throw invalidValue('DBClusterIdentifier is required for an Aurora DB instance.');
  const version = engineVersion(spec, input.EngineVersion);
  const instanceClass = input.DBInstanceClass ?? '';
  checkInstanceClass(spec, version, instanceClass);
  const masterUsername = checkMasterUsername(input.MasterUsername);
  const masterPassword = checkPassword(input.MasterUserPassword);
  const dbName = checkDbName(input.DBName);
  const storageType = input.StorageType ?? (input.Iops ? 'io1' : 'gp3');
  const storage = checkStorage(spec.name, storageType, input.AllocatedStorage);
  const retention = backupRetention(input.BackupRetentionPeriod);
  if (input.AvailabilityZone && input.MultiAZ)
    throw invalidCombination('Requesting a specific availability zone is not valid for Multi-AZ instances.');
  const named = input.DBSubnetGroupName !== undefined;
  const group = named ? findSubnetGroup(records, input.DBSubnetGroupName) : defaultSubnetGroup(records, context.region);
  const securityGroupIds = checkSecurityGroups(records, input.VpcSecurityGroupIds, group.vpcId);
  const publiclyAccessible = publicAccess(records, input.PubliclyAccessible, group, named, false);
  const az = chooseAz(context, group, input.AvailabilityZone);
  const used = addressesInUse(records);
  const primary = allocatePlacement(context.world, records, group.name, az, used);
  const standby = input.MultiAZ
    ? allocatePlacement(context.world, records, group.name, chooseAz(context, group, undefined, az), used)
    : undefined;
  const multiAz = standby !== undefined;
  return {
    ...baseRecord(context, id, input),
    engine: spec.name,
    engineVersion: version,
    instanceClass,
    masterUsername,
    masterPassword,
    ...(dbName ? { dbName } : {}),
    port: input.Port ?? 3306,
    allocatedStorageGiB: storage,
    storageType,
    multiAz,
    az,
    ...(standby ? { secondaryAz: standby.az, standby } : {}),
    publiclyAccessible,
    subnetGroupName: group.name,
    securityGroupIds,
    backupRetentionPeriod: retention,
    ...(primary ? { subnetId: primary.subnetId, privateIp: primary.privateIp } : {}),
    transition: chain(context.world.clock, [
      { to: retention > 0 ? 'backing-up' : 'available', awsMs: RDS_DURATIONS.creating, then: 'created' },
      ...(retention > 0 ? [{ to: 'available', awsMs: RDS_DURATIONS.backingUp, then: 'backedUp' as const }] : []),
    ]),
  };
}

const createDbInstance = action<CreateDBInstanceMessage, CreateDBInstanceResult>(
  CreateDBInstance$,
  (input, context) => {
    const records = writable(context);
    const id = checkIdentifier('DBInstanceIdentifier', input.DBInstanceIdentifier);
    if (!input.DBInstanceClass) throw missing('DBInstanceClass');
    if (!input.Engine) throw missing('Engine');
    if (records.dbInstances.some((d) => d.id === id))
      throw new PracticeError('DBInstanceAlreadyExists', 'DB instance already exists');
    const record = input.DBClusterIdentifier
      ? auroraMember(context, input, id, findCluster(records, input.DBClusterIdentifier))
      : mysqlInstance(context, input, id);
    records.dbInstances.push(record);
    context.world.changed();
    return { DBInstance: dbInstanceView(record, { region: context.region, records }) };
  },
);

export const rdsInstanceCreateActions = { CreateDBInstance: createDbInstance };
