// 4.4's doing: a web server from the lab's AMI in each private subnet of two AZs (no public address: the console's
// "Auto-assign public IP: Disable"), in the web servers' security group, registered in the load balancer's target
// group, and healthy. Found again by name on a rerun; the public servers stay (the check notes them).
import type { Inventory, Subnet, Vpc } from '../../aws/types';
import { registerTargets } from '../../aws/actions/elb';
import { reason } from '../codes';
import { findLabVpc, labVpcLoadBalancer, shownName, subnetRouting } from '../network';
import { findRoles, targetGroupsOf } from '../roles';
import { StepError, type StepContext, type StepOutcome } from '../types';
import { finishRun, startRun, type Run } from './kit';
import { launch } from './server';
import { waits } from './waits';

/** One private subnet per AZ, in AZ order (the layout's プライベートサブネット-1a and -1c). */
function privateSubnets(inv: Inventory, vpc: Vpc): Subnet[] {
  const byAz = new Map<string, Subnet>();
  const candidates = inv.subnets
    .filter((s) => s.vpcId === vpc.id && subnetRouting(inv, s).tier === 'private')
    .sort((a, b) => a.az.localeCompare(b.az) || a.cidr.localeCompare(b.cidr));
  for (const s of candidates) if (!byAz.has(s.az)) byAz.set(s.az, s);
  return [...byAz.values()].slice(0, 2);
}

/** private-web-1a, private-web-1c: the AZ's letter as the handouts write it. */
export const privateServerName = (az: string) => `private-web-${az.slice(-2)}`;

async function ensurePrivateServer(run: Run, inv: Inventory, subnet: Subnet, spec: { imageId: string }) {
  const roles = findRoles(inv, undefined, run.ctx.layout);
  const ws = roles.webServer;
  if (!ws) throw new StepError('4.4', reason('webServer.missing'));
  const name = privateServerName(subnet.az);
  const existing = inv.instances.find(
    (i) => i.name === name && i.vpcId === subnet.vpcId && i.state !== 'terminated' && i.state !== 'shutting-down',
  );
  if (existing) {
    run.reuse('instance', existing.id);
    return existing.id;
  }
  return launch(run, {
    name,
    imageId: spec.imageId,
    type: ws.type,
    subnet,
    groupIds: ws.securityGroups.map((g) => g.id),
    ...(ws.keyName ? { keyName: ws.keyName } : {}),
    publicIp: false,
  });
}

export async function runPrivateTier(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('4.4', ctx);
  const inv = await ctx.inventory();
  const vpc = findLabVpc(inv);
  if (!vpc) throw new StepError(run.step, reason('run.noLabVpc'));
  const roles = findRoles(inv, undefined, ctx.layout);
  const lb = labVpcLoadBalancer(inv, vpc.id, roles.loadBalancer);
  if (!lb) throw new StepError(run.step, reason('privateTier.noLoadBalancer', { vpc: shownName(vpc) }));
  const tg = targetGroupsOf(inv, lb)[0];
  if (!tg) throw new StepError(run.step, reason('targetGroup.missing', { name: lb.name }));
  const image = roles.images.find((i) => i.state === 'available');
  if (!image) throw new StepError(run.step, reason('image.missing', { webServer: roles.webServer?.name ?? '' }));
  const subnets = privateSubnets(inv, vpc);
  if (subnets.length < 2) {
    throw new StepError(run.step, reason('subnets.privateZones', { vpc: shownName(vpc), count: subnets.length }));
  }
  // Two AZs, two independent launches: side by side, as the console's two tabs would be.
  const ids = await Promise.all(subnets.map((subnet) => ensurePrivateServer(run, inv, subnet, { imageId: image.id })));
  run.progress('progress.waitRunning', { name: subnets.map((s) => privateServerName(s.az)).join(', ') });
  await waits.instancesRunning(ctx, run.step, ids);
  run.progress('progress.registerTargets', {
    names: subnets.map((s) => privateServerName(s.az)).join(', '),
    targetGroup: tg.name,
  });
  await registerTargets(
    run.aws,
    tg.arn,
    ids.map((id) => ({ id })),
  );
  run.progress('progress.waitTargets', { targetGroup: tg.name });
  await waits.targetsInService(ctx, run.step, tg.arn, tg.name, ids);
  return finishRun(run);
}
