// What every runner shares: the run's AWS handle, what it created and reused, progress, our tags, and the
// check right after (on a fresh inventory, with the pages this step's check reads).
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Aws } from '../../aws/actions/call';
import { AwsError } from '../../aws/errors';
import type { Inventory, InventorySection } from '../../aws/types';
import { checkStep } from '../checks/checks';
import type { ProgressCode } from '../codes';
import { observe, pagesForStep } from '../observe';
import {
  LAB_ID,
  LAB_TAG,
  STEP_TAG,
  type CheckResult,
  type Observations,
  type StepContext,
  type StepId,
  type StepOutcome,
} from '../types';

export interface Run {
  readonly step: StepId;
  readonly ctx: StepContext;
  readonly aws: Aws;
  readonly created: string[];
  readonly reused: string[];
  progress(code: ProgressCode, args?: Record<string, string | number>, fraction?: number): void;
  /** A resource found and used as it is. */
  reuse(kind: string, id: string): void;
}

/** Every SDK call and waiter in flight listens to the run's signal; a track has dozens at once. */
export function manyListeners(signal: AbortSignal): void {
  setMaxListeners(0, signal);
}

export function startRun(step: StepId, ctx: StepContext): Run {
  ctx.signal.throwIfAborted();
  manyListeners(ctx.signal);
  const run: Run = {
    step,
    ctx,
    aws: { clients: ctx.clients, signal: ctx.signal },
    created: [],
    reused: [],
    progress: (code, args, fraction) =>
      ctx.progress({ code, ...(args ? { args } : {}), ...(fraction !== undefined ? { fraction } : {}) }),
    reuse: (kind, id) => {
      if (!run.reused.includes(id)) run.reused.push(id);
      run.progress('progress.reuse', { kind, id });
    },
  };
  return run;
}

const SERVER: readonly InventorySection[] = ['network', 'instances', 'storage', 'addresses', 'securityGroups'];
const BALANCER: readonly InventorySection[] = [...SERVER, 'loadBalancing'];

/**
 * The sections of the inventory each step decides from (what exists, what to adopt, what to create). Databases and
 * Auto Scaling are not the runners' business, so a failure there does not stop them.
 */
export const STEP_SECTIONS: Readonly<Record<StepId, readonly InventorySection[]>> = {
  '0.1': SERVER,
  '0.2': ['instances', 'addresses'],
  '1.1': ['instances', 'storage'],
  '1.2': ['instances', 'storage'],
  '1.3': SERVER,
  '1.4': ['instances', 'storage', 'addresses'],
  '1.5': ['instances', 'storage', 'addresses'],
  '1.6': BALANCER,
  '1.7': BALANCER,
  '1.8': BALANCER,
  '1.9': BALANCER,
  '1.10': BALANCER,
  '4.1': ['network'],
  '4.2': ['network'],
  '4.3': SERVER,
  '4.4': BALANCER,
};

/** The first problem of the inventory in these sections, as the AwsError it was (throttled, denied, unreachable). */
export function assertReadable(inventory: Inventory, sections: readonly InventorySection[]): Inventory {
  const problem = inventory.problems.find((p) => sections.includes(p.section));
  if (problem) throw new AwsError(problem.error);
  return inventory;
}

/**
 * The context every runner of `steps` gets: each inventory it reads is refused when a section it decides from
 * failed to load. An empty section that failed is not "nothing there": deciding from it made a second WebServer
 * or a second Elastic IP.
 */
export function readableContext(ctx: StepContext, steps: readonly StepId[]): StepContext {
  const sections = [...new Set(steps.flatMap((s) => STEP_SECTIONS[s]))];
  return { ...ctx, inventory: async () => assertReadable(await ctx.inventory(), sections) };
}

/**
 * A check a runner decides from (what to fix, whether anything is left to do): 'unknown' is neither done nor
 * failed, so the run fails with the AwsError of the section that could not be read, as readableContext does.
 */
export function knownCheck(check: CheckResult): Exclude<CheckResult, { status: 'unknown' }> {
  if (check.status !== 'unknown') return check;
  const problem = check.problems[0];
  if (!problem) throw new Error(`${check.step}: unknown check without a problem`);
  throw new AwsError(problem.error);
}

/** Our tags: the lab's, the step that made it, and its Name. */
export function labTags(step: StepId, name: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Name: name, [LAB_TAG]: LAB_ID, [STEP_TAG]: step, ...extra };
}

/**
 * A ClientToken for RunInstances (at most 64 ASCII characters): the same for a rerun of the same launch (so a
 * launch whose answer was lost is not repeated), different once that instance was terminated.
 */
export function clientToken(step: StepId, parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40);
  return `scale-out-lab-${step}-${digest}`;
}

/** The outcome: a fresh inventory, the pages this step's check reads, the check. */
export async function finishRun(run: Run, extra: Partial<StepOutcome> = {}, more?: Observations): Promise<StepOutcome> {
  run.progress('progress.check');
  const inventory: Inventory = await run.ctx.inventory();
  // Pages the run already saw (1.8's tally) are not fetched again.
  const pages = pagesForStep(run.step, inventory, run.ctx.layout).filter((p) => !more?.has(`${p.host}${p.path}`));
  let observations: Observations =
    pages.length > 0 ? await observe(inventory, run.ctx.web, run.ctx.signal, pages) : new Map();
  if (more) observations = new Map([...observations, ...more]);
  const check = checkStep(run.step, { inventory, observations, layout: run.ctx.layout });
  run.progress('progress.done', undefined, 1);
  return { step: run.step, created: [...run.created], reused: [...run.reused], check, observations, ...extra };
}

/** `~` and `~/…` against the home directory. */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home}/${path.slice(2)}`;
  return path;
}
