// Runners of 1.3 and 1.4: the second web server launched from the AMI and its Elastic IP. In seed 001's layout, while
// WebServer (stopped and imaged) is still the web server found, 1.3 launches both image1server and image2server
// from its AMI, adopting whichever of the two is there already. Each finds what exists (by role, as the checks do)
// and finishes it; creates only what is missing, tagged at creation; waits with the SDK's waiters.
import type { Image, Instance, Inventory } from '../../aws/types';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { awaitsFirstServer } from '../origin';
import { findRoles, type LabRoles } from '../roles';
import { finishRun, startRun, type Run } from './kit';
import { cloneMissing } from './plan';
import { serverPair } from './planOrigin';
import { bringUp, ensureElasticIp, launch, publicSubnetIn, subnetIn, webServerOf } from './server';
import { StepError, type StepContext, type StepOutcome } from '../types';
import { waits } from './waits';

/** The lab's AMI to launch from, waited for while pending. */
async function labImage(run: Run, roles: LabRoles, source: Instance): Promise<Image> {
  const image = roles.images.find((i) => i.state === 'available' || i.state === 'pending');
  if (!image) throw new StepError(run.step, reason('image.missing', { webServer: source.name ?? source.id }));
  if (image.state === 'pending') {
    run.progress('progress.waitImage', { id: image.id });
    await waits.imageAvailable(run.ctx, run.step, image.id);
  }
  return image;
}

/** Launches one server from the AMI in `az` with the source's type, groups and key pair; its ID. */
async function launchFrom(run: Run, inv: Inventory, source: Instance, image: Image, name: string, az: string) {
  // Outside a default VPC (Test-VPC) the server goes where the source is: a public subnet, with a public address.
  const inDefault = inv.vpcs.find((v) => v.id === source.vpcId)?.isDefault !== false;
  const subnet = inDefault ? subnetIn(inv, source.vpcId, az) : publicSubnetIn(inv, source.vpcId ?? '', az);
  if (!subnet) throw new StepError(run.step, reason('run.noSubnetInAz', { az, vpcId: source.vpcId ?? '' }));
  return launch(run, {
    name,
    imageId: image.id,
    type: source.type,
    subnet,
    groupIds: source.securityGroups.map((g) => g.id),
    ...(source.keyName ? { keyName: source.keyName } : {}),
    ...(!inDefault && !subnet.mapPublicIpOnLaunch && source.publicIp !== undefined ? { publicIp: true } : {}),
  });
}

/** Running, and its status checks passed when `waitStatus`. */
async function upAndRunning(run: Run, id: string, name: string, waitStatus: boolean): Promise<void> {
  run.progress('progress.waitRunning', { name });
  await waits.instanceRunning(run.ctx, run.step, id);
  if (waitStatus) {
    run.progress('progress.waitStatusOk', { name });
    await waits.instanceStatusOk(run.ctx, run.step, id);
  }
}

/**
 * Seed 001's ④: image1server, then image2server unless it is there, from WebServer's AMI with WebServer's type,
 * groups and key pair (the handout keeps the existing ones). One launched after the other, so a run stopped
 * between them leaves image1server, which the next run takes as the web server and adopts. The clone's ID.
 */
async function launchServers(
  run: Run,
  inv: Inventory,
  roles: LabRoles,
  origin: Instance,
  opts: Record<string, string>,
  waitStatus: boolean,
): Promise<string> {
  const pair = serverPair(roles, opts, run.ctx.layout, run.ctx.student);
  const image = await labImage(run, roles, origin);
  const firstId = await launchFrom(run, inv, origin, image, pair.first.name, pair.first.az);
  const existing = roles.clone;
  if (existing) run.reuse('instance', existing.id);
  const second = pair.second;
  const cloneId = existing?.id ?? (second ? await launchFrom(run, inv, origin, image, second.name, second.az) : '');
  await Promise.all([
    upAndRunning(run, firstId, pair.first.name, waitStatus),
    existing ? bringUp(run, existing, waitStatus) : upAndRunning(run, cloneId, second?.name ?? cloneId, waitStatus),
  ]);
  return cloneId;
}

/** Launches WebServer2 (or finds it) and waits until it runs; status checks are left to `waitStatus`. */
export async function launchClone(run: Run, opts: Record<string, string>, waitStatus: boolean): Promise<string> {
  const inv = await run.ctx.inventory();
  const ws = webServerOf(run, inv);
  const roles = findRoles(inv, undefined, run.ctx.layout);
  if (awaitsFirstServer(roles, run.ctx.layout)) return launchServers(run, inv, roles, ws, opts, waitStatus);
  const name = opts.name ?? namesOf(run.ctx.layout, run.ctx.student).clone;
  const existing = roles.clone;
  if (existing) {
    run.reuse('instance', existing.id);
    await bringUp(run, existing, waitStatus);
    return existing.id;
  }
  const image = await labImage(run, roles, ws);
  const id = await launchFrom(run, inv, ws, image, name, opts.az ?? `${inv.context.region}d`);
  await upAndRunning(run, id, name, waitStatus);
  return id;
}

export async function runClone(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.3', ctx);
  await launchClone(run, opts, true);
  return finishRun(run);
}

export async function runCloneAddress(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('1.4', ctx);
  const inv = await ctx.inventory();
  const clone = findRoles(inv, undefined, ctx.layout).clone;
  if (!clone) throw new StepError(run.step, cloneMissing(findRoles(inv, undefined, ctx.layout)));
  await ensureElasticIp(run, inv, clone, '1.4');
  return finishRun(run);
}
