// The Auto Scaling controller (advance.ts runs it before every request, after CloudWatch's advancer):
// it applies the alarms' policy invocations, then keeps each group at its desired capacity as AWS does —
// launches the missing instances through RunInstances from the launch template, the AZ with the fewest first;
// a running instance goes Pending -> InService and into the target groups; an instance found not running
// (EC2 health) or unhealthy in a target group after the grace period (ELB health) is taken out of service and
// replaced; scale-in picks by AWS's default termination policy (the AZ with the most instances, then the oldest
// launch template version, then the oldest instance); a Terminating instance leaves its target groups, is
// terminated once they let it go, and leaves the group once EC2 has terminated it. A group being deleted goes
// once its instances are gone. Everything is state-driven, so one pass catches up on whatever is due.
import { deleteMetricAlarmRecords } from '../cloudwatch/alarmRecords';
import type { AutoScalingGroupRecord, GroupInstanceRecord, InstanceRecord, RegionState } from '../core/records';
import type { World } from '../core/world';
import { HealthEvaluator } from '../elbv2/targetHealth';
import { causes, finishActivity, joinCauses, startActivity } from './activities';
import { groupZones, scaledMs } from './common';
import {
  deregisterInstance,
  launchInstance,
  registerInstance,
  stillDraining,
  terminateInstance,
  unhealthyInTargetGroups,
} from './fleet';
import { applyAlarmInvocations } from './execution';

/** At most this many launches per group per advance (a group catches up over a few requests, bounded). */
const LAUNCHES_PER_ADVANCE = 10;
/** After a failed launch AWS tries again, backing off: 10 s of AWS time, doubling up to 5 minutes. */
const LAUNCH_RETRY_SECONDS = 10;
const LAUNCH_RETRY_MAX_SECONDS = 300;

const NOT_RUNNING = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);

/** The members that count towards the capacity (not leaving). */
export function activeMembers(group: AutoScalingGroupRecord): GroupInstanceRecord[] {
  return group.instances.filter((m) => m.lifecycleState !== 'Terminating');
}

export interface Pass {
  world: World;
  regionName: string;
  region: RegionState;
  now: Date;
  evaluator: HealthEvaluator;
  /** The region's instances by ID as the pass began (the members' EC2 side). */
  instances?: Map<string, InstanceRecord>;
}

/** Takes a member out of service: Terminating, an activity with the cause, out of the target groups. */
export function beginTermination(
  pass: Pass,
  group: AutoScalingGroupRecord,
  member: GroupInstanceRecord,
  cause: string,
) {
  const { world, regionName, region, now } = pass;
  const activity = startActivity(
    world,
    region,
    group,
    {
      description: `Terminating EC2 instance: ${member.id}`,
      cause,
      details: { 'Subnet ID': subnetOf(region, member.id) ?? '', 'Availability Zone': member.az },
    },
    now,
  );
  member.lifecycleState = 'Terminating';
  member.activityId = activity.id;
  deregisterInstance(world, regionName, group, member.id, now);
}

function subnetOf(region: RegionState, id: string): string | undefined {
  return region.instances.find((i) => i.id === id)?.subnetId;
}

/** Terminating members: terminated once drained, gone from the group once EC2 says terminated. */
function advanceLeaving(pass: Pass, group: AutoScalingGroupRecord, member: GroupInstanceRecord, ec2?: InstanceRecord) {
  const { world, regionName, region, now } = pass;
  if (!member.terminateSent) {
    if (ec2 && ec2.state !== 'terminated' && stillDraining(group, region, member.id, now)) {
      const activity = region.scalingActivities?.find((a) => a.id === member.activityId);
      if (activity && activity.statusCode === 'InProgress') activity.statusCode = 'WaitingForELBConnectionDraining';
      return false;
    }
    terminateInstance(world, regionName, member.id, now);
    member.terminateSent = true;
    return true;
  }
  if (ec2 && ec2.state !== 'terminated') return false;
  group.instances = group.instances.filter((m) => m !== member);
  finishActivity(region, member.activityId, now);
  return true;
}

/** Pending/InService members: in service once running; replaced when EC2 or ELB health says so. */
function checkMember(pass: Pass, group: AutoScalingGroupRecord, member: GroupInstanceRecord, ec2?: InstanceRecord) {
  const { world, regionName, region, now } = pass;
  if (!ec2 || NOT_RUNNING.has(ec2.state)) {
    member.healthStatus = 'Unhealthy';
    beginTermination(pass, group, member, causes.ec2Health(now));
    return true;
  }
  if (member.lifecycleState === 'Pending') {
    if (ec2.state !== 'running') return false;
    registerInstance(world, regionName, group, member.id, now);
    member.lifecycleState = 'InService';
    finishActivity(region, member.activityId, now);
    delete member.activityId;
    return true;
  }
  if (group.healthCheckType !== 'ELB') return false;
  const inGrace = now.getTime() - Date.parse(ec2.launchTime) < scaledMs(world.clock, group.healthCheckGracePeriod);
  if (inGrace || !unhealthyInTargetGroups(group, pass.evaluator, region, member.id)) return false;
  member.healthStatus = 'Unhealthy';
  beginTermination(pass, group, member, causes.elbHealth(now));
  return true;
}

/** The AZ for the next launch: the one with the fewest active members (the group's order breaks ties). */
function zoneForLaunch(group: AutoScalingGroupRecord, zones: readonly string[]): string | undefined {
  const counts = zones.map((az) => activeMembers(group).filter((m) => m.az === az).length);
  const fewest = Math.min(...counts);
  return zones[counts.indexOf(fewest)];
}

function launchMissing(pass: Pass, group: AutoScalingGroupRecord): boolean {
  const { world, regionName, region, now } = pass;
  if (group.retryLaunchAt && Date.parse(group.retryLaunchAt) > now.getTime()) return false;
  const zones = groupZones(group, region);
  const from = activeMembers(group).length;
  const missing = Math.min(group.desired - from, LAUNCHES_PER_ADVANCE);
  if (missing <= 0 || !zones.length) return false;
  const cause = joinCauses(group.desiredCause, causes.launched(now, from, group.desired));
  for (let n = 0; n < missing; n++) {
    const az = zoneForLaunch(group, zones) ?? zones[0] ?? '';
    // AWS lets a target group be deleted while a group names it; the group's launches fail from then on.
    const gone = group.targetGroupArns.find((arn) => !region.targetGroups.some((tg) => tg.arn === arn));
    const launched = gone
      ? {
          ok: false as const,
          message: `Failed to update target group ${gone}: Target group '${gone}' not found Updating load balancer configuration failed.`,
        }
      : launchInstance(world, regionName, group, az, now);
    if (!launched.ok) {
      const failed = startActivity(
        world,
        region,
        group,
        {
          description: 'Launching a new EC2 instance.  Status Reason: ' + launched.message,
          cause,
          details: { 'Subnet ID': launched.subnetId ?? '', 'Availability Zone': az },
        },
        now,
      );
      finishActivity(region, failed.id, now, 'Failed', `${launched.message} Launching EC2 instance failed.`);
      const failures = (group.launchFailures ?? 0) + 1;
      const wait = Math.min(LAUNCH_RETRY_SECONDS * 2 ** (failures - 1), LAUNCH_RETRY_MAX_SECONDS);
      group.launchFailures = failures;
      group.retryLaunchAt = new Date(now.getTime() + scaledMs(world.clock, wait)).toISOString();
      return true;
    }
    const activity = startActivity(
      world,
      region,
      group,
      {
        description: `Launching a new EC2 instance: ${launched.instance.id}`,
        cause,
        details: { 'Subnet ID': launched.subnetId, 'Availability Zone': az },
      },
      now,
    );
    group.instances.push({
      id: launched.instance.id,
      az,
      type: launched.instance.type,
      lifecycleState: 'Pending',
      healthStatus: 'Healthy',
      launchTemplateVersion: String(launched.version),
      protectedFromScaleIn: false,
      activityId: activity.id,
    });
  }
  delete group.desiredCause;
  delete group.retryLaunchAt;
  delete group.launchFailures;
  return true;
}

/** AWS's default termination policy, kept simple: the AZ with the most, the oldest template version, the oldest. */
export function pickForTermination(
  group: AutoScalingGroupRecord,
  region: RegionState,
): GroupInstanceRecord | undefined {
  const candidates = activeMembers(group).filter((m) => !m.protectedFromScaleIn);
  if (!candidates.length) return undefined;
  const perZone = new Map<string, number>();
  for (const m of activeMembers(group)) perZone.set(m.az, (perZone.get(m.az) ?? 0) + 1);
  const most = Math.max(...candidates.map((m) => perZone.get(m.az) ?? 0));
  const launchTime = (id: string) => Date.parse(region.instances.find((i) => i.id === id)?.launchTime ?? '') || 0;
  return candidates
    .filter((m) => (perZone.get(m.az) ?? 0) === most)
    .sort(
      (a, b) =>
        Number(a.launchTemplateVersion ?? 0) - Number(b.launchTemplateVersion ?? 0) ||
        launchTime(a.id) - launchTime(b.id),
    )[0];
}

function removeExtra(pass: Pass, group: AutoScalingGroupRecord): boolean {
  let changed = false;
  const from = activeMembers(group).length;
  const firstCause = group.desiredCause;
  while (activeMembers(group).length > group.desired) {
    const victim = pickForTermination(group, pass.region);
    if (!victim) break;
    const cause = joinCauses(
      firstCause,
      causes.shrunk(pass.now, from, group.desired),
      causes.selected(pass.now, victim.id),
    );
    beginTermination(pass, group, victim, cause);
    changed = true;
  }
  if (changed) delete group.desiredCause;
  return changed;
}

/** A group being deleted: its instances go, then the group, its policies (their alarms) and activities. */
function advanceDeletion(pass: Pass, group: AutoScalingGroupRecord): boolean {
  const { region, now } = pass;
  let changed = false;
  for (const member of activeMembers(group)) {
    beginTermination(pass, group, member, causes.deleted(now, group.desired));
    changed = true;
  }
  if (group.instances.length) return changed;
  region.autoScalingGroups = region.autoScalingGroups.filter((g) => g !== group);
  const policies = (region.scalingPolicies ?? []).filter((p) => p.groupName === group.name);
  const ownAlarms = policies.filter((p) => p.type === 'TargetTrackingScaling').flatMap((p) => p.alarms ?? []);
  if (ownAlarms.length)
    deleteMetricAlarmRecords(
      region,
      ownAlarms.map((a) => a.name),
      now,
    );
  region.scalingPolicies = (region.scalingPolicies ?? []).filter((p) => p.groupName !== group.name);
  region.scalingActivities = (region.scalingActivities ?? []).filter((a) => a.groupName !== group.name);
  return true;
}

function advanceGroup(pass: Pass, group: AutoScalingGroupRecord): boolean {
  let changed = false;
  const instances = (pass.instances ??= new Map(pass.region.instances.map((i) => [i.id, i])));
  for (const member of [...group.instances]) {
    const ec2 = instances.get(member.id);
    const moved =
      member.lifecycleState === 'Terminating'
        ? advanceLeaving(pass, group, member, ec2)
        : checkMember(pass, group, member, ec2);
    if (moved) changed = true;
  }
  if (group.status === 'Delete in progress') return advanceDeletion(pass, group) || changed;
  if (launchMissing(pass, group)) changed = true;
  if (removeExtra(pass, group)) changed = true;
  // Members that left at once (already terminated) are gone in the same pass.
  for (const member of group.instances.filter((m) => m.lifecycleState === 'Terminating'))
    if (advanceLeaving(pass, group, member, instances.get(member.id))) changed = true;
  return changed;
}

/** Auto Scaling's advancer for one region: true when it changed anything. */
export function advanceAutoScaling(world: World, regionName: string, now: Date): boolean {
  const region = world.state.regions[regionName];
  if (!region) return false;
  let changed = applyAlarmInvocations(world, regionName, region, now);
  if (!region.autoScalingGroups.length) return changed;
  const pass: Pass = { world, regionName, region, now, evaluator: new HealthEvaluator(region, now, world.clock.speed) };
  for (const group of [...region.autoScalingGroups]) if (advanceGroup(pass, group)) changed = true;
  return changed;
}
