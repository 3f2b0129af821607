// ModifyDBInstance (Multi-AZ, class, access, groups, backups, protection, password; ApplyImmediately or pending),
// RebootDBInstance (ForceFailover swaps the AZs; the outage is modelled, RDS_DURATIONS), Stop/StartDBInstance (a
// stopped instance keeps its storage, and its address) and DeleteDBInstance.
import {
  DeleteDBInstance$,
  ModifyDBInstance$,
  RebootDBInstance$,
  StartDBInstance$,
  StopDBInstance$,
  type DeleteDBInstanceMessage,
  type DeleteDBInstanceResult,
  type ModifyDBInstanceMessage,
  type ModifyDBInstanceResult,
  type RebootDBInstanceMessage,
  type RebootDBInstanceResult,
  type StartDBInstanceMessage,
  type StartDBInstanceResult,
  type StopDBInstanceMessage,
  type StopDBInstanceResult,
} from '@aws-sdk/client-rds';
import { action, type RequestContext } from '../core/actions';
import { PracticeError } from '../core/errors';
import type { DbInstanceRecord, DbPendingModified, RegionState } from '../core/records';
import {
  checkIdentifier,
  checkPassword,
  findInstance,
  instanceEvent,
  invalidCombination,
  invalidValue,
  recordEvent,
  writable,
} from './common';
import { checkInstanceClass, engineSpec } from './engines';
import { RDS_EVENTS } from './events';
import { checkSecurityGroups, publicAccess } from './instances';
import { dbInstanceView } from './instanceView';
import { allocatePlacement, groupSubnets, standbyOf } from './placement';
import { findSubnetGroup } from './subnetGroups';
import { chain, RDS_DURATIONS } from './transitions';

export function notAvailable(): PracticeError {
  return new PracticeError('InvalidDBInstanceState', 'Database instance is not in available state.');
}

function event(
  records: RegionState,
  d: DbInstanceRecord,
  e: { message: string; categories: readonly string[]; eventId?: string },
  at: Date,
) {
  recordEvent(records, instanceEvent(d, e.message, [...e.categories], e.eventId), at);
}

/** A standby for a Multi-AZ conversion: in another AZ of the group than the primary's. */
function standbyFor(context: RequestContext, records: RegionState, d: DbInstanceRecord) {
  const azs = [...new Set(groupSubnets(records, d.subnetGroupName).map((s) => s.az))].filter((az) => az !== d.az);
  const az = azs[context.world.nextRandom() % Math.max(1, azs.length)];
  return az ? allocatePlacement(context.world, records, d.subnetGroupName, az) : undefined;
}

/** The changes that wait for the maintenance window unless ApplyImmediately (the others apply at once, as on AWS). */
function deferrable(input: ModifyDBInstanceMessage, d: DbInstanceRecord): DbPendingModified {
  const pending: DbPendingModified = {};
  if (input.MultiAZ !== undefined && input.MultiAZ !== d.multiAz) pending.multiAz = input.MultiAZ;
  if (input.DBInstanceClass && input.DBInstanceClass !== d.instanceClass) pending.instanceClass = input.DBInstanceClass;
  if (input.BackupRetentionPeriod !== undefined && input.BackupRetentionPeriod !== d.backupRetentionPeriod)
    pending.backupRetentionPeriod = input.BackupRetentionPeriod;
  return pending;
}

const modifyDbInstance = action<ModifyDBInstanceMessage, ModifyDBInstanceResult>(
  ModifyDBInstance$,
  (input, context) => {
    const records = writable(context);
    const d = findInstance(records, input.DBInstanceIdentifier);
    if (d.status !== 'available') throw notAvailable();
    const aurora = d.clusterId !== undefined;
    if (aurora && input.MultiAZ !== undefined)
      throw invalidCombination(
        'The requested DB instance is a member of a DB cluster. Multi-AZ is managed by the cluster.',
      );
    if (input.DBInstanceClass) {
      const spec = engineSpec(d.engine);
      checkInstanceClass(spec, d.engineVersion, input.DBInstanceClass);
    }
    if (
      input.BackupRetentionPeriod !== undefined &&
      (input.BackupRetentionPeriod < 0 || input.BackupRetentionPeriod > 35)
    )
      throw invalidValue(
        `Invalid backup retention period: ${input.BackupRetentionPeriod}. It must be between 0 and 35.`,
      );
    const password = input.MasterUserPassword !== undefined ? checkPassword(input.MasterUserPassword) : undefined;
    const group = findSubnetGroup(records, d.subnetGroupName);
    const groups = input.VpcSecurityGroupIds
      ? checkSecurityGroups(records, input.VpcSecurityGroupIds, group.vpcId)
      : undefined;
    const publicly =
      input.PubliclyAccessible !== undefined && input.PubliclyAccessible !== d.publiclyAccessible
        ? publicAccess(records, input.PubliclyAccessible, group, true, aurora)
        : undefined;
    const deletionProtection =
      input.DeletionProtection !== undefined && input.DeletionProtection !== (d.deletionProtection ?? false)
        ? input.DeletionProtection
        : undefined;
    const changes = deferrable(input, d);
    const immediate = groups !== undefined || publicly !== undefined || deletionProtection !== undefined || password;
    if (!immediate && Object.keys(changes).length === 0 && !(input.ApplyImmediately && d.pendingModified))
      throw invalidCombination('No modifications were requested');

    // Applied at once whatever ApplyImmediately says, as AWS applies them.
    if (groups) d.securityGroupIds = groups;
    if (publicly !== undefined) d.publiclyAccessible = publicly;
    if (deletionProtection !== undefined) d.deletionProtection = deletionProtection;
    if (password) d.masterPassword = password;

    const pending = { ...d.pendingModified, ...changes };
    if (!input.ApplyImmediately) {
      if (Object.keys(pending).length) d.pendingModified = pending;
    } else if (Object.keys(pending).length) {
      d.pendingModified = pending;
      if (pending.multiAz === true) {
        const standby = standbyFor(context, records, d);
        if (!standby)
          throw new PracticeError(
            'DBSubnetGroupDoesNotCoverEnoughAZs',
            `The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: ${d.az}. Add subnets to cover at least 2 AZs.`,
          );
        d.standby = standby;
        event(records, d, RDS_EVENTS.toMultiAz, context.now);
      } else if (pending.multiAz === false) {
        event(records, d, RDS_EVENTS.toSingleAz, context.now);
      }
      const awsMs = pending.multiAz !== undefined ? RDS_DURATIONS.multiAzModifying : RDS_DURATIONS.modifying;
      d.status = 'modifying';
      d.transition = chain(context.world.clock, [{ to: 'available', awsMs, then: 'modified' }]);
    }
    context.world.changed();
    return { DBInstance: dbInstanceView(d, { region: context.region, records }) };
  },
);

const rebootDbInstance = action<RebootDBInstanceMessage, RebootDBInstanceResult>(
  RebootDBInstance$,
  (input, context) => {
    const records = writable(context);
    const d = findInstance(records, input.DBInstanceIdentifier);
    if (d.status !== 'available') throw notAvailable();
    const failover = input.ForceFailover === true;
    if (failover && !standbyOf(records, d))
      throw invalidCombination(
        'ForceFailover cannot be specified since the instance is not configured for either MultiAZ or High Availability',
      );
    const awsMs = failover ? RDS_DURATIONS.failoverOutage : RDS_DURATIONS.rebootOutage;
    d.status = 'rebooting';
    d.outageUntil = context.world.clock.after(awsMs).toISOString();
    d.transition = chain(context.world.clock, [{ to: 'available', awsMs, then: failover ? 'failedOver' : 'rebooted' }]);
    event(records, d, failover ? RDS_EVENTS.failoverStarted : RDS_EVENTS.rebooting, context.now);
    context.world.changed();
    return { DBInstance: dbInstanceView(d, { region: context.region, records }) };
  },
);

const deleteDbInstance = action<DeleteDBInstanceMessage, DeleteDBInstanceResult>(
  DeleteDBInstance$,
  (input, context) => {
    const records = writable(context);
    const d = findInstance(records, input.DBInstanceIdentifier);
    if (d.status === 'deleting')
      throw new PracticeError('InvalidDBInstanceState', `Instance ${d.id} is already being deleted.`);
    const cluster = d.clusterId ? records.dbClusters.find((c) => c.id === d.clusterId) : undefined;
    if (!cluster && d.deletionProtection)
      throw invalidCombination(
        'Cannot delete protected DB Instance, please disable deletion protection and try again.',
      );
    if (!cluster) {
      if (input.SkipFinalSnapshot && input.FinalDBSnapshotIdentifier)
        throw invalidCombination('Cannot specify both SkipFinalSnapshot and FinalDBSnapshotIdentifier.');
      if (!input.SkipFinalSnapshot) {
        if (!input.FinalDBSnapshotIdentifier)
          throw invalidCombination('FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
        checkIdentifier('FinalDBSnapshotIdentifier', input.FinalDBSnapshotIdentifier);
        if (d.status !== 'available') throw notAvailable();
      }
    }
    d.status = 'deleting';
    delete d.pendingModified;
    delete d.outageUntil;
    d.transition = chain(context.world.clock, [{ to: 'deleted', awsMs: RDS_DURATIONS.deleting, then: 'deleted' }]);
    context.world.changed();
    return { DBInstance: dbInstanceView(d, { region: context.region, records }) };
  },
);

const stopDbInstance = action<StopDBInstanceMessage, StopDBInstanceResult>(StopDBInstance$, (input, context) => {
  const records = writable(context);
  const d = findInstance(records, input.DBInstanceIdentifier);
  if (d.clusterId) throw invalidCombination(`${d.engine} DB instances are not eligible for stopping and starting.`);
  if (d.status !== 'available') throw notAvailable();
  d.status = 'stopping';
  d.transition = chain(context.world.clock, [{ to: 'stopped', awsMs: RDS_DURATIONS.stopping, then: 'stopped' }]);
  context.world.changed();
  return { DBInstance: dbInstanceView(d, { region: context.region, records }) };
});

const startDbInstance = action<StartDBInstanceMessage, StartDBInstanceResult>(StartDBInstance$, (input, context) => {
  const records = writable(context);
  const d = findInstance(records, input.DBInstanceIdentifier);
  if (d.clusterId) throw invalidCombination(`${d.engine} DB instances are not eligible for stopping and starting.`);
  if (d.status !== 'stopped')
    throw new PracticeError('InvalidDBInstanceState', `Instance ${d.id} is not stopped, it is ${d.status}.`);
  d.status = 'starting';
  d.transition = chain(context.world.clock, [{ to: 'available', awsMs: RDS_DURATIONS.starting, then: 'started' }]);
  context.world.changed();
  return { DBInstance: dbInstanceView(d, { region: context.region, records }) };
});

export const rdsInstanceWriteActions = {
  StopDBInstance: stopDbInstance,
  StartDBInstance: startDbInstance,
  ModifyDBInstance: modifyDbInstance,
  RebootDBInstance: rebootDbInstance,
  DeleteDBInstance: deleteDbInstance,
};
