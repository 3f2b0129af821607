// The contrast to 2.5: the lab's database rebooted WITHOUT failover, so the failover chart shows what a single-AZ
// database costs the site — the whole engine restart (AWS: about a minute), the same AZ afterwards — against the
// half minute of a Multi-AZ failover. Not a step of its own: it changes nothing the checks judge.
import { rebootDbInstance } from '../../aws/actions/rds';
import { reason } from '../codes';
import { StepError, type StepContext } from '../types';
import { startRun } from './kit';
import { databaseRoles, databaseToChange, sendUntilTaken, statusFollower } from './database';
import { waits } from './waits';

export interface RebootOutcome {
  readonly name: string;
  /** Where it ran before and after (a reboot without failover does not move it). */
  readonly az: string;
  readonly multiAz: boolean;
}

export async function runReboot(ctx: StepContext): Promise<RebootOutcome> {
  const run = startRun('2.5', ctx);
  const d = databaseToChange(run, await ctx.inventory());
  const follow = statusFollower(run, d.id);
  if (d.status !== 'available') await waits.dbInstanceAvailable(ctx, run.step, d.id, follow.seen);
  const az = d.az ?? '';
  run.progress('progress.rebootNoFailover', { name: d.id, az });
  const now = async () => databaseRoles(await ctx.inventory(), ctx).instance;
  await sendUntilTaken(
    () => rebootDbInstance(run.aws, d.id, false),
    async () => (await now())?.status === 'rebooting',
    async () => new StepError(run.step, reason('db.notAvailable', { name: d.id, status: (await now())?.status ?? '' })),
  );
  await waits.dbInstanceAvailable(ctx, run.step, d.id, follow.seen);
  return { name: d.id, az: follow.latest()?.AvailabilityZone ?? az, multiAz: d.multiAz };
}
