// The lab's commands: run a step (plan -> settings -> confirm -> run with progress -> outcome), apply a fix,
// check now, run a whole track, open the walkthrough. The engine (src/lab) plans and runs; this file only asks,
// shows progress and tells the outcome. Errors go to the command table's error boundary.
import * as vscode from 'vscode';
import { AwsError } from '../../aws/errors';
import { stepTitle } from '../../present/lab/steps';
import { reasonText } from '../../present/lab/reasons';
import { fixTitle } from '../../present/lab/fixes';
import { optionText } from '../../present/lab/options';
import { progressText } from '../../present/lab/progress';
import { STEPS, stepById, stepsOfTrack } from '../../lab/tracks';
import {
  StepError,
  type CheckInput,
  type CheckResult,
  type Fix,
  type StepContext,
  type StepId,
  type StepOption,
  type StepOptions,
  type StepOutcome,
  type StepProgress,
  type Tally,
  type TrackId,
  type WebProbe,
} from '../../lab/types';
import { findRoles, pageVariant } from '../../lab/roles';
import { isDone, resultMessage, stepLook, walkthroughStepArgs, type ChecklistNode } from '../../present/checklistModel';
import { CHECKLIST_VIEW_ID, COMMANDS, EXTENSION_ID, stepCommandId, WALKTHROUGH_ID } from './ids';
import type { CommandDeps } from './table';

const t = vscode.l10n.t;

/** What a caller may pass to a step command: options to use, and `yes` to skip the questions (tests, tracks). */
export interface RunStepArgs {
  readonly options?: StepOptions;
  readonly yes?: boolean;
  /** No notification at the end (a track run reports once, at its end). */
  readonly quiet?: boolean;
}

/** Where a fix comes from: a checklist row, an explorer target, or a notification button's `{ step, fix }`. */
type FixArg = { readonly fix?: Fix; readonly step?: StepId } | undefined;

// ---------------------------------------------------------------------------------------------------------
// Running a step

/** The check input now: waits for the first inventory if there is none yet. */
async function currentInput(deps: CommandDeps): Promise<CheckInput> {
  if (!deps.lab.input) await deps.explorer.scheduler.ensureLoaded();
  const input = deps.lab.input;
  if (input) return input;
  const state = deps.service.current;
  if (state.status === 'failed') throw new AwsError(state.problem);
  throw new Error('The account has not been read yet.');
}

/** The runner's context: clients, fresh inventories (shown in the explorer as they come), the web, progress. */
async function stepContext(
  deps: CommandDeps,
  signal: AbortSignal,
  progress: (p: StepProgress) => void,
): Promise<StepContext> {
  const { clients } = await deps.service.session();
  const web = await deps.lab.webProbe();
  return { clients, inventory: () => deps.service.fetchFresh(signal), web, signal, progress };
}

/** A command handler for one step: `scaleOutLab.runStep.1_3`. */
export function stepCommand(deps: CommandDeps, id: StepId): (args?: RunStepArgs) => Promise<StepOutcome | undefined> {
  return (args) => runStepFlow(deps, id, args ?? {});
}

/** `scaleOutLab.runStep`: from a checklist row (the node), or with a step id and the same args as above. */
export function runStepFromArg(
  deps: CommandDeps,
  arg?: ChecklistNode | StepId,
  args?: RunStepArgs,
): Promise<StepOutcome | undefined> {
  const id = typeof arg === 'string' ? arg : arg?.step;
  if (id) return runStepFlow(deps, id, args ?? {});
  return pickStepAndRun(deps);
}

async function pickStepAndRun(deps: CommandDeps): Promise<StepOutcome | undefined> {
  const results = deps.lab.current.results;
  const picked = await vscode.window.showQuickPick(
    STEPS.map((s) => ({ label: stepTitle(s.id, t), description: statusWord(results.get(s.id)), id: s.id })),
    { title: t('Run a lab step'), matchOnDescription: true },
  );
  return picked ? runStepFlow(deps, picked.id, {}) : undefined;
}

function statusWord(result: CheckResult | undefined): string | undefined {
  return result ? stepLook(result, undefined, t).status : undefined;
}

export async function runStepFlow(deps: CommandDeps, id: StepId, args: RunStepArgs): Promise<StepOutcome | undefined> {
  const title = stepTitle(id, t);
  if (!stepById(id).runnable) return checkManualStep(deps, id, args);
  const lab = await import('../domain.js');
  const input = await currentInput(deps);
  const plan = lab.planStep(id, input, args.options);
  if (!plan.ready) {
    if (!args.quiet) showNotReady(deps, id, reasonText(plan.reason, t));
    if (args.yes) throw new StepError(id, plan.reason);
    return undefined;
  }
  // A key file is asked for up front (save dialog) unless the step is already done (the run will reuse).
  const done = isDone(deps.lab.current.results.get(id));
  // A choice can change which questions apply (1.2 from the instance asks NoReboot): planned again on each.
  const replan = (values: StepOptions) => {
    const again = lab.planStep(id, input, values);
    return again.ready ? again.options : plan.options;
  };
  const options = args.yes
    ? withDefaults(plan.options, args.options)
    : await chooseOptions(title, plan.options, args.options ?? {}, !done, replan);
  if (!options) return undefined;

  let outcome: StepOutcome | undefined;
  try {
    outcome = await withStepProgress(deps, title, id, (ctx) => lab.runStep(id, options, ctx));
  } catch (error) {
    if (error instanceof StepError && !args.yes) {
      showNotReady(deps, id, reasonText(error.reason, t));
      return undefined;
    }
    throw error;
  }
  if (!args.quiet) showOutcome(deps, outcome);
  return outcome;
}

/**
 * A step done by hand (1.5, edited over SSH): say how, check the account now, and tell where it stands. The
 * outcome is the check's (nothing created).
 */
async function checkManualStep(deps: CommandDeps, id: StepId, args: RunStepArgs): Promise<StepOutcome | undefined> {
  await currentInput(deps);
  const check = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: stepTitle(id, t) },
    async (progress) => {
      progress.report({ message: t('Checking the account…') });
      await deps.explorer.scheduler.refreshNow();
      await deps.lab.whenChecked();
      // The student just changed something by hand (saved the page): look at this step's pages now rather than
      // trust the background check, which may have fetched them a moment before the change.
      const input = deps.lab.input;
      if (!input) return undefined;
      const lab = await import('../domain.js');
      const fresh = await lab.observe(
        input.inventory,
        await deps.lab.webProbe(),
        undefined,
        lab.pagesForStep(id, input.inventory),
      );
      const observations = lab.mergeObservations(input.observations, fresh.values());
      const result = lab.checkStep(id, { inventory: input.inventory, observations });
      await deps.lab.noteOutcome({ step: id, created: [], reused: [], check: result, observations: fresh });
      return result;
    },
  );
  if (!check) return undefined;
  const outcome: StepOutcome = { step: id, created: [], reused: [], check };
  if (args.quiet) return outcome;
  if (check.status === 'passed') {
    showOutcome(deps, outcome);
    return outcome;
  }
  // The reason says what to do by hand (and where); the walkthrough page has the commands to type. For 1.5 the
  // editing itself is one click away: the clone's index.html in a tab, saved back over SSH.
  const clone = id === '1.5' && deps.service.inventory ? findRoles(deps.service.inventory).clone : undefined;
  const edit = clone?.state === 'running' ? t('Edit index.html on {0}', clone.name ?? clone.id) : undefined;
  const walkthrough = t('Open Walkthrough');
  const again = t('Check Again');
  const buttons = [edit, walkthrough, again].filter((b): b is string => b !== undefined);
  void vscode.window.showWarningMessage(resultMessage(check, t).text, ...buttons).then((choice) => {
    if (choice === edit && clone) void vscode.commands.executeCommand(COMMANDS.editIndexHtml, clone.id);
    else if (choice === walkthrough) void openWalkthrough(deps, id);
    else if (choice === again) void vscode.commands.executeCommand(stepCommandId(id));
  });
  return outcome;
}

/** Runs `work` under a cancellable notification, with the step's row spinning; then refreshes and re-checks. */
async function withStepProgress(
  deps: CommandDeps,
  title: string,
  id: StepId,
  work: (ctx: StepContext) => Promise<StepOutcome>,
): Promise<StepOutcome> {
  return withLabProgress(deps, title, id, async (ctx) => {
    const tallies = tallyWatcher(deps, id, ctx);
    const outcome = await work(tallies.ctx);
    tallies.finish(outcome);
    await deps.lab.noteOutcome(outcome);
    return outcome;
  });
}

/**
 * A cancellable notification reporting the runner's progress (Cancel aborts the runner's signal), the step's
 * row spinning meanwhile; afterwards, whatever happened, a refresh so the views show the account as it is.
 */
async function withLabProgress<T>(
  deps: CommandDeps,
  title: string,
  running: StepId | undefined,
  work: (ctx: StepContext) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      const report = (p: StepProgress) => {
        const to = p.fraction !== undefined ? Math.min(100, Math.max(done, p.fraction * 100)) : done;
        progress.report({ message: progressText(p, t), increment: to - done });
        done = to;
      };
      if (running) deps.lab.setRunning(running);
      try {
        return await work(await stepContext(deps, abort.signal, report));
      } finally {
        cancel.dispose();
        if (running) deps.lab.setRunning(undefined);
        await deps.explorer.scheduler.refreshNow();
      }
    },
  );
}

/**
 * 1.8 and 1.10 tally the load balancer's answers. The chart follows them live: the runner's web probe is
 * wrapped to count each answer of a load balancer's page as it arrives (1.10: only while the instance is
 * stopped, between its "stopped" and "start again" progress); the outcome's tally is the last word.
 */
function tallyWatcher(
  deps: CommandDeps,
  id: StepId,
  ctx: StepContext,
): { ctx: StepContext; finish(outcome: StepOutcome): void } {
  if (id !== '1.8' && id !== '1.10') return { ctx, finish: () => undefined };
  const inventory = deps.lab.input?.inventory;
  const balancers = new Set(inventory?.loadBalancers.map((lb) => lb.dnsName));
  const names = new Map(inventory?.instances.map((i) => [i.id, i.name ?? i.id]));
  let counting = id === '1.8';
  let note: string | undefined;
  let opened = false;
  let live: { requests: number; answered: number; failed: number; byBackend: Map<string, Tally['byBackend'][number]> } =
    {
      requests: 0,
      answered: 0,
      failed: 0,
      byBackend: new Map(),
    };
  const show = (tally: Tally, running: boolean, host?: string) => {
    if (!opened) deps.tally.open(host ?? [...balancers][0] ?? t('the load balancer'));
    opened = true;
    deps.tally.update(tally, running, note);
  };
  const web: WebProbe = {
    fetch: async (host, path, options) => {
      const page = await ctx.web.fetch(host, path, options);
      if (counting && path === '/' && balancers.has(host)) {
        live.requests += 1;
        if (page.status === 200) {
          live.answered += 1;
          const variant = pageVariant(page.body);
          const key = `${page.servedBy ?? ''}:${variant}`;
          const entry = live.byBackend.get(key) ?? {
            ...(page.servedBy ? { instanceId: page.servedBy } : {}),
            ...(page.servedBy && names.get(page.servedBy) ? { name: names.get(page.servedBy) } : {}),
            variant,
            count: 0,
          };
          live.byBackend.set(key, { ...entry, count: entry.count + 1 });
        } else live.failed += 1;
        show(
          {
            requests: live.requests,
            answered: live.answered,
            failed: live.failed,
            byBackend: [...live.byBackend.values()],
          },
          true,
          host,
        );
      }
      return page;
    },
  };
  return {
    ctx: {
      ...ctx,
      web,
      progress: (p) => {
        ctx.progress(p);
        if (id !== '1.10') return;
        if (p.code === 'progress.waitStopped') {
          note = progressText(p, t);
          counting = true;
          live = { requests: 0, answered: 0, failed: 0, byBackend: new Map() };
        } else if (p.code === 'progress.startInstance') {
          counting = false;
          note = progressText(p, t);
        }
      },
    },
    finish: (outcome) => {
      const tally = outcome.exercise?.whileStopped ?? outcome.tally;
      if (!tally) return;
      note = outcome.exercise ? exerciseNote(outcome, names) : undefined;
      show(tally, false);
    },
  };
}

/** 1.10's last line under the chart: which server was stopped, and that it is healthy again. */
function exerciseNote(outcome: StepOutcome, names: ReadonlyMap<string, string>): string {
  const e = outcome.exercise;
  if (!e) return '';
  const name = names.get(e.stoppedInstanceId) ?? e.stoppedInstanceId;
  return e.passed
    ? t('While {0} was stopped, every answer came from the other server; {0} is healthy again.', name)
    : t('While {0} was stopped, the load balancer did not answer every request.', name);
}

/** The answers to these questions: given, else the default (an answer to a question no longer asked is dropped). */
function withDefaults(options: readonly StepOption[], given: StepOptions | undefined): StepOptions {
  return Object.fromEntries(options.map((o) => [o.key, given?.[o.key] ?? o.default]));
}

type SettingItem = vscode.QuickPickItem & { readonly run?: true; readonly option?: StepOption };

/**
 * The settings as one list with the handouts' defaults filled in: Enter on the first row runs the step;
 * choosing a setting changes it and comes back. A key file is chosen with a save dialog (up front when asked).
 */
async function chooseOptions(
  title: string,
  planned: readonly StepOption[],
  preset: StepOptions,
  filesFirst: boolean,
  replan: (values: StepOptions) => readonly StepOption[],
): Promise<StepOptions | undefined> {
  let options = planned;
  let values: Record<string, string> = { ...withDefaults(options, preset) };
  for (const o of filesFirst ? options.filter((o) => o.kind === 'file') : []) {
    const chosen = await editOption(o, values[o.key] ?? o.default);
    if (chosen === undefined) return undefined;
    values[o.key] = chosen;
  }
  for (;;) {
    const items: SettingItem[] = [
      { label: `$(play) ${t('Run')}`, detail: t('with the settings below'), run: true },
      ...(options.length > 0
        ? [{ label: t('Settings'), kind: vscode.QuickPickItemKind.Separator } satisfies SettingItem]
        : []),
      ...options.map((o): SettingItem => ({
        label: `$(edit) ${optionText(o.code, undefined, t)}`,
        description:
          valueText(o, values[o.key] ?? o.default) + (values[o.key] === o.default ? '' : ` · ${t('changed')}`),
        option: o,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: t('Press Enter to run, or choose a setting to change it'),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.run) return values;
    const option = picked.option;
    if (!option) continue;
    const changed = await editOption(option, values[option.key] ?? option.default);
    if (changed === undefined) continue;
    values[option.key] = changed;
    if (option.kind === 'choice') {
      options = replan(values);
      values = { ...withDefaults(options, values) };
    }
  }
}

function valueText(o: StepOption, value: string): string {
  const choice = o.choices?.find((c) => c.value === value);
  return choice ? optionText(choice.code, choice.args, t) : value;
}

async function editOption(o: StepOption, current: string): Promise<string | undefined> {
  const question = optionText(o.code, undefined, t);
  switch (o.kind) {
    case 'choice':
      return pickChoice(question, o, current);
    case 'text':
      return vscode.window.showInputBox({
        title: question,
        value: current,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? t('Enter a value.') : undefined),
      });
    case 'file': {
      const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
      const path = current.startsWith('~/') && home ? `${home}/${current.slice(2)}` : current;
      const uri = await vscode.window.showSaveDialog({
        title: question,
        defaultUri: vscode.Uri.file(path),
        filters: { [t('Private key')]: ['pem'] },
        saveLabel: t('Save Key Here'),
      });
      return uri?.fsPath;
    }
  }
}

/** A QuickPick with the current value preselected (showQuickPick cannot preselect). */
async function pickChoice(question: string, o: StepOption, current: string): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
  qp.title = question;
  qp.ignoreFocusOut = true;
  qp.items = (o.choices ?? []).map((c) => ({
    label: optionText(c.code, c.args, t),
    description: c.value === o.default ? t('default') : undefined,
    value: c.value,
  }));
  qp.activeItems = qp.items.filter((i) => i.value === current);
  try {
    return await new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Telling the outcome

function showNotReady(deps: CommandDeps, id: StepId, text: string): void {
  const walkthrough = t('Open Walkthrough');
  void vscode.window.showWarningMessage(`${stepTitle(id, t)}: ${text}`, walkthrough).then((choice) => {
    if (choice === walkthrough) void openWalkthrough(deps, id);
  });
}

/** Passed: say so (and its notes) and offer the next step. Otherwise the reason, with its fixes as buttons. */
function showOutcome(deps: CommandDeps, outcome: StepOutcome): void {
  const check = outcome.check;
  if (check.status === 'passed') {
    const next = nextStep(deps, outcome.step);
    const nextLabel = next ? t('Next: {0}', stepTitle(next, t)) : undefined;
    void vscode.window
      .showInformationMessage(resultMessage(check, t).text, ...(nextLabel ? [nextLabel] : []))
      .then((choice) => {
        if (next && choice === nextLabel) void vscode.commands.executeCommand(stepCommandId(next));
      });
    return;
  }
  showFailure(check);
}

/** Not done: why (or that it could not be checked, with a button to check again), the fixes as buttons. */
function showFailure(check: Exclude<CheckResult, { status: 'passed' }>): void {
  const fixes = check.status === 'failed' ? check.fixes : [];
  const titles = fixes.map((f) => fixTitle(f, t));
  const again = check.status === 'unknown' ? t('Check Again') : undefined;
  const buttons = again ? [...titles, again] : titles;
  void vscode.window.showWarningMessage(resultMessage(check, t).text, ...buttons).then((choice) => {
    if (again && choice === again) return void vscode.commands.executeCommand(COMMANDS.checkLab);
    const fix = fixes[titles.indexOf(choice ?? '')];
    if (fix) void vscode.commands.executeCommand(COMMANDS.applyFix, { step: check.step, fix });
  });
}

/** The first runnable step after `id` that has not passed. */
function nextStep(deps: CommandDeps, id: StepId): StepId | undefined {
  const results = deps.lab.current.results;
  const after = STEPS.slice(STEPS.findIndex((s) => s.id === id) + 1);
  return after.find((s) => !isDone(results.get(s.id)))?.id;
}

// ---------------------------------------------------------------------------------------------------------
// Fixes, checks, tracks, the walkthrough

export async function applyFixFlow(deps: CommandDeps, arg: FixArg): Promise<void> {
  const fix = arg?.fix;
  if (!fix) return;
  const title = fixTitle(fix, t);
  const lab = await import('../domain.js');
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        const ctx = await stepContext(deps, abort.signal, (p) => progress.report({ message: progressText(p, t) }));
        await lab.applyFix(fix, ctx);
      } finally {
        cancel.dispose();
        await deps.explorer.scheduler.refreshNow();
      }
    },
  );
  await deps.lab.whenChecked();
  const step = arg.step;
  const result = step ? deps.lab.current.results.get(step) : undefined;
  if (!step || !result) return;
  if (result.status === 'passed') void vscode.window.showInformationMessage(resultMessage(result, t).text);
  else showFailure(result);
}

/** Refreshes the account and re-checks every step; the walkthrough ticks what passes, the status bar counts. */
export async function checkLab(deps: CommandDeps): Promise<void> {
  await vscode.window.withProgress({ location: { viewId: CHECKLIST_VIEW_ID } }, async () => {
    await deps.explorer.scheduler.refreshNow();
    await deps.lab.whenChecked();
  });
  const results = [...deps.lab.current.results.values()];
  const passed = results.filter(isDone).length;
  vscode.window.setStatusBarMessage(
    `$(checklist) ${t('Lab checked: {0} of {1} steps done', passed, STEPS.length)}`,
    6000,
  );
}

/**
 * Runs a whole track with the handouts' settings after one confirmation: the engine overlaps what AWS lets
 * overlap (the load balancer is built while the AMI is pending). Step 1.5 is done by hand (over SSH), so 1.8
 * says so when it is not done yet.
 */
export async function runTrack(deps: CommandDeps, track: TrackId = '1'): Promise<StepOutcome[] | undefined> {
  await currentInput(deps);
  await deps.lab.whenChecked();
  const steps = stepsOfTrack(track);
  const results = deps.lab.current.results;
  const todo = steps.filter((s) => !isDone(results.get(s.id)));
  if (todo.length === 0) {
    void vscode.window.showInformationMessage(t('Every step of track {0} is done.', track));
    return [];
  }
  const run = t('Run');
  const answer = await vscode.window.showInformationMessage(
    t('Run the steps of track {0} that are not done yet, with the handouts’ settings?', track),
    { modal: true, detail: todo.map((s) => stepTitle(s.id, t) + (s.runnable ? '' : ` (${t('by hand')})`)).join('\n') },
    run,
  );
  if (answer !== run) return undefined;
  const lab = await import('../domain.js');
  const outcomes = await withLabProgress(deps, t('Track {0}', track), undefined, (ctx) =>
    lab.runTrack(track, ctx, { onOutcome: (o) => void deps.lab.noteOutcome(o) }),
  );
  await deps.lab.whenChecked();
  const passed = steps.filter((s) => isDone(deps.lab.current.results.get(s.id))).length;
  const first = outcomes.find((o) => o.check.status !== 'passed');
  if (first && first.check.status !== 'passed') showFailure(first.check);
  else void vscode.window.showInformationMessage(t('Track {0}: {1} of {2} steps done.', track, passed, steps.length));
  return outcomes;
}

export async function openWalkthrough(_deps: CommandDeps, id?: StepId): Promise<void> {
  const args = id && stepById(id) ? walkthroughStepArgs(id) : `${EXTENSION_ID}#${WALKTHROUGH_ID}`;
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', args, false);
}
