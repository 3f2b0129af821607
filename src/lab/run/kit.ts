// What every runner shares: the run's AWS handle, what it created and reused, progress, our tags, and the
// check right after (on a fresh inventory, with the pages this step's check reads).
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Aws } from '../../aws/actions/call';
import { AwsError } from '../../aws/errors';
import type { AccountContext, Inventory, InventorySection } from '../../aws/types';
import { overlayInventory } from '../../aws/inventory/merge';
import { withFreshTargets } from '../../aws/runnerReads';
import { STUDENT_TAG } from '../../aws/student';
import { checkStep, SectionNotRead, sectionsToPass } from '../checks/checks';
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

/**
 * The web tier's sections: what the lab's roles are found from (the web server by its AMI, the clone, the load
 * balancer by its targets, the lab's VPC), what the steps adopt and what their checks and pages read.
 */
const WEB_TIER: readonly InventorySection[] = [
  'network',
  'instances',
  'storage',
  'addresses',
  'securityGroups',
  'loadBalancing',
];

/** Track 3: the web tier without the Elastic IPs (no page of its steps is observed), and Auto Scaling. */
const SCALING_TIER: readonly InventorySection[] = [
  ...WEB_TIER.filter((section) => section !== 'addresses'),
  'autoScaling',
];

/** Track 2: the database tier is found from the web tier's groups and VPC. */
const DATABASE_TIER: readonly InventorySection[] = [...WEB_TIER, 'databases'];

/**
 * The sections of the inventory each step reads while it runs: what it decides from (what exists, what to adopt,
 * what to create) and what its check after reads. Auto Scaling, and the databases outside track 2, are not these
 * runners' business, so they are not read (fewer calls per read) and a failure there does not stop them.
 */
export const STEP_SECTIONS: Readonly<Record<StepId, readonly InventorySection[]>> = {
  '0.1': WEB_TIER,
  '0.2': WEB_TIER,
  '1.1': WEB_TIER,
  '1.2': WEB_TIER,
  '1.3': WEB_TIER,
  '1.4': WEB_TIER,
  '1.5': WEB_TIER,
  '1.6': WEB_TIER,
  '1.7': WEB_TIER,
  '1.8': WEB_TIER,
  '1.9': WEB_TIER,
  '1.10': WEB_TIER,
  '2.1': DATABASE_TIER,
  '2.2': DATABASE_TIER,
  '2.3': DATABASE_TIER,
  '2.4': DATABASE_TIER,
  '2.5': DATABASE_TIER,
  '2.6': DATABASE_TIER,
  '2.7': DATABASE_TIER,
  // Track 3: the lab's AMI, groups and target group, and its Auto Scaling.
  '3.1': SCALING_TIER,
  '3.2': SCALING_TIER,
  '3.3': SCALING_TIER,
  '3.4': SCALING_TIER,
  '3.5': SCALING_TIER,
  // The VPC, its subnets, routes and gateways only: no role, no page.
  '4.1': ['network'],
  '4.2': ['network'],
  // Seed 004's web server is found and adopted by its VPC and name, never by an AMI: no storage.
  '4.3': ['network', 'instances', 'addresses', 'securityGroups', 'loadBalancing'],
  '4.4': WEB_TIER,
};

/** The first problem of the inventory in these sections, as the AwsError it was (throttled, denied, unreachable). */
export function assertReadable(inventory: Inventory, sections: readonly InventorySection[]): Inventory {
  const problem = inventory.problems.find((p) => sections.includes(p.section));
  if (problem) throw new AwsError(problem.error);
  return inventory;
}

/**
 * The context every runner of `steps` gets: each inventory it reads holds the sections those steps read (a scope
 * given reads others), the account known after the first one, and it is refused when a section they decide
 * from failed to load. An empty section that failed is not "nothing there": deciding from it made a second
 * WebServer or a second Elastic IP.
 */
export function readableContext(ctx: StepContext, steps: readonly StepId[]): StepContext {
  const sections = [...new Set(steps.flatMap((s) => STEP_SECTIONS[s]))];
  let known: AccountContext | undefined;
  let last: Inventory | undefined;
  return {
    ...ctx,
    inventory: async (scope) => {
      const read = await ctx.inventory({
        sections: scope?.sections ?? sections,
        ...((scope?.context ?? known) ? { context: scope?.context ?? known } : {}),
      });
      known = read.context;
      const readable = assertReadable(read, sections);
      if (!scope?.sections) last = readable;
      return readable;
    },
    lastRead: () => last,
  };
}

/** A step that changes no load balancer or target group, only which targets they hold and their health. */
type Written = InventorySection | 'targets';

/**
 * The sections a step's own writes change (track 2: its groups and databases; track 3: its template, group,
 * policies and alarms, the instances the group launches and the targets it registers ('targets': the target
 * groups' health alone, the load balancers as the run last read them); 4.3-4.4: servers, groups,
 * targets). The check after the run reads these again and takes the others from the run's last read, a moment
 * old; a step that did not pass is judged again on a whole fresh read.
 */
const STEP_WRITES: Readonly<Partial<Record<StepId, readonly Written[]>>> = {
  '2.1': ['securityGroups', 'databases'],
  '2.2': ['databases'],
  '2.4': ['databases'],
  '2.5': ['databases'],
  '2.6': ['databases'],
  '2.7': ['databases'],
  '3.1': ['autoScaling'],
  '3.2': ['autoScaling', 'instances', 'targets'],
  '3.3': ['autoScaling'],
  '3.4': ['autoScaling', 'instances', 'targets'],
  '3.5': ['autoScaling', 'instances', 'targets'],
  '4.3': ['instances', 'securityGroups'],
  '4.4': ['instances', 'loadBalancing'],
};

/** The inventory a pass is judged from: the sections the step wrote read again over the run's last read. */
async function afterWrites(run: Run): Promise<Inventory | undefined> {
  const writes = STEP_WRITES[run.step];
  const before = run.ctx.lastRead?.();
  if (!writes || !before?.sections) return undefined;
  const sections = writes.filter((w): w is InventorySection => w !== 'targets');
  const after = overlayInventory(before, await run.ctx.inventory({ sections }));
  return after && writes.includes('targets') ? withFreshTargets(run.ctx.clients, after, run.ctx.signal) : after;
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

/** Our tags: the lab's, the step that made it, its Name, and in a class the student it was made for. */
export function labTags(
  by: { readonly step: StepId; readonly ctx: Pick<StepContext, 'student'> },
  name: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const student: Record<string, string> = by.ctx.student ? { [STUDENT_TAG]: by.ctx.student } : {};
  return { Name: name, [LAB_TAG]: LAB_ID, [STEP_TAG]: by.step, ...student, ...extra };
}

/**
 * A ClientToken for RunInstances (at most 64 ASCII characters): the same for a rerun of the same launch (so a
 * launch whose answer was lost is not repeated), different once that instance was terminated.
 */
export function clientToken(step: StepId, parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40);
  return `scale-out-lab-${step}-${digest}`;
}

/**
 * The outcome: a fresh inventory, the pages this step's check reads, the check. Where a pass needs fewer sections
 * than a failure's cause, only those are read first; a step that did not pass is judged again on them all.
 */
export async function finishRun(run: Run, extra: Partial<StepOutcome> = {}, more?: Observations): Promise<StepOutcome> {
  run.progress('progress.check');
  const toPass = sectionsToPass(run.step);
  const first = (await afterWrites(run)) ?? (toPass ? await run.ctx.inventory({ sections: toPass }) : undefined);
  const judged = first ? await judgeRun(run, first, more) : undefined;
  const { check, observations } =
    judged?.check.status === 'passed'
      ? judged
      : ((await judgeRun(run, await run.ctx.inventory(), more, judged)) ?? unjudged(run.step));
  run.progress('progress.done', undefined, 1);
  return { step: run.step, created: [...run.created], reused: [...run.reused], check, observations, ...extra };
}

function unjudged(step: StepId): never {
  throw new Error(`${step}: the step's own sections do not hold what its check reads`);
}

/** The step's check on one inventory, with its pages (those the run or an earlier try already saw are kept). */
async function judgeRun(
  run: Run,
  inventory: Inventory,
  more: Observations | undefined,
  earlier?: { observations: Observations },
): Promise<{ check: CheckResult; observations: Observations } | undefined> {
  const seen: Observations = new Map([...(earlier?.observations ?? []), ...(more ?? [])]);
  const pages = pagesForStep(run.step, inventory, run.ctx.layout).filter((p) => !seen.has(`${p.host}${p.path}`));
  const fetched = pages.length > 0 ? await observe(inventory, run.ctx.web, run.ctx.signal, pages) : new Map();
  const observations: Observations = new Map([...fetched, ...seen]);
  try {
    return { check: checkStep(run.step, { inventory, observations, layout: run.ctx.layout }), observations };
  } catch (error) {
    if (error instanceof SectionNotRead && inventory.sections) return undefined;
    throw error;
  }
}

/** `~` and `~/…` against the home directory. */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home}/${path.slice(2)}`;
  return path;
}
