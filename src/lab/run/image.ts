// Runners of 1.1 (the snapshot of WebServer's root volume) and 1.2 (the AMI, from that snapshot or from the
// instance; seed 001 stops WebServer first). Each finds what the checks accept and finishes it; creates only what
// is missing, tagged at creation.
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  DescribeImagesCommand,
  RegisterImageCommand,
  type ArchitectureValues,
} from '@aws-sdk/client-ec2';
import { call, notRepeatedUnanswered } from '../../aws/actions/call';
import { instanceFacts, stopInstance, tagSpecs } from '../../aws/actions/ec2';
import type { Instance, Inventory } from '../../aws/types';
import { reason } from '../codes';
import { freeImageName } from './plan';
import { namesOf } from '../layout';
import { findRoles } from '../roles';
import { finishRun, labTags, startRun, type Run } from './kit';
import { imagesOrigin } from './planOrigin';
import { webServerOf } from './server';
import { labStepOf, StepError, type StepContext, type StepOutcome } from '../types';
import { waits } from './waits';

/** The instance the snapshot and the AMI are made of: seed 001's WebServer when the layout has one, else the web server. */
function imageSource(run: Run, inv: Inventory): Instance {
  const ws = webServerOf(run, inv);
  const roles = findRoles(inv, undefined, run.ctx.layout);
  return (imagesOrigin(roles, run.ctx.layout) ? roles.origin : undefined) ?? ws;
}

/** Seed 001's ①: WebServer stopped before its AMI is made, waited for with the SDK's waiter. */
async function stopOriginFirst(run: Run, inv: Inventory): Promise<void> {
  const roles = findRoles(inv, undefined, run.ctx.layout);
  const origin = imagesOrigin(roles, run.ctx.layout) ? roles.origin : undefined;
  if (!origin || origin.state === 'stopped') return;
  const name = origin.name ?? origin.id;
  if (origin.state !== 'stopping') {
    run.progress('progress.stopOrigin', { name });
    await stopInstance(run.aws, origin.id);
  }
  run.progress('progress.waitOriginStopped', { name });
  await waits.instanceStopped(run.ctx, run.step, origin.id);
}

export async function runSnapshot(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.1', ctx);
  const inv = await ctx.inventory();
  const ws = imageSource(run, inv);
  const volumeId = ws.rootVolume?.volumeId;
  if (!volumeId) throw new StepError(run.step, reason('webServer.noRootVolume', { id: ws.id, name: ws.name ?? ws.id }));
  let snapshotId = findRoles(inv, undefined, ctx.layout).snapshots.find(
    (s) => s.state === 'completed' || s.state === 'pending',
  )?.id;
  if (snapshotId) run.reuse('snapshot', snapshotId);
  else {
    run.progress('progress.createSnapshot', { volumeId });
    const tags = labTags(run, `${ws.name ?? namesOf(ctx.layout, ctx.student).webServer}-snapshot`, {
      State: opts.state ?? 'web-server',
      Date: opts.date ?? inv.fetchedAt.slice(0, 10),
    });
    const out = await call(run.aws, 'ec2:CreateSnapshot', (o) =>
      ctx.clients.ec2.send(
        notRepeatedUnanswered(
          new CreateSnapshotCommand({
            VolumeId: volumeId,
            Description: opts.description,
            TagSpecifications: tagSpecs(['snapshot'], tags),
          }),
        ),
        o,
      ),
    );
    snapshotId = out.SnapshotId ?? '';
    run.created.push(snapshotId);
  }
  run.progress('progress.waitSnapshot', { id: snapshotId });
  await waits.snapshotCompleted(ctx, run.step, snapshotId);
  return finishRun(run);
}

/** The own AMI of that name, when it is the one this step registered (an earlier run whose answer was lost). */
async function ourImageNamed(run: Run, name: string): Promise<string | undefined> {
  const out = await call(run.aws, 'ec2:DescribeImages', (o) =>
    run.ctx.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }),
      o,
    ),
  );
  const image = out.Images?.find((i) => i.State !== 'deregistered');
  if (!image) return undefined;
  const tags = Object.fromEntries((image.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  if (labStepOf(tags) !== run.step) throw new StepError(run.step, reason('run.imageNameTaken', { name }));
  return image.ImageId;
}

export async function runImage(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.2', ctx);
  const inv = await ctx.inventory();
  const ws = imageSource(run, inv);
  const roles = findRoles(inv, undefined, ctx.layout);
  let imageId = roles.images.find((i) => i.state === 'available' || i.state === 'pending')?.id;
  if (imageId) run.reuse('image', imageId);
  else {
    await stopOriginFirst(run, inv);
    // An AMI name is unique in the account: one not made from WebServer keeps its name, ours takes a free one.
    // The plan's default is already the free name: said too, as the handout's name is not the one used.
    const handout = namesOf(ctx.layout, ctx.student).image;
    const wanted = opts.name ?? handout;
    const name = freeImageName(inv, wanted);
    const taken = name !== wanted ? wanted : freeImageName(inv, handout) === name && name !== handout ? handout : '';
    if (taken) run.progress('progress.imageNameTaken', { name: taken, free: name });
    const tags = labTags(run, name);
    const description = `${name}: ${ws.name ?? ws.id} (${ws.id})`;
    const duplicate = { 'InvalidAMIName.Duplicate': () => undefined };
    if ((opts.method ?? 'snapshot') === 'snapshot') {
      const snapshot = roles.snapshots.find((s) => s.state === 'completed' || s.state === 'pending');
      if (!snapshot)
        throw new StepError(
          run.step,
          reason('snapshot.missing', { volumeId: ws.rootVolume?.volumeId ?? '', name: ws.name ?? ws.id }),
        );
      if (snapshot.state === 'pending') {
        run.progress('progress.waitSnapshot', { id: snapshot.id });
        await waits.snapshotCompleted(ctx, run.step, snapshot.id);
      }
      const facts = await instanceFacts(run.aws, ws.id);
      const device = ws.rootVolume?.deviceName ?? facts.rootDeviceName ?? '/dev/xvda';
      run.progress('progress.registerImage', { name, snapshotId: snapshot.id });
      imageId = await call(
        run.aws,
        'ec2:RegisterImage',
        async (o) =>
          (
            await ctx.clients.ec2.send(
              notRepeatedUnanswered(
                new RegisterImageCommand({
                  Name: name,
                  Description: description,
                  Architecture: (facts.architecture ?? 'x86_64') as ArchitectureValues,
                  RootDeviceName: device,
                  VirtualizationType: 'hvm',
                  EnaSupport: facts.enaSupport ?? true,
                  BlockDeviceMappings: [
                    {
                      DeviceName: device,
                      Ebs: {
                        SnapshotId: snapshot.id,
                        VolumeType: (ws.rootVolume?.volumeType as never) ?? 'gp2',
                        DeleteOnTermination: true,
                      },
                    },
                  ],
                  TagSpecifications: tagSpecs(['image'], tags),
                }),
              ),
              o,
            )
          ).ImageId,
        duplicate,
      );
    } else {
      run.progress('progress.createImage', { name, instanceId: ws.id });
      imageId = await call(
        run.aws,
        'ec2:CreateImage',
        async (o) =>
          (
            await ctx.clients.ec2.send(
              notRepeatedUnanswered(
                new CreateImageCommand({
                  InstanceId: ws.id,
                  Name: name,
                  Description: description,
                  NoReboot: (opts.noReboot ?? 'true') === 'true',
                  TagSpecifications: tagSpecs(['image', 'snapshot'], tags),
                }),
              ),
              o,
            )
          ).ImageId,
        duplicate,
      );
    }
    // The name was taken: by the image an earlier run registered before its answer was lost.
    if (imageId) run.created.push(imageId);
    else {
      imageId = await ourImageNamed(run, name);
      if (!imageId) throw new StepError(run.step, reason('run.imageNameTaken', { name }));
      run.reuse('image', imageId);
    }
  }
  run.progress('progress.waitImage', { id: imageId });
  await waits.imageAvailable(ctx, run.step, imageId);
  return finishRun(run);
}
