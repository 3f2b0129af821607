// Track 3's building (seed 002): 3.1 a launch template from the lab's AMI, 3.2 the Auto Scaling group over the web
// tier's two AZs behind the lab's target group, 3.3 the two CPU alarms with their simple policies (or one target
// tracking policy). Each adopts what the checks already find (a console-made template or group, whatever its name),
// makes only what is missing, tags what it makes, and waits with AWS's states as progress; run again, it finishes.
import type { Inventory, Subnet } from '../../aws/types';
import {
  attachTargetGroups,
  createAutoScalingGroup,
  putSimplePolicy,
  putTargetTrackingPolicy,
  setGroupHealthCheck,
} from '../../aws/actions/autoScaling';
import { putCpuAlarm } from '../../aws/actions/cloudWatch';
import { createLaunchTemplate } from '../../aws/actions/launchTemplates';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { shownName } from '../network';
import { findRoles, type LabRoles } from '../roles';
import { findScalingRoles, type ScalingRoles } from '../scaling';
import { StepError, type StepContext, type StepOptions, type StepOutcome } from '../types';
import { finishRun, labTags, startRun, type Run } from './kit';
import { labImage } from './planScaling';
import { groupAtDesired, waits, type GroupState } from './waits';

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The roles 3.x decide from, on one inventory. */
export function scalingRolesOf(inv: Inventory, ctx: StepContext): { roles: LabRoles; scaling: ScalingRoles } {
  const roles = findRoles(inv, undefined, ctx.layout);
  return { roles, scaling: findScalingRoles(inv, roles, ctx.layout) };
}

/** 3.1: the template the checks find (adopted), else one of that name (an earlier try), else a new one. */
export async function runLaunchTemplate(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('3.1', ctx);
  const inv = await ctx.inventory();
  const { roles, scaling } = scalingRolesOf(inv, ctx);
  const name = opts.name || namesOf(ctx.layout, ctx.student).scaling.launchTemplate;
  const found = scaling.launchTemplate ?? inv.launchTemplates.find((t) => sameName(t.name, name));
  if (found) {
    run.reuse('launchTemplate', found.name);
    return finishRun(run);
  }
  const ws = roles.webServer;
  if (!ws) throw new StepError(run.step, reason('webServer.missing'));
  const image = labImage(roles);
  if (!image) throw new StepError(run.step, reason('image.missing', { webServer: ws.name ?? ws.id }));
  // The web group: the one WebServer2 was launched with (it admits the load balancer after 1.9), else WebServer's.
  const source = roles.clone ?? ws;
  const instanceType = opts.instanceType || ws.type;
  run.progress('progress.createLaunchTemplate', { name, image: image.name ?? image.id, type: instanceType });
  const made = await createLaunchTemplate(run.aws, {
    name,
    imageId: image.id,
    instanceType,
    ...(source.keyName ? { keyName: source.keyName } : {}),
    securityGroupIds: source.securityGroups.map((g) => g.id),
    tags: labTags(run, name),
  });
  // Not made: one of that name exists (an earlier try whose answer was lost): adopted as it is.
  if (made) run.created.push(made.id);
  else run.reuse('launchTemplate', name);
  return finishRun(run);
}

/**
 * Two subnets in two AZs for the group: those the web servers run in (default VPC: their default subnets; Test-VPC:
 * the public ones, or the private ones after 4.4), then, for the load balancer's other AZs, the VPC's subnet there
 * of the same kind. The load balancer routes only to AZs it is enabled in, so those come first.
 */
export function groupSubnets(inv: Inventory, roles: LabRoles): Subnet[] {
  const servers = [roles.webServer, roles.clone].filter((i) => i !== undefined);
  const vpcId = roles.targetGroup?.vpcId ?? servers[0]?.vpcId;
  const inVpc = inv.subnets.filter((s) => s.vpcId === vpcId);
  const own = servers.map((i) => inVpc.find((s) => s.id === i.subnetId)).filter((s) => s !== undefined);
  const lbAzs = new Set(roles.loadBalancer?.zones.map((z) => z.az) ?? []);
  const publicTier = own.every((s) => s.isPublic);
  const sameKind = inVpc
    .filter((s) => s.isPublic === publicTier)
    .sort((a, b) => Number(b.isDefaultForAz) - Number(a.isDefaultForAz) || a.az.localeCompare(b.az));
  const ordered = [
    ...own.filter((s) => lbAzs.size === 0 || lbAzs.has(s.az)),
    ...sameKind.filter((s) => lbAzs.has(s.az)),
    ...own,
    ...sameKind,
  ];
  const byAz = new Map<string, Subnet>();
  for (const s of ordered) if (!byAz.has(s.az)) byAz.set(s.az, s);
  return [...byAz.values()].slice(0, 2);
}

/** Each new count a group wait sees, as progress. */
export function groupFollower(run: Run, name: string) {
  let last = '';
  return (s: GroupState) => {
    const inService = (s.group.Instances ?? []).filter((i) => i.LifecycleState === 'InService').length;
    const desired = s.group.DesiredCapacity ?? 0;
    const now = `${inService}/${s.healthy.size}/${desired}`;
    if (now !== last) run.progress('progress.groupInstances', { name, inService, healthy: s.healthy.size, desired });
    last = now;
  };
}

/** 3.2: the group the checks find (adopted, and attached with ELB health checks if it was not), else a new one. */
export async function runScalingGroup(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('3.2', ctx);
  const names = namesOf(ctx.layout, ctx.student).scaling;
  const inv = await ctx.inventory();
  const { roles, scaling } = scalingRolesOf(inv, ctx);
  const tg = roles.targetGroup;
  const wanted = opts.name || names.group;
  const group = scaling.group ?? inv.autoScalingGroups.find((g) => sameName(g.name, wanted));
  const healthCheckType = opts.healthCheckType === 'EC2' ? 'EC2' : 'ELB';
  const grace = Number(opts.gracePeriod ?? names.gracePeriod);
  let name = wanted;
  if (group) {
    name = group.name;
    run.reuse('autoScalingGroup', name);
    if (tg && !group.targetGroupArns.includes(tg.arn)) {
      run.progress('progress.attachTargetGroups', { name, targetGroup: tg.name });
      await attachTargetGroups(run.aws, name, [tg.arn]);
    }
    if (healthCheckType === 'ELB' && group.healthCheckType !== 'ELB') {
      run.progress('progress.setGroupHealthCheck', { name, grace });
      await setGroupHealthCheck(run.aws, name, 'ELB', grace);
    }
  } else {
    const template = scaling.launchTemplate;
    if (!template) throw new StepError(run.step, reason('run.noLaunchTemplate', { name: names.launchTemplate }));
    if (!tg) throw new StepError(run.step, reason('alb.missing'));
    const subnets = groupSubnets(inv, roles);
    if (subnets.length < 2) {
      const vpc = inv.vpcs.find((v) => v.id === tg.vpcId);
      throw new StepError(run.step, reason('run.noGroupSubnets', { vpc: vpc ? shownName(vpc) : tg.vpcId }));
    }
    const sizes = { min: Number(opts.min), desired: Number(opts.desired), max: Number(opts.max) };
    run.progress('progress.createScalingGroup', { name, azs: subnets.map((s) => s.az).join(', '), ...sizes });
    const created = await createAutoScalingGroup(run.aws, {
      name,
      launchTemplateId: template.id,
      subnetIds: subnets.map((s) => s.id),
      targetGroupArns: [tg.arn],
      ...sizes,
      healthCheckType,
      gracePeriod: grace,
      tags: labTags(run, name),
      // Its instances carry its Name (the console's list), not the lab's tag: they go with the group.
      propagate: ['Name'],
    });
    if (created) run.created.push(name);
    else run.reuse('autoScalingGroup', name);
  }
  const desired = group?.desired ?? Number(opts.desired);
  run.progress('progress.waitGroup', { name, desired });
  // Desired InService and healthy in the target group is also InService: one wait after the group exists.
  await waits.groupExists(ctx, run.step, name);
  await waits.group(ctx, run.step, name, { accept: groupAtDesired, seen: groupFollower(run, name) });
  return finishRun(run);
}

/** 3.3: seed 002's two alarms and simple policies (default), or one target tracking policy; both by name. */
export async function runScalingPolicies(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('3.3', ctx);
  const inv = await ctx.inventory();
  const { scaling } = scalingRolesOf(inv, ctx);
  const group = scaling.group;
  const groupNames = namesOf(ctx.layout, ctx.student).scaling;
  if (!group) throw new StepError(run.step, reason('run.noScalingGroup', { name: groupNames.group }));
  // Names follow the group's (a console-made group keeps its own name): <group>-CPU-High, <group>-scale-out, …
  const n = { ...groupNames, ...namesFor(group.name) };
  if (opts.policy === 'targetTracking') {
    const target = Number(opts.target);
    run.progress('progress.putScalingPolicy', { name: n.targetTrackingPolicy, target });
    await putTargetTrackingPolicy(run.aws, { groupName: group.name, name: n.targetTrackingPolicy, target });
    run.created.push(n.targetTrackingPolicy);
    return finishRun(run);
  }
  const pairs = [
    { policy: n.scaleOutPolicy, adjustment: 1, alarm: n.highAlarm, comparison: 'GreaterThanThreshold', at: opts.high },
    { policy: n.scaleInPolicy, adjustment: -1, alarm: n.lowAlarm, comparison: 'LessThanThreshold', at: opts.low },
  ] as const;
  // The two pairs do not depend on each other: both at once.
  const putPair = async (p: (typeof pairs)[number]) => {
    run.progress('progress.putScalingPolicy', { name: p.policy, adjustment: p.adjustment > 0 ? '+1' : '-1' });
    const arn = await putSimplePolicy(run.aws, {
      groupName: group.name,
      name: p.policy,
      adjustment: p.adjustment,
      cooldown: n.cooldown,
    });
    const threshold = Number(p.at);
    const sign = p.comparison === 'GreaterThanThreshold' ? '>' : '<';
    run.progress('progress.putAlarm', { name: p.alarm, comparison: sign, threshold, policy: p.policy });
    await putCpuAlarm(run.aws, {
      name: p.alarm,
      groupName: group.name,
      comparison: p.comparison,
      threshold,
      period: n.alarmPeriod,
      evaluationPeriods: 1,
      alarmActions: [arn],
      tags: labTags(run, p.alarm),
    });
  };
  // Both settle before a failure is reported: nothing is still being written when the run says it stopped.
  for (const settled of await Promise.allSettled(pairs.map(putPair)))
    if (settled.status === 'rejected') throw settled.reason;
  for (const p of pairs) {
    // PutScalingPolicy and PutMetricAlarm create or replace: what a rerun sends is the same policy and alarm again.
    const had = inv.scalingPolicies.some((x) => x.groupName === group.name && x.name === p.policy);
    if (had) run.reuse('scalingPolicy', p.policy);
    else run.created.push(p.policy, p.alarm);
  }
  return finishRun(run);
}

/** The handout's names for a group of any name. */
function namesFor(group: string) {
  return {
    highAlarm: `${group}-CPU-High`,
    lowAlarm: `${group}-CPU-Low`,
    scaleOutPolicy: `${group}-scale-out`,
    scaleInPolicy: `${group}-scale-in`,
    targetTrackingPolicy: `${group}-cpu70`,
  };
}
