// 1.8 and 1.10: what the student sees through the load balancer. A tally of N requests to its DNS name, per
// backend (X-Served-By on the practice account; on AWS the page variant tells the two servers apart), and the
// availability exercise: stop one server, keep asking, start it again, wait until it is healthy, and record the
// result on the load balancer (EXERCISE_TAG) so the check sees it from the account itself.
import { addTags } from '../../aws/actions/elb';
import { addClassicTags } from '../../aws/actions/classicElb';
import { secondsToInService } from '../checks/classicDiagnosis';
import { startInstance, stopInstance } from '../../aws/actions/ec2';
import type { Inventory } from '../../aws/types';
import { reason } from '../codes';
import { tallyObservation } from '../observe';
import { findRoles, pageVariant } from '../roles';
import { finishRun, startRun } from './kit';
import { EXERCISE_TAG, StepError, type ExerciseResult, type StepContext, type StepOutcome, type Tally } from '../types';
import { waits } from './waits';

export type { Tally } from '../types';

export interface TallyOptions {
  readonly requests: number;
  /** After every answer (or failure), the tally so far and the host asked: the chart grows as it comes. */
  onAnswer?(t: Tally, host: string): void;
  /** The load balancer's DNS name; default: the lab's, from a fresh inventory. */
  readonly host?: string;
}

/** Requests the load balancer one after the other (as a student reloading the page) and counts the answers. */
export async function tallyLoadBalancer(ctx: StepContext, options: TallyOptions): Promise<Tally> {
  // The inventory names the backends (and finds the load balancer when no host is given).
  const inv: Inventory = await ctx.inventory();
  const roles = options.host ? undefined : findRoles(inv, undefined, ctx.layout);
  const host = options.host ?? roles?.loadBalancer?.dnsName ?? roles?.classicLoadBalancer?.dnsName;
  if (!host) throw new StepError('1.8', reason('alb.missing'));
  const names = new Map(inv.instances.map((i) => [i.id, i.name ?? i.id]));
  const counts = new Map<string, { instanceId?: string; name?: string; variant: string; count: number }>();
  let answered = 0;
  let failed = 0;
  const snapshot = (requests: number): Tally => ({
    requests,
    answered,
    failed,
    byBackend: [...counts.values()].map((b) => ({ ...b })),
  });
  for (let n = 1; n <= options.requests; n++) {
    ctx.signal.throwIfAborted();
    ctx.progress({ code: 'progress.request', args: { n, of: options.requests }, fraction: n / options.requests });
    const page = await ctx.web.fetch(host, '/', { signal: ctx.signal });
    const variant = pageVariant(page.body, page.location);
    // WordPress before its setup answers with a redirect to it: the server answered all the same.
    if (page.status === 200 || variant === 'wordpress') {
      answered += 1;
      const key = page.servedBy ?? `variant:${variant}`;
      const entry = counts.get(key) ?? {
        ...(page.servedBy ? { instanceId: page.servedBy } : {}),
        ...(page.servedBy && names.get(page.servedBy) ? { name: names.get(page.servedBy) } : {}),
        variant,
        count: 0,
      };
      entry.count += 1;
      counts.set(key, entry);
    } else failed += 1;
    options.onAnswer?.(snapshot(n), host);
  }
  return snapshot(options.requests);
}

/** The context's live-chart hook as a tally's onAnswer (1.10 tallies only while the server is stopped). */
function liveTally(ctx: StepContext): (tally: Tally, host: string) => void {
  return (tally, host) => ctx.onTally?.(tally, host);
}

export async function runTally(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.8', ctx);
  const inv = await ctx.inventory();
  const roles = findRoles(inv, undefined, ctx.layout);
  const host = roles.loadBalancer?.dnsName ?? roles.classicLoadBalancer?.dnsName;
  if (!host) throw new StepError(run.step, reason('alb.missing'));
  const named: StepContext = { ...ctx, inventory: async () => inv };
  const tally = await tallyLoadBalancer(named, {
    requests: Number(opts.requests ?? 20),
    onAnswer: liveTally(ctx),
    host,
  });
  const seen = tallyObservation(host, tally);
  return finishRun(run, { tally }, new Map([[`${host}/`, seen]]));
}

export async function runExercise(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.10', ctx);
  const inv = await ctx.inventory();
  const roles = findRoles(inv, undefined, ctx.layout);
  const lb = roles.loadBalancer;
  const tg = roles.targetGroup;
  const clb = roles.classicLoadBalancer;
  const both = [roles.clone, roles.webServer].filter((i) => i !== undefined);
  const healthy = new Set(
    clb
      ? clb.instances.filter((i) => i.state === 'InService').map((i) => i.id)
      : tg?.targets.filter((t) => t.state === 'healthy').map((t) => t.id),
  );
  const host = clb?.dnsName ?? lb?.dnsName;
  if (!host || (!clb && !tg) || both.length < 2 || !both.every((i) => healthy.has(i.id)))
    throw new StepError(run.step, reason('exercise.needsTwoTargets'));
  const stopped = both.find((i) => i.id === opts.stop) ?? both[0];
  if (!stopped) throw new StepError(run.step, reason('exercise.needsTwoTargets'));
  const name = stopped.name ?? stopped.id;
  const requests = Number(opts.requests ?? 10);
  const named: StepContext = { ...ctx, inventory: async () => inv };

  let whileStopped: Tally | undefined;
  let restarted = false;
  try {
    run.progress('progress.stopInstance', { name });
    await stopInstance(run.aws, stopped.id);
    run.progress('progress.waitStopped', { name });
    await waits.instanceStopped(ctx, run.step, stopped.id);
    whileStopped = await tallyLoadBalancer(named, { requests, host, onAnswer: liveTally(ctx) });
    run.progress('progress.startInstance', { name });
    await startInstance(run.aws, stopped.id);
    restarted = true;
  } finally {
    // Cancelled or failed with the server stopped: start it again anyway, so the lab is not left half down.
    if (!restarted)
      await startInstance({ clients: ctx.clients, signal: new AbortController().signal }, stopped.id).catch(
        () => undefined,
      );
  }
  run.progress('progress.waitRunning', { name });
  await waits.instanceRunning(ctx, run.step, stopped.id);
  if (clb) {
    const seconds = secondsToInService(clb);
    run.progress('progress.waitInService', { names: name, name: clb.name, seconds });
    await waits.classicInService(ctx, run.step, clb.name, [stopped.id], Math.max(15 * 60, 4 * seconds));
  } else if (tg) {
    run.progress('progress.waitTargets', { targetGroup: tg.name });
    await waits.targetsInService(ctx, run.step, tg.arn, tg.name, [stopped.id], 15 * 60);
  }

  const passed =
    whileStopped.failed === 0 &&
    whileStopped.answered > 0 &&
    !whileStopped.byBackend.some((b) => b.instanceId === stopped.id);
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const record = { [EXERCISE_TAG]: `${passed ? 'passed' : 'failed'} ${at}` };
  if (clb) await addClassicTags(run.aws, clb.name, record);
  else if (lb) await addTags(run.aws, lb.arn, record);
  const exercise: ExerciseResult = {
    stoppedInstanceId: stopped.id,
    passed,
    whileStopped,
    healthyAgainAt: new Date().toISOString(),
  };
  return finishRun(run, { tally: whileStopped, exercise });
}
