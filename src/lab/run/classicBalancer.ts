// 1.6 as seed 001 does it: a Classic Load Balancer with an HTTP 80 -> 80 listener and its own security group (HTTP
// from anywhere), the console's health check HTTP:80/index.html every 30 s (timeout 5, healthy 10, unhealthy 2),
// both web servers registered, then waited for until InService. Run again after an interruption, it adopts what the
// checks accept (the CLB holding the servers, or one by that name, and its group): no second CLB, no second group.
import {
  attachClassicSubnets,
  configureClassicHealthCheck,
  CONSOLE_HEALTH_CHECK,
  ensureClassicHttpListener,
  ensureClassicLoadBalancer,
  registerClassicInstances,
  classicInService,
} from '../../aws/actions/classicElb';
import type { ClassicLoadBalancer, Instance, Inventory, Subnet } from '../../aws/types';
import { diagnoseClassic } from '../checks/classicDiagnosis';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { findRoles } from '../roles';
import { finishRun, labTags, startRun, type Run } from './kit';
import { cloneMissing } from './plan';
import { StepError, type StepContext, type StepOutcome } from '../types';
import { waits } from './waits';
import { ensureFrontGroup } from './frontGroup';

/** The group a new CLB gets: the handout's (seed 001: elb-sg); the ALB handouts' alb-sg is not a CLB's name. */
export function classicGroupName(layout: StepContext['layout'], student?: string): string {
  const names = namesOf(layout, student);
  return names.balancer === 'classic' ? names.albSecurityGroup : 'elb-sg';
}

/** Whether 1.6 builds a CLB: asked for, or the handout's kind, or a CLB is already what the checks judge. */
export function wantsClassic(inv: Inventory, ctx: StepContext, opts: Record<string, string>): boolean {
  if (opts.balancer) return opts.balancer === 'classic';
  if (findRoles(inv, undefined, ctx.layout).classicLoadBalancer) return true;
  return namesOf(ctx.layout, ctx.student).balancer === 'classic';
}

function subnetFor(inv: Inventory, instance: Instance): Subnet | undefined {
  const own = inv.subnets.find((s) => s.id === instance.subnetId);
  if (own) return own;
  const inAz = inv.subnets.filter((s) => s.vpcId === instance.vpcId && s.az === instance.az);
  return inAz.find((s) => s.isDefaultForAz) ?? inAz.find((s) => s.isPublic) ?? inAz[0];
}

/** One subnet per web server's AZ; a second AZ's default subnet when both share one (two AZs, as the lab wants). */
function subnetsFor(inv: Inventory, servers: readonly Instance[], vpcId: string): Subnet[] {
  const subnets: Subnet[] = [];
  for (const s of servers.map((i) => subnetFor(inv, i))) if (s && !subnets.some((x) => x.az === s.az)) subnets.push(s);
  if (subnets.length < 2) {
    const other = inv.subnets.find(
      (s) => s.vpcId === vpcId && !subnets.some((x) => x.az === s.az) && (s.isDefaultForAz || s.isPublic),
    );
    if (other) subnets.push(other);
  }
  return subnets;
}

/** The health check from the options: the console's, with the handout's ping path when one is given. */
function healthCheckOf(opts: Record<string, string>) {
  const path = opts.healthCheckPath?.trim();
  return path
    ? { ...CONSOLE_HEALTH_CHECK, target: `HTTP:80${path.startsWith('/') ? path : `/${path}`}` }
    : CONSOLE_HEALTH_CHECK;
}

export async function runClassicLoadBalancer(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.6', ctx);
  const inv = await ctx.inventory();
  const roles = findRoles(inv, undefined, ctx.layout);
  const ws = roles.webServer;
  const clone = roles.clone;
  if (!ws?.vpcId) throw new StepError(run.step, reason('webServer.missing'));
  if (!clone) throw new StepError(run.step, cloneMissing(roles));
  const vpcId = ws.vpcId;
  const adopted: ClassicLoadBalancer | undefined =
    roles.classicLoadBalancer?.vpcId === vpcId ? roles.classicLoadBalancer : undefined;
  const name = adopted?.name ?? opts.loadBalancerName ?? namesOf(ctx.layout, ctx.student).loadBalancer;
  const subnets = subnetsFor(inv, [ws, clone], vpcId);
  for (const server of [ws, clone])
    if (!subnets.some((s) => s.az === server.az))
      throw new StepError(run.step, reason('run.classicNeedsTwoAzs', { az: server.az }));

  const choice = opts.securityGroup ?? (adopted ? 'keep' : 'new');
  const groupIds =
    adopted && choice === 'keep'
      ? [...adopted.securityGroupIds]
      : [
          await ensureFrontGroup(run, vpcId, choice === 'keep' ? 'new' : choice, {
            name: classicGroupName(ctx.layout, ctx.student),
            description: 'HTTP from anywhere to the Classic Load Balancer',
            ipv6: false,
          }),
        ];

  if (adopted) run.reuse('loadBalancer', adopted.name);
  else run.progress('progress.createClassicLoadBalancer', { name, azs: subnets.map((s) => s.az).join(', ') });
  const { lb, created } = await ensureClassicLoadBalancer(run.aws, {
    name,
    subnetIds: subnets.map((s) => s.id),
    securityGroupIds: groupIds,
    port: 80,
    tags: labTags(run, name),
  });
  (created ? run.created : run.reused).push(name);
  if (!created && !adopted) run.reuse('loadBalancer', name);
  const missing = subnets.filter(
    (s) => !(lb.Subnets ?? []).includes(s.id) && !(lb.AvailabilityZones ?? []).includes(s.az),
  );
  await attachClassicSubnets(
    run.aws,
    name,
    missing.map((s) => s.id),
  );
  await ensureClassicHttpListener(run.aws, lb, 80);
  // A CLB found by name was made by this runner (or the console, with the same default): set the check only when
  // it still has AWS's own default (TCP:80), so a ping path the student chose stays.
  const currentTarget = lb.HealthCheck?.Target;
  if (created || !currentTarget || currentTarget === 'TCP:80') {
    const hc = healthCheckOf(opts);
    run.progress('progress.configureHealthCheck', {
      target: hc.target,
      interval: hc.interval,
      timeout: hc.timeout,
      healthy: hc.healthy,
      unhealthy: hc.unhealthy,
    });
    await configureClassicHealthCheck(run.aws, name, hc);
  }
  const ids = [ws.id, clone.id];
  run.progress('progress.registerInstances', { names: [ws, clone].map((i) => i.name ?? i.id).join(', '), name });
  await registerClassicInstances(run.aws, name, ids);
  await waitInService(run, name, ids);
  return finishRun(run);
}

/**
 * Waits until both are InService, unless the account already shows why they cannot be (seed 001's security group):
 * then 1.7 says why, instead of a wait of threshold × interval that ends in a timeout.
 */
async function waitInService(run: Run, name: string, ids: readonly string[]): Promise<void> {
  const inService = await classicInService(run.aws, name);
  if (ids.every((id) => inService.has(id))) return;
  const inv = await run.ctx.inventory();
  const roles = findRoles(inv, undefined, run.ctx.layout);
  const clb = roles.classicLoadBalancer ?? inv.classicLoadBalancers.find((c) => c.name === name);
  if (clb) {
    const input = { inventory: inv, observations: new Map(), layout: run.ctx.layout };
    if (diagnoseClassic(input, roles, clb).some((p) => (p.fixes ?? []).length > 0)) return;
  }
  const seconds = (clb?.healthCheck.intervalSeconds ?? 30) * (clb?.healthCheck.healthyThreshold ?? 10);
  run.progress('progress.waitInService', { names: ids.join(', '), name, seconds });
  await waits.classicInService(run.ctx, run.step, name, ids, Math.max(600, 4 * seconds));
}
