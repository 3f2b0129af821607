// The lab's doing side: plan a step (options with the handouts' defaults, or why not yet), run it (idempotent:
// run again, it finds and finishes what exists), apply a one-click fix, run a whole track with what can
// overlap overlapping (the load balancer is built while the snapshot, the AMI and the clone are pending).
import { checkStep } from '../checks/checks';
import { applyFix as applyOneFix } from './fixes';
import { observe, pagesForStep } from '../observe';
import { planStep as plan, resolveOptions } from './plan';
import { findRoles } from '../roles';
import { finishLoadBalancer, prepareLoadBalancer, runDiagnosis, runLoadBalancer, runSecure } from './balancer';
import { finishRun, manyListeners, readableContext, startRun } from './kit';
import { runEditPage } from './edit';
import { runVpc } from './network';
import { runPrivateTier } from './privateTier';
import { runDatabase, runDatabaseNetwork, runFailover, runMultiAz } from './database';
import { runAurora, runAuroraFailover } from './aurora';
import { runImage, runSnapshot } from './image';
import { runLaunchTemplate, runScalingGroup, runScalingPolicies } from './scaling';
import { runScalingExercise, runSelfHealing } from './scalingExercise';
import { launchClone, runClone, runCloneAddress } from './clone';
import { runElasticIp, runWebServer } from './server';
import { runExercise, runTally } from './verify';
import { wantsClassic } from './classicBalancer';
import { inHandout, STEPS, stepById, stepsOfTrack } from '../tracks';
import { waits } from './waits';
import {
  StepError,
  type CheckInput,
  type Fix,
  type StepContext,
  type StepId,
  type StepOptions,
  type StepOutcome,
  type StepPlan,
  type TrackId,
} from '../types';
import { reason } from '../codes';
import { labVpcLayout, namesOf } from '../layout';
import { awaitsFirstServer, firstServerMissing, ON_BOTH_SERVERS } from '../origin';
import type { Inventory } from '../../aws/types';

export function planStep(id: StepId, input: CheckInput, given: StepOptions = {}): StepPlan {
  return plan(id, input, given);
}

export async function applyFix(fix: Fix, ctx: StepContext): Promise<void> {
  // A fix decides from the inventory too (which rule, which target): never from a section that failed to load.
  return applyOneFix(fix, readableContext(ctx, ['1.7']));
}

/** The context with one inventory already read: its next inventory() answers that one, later ones are fresh. */
function withFirstInventory(ctx: StepContext, first: Inventory): StepContext {
  let pending: Inventory | undefined = first;
  return {
    ...ctx,
    inventory: (scope) => {
      const ready = scope ? undefined : pending;
      pending = undefined;
      return ready ? Promise.resolve(ready) : ctx.inventory(scope);
    },
  };
}

export async function runStep(id: StepId, options: StepOptions, unchecked: StepContext): Promise<StepOutcome> {
  unchecked.signal.throwIfAborted();
  if (!inHandout(id, unchecked.layout)) throw new StepError(id, reason('run.notInHandout', { step: id }));
  manyListeners(unchecked.signal);
  // Every inventory the step reads, this first one included, fails the run when a section it decides from failed.
  const given = readableContext(unchecked, [id]);
  // The inventory the options come from is the one the runner starts from: one read less per step.
  const inventory = await given.inventory();
  // Seed 001: nothing is built on the two servers while WebServer, to be imaged, is still the web server.
  const roles = findRoles(inventory, undefined, unchecked.layout);
  if (ON_BOTH_SERVERS.includes(id) && awaitsFirstServer(roles, unchecked.layout))
    throw new StepError(id, firstServerMissing(roles, unchecked.layout, unchecked.student));
  const opts = resolveOptions(id, { inventory, observations: new Map(), layout: unchecked.layout }, options);
  const ctx = withFirstInventory(given, inventory);
  switch (id) {
    case '0.1':
      return runWebServer(ctx, opts);
    case '0.2':
      return runElasticIp(ctx);
    case '1.1':
      return runSnapshot(ctx, opts);
    case '1.2':
      return runImage(ctx, opts);
    case '1.3':
      return runClone(ctx, opts);
    case '1.4':
      return runCloneAddress(ctx);
    case '1.5':
      return runEditPage(ctx, opts);
    case '1.6':
      return runLoadBalancer(ctx, opts);
    case '1.7':
      return runDiagnosis(ctx);
    case '1.8':
      return runTally(ctx, opts);
    case '1.9':
      return runSecure(ctx);
    case '1.10':
      return runExercise(ctx, opts);
    case '4.1':
      return runVpc(ctx, opts);
    case '4.2':
      // Nothing to build: the check says what is wrong and its fixes repair it.
      return checkOnly(id, ctx);
    case '2.1':
      return runDatabaseNetwork(ctx, opts);
    case '2.2':
      return runDatabase(ctx, opts);
    case '2.3':
      // WordPress's setup is the student's, in a browser: the check says what it sees.
      return checkOnly(id, ctx);
    case '2.4':
      return runMultiAz(ctx);
    case '2.5':
      return runFailover(ctx, opts);
    case '2.6':
      return runAurora(ctx, opts);
    case '2.7':
      return runAuroraFailover(ctx, opts);
    case '4.3':
      // Seed 004's web server in Test-VPC, whatever handout the settings name.
      return runWebServer({ ...ctx, layout: labVpcLayout(ctx.layout) }, opts, '4.3');
    case '4.4':
      return runPrivateTier(ctx);
    case '3.1':
      return runLaunchTemplate(ctx, opts);
    case '3.2':
      return runScalingGroup(ctx, opts);
    case '3.3':
      return runScalingPolicies(ctx, opts);
    case '3.4':
      return runScalingExercise(ctx, opts);
    case '3.5':
      return runSelfHealing(ctx, opts);
  }
}

export interface TrackOptions {
  /** Options per step (defaults otherwise). */
  readonly options?: Partial<Record<StepId, StepOptions>>;
  /**
   * Step 1.5 another way than the runner's SSH edit (tests, a student who edits by hand): a track run calls this
   * with WebServer2's ID when it gets there instead of running 1.5.
   */
  readonly editClonePage?: (cloneId: string) => Promise<void>;
  /** Each step's outcome as soon as it is known. */
  readonly onOutcome?: (outcome: StepOutcome) => void;
}

/** The check of a step nobody runs (1.5), as an outcome (on the inventory just read, when there is one). */
async function checkOnly(id: StepId, ctx: StepContext, read?: Inventory): Promise<StepOutcome> {
  const inventory = read ?? (await ctx.inventory());
  const observations = await observe(inventory, ctx.web, ctx.signal, pagesForStep(id, inventory, ctx.layout));
  const check = checkStep(id, { inventory, observations, layout: ctx.layout });
  return { step: id, created: [], reused: [], check, observations };
}

/**
 * Track 2: 2.1 first (both databases need its group and subnet group), then RDS MySQL (2.2, 2.3's check, 2.4, 2.5)
 * and Aurora (2.6, 2.7) side by side — different databases, so neither waits for the other's ten minutes. Within
 * a branch each change waits for the one before (AWS refuses a busy database). The password is asked once.
 */
async function runDatabaseTrack(
  base: StepContext,
  given: (id: StepId) => StepOptions,
  done: (o: StepOutcome) => StepOutcome,
): Promise<StepOutcome[]> {
  // Asked when the first database is made, once for both branches.
  const secrets = base.secrets;
  let asked: Promise<string | undefined> | undefined;
  const ctx: StepContext = secrets
    ? { ...base, secrets: { databasePassword: () => (asked ??= secrets.databasePassword()) } }
    : base;
  const outcomes: StepOutcome[] = [done(await runStep('2.1', given('2.1'), ctx))];
  const branch = async (steps: readonly StepId[]) => {
    for (const id of steps) {
      outcomes.push(done(await (stepById(id).runnable ? runStep(id, given(id), ctx) : checkOnly(id, ctx))));
    }
  };
  // A handout without one of them (seed 003 has Aurora alone) runs the other branch only.
  const inThis = (ids: readonly StepId[]) => ids.filter((id) => inHandout(id, base.layout));
  await Promise.all([branch(inThis(['2.2', '2.3', '2.4', '2.5'])), branch(inThis(['2.6', '2.7']))]);
  const order = (o: StepOutcome) => STEPS.findIndex((s) => s.id === o.step);
  return outcomes.sort((a, b) => order(a) - order(b));
}

/**
 * 1.5 within a track: the given edit, else the runner's SSH edit. That failing (no key file, a host key to confirm)
 * does not stop the track: 1.5's check says what is left, and the student can run 1.5 alone or edit by hand.
 */
async function editStep(
  ctx: StepContext,
  given: (id: StepId) => StepOptions,
  options: TrackOptions,
  cloneId?: string,
): Promise<StepOutcome> {
  const id = cloneId ?? findRoles(await ctx.inventory(), undefined, ctx.layout).clone?.id;
  if (options.editClonePage && id) {
    await options.editClonePage(id);
    return checkOnly('1.5', ctx);
  }
  const edited = await runStep('1.5', given('1.5'), ctx).catch((e: unknown) => {
    if (ctx.signal.aborted) throw e;
    return undefined;
  });
  return edited ?? (await checkOnly('1.5', ctx));
}

/**
 * Runs a track's steps. Track 1 overlaps what AWS lets overlap: alb-sg, the target group, the ALB and its
 * listener are made (and WebServer registered) while the snapshot, the AMI and WebServer2 are pending;
 * WebServer2 is registered as soon as it runs, so its health checks and its status checks run together; the
 * check after 1.9 (a blocked page waits for its timeout) overlaps the availability exercise.
 */
export async function runTrack(
  track: TrackId,
  unchecked: StepContext,
  options: TrackOptions = {},
): Promise<StepOutcome[]> {
  manyListeners(unchecked.signal);
  // The track's own reads (its start, the load balancer built alongside) are checked as its steps' are.
  const sections = { '0': ['0.1', '0.2'], '1': ['1.6'], '2': ['2.1'], '3': ['3.2'], '4': ['4.4'] } as const;
  const ctx = readableContext(unchecked, sections[track]);
  const outcomes: StepOutcome[] = [];
  const done = (o: StepOutcome) => {
    outcomes.push(o);
    options.onOutcome?.(o);
    return o;
  };
  const given = (id: StepId) => options.options?.[id] ?? {};
  if (track === '2') return runDatabaseTrack(ctx, given, done);
  // Track 1 with seed 001's CLB runs its steps one after the other (no target group to prepare ahead), and so does
  // seed 001's layout with any load balancer: its two servers are launched after WebServer is stopped and imaged.
  const first = track === '1' ? await ctx.inventory() : undefined;
  const classic = first !== undefined && wantsClassic(first, ctx, given('1.6'));
  const stepByStep = classic || (track === '1' && namesOf(ctx.layout, ctx.student).origin !== undefined);
  if (track === '0' || track === '3' || track === '4' || stepByStep) {
    // Each step builds on the one before, one after the other, except a check-only step (4.2: it only reads),
    // which runs alongside the next. A step that builds on another track (4.4 on track 1's load balancer) runs
    // when that is there, else its check says what it waits for.
    const checking: Promise<unknown>[] = [];
    for (const step of stepsOfTrack(track, ctx.layout)) {
      if (step.after.some((a) => stepById(a).track !== track)) {
        await Promise.all(checking);
        const inventory = await ctx.inventory();
        const ready = planStep(step.id, { inventory, observations: new Map(), layout: ctx.layout }).ready;
        done(await (ready ? runStep(step.id, given(step.id), ctx) : checkOnly(step.id, ctx, inventory)));
      } else if (step.id === '1.5') {
        done(await editStep(ctx, given, options));
      } else if (!step.runnable) {
        checking.push(checkOnly(step.id, ctx).then(done));
      } else {
        done(await runStep(step.id, given(step.id), ctx));
      }
    }
    await Promise.all(checking);
    const order = (o: StepOutcome) => STEPS.findIndex((s) => s.id === o.step);
    return outcomes.sort((a, b) => order(a) - order(b));
  }

  const start = first ?? (await ctx.inventory());
  const opts13 = resolveOptions('1.3', { inventory: start, observations: new Map(), layout: ctx.layout }, given('1.3'));
  const opts16 = resolveOptions('1.6', { inventory: start, observations: new Map(), layout: ctx.layout }, given('1.6'));
  const ws = findRoles(start, undefined, ctx.layout).webServer;
  if (!ws) throw new StepError('1.1', reason('webServer.missing'));
  const cloneAz = findRoles(start, undefined, ctx.layout).clone?.az ?? opts13.az ?? ws.az;

  const run16 = startRun('1.6', ctx);
  const run13 = startRun('1.3', ctx);
  const [prepared, cloneId] = await Promise.all([
    prepareLoadBalancer(run16, opts16, [ws.az, cloneAz]),
    (async () => {
      done(await runStep('1.1', given('1.1'), ctx));
      done(await runStep('1.2', given('1.2'), ctx));
      return launchClone(run13, opts13, false);
    })(),
  ]);

  await Promise.all([
    (async () => {
      run13.progress('progress.waitStatusOk', { name: opts13.name ?? cloneId });
      await waits.instanceStatusOk(ctx, '1.3', cloneId);
      done(await finishRun(run13));
    })(),
    (async () => {
      if (inHandout('1.4', ctx.layout)) done(await runStep('1.4', given('1.4'), ctx));
      // After 1.4: the Elastic IP replaces the clone's first public address, which then answers nothing.
      if (inHandout('1.5', ctx.layout)) done(await editStep(ctx, given, options, cloneId));
    })(),
    (async () => {
      await finishLoadBalancer(run16, prepared, [ws.id, cloneId]);
      const outcome = done(await finishRun(run16));
      if (outcome.check.status !== 'passed') done(await runStep('1.7', given('1.7'), ctx));
    })(),
  ]);
  await Promise.all([
    outcomes.some((o) => o.step === '1.7') ? undefined : checkOnly('1.7', ctx).then(done),
    inHandout('1.8', ctx.layout) ? runStep('1.8', given('1.8'), ctx).then(done) : undefined,
  ]);
  // 1.9 changes rules, 1.10 stops and starts an instance: independent, and 1.9's check waits for a blocked
  // page's timeout. The ALB keeps answering throughout (1.9 admits it before it revokes; 1.10 stops one of two).
  await Promise.all([
    runStep('1.9', given('1.9'), ctx).then(done),
    inHandout('1.10', ctx.layout) ? runStep('1.10', given('1.10'), ctx).then(done) : undefined,
  ]);
  return outcomes;
}
