// EC2's states over time. A write action starts a transition and records when it ends (from the
// world clock, so the speed factor applies and 'instant' ends it at once); `advanceEc2` applies every
// transition that is due. The server advances the world before each request, so every answer, and a
// state file reloaded later, sees the world as of now.
import { clearRuntimeFiles } from '../machine/httpd';
import type { InstanceRecord, InstanceStateName, RegionState } from '../core/records';
import type { Clock } from '../core/world';

/** AWS's typical durations at speed 1, in milliseconds. */
export const EC2_DURATIONS = {
  /** pending -> running (RunInstances, StartInstances). */
  instancePending: 30_000,
  /** Status checks `initializing` -> `ok`, counted from the launch or start. */
  statusChecks: 120_000,
  /** stopping -> stopped. */
  instanceStopping: 30_000,
  /** shutting-down -> terminated. */
  instanceShuttingDown: 30_000,
  /** A new EBS volume: creating -> available. */
  volumeCreating: 10_000,
  /** After its snapshots complete, a CreateImage AMI needs this long to turn available. */
  imageAfterSnapshots: 40_000,
  /** RegisterImage from a completed snapshot: pending -> available. */
  registerImage: 15_000,
} as const;

/** A snapshot's duration: a minute plus ten seconds per GiB (8 GiB: 2 min 20 s), as a first snapshot takes on AWS. */
export function snapshotDuration(sizeGiB: number): number {
  return 60_000 + 10_000 * sizeGiB;
}

export function dueAt(clock: Clock, awsMs: number): string {
  return clock.after(awsMs).toISOString();
}

const isDue = (at: string | undefined, now: Date) => at !== undefined && Date.parse(at) <= now.getTime();

/** AWS's StateTransitionReason for a user's action: "User initiated (2026-11-23 10:00:00 GMT)". */
export function userInitiated(now: Date): string {
  return `User initiated (${now.toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

export const USER_SHUTDOWN = {
  code: 'Client.UserInitiatedShutdown',
  message: 'Client.UserInitiatedShutdown: User initiated shutdown',
};

/** Starts a transient state that ends in `to` after `awsMs` (AWS time). */
export function beginTransition(
  instance: InstanceRecord,
  state: InstanceStateName,
  to: InstanceStateName,
  clock: Clock,
  awsMs: number,
): void {
  instance.state = state;
  instance.transition = { to, at: dueAt(clock, awsMs) };
}

/** The end of an instance's transient state, with what comes with it. */
function finishInstance(region: RegionState, instance: InstanceRecord, to: InstanceStateName): void {
  instance.state = to;
  delete instance.transition;
  if (to === 'running') {
    delete instance.stateReason;
    return;
  }
  // Stopped or terminated: the auto-assigned public IP goes back to Amazon, /run (a tmpfs) empties.
  delete instance.autoPublicIp;
  delete instance.statusOkAt;
  clearRuntimeFiles(instance.files);
  instance.stateReason ??= USER_SHUTDOWN;
  if (to !== 'terminated') return;
  // Terminated: volumes marked DeleteOnTermination go, the others are detached; an Elastic IP stays
  // allocated but is disassociated.
  for (const volume of region.volumes) {
    if (volume.attachment?.instanceId !== instance.id) continue;
    if (volume.attachment.deleteOnTermination) volume.state = 'deleted';
    else volume.state = 'available';
    delete volume.attachment;
  }
  for (const address of region.addresses)
    if (address.association?.instanceId === instance.id) delete address.association;
}

/** Applies the transitions due at `now`; true when anything changed. */
export function advanceEc2(region: RegionState, now: Date): boolean {
  let changed = false;
  for (const instance of region.instances) {
    if (instance.transition && isDue(instance.transition.at, now)) {
      finishInstance(region, instance, instance.transition.to);
      changed = true;
    }
  }
  for (const volume of region.volumes) {
    if (volume.state === 'creating' && isDue(volume.availableAt, now)) {
      volume.state = volume.attachment ? 'in-use' : 'available';
      delete volume.availableAt;
      changed = true;
    }
  }
  for (const snapshot of region.snapshots) {
    if (snapshot.state === 'pending' && isDue(snapshot.completeAt, now)) {
      snapshot.state = 'completed';
      snapshot.progress = 100;
      delete snapshot.completeAt;
      changed = true;
    }
  }
  for (const image of region.images) {
    if (image.state === 'pending' && isDue(image.availableAt, now)) {
      image.state = 'available';
      delete image.availableAt;
      changed = true;
    }
  }
  return changed;
}

/** A pending snapshot's progress (0..99) as of `now`, growing linearly; 100 once completed. */
export function snapshotProgress(
  snapshot: { state: string; progress: number; startTime: string; completeAt?: string },
  now: Date,
): number {
  if (snapshot.state !== 'pending' || !snapshot.completeAt) return snapshot.progress;
  const start = Date.parse(snapshot.startTime);
  const end = Date.parse(snapshot.completeAt);
  if (end <= start) return 99;
  return Math.max(0, Math.min(99, Math.floor(((now.getTime() - start) / (end - start)) * 100)));
}

/** Status checks as DescribeInstanceStatus reports them: `ok` once the boot's checks pass. */
export function statusChecks(instance: InstanceRecord, now: Date): 'ok' | 'initializing' | 'not-applicable' {
  if (instance.state !== 'running') return 'not-applicable';
  return !instance.statusOkAt || isDue(instance.statusOkAt, now) ? 'ok' : 'initializing';
}
