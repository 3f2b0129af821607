// RDS's statuses over time. A write starts a transition with its end computed from the world clock (the speed
// factor applies; chained steps such as creating -> backing-up -> available are computed at once), and
// `advanceRds` applies what is due before every request: the status, what comes with it (the Endpoint, the
// standby in place, the AZs swapped by a failover, the writer changed) and AWS's events.
import type { DbClusterRecord, DbInstanceRecord, DbTransition, RegionState } from '../core/records';
import type { Clock } from '../core/world';
import { clusterEvent, instanceEvent, recordEvent } from './common';
import { RDS_EVENTS, auroraFailoverDone } from './events';
import { primaryOf, standbyOf } from './placement';

/** AWS's typical durations at speed 1, in milliseconds. */
export const RDS_DURATIONS = {
  /** CreateDBInstance (MySQL): creating -> (backing-up or) available. */
  creating: 240_000,
  /** The first automated backup after creation (only with BackupRetentionPeriod > 0). */
  backingUp: 120_000,
  /** An Aurora member instance: creating -> available (seed 003: about five minutes). */
  auroraInstanceCreating: 300_000,
  /** CreateDBCluster without instances: creating -> available. */
  clusterCreating: 60_000,
  /** ModifyDBInstance to or from Multi-AZ: modifying -> available (the standby is built from a snapshot). */
  multiAzModifying: 600_000,
  /** Any other applied modification (class, groups, password, backups). */
  modifying: 60_000,
  /** A single-AZ reboot: rebooting, the database unreachable while the engine restarts. */
  rebootOutage: 75_000,
  /** A Multi-AZ reboot with failover: the standby is promoted and the endpoint's DNS flips to it. */
  failoverOutage: 35_000,
  /** FailoverDBCluster: failing-over while the reader is promoted. */
  auroraFailover: 30_000,
  /** StopDBInstance: stopping -> stopped. */
  stopping: 90_000,
  /** StartDBInstance: starting -> available. */
  starting: 150_000,
  /** DeleteDBInstance: deleting -> gone. */
  deleting: 180_000,
  /** DeleteDBCluster: deleting -> gone. */
  clusterDeleting: 60_000,
} as const;

/** One step of a chain, ending `awsMs` after the previous one. */
export interface Step {
  to: string;
  awsMs: number;
  then?: DbTransition['then'];
}

/** A chain of steps with each end computed now from the clock (so a speed change later does not move them). */
export function chain(clock: Clock, steps: readonly Step[]): DbTransition | undefined {
  let total = 0;
  let head: DbTransition | undefined;
  let tail: DbTransition | undefined;
  for (const step of steps) {
    total += step.awsMs;
    const t: DbTransition = {
      to: step.to,
      at: clock.after(total).toISOString(),
      ...(step.then ? { then: step.then } : {}),
    };
    if (tail) tail.next = t;
    else head = t;
    tail = t;
  }
  return head;
}

const isDue = (at: string, now: Date) => Date.parse(at) <= now.getTime();

function finishInstance(region: RegionState, d: DbInstanceRecord, t: DbTransition): void {
  const at = new Date(t.at);
  d.status = t.to;
  const event = (e: { message: string; categories: readonly string[]; eventId?: string }) =>
    recordEvent(region, instanceEvent(d, e.message, [...e.categories], e.eventId), at);
  switch (t.then) {
    case 'created':
      d.createdAt = t.at;
      event(RDS_EVENTS.created);
      if (t.next?.then === 'backedUp') event(RDS_EVENTS.backingUp);
      break;
    case 'backedUp':
      event(RDS_EVENTS.backedUp);
      break;
    case 'modified':
      applyPending(d, event);
      break;
    case 'rebooted':
      event(RDS_EVENTS.rebooted);
      break;
    case 'failedOver': {
      // The standby becomes the primary: the endpoint's address moves to its subnet (records of an older build
      // have their placements derived, and keep them from now on).
      const primary = primaryOf(region, d);
      const standby = standbyOf(region, d);
      if (primary && standby) {
        d.standby = primary;
        d.az = standby.az;
        d.subnetId = standby.subnetId;
        d.privateIp = standby.privateIp;
        d.secondaryAz = primary.az;
      }
      event(RDS_EVENTS.rebooted);
      event(RDS_EVENTS.failoverDone);
      break;
    }
    case 'stopped':
      event(RDS_EVENTS.stopped);
      break;
    case 'started':
      event(RDS_EVENTS.started);
      break;
    case 'deleted':
      event(RDS_EVENTS.deleted);
      removeInstance(region, d);
      return;
  }
  if (t.next) d.transition = t.next;
  else delete d.transition;
}

type EventOf = (e: { message: string; categories: readonly string[]; eventId?: string }) => void;

/** The modifications ModifyDBInstance scheduled, applied as the modification ends. */
function applyPending(d: DbInstanceRecord, event: EventOf): void {
  const pending = d.pendingModified ?? {};
  if (pending.multiAz === true) {
    d.multiAz = true;
    if (d.standby) d.secondaryAz = d.standby.az;
    event(RDS_EVENTS.multiAzDone);
  } else if (pending.multiAz === false) {
    d.multiAz = false;
    delete d.standby;
    delete d.secondaryAz;
    event(RDS_EVENTS.singleAzDone);
  }
  if (pending.instanceClass) d.instanceClass = pending.instanceClass;
  if (pending.masterUserPassword) d.masterPassword = pending.masterUserPassword;
  if (pending.backupRetentionPeriod !== undefined) d.backupRetentionPeriod = pending.backupRetentionPeriod;
  if (pending.multiAz === undefined) event(RDS_EVENTS.modified);
  delete d.pendingModified;
}

/** A deleted instance leaves its cluster; a deleted writer hands the role to the next member. */
function removeInstance(region: RegionState, d: DbInstanceRecord): void {
  region.dbInstances.splice(region.dbInstances.indexOf(d), 1);
  const cluster = d.clusterId ? region.dbClusters.find((c) => c.id === d.clusterId) : undefined;
  if (!cluster) return;
  cluster.memberIds = cluster.memberIds.filter((id) => id !== d.id);
  if (cluster.writerId === d.id) {
    const next = cluster.memberIds[0];
    if (next) cluster.writerId = next;
    else delete cluster.writerId;
  }
}

function finishCluster(region: RegionState, c: DbClusterRecord, t: DbTransition): void {
  const at = new Date(t.at);
  c.status = t.to;
  const event = (e: { message: string; categories: readonly string[]; eventId?: string }) =>
    recordEvent(region, clusterEvent(c, e.message, [...e.categories], e.eventId), at);
  switch (t.then) {
    case 'created':
      event(RDS_EVENTS.clusterCreated);
      break;
    case 'failedOver':
      if (c.failoverTo && c.memberIds.includes(c.failoverTo)) {
        c.writerId = c.failoverTo;
        event(auroraFailoverDone(c.failoverTo));
      }
      delete c.failoverTo;
      break;
    case 'deleted': {
      // Deleting lasts until its last member is gone.
      const members = region.dbInstances.filter((d) => c.memberIds.includes(d.id));
      const last = members
        .map((d) => d.transition?.at ?? t.at)
        .sort()
        .at(-1);
      if (last && last > t.at) {
        c.status = 'deleting';
        c.transition = { ...t, at: last };
        return;
      }
      event(RDS_EVENTS.clusterDeleted);
      region.dbClusters.splice(region.dbClusters.indexOf(c), 1);
      return;
    }
  }
  if (t.next) c.transition = t.next;
  else delete c.transition;
}

/** Applies the RDS transitions due at `now` (several in a row when a chain is due); true when anything changed. */
export function advanceRds(region: RegionState, now: Date): boolean {
  let changed = false;
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const d of [...region.dbInstances]) {
      if (d.transition && isDue(d.transition.at, now)) {
        finishInstance(region, d, d.transition);
        progressed = changed = true;
      }
    }
    for (const c of [...region.dbClusters]) {
      if (c.transition && isDue(c.transition.at, now)) {
        finishCluster(region, c, c.transition);
        progressed = changed = true;
      }
    }
  }
  return changed;
}
