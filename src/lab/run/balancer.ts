// Runners of the load-balancer half: 1.6 builds alb-sg, the target group, the ALB and its listener (split in
// two so a track can build them while the AMI and the clone are still pending), 1.7 applies the fixes its
// diagnosis names, 1.9 closes the web servers to everyone but the ALB (admit the ALB first, then revoke).
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { call } from '../../aws/actions/call';
import {
  ensureForwardListener,
  ensureLoadBalancer,
  ensureTargetGroup,
  registerTargets,
  setSecurityGroups,
  setSubnets,
} from '../../aws/actions/elb';
import type { Inventory, Subnet } from '../../aws/types';
import { checkStep } from '../checks/checks';
import { reason } from '../codes';
import { diagnoseTargets, secondsToHealthy } from '../checks/diagnosis';
import { applyFixIn } from './fixes';
import { observe, pagesForStep } from '../observe';
import { namesOf } from '../layout';
import { findRoles } from '../roles';
import { adoptable, cloneMissing } from './plan';
import { runClassicLoadBalancer, wantsClassic } from './classicBalancer';
import { secondsToInService } from '../checks/classicDiagnosis';
import { finishRun, knownCheck, labTags, startRun, type Run } from './kit';
import { StepError, type Fix, type StepContext, type StepOutcome } from '../types';
import { waits } from './waits';
import { ensureFrontGroup } from './frontGroup';

export interface PreparedLoadBalancer {
  readonly loadBalancerArn: string;
  readonly loadBalancerName: string;
  readonly targetGroupArn: string;
  readonly targetGroupName: string;
}

function defaultSubnet(inv: Inventory, vpcId: string | undefined, az: string): Subnet | undefined {
  const inAz = inv.subnets.filter((s) => s.vpcId === vpcId && s.az === az);
  return inAz.find((s) => s.isDefaultForAz) ?? inAz.find((s) => s.isPublic) ?? inAz[0];
}

/** alb-sg (seed 004: elb-sg) with HTTP 80 from anywhere, or the group the student chose. */
function albSecurityGroup(run: Run, vpcId: string, choice: string): Promise<string> {
  return ensureFrontGroup(run, vpcId, choice, {
    name: namesOf(run.ctx.layout, run.ctx.student).albSecurityGroup,
    description: 'HTTP from anywhere to the load balancer',
    ipv6: true,
  });
}

/**
 * The ALB in `azs` (the web servers' AZs; a second one is added when they share one, as an ALB needs two), its
 * security group, the target group and the HTTP:80 listener forwarding to it. WebServer is registered at once.
 * What the checks already accept is adopted and finished (a hand-made my-alb, elb-sg, tg-web): a second load
 * balancer beside it would bill and be secured by nobody.
 */
export async function prepareLoadBalancer(
  run: Run,
  opts: Record<string, string>,
  azs: readonly string[],
): Promise<PreparedLoadBalancer> {
  const inv = await run.ctx.inventory();
  const roles = findRoles(inv, undefined, run.ctx.layout);
  const ws = roles.webServer;
  if (!ws?.vpcId) throw new StepError(run.step, reason('webServer.missing'));
  const vpcId = ws.vpcId;
  const { loadBalancer: adoptedLb, targetGroup: adoptedTg } = adoptable(inv, roles);
  // An adopted load balancer keeps its groups (1.9 admits them) unless the student chose others.
  const groupChoice = opts.securityGroup ?? (adoptedLb ? 'keep' : 'new');
  const names = namesOf(run.ctx.layout, run.ctx.student);
  const lbName = adoptedLb?.name ?? opts.loadBalancerName ?? names.loadBalancer;
  const tgName = adoptedTg?.name ?? opts.targetGroupName ?? names.targetGroup;

  // One subnet per AZ: WebServer's own in its AZ, the AZ's default subnet elsewhere.
  const wsSubnet = inv.subnets.find((s) => s.id === ws.subnetId);
  const subnets = [...new Set(azs)]
    .map((az) => (az === wsSubnet?.az ? wsSubnet : defaultSubnet(inv, vpcId, az)))
    .filter((s): s is Subnet => s !== undefined);
  if (new Set(subnets.map((s) => s.az)).size < 2) {
    const other = inv.subnets.find(
      (s) => s.vpcId === vpcId && !subnets.some((x) => x.az === s.az) && (s.isDefaultForAz || s.isPublic),
    );
    if (other) subnets.push(other);
  }

  const [groupIds, tgArn] = await Promise.all([
    adoptedLb && groupChoice === 'keep'
      ? Promise.resolve([...adoptedLb.securityGroupIds])
      : albSecurityGroup(run, vpcId, groupChoice === 'keep' ? 'new' : groupChoice).then((id) => [id]),
    (async () => {
      if (adoptedTg) {
        run.reuse('targetGroup', adoptedTg.name);
        return adoptedTg.arn;
      }
      run.progress('progress.createTargetGroup', { name: tgName });
      const tg = await ensureTargetGroup(run.aws, {
        name: tgName,
        vpcId,
        port: 80,
        healthCheckPath: opts.healthCheckPath ?? '/index.html',
        tags: labTags(run, tgName),
      });
      (tg.created ? run.created : run.reused).push(tg.arn);
      return tg.arn;
    })(),
  ]);

  let arn: string;
  let zones: readonly { az: string; subnetId: string }[];
  if (adoptedLb) {
    run.reuse('loadBalancer', adoptedLb.name);
    arn = adoptedLb.arn;
    zones = adoptedLb.zones;
    if (!sameSet(adoptedLb.securityGroupIds, groupIds)) await setSecurityGroups(run.aws, arn, groupIds);
  } else {
    run.progress('progress.createLoadBalancer', { name: lbName, azs: subnets.map((s) => s.az).join(', ') });
    const { lb, created } = await ensureLoadBalancer(run.aws, {
      name: lbName,
      subnetIds: subnets.map((s) => s.id),
      securityGroupIds: groupIds,
      tags: labTags(run, lbName),
    });
    arn = lb.LoadBalancerArn ?? '';
    (created ? run.created : run.reused).push(arn);
    zones = (lb.AvailabilityZones ?? []).map((z) => ({ az: z.ZoneName ?? '', subnetId: z.SubnetId ?? '' }));
  }
  const missing = subnets.filter((s) => !zones.some((z) => z.az === s.az));
  if (missing.length > 0 && zones.length > 0)
    await setSubnets(run.aws, arn, [...zones.map((z) => z.subnetId), ...missing.map((s) => s.id)]);

  run.progress('progress.createListener', { port: 80, name: lbName });
  const listener = await ensureForwardListener(run.aws, arn, 80, tgArn, labTags(run, `${lbName}:80`));
  (listener.created ? run.created : run.reused).push(listener.arn);
  if (ws.state === 'running') await registerTargets(run.aws, tgArn, [{ id: ws.id }]);
  return { loadBalancerArn: arn, loadBalancerName: lbName, targetGroupArn: tgArn, targetGroupName: tgName };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Registers the instances, waits for the ALB to be active and the targets healthy. When the inventory already
 * shows why a target cannot turn healthy (seed 001's security group), it does not wait: 1.7 says why.
 */
export async function finishLoadBalancer(
  run: Run,
  lb: PreparedLoadBalancer,
  instanceIds: readonly string[],
): Promise<void> {
  run.progress('progress.registerTargets', { names: instanceIds.join(', '), targetGroup: lb.targetGroupName });
  await registerTargets(
    run.aws,
    lb.targetGroupArn,
    instanceIds.map((id) => ({ id })),
  );
  run.progress('progress.waitLoadBalancer', { name: lb.loadBalancerName });
  await waits.loadBalancerAvailable(run.ctx, run.step, lb.loadBalancerArn, lb.loadBalancerName);
  // Healthy already (a rerun, or the practice account at instant speed): nothing to wait for or diagnose.
  if (await allHealthy(run, lb.targetGroupArn, instanceIds)) return;
  const inv = await run.ctx.inventory();
  const input = { inventory: inv, observations: new Map(), layout: run.ctx.layout };
  const blocking = diagnoseTargets(input, findRoles(inv, undefined, run.ctx.layout)).filter(
    (p) => (p.fixes ?? []).length > 0,
  );
  if (blocking.length > 0) return;
  const tg = findRoles(inv, undefined, run.ctx.layout).targetGroup;
  run.progress('progress.waitTargets', { targetGroup: lb.targetGroupName });
  const ids = tg?.targets.map((t) => t.id) ?? [...instanceIds];
  await waits.targetsInService(
    run.ctx,
    run.step,
    lb.targetGroupArn,
    lb.targetGroupName,
    ids,
    Math.max(600, 4 * (tg ? secondsToHealthy(tg) : 150)),
  );
}

async function allHealthy(run: Run, targetGroupArn: string, ids: readonly string[]): Promise<boolean> {
  const out = await call(run.aws, 'elasticloadbalancing:DescribeTargetHealth', (o) =>
    run.ctx.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }), o),
  );
  const healthy = new Set(
    (out.TargetHealthDescriptions ?? []).filter((d) => d.TargetHealth?.State === 'healthy').map((d) => d.Target?.Id),
  );
  return ids.every((id) => healthy.has(id));
}

export async function runLoadBalancer(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const inv = await ctx.inventory();
  if (wantsClassic(inv, ctx, opts)) return runClassicLoadBalancer({ ...ctx, inventory: memo(ctx, inv) }, opts);
  const run = startRun('1.6', ctx);
  const roles = findRoles(inv, undefined, ctx.layout);
  const ws = roles.webServer;
  const clone = roles.clone;
  if (!ws) throw new StepError(run.step, reason('webServer.missing'));
  if (!clone) throw new StepError(run.step, cloneMissing(roles));
  const prepared = await prepareLoadBalancer(run, opts, [ws.az, clone.az]);
  await finishLoadBalancer(run, prepared, [ws.id, clone.id]);
  return finishRun(run);
}

/** The context's inventory, its first read being one already made. */
function memo(ctx: StepContext, first: Inventory): StepContext['inventory'] {
  let given: Inventory | undefined = first;
  return async () => {
    const inv = given ?? (await ctx.inventory());
    given = undefined;
    return inv;
  };
}

/** Fixes in the order that keeps the site up: start, enable, admit, forward, register; then paths; removals last. */
const FIX_ORDER = [
  'startInstance',
  'enableAz',
  'authorizeIngress',
  'authorizeEgress',
  'forwardToTargetGroup',
  'registerTarget',
  'setHealthCheckPath',
  'associateAddress',
  'deregisterTarget',
  'revokeIngress',
];
const byOrder = (a: Fix, b: Fix) => FIX_ORDER.indexOf(a.code) - FIX_ORDER.indexOf(b.code);

export async function runDiagnosis(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('1.7', ctx);
  const inv = await ctx.inventory();
  const roles = findRoles(inv, undefined, ctx.layout);
  const clb = roles.classicLoadBalancer;
  if (!clb && (!roles.loadBalancer || !roles.targetGroup)) throw new StepError(run.step, reason('alb.missing'));
  const observations = await observe(inv, ctx.web, ctx.signal, pagesForStep('1.7', inv, ctx.layout));
  const check = knownCheck(checkStep('1.7', { inventory: inv, observations, layout: ctx.layout }));
  if (check.status !== 'failed') return finishRun(run);
  for (const fix of [...check.fixes].sort(byOrder)) await applyFixIn(run, fix);
  if (clb) {
    const ids = clb.instances.map((i) => i.id);
    run.progress('progress.waitInService', { names: ids.join(', '), name: clb.name, seconds: secondsToInService(clb) });
    await waits.classicInService(ctx, run.step, clb.name, ids, Math.max(600, 4 * secondsToInService(clb)));
    return finishRun(run);
  }
  const tg = roles.targetGroup;
  if (!tg) throw new StepError(run.step, reason('alb.missing'));
  run.progress('progress.waitTargets', { targetGroup: tg.name });
  await waits.targetsInService(
    ctx,
    run.step,
    tg.arn,
    tg.name,
    tg.targets.map((t) => t.id),
    Math.max(600, 4 * secondsToHealthy(tg)),
  );
  return finishRun(run);
}

/**
 * 1.9's changes: the ALB gets a group of its own if it shares the web servers' (seed 000), the web group admits
 * that group, and only then the rules open to addresses go, so the ALB never loses its way in.
 */
export async function secureWebServers(run: Run): Promise<void> {
  let inv = await run.ctx.inventory();
  const roles = findRoles(inv, undefined, run.ctx.layout);
  const lb = roles.loadBalancer;
  // A CLB: 1.9's check names every change (its own group first when it shares the web servers').
  if (!lb && roles.classicLoadBalancer) return applyChecksFixes(run, inv);
  if (!lb) throw new StepError(run.step, reason('alb.missing'));
  const webGroups = new Set([roles.webServer, roles.clone].flatMap((i) => i?.securityGroups.map((g) => g.id) ?? []));
  if (lb.securityGroupIds.some((id) => webGroups.has(id)) && lb.vpcId) {
    const albGroup = await albSecurityGroup(run, lb.vpcId, 'new');
    await setSecurityGroups(run.aws, lb.arn, [albGroup]);
    inv = await run.ctx.inventory();
  }
  await applyChecksFixes(run, inv);
}

/** Applies 1.9's fixes; once more after a group of its own was given (the open rules are named only then). */
async function applyChecksFixes(run: Run, inv: Inventory, again = true): Promise<void> {
  const check = knownCheck(checkStep('1.9', { inventory: inv, observations: new Map(), layout: run.ctx.layout }));
  if (check.status !== 'failed') return;
  for (const fix of [...check.fixes].sort(byOrder)) await applyFixIn(run, fix);
  if (again && check.fixes.some((f) => f.code === 'ownLoadBalancerGroup'))
    await applyChecksFixes(run, await run.ctx.inventory(), false);
}

export async function runSecure(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('1.9', ctx);
  await secureWebServers(run);
  return finishRun(run);
}
