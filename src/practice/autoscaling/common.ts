// What Auto Scaling's actions and its controller share: the group by name with AWS's errors, ARNs, scaled
// time (cooldowns, grace periods and warm-up run in the clock's scaled time), and calls into EC2's and ELBv2's
// own handlers (a group launches through RunInstances and registers through RegisterTargets, as on AWS).
import type { ActionDefinition, RequestContext } from '../core/actions';
import { CONTINUOUS_SPEED_WHEN_INSTANT, PRACTICE_ACCOUNT_ID } from '../core/constants';
import { PracticeError, validationError } from '../core/errors';
import type { AutoScalingGroupRecord, RegionState } from '../core/records';
import type { Clock, World } from '../core/world';

/** Wall milliseconds that `awsSeconds` of AWS time take at the clock's speed. */
export function scaledMs(clock: Clock, awsSeconds: number): number {
  const speed = clock.speed === 'instant' ? CONTINUOUS_SPEED_WHEN_INSTANT : clock.speed;
  return (awsSeconds * 1000) / speed;
}

/** Version-4-shaped UUID from the world's generator (deterministic, unlike crypto.randomUUID). */
export function uuid(world: World): string {
  const h = world.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function groupArn(world: World, region: string, name: string): string {
  return `arn:aws:autoscaling:${region}:${PRACTICE_ACCOUNT_ID}:autoScalingGroup:${uuid(world)}:autoScalingGroupName/${name}`;
}

export function policyArn(world: World, region: string, group: string, name: string): string {
  return `arn:aws:autoscaling:${region}:${PRACTICE_ACCOUNT_ID}:scalingPolicy:${uuid(world)}:autoScalingGroupName/${group}:policyName/${name}`;
}

/** AWS's time in causes: 2026-12-02T06:00:00Z. */
export function causeTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export const DEFAULT_COOLDOWN = 300;

export function groupNotFound(name: string): PracticeError {
  return validationError(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
}

/** A live group by name (one being deleted included), or AWS's ValidationError. */
export function findGroup(records: RegionState, name: string | undefined): AutoScalingGroupRecord {
  const group = records.autoScalingGroups.find((g) => g.name === name);
  if (!group) throw groupNotFound(name ?? '');
  return group;
}

/** A write refused while the group is being deleted, as AWS answers. */
export function requireNotDeleting(group: AutoScalingGroupRecord): void {
  if (group.status === 'Delete in progress')
    throw new PracticeError(
      'ScalingActivityInProgress',
      'You cannot update an AutoScalingGroup while it is being deleted.',
    );
}

export function required<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || value === '')
    throw validationError(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

/** A request context for calling another service's handler from inside the practice account. */
export function internalContext(world: World, region: string, now: Date): RequestContext {
  return { world, region, records: world.region(region), requestId: 'autoscaling-internal', now };
}

/** Calls another service's (synchronous) handler as Auto Scaling would call that service. */
export function callAction<O>(definition: ActionDefinition | undefined, input: object, context: RequestContext): O {
  if (!definition) throw new Error('the practice account lacks an action Auto Scaling calls');
  const out = definition.handle(input, context);
  if (out instanceof Promise) throw new Error('an internal call must be synchronous');
  return out as O;
}

/** The group's AZs: its subnets' (VPCZoneIdentifier), else the ones it was created with. */
export function groupZones(group: AutoScalingGroupRecord, records: RegionState): string[] {
  if (!group.subnetIds.length) return [...(group.availabilityZones ?? [])];
  return [
    ...new Set(
      group.subnetIds.map((id) => records.subnets.find((s) => s.id === id)?.az).filter((az): az is string => !!az),
    ),
  ];
}
