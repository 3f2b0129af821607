// Track 2's Aurora variant (seed 003): 2.6 the cluster wp-<student>-cluster with its writer wp-<student> in AZ a and
// the reader wp-<student>-slave in AZ c, private, guarded by db-sg in db-subnetgroup; 2.7 a failover to the reader,
// done when it is the writer. A cluster the checks already find (made in the console) is finished, not doubled.
import { createAuroraCluster, createAuroraInstance, failoverCluster } from '../../aws/actions/rds';
import type { DbCluster, Inventory } from '../../aws/types';
import { checkStep } from '../checks/checks';
import { reason } from '../codes';
import { auroraNames, namesOf } from '../layout';
import { StepError, type StepContext, type StepOptions, type StepOutcome } from '../types';
import { databaseNetwork, databasePassword, databaseRoles, sendUntilTaken, statusFollower } from './database';
import { finishRun, labTags, startRun, type Run } from './kit';
import { waits } from './waits';

/** Aurora's smallest burstable class (seed 003's db.t2.small is retired). */
export const AURORA_CLASS = 'db.t3.medium';

/** The cluster: the one the checks find, else a new one with the typed password. */
async function ensureCluster(run: Run, inv: Inventory, opts: StepOptions): Promise<{ id: string; found?: DbCluster }> {
  const db = databaseRoles(inv, run.ctx);
  if (db.cluster) {
    run.reuse('dbCluster', db.cluster.id);
    return { id: db.cluster.id, found: db.cluster };
  }
  const names = namesOf(run.ctx.layout, run.ctx.student).database;
  const network = databaseNetwork(inv, db, run.step, run.ctx);
  const id = (opts.cluster || auroraNames(run.ctx.student).cluster).toLowerCase();
  const readerAz = opts.readerAz || `${inv.context.region}${auroraNames(run.ctx.student).readerAz}`;
  for (const az of [opts.writerAz, readerAz]) {
    if (az && !network.subnetGroup.azs.includes(az))
      throw new StepError(run.step, reason('run.noSubnetInAz', { az, vpcId: network.subnetGroup.vpcId }));
  }
  const password = await databasePassword(run.ctx, run.step);
  run.progress('progress.createAuroraCluster', { name: id, subnetGroup: network.subnetGroup.name });
  const created = await createAuroraCluster(run.aws, {
    id,
    masterUser: opts.masterUser || names.masterUser,
    password,
    securityGroupIds: network.groupIds,
    subnetGroup: network.subnetGroup.name,
    dbName: opts.dbName || names.dbName,
    tags: labTags(run, id),
  });
  if (created) run.created.push(id);
  else run.reuse('dbCluster', id);
  return { id };
}

/** 2.6. */
export async function runAurora(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('2.6', ctx);
  const inv = await ctx.inventory();
  const names = auroraNames(ctx.student);
  const region = inv.context.region;
  const { id, found } = await ensureCluster(run, inv, opts);
  const members = found?.members ?? [];
  const instanceClass = opts.instanceClass || AURORA_CLASS;
  // The first member made is the writer, the next one a reader: in that order, each once.
  const wanted = [
    {
      role: 'writer',
      name: opts.writer || names.writer,
      az: opts.writerAz || `${region}a`,
      has: members.some((m) => m.isWriter),
    },
    {
      role: 'reader',
      name: opts.reader || names.reader,
      az: opts.readerAz || `${region}${names.readerAz}`,
      has: members.some((m) => !m.isWriter),
    },
  ];
  const memberIds = members.map((m) => m.instanceId);
  for (const member of wanted) {
    if (member.has) continue;
    const memberId = member.name.toLowerCase();
    run.progress('progress.createAuroraInstance', { name: memberId, role: member.role, az: member.az, instanceClass });
    const created = await createAuroraInstance(run.aws, {
      id: memberId,
      clusterId: id,
      instanceClass,
      az: member.az,
      tags: labTags(run, memberId),
    });
    if (created) run.created.push(memberId);
    else run.reuse('dbInstance', memberId);
    if (!memberIds.includes(memberId)) memberIds.push(memberId);
  }
  // The cluster and every member available (those made by hand, read at the start, too), waited for together.
  await Promise.all([
    waits.dbClusterAvailable(ctx, run.step, id),
    ...memberIds.map((m) => waits.dbInstanceAvailable(ctx, run.step, m, statusFollower(run, m).seen)),
  ]);
  return finishRun(run);
}

/** 2.7: a failover to the reader (the one named, else seed 003's, else the first); done when it is the writer. */
export async function runAuroraFailover(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('2.7', ctx);
  const inv = await ctx.inventory();
  const names = auroraNames(ctx.student);
  const c = databaseRoles(inv, ctx).cluster;
  if (!c) throw new StepError(run.step, reason('aurora.missing', { name: names.cluster }));
  const readers = c.members.filter((m) => !m.isWriter);
  const writer = c.members.find((m) => m.isWriter)?.instanceId ?? '';
  if (readers.length === 0)
    throw new StepError(run.step, reason('aurora.noReader', { name: c.id, reader: names.reader, az: names.readerAz }));
  const layout = ctx.layout ? { layout: ctx.layout } : {};
  const before = checkStep('2.7', { inventory: inv, observations: new Map(), ...layout });
  if (before.status === 'passed' && opts.again !== 'yes') {
    run.progress('progress.failoverAlreadyDone', { name: c.id, az: writer });
    return finishRun(run);
  }
  const target =
    readers.find((m) => m.instanceId === opts.target)?.instanceId ??
    readers.find((m) => m.instanceId === names.reader)?.instanceId ??
    readers[0]?.instanceId ??
    '';
  if (c.status !== 'available' && c.status !== 'failing-over') await waits.dbClusterAvailable(ctx, run.step, c.id);
  if (c.status !== 'failing-over') {
    run.progress('progress.failoverCluster', { name: c.id, from: writer, to: target });
    ctx.onFailover?.('started', { name: c.id, writer, reader: target });
    const now = async () => databaseRoles(await ctx.inventory(), ctx).cluster;
    await sendUntilTaken(
      () => failoverCluster(run.aws, c.id, target),
      async () => {
        const n = await now();
        return n?.status === 'failing-over' || (n?.members.some((m) => m.isWriter && m.instanceId === target) ?? false);
      },
      async () =>
        new StepError(run.step, reason('aurora.notAvailable', { name: c.id, status: (await now())?.status ?? '' })),
    );
  }
  await waits.dbClusterWriter(ctx, run.step, c.id, target);
  run.progress('progress.auroraSwapped', { name: c.id, writer: target, reader: writer });
  ctx.onFailover?.('done', { name: c.id, writer: target, reader: writer });
  return finishRun(run);
}
