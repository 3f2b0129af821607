// Running one step: plan -> options -> (confirm through the options list) -> run with progress -> outcome.
// A step done by hand (1.5) is checked instead. The engine (src/lab) plans and runs; this file only asks, shows
// progress and tells the outcome. Errors go to the command table's error boundary.
import * as vscode from 'vscode';
import { reasonText } from '../../../present/lab/reasons';
import { stepTitle } from '../../../present/lab/steps';
import { labSteps, stepById } from '../../../lab/tracks';
import {
  StepError,
  type CheckResult,
  type StepContext,
  type StepId,
  type StepOptions,
  type StepOutcome,
} from '../../../lab/types';
import { findRoles } from '../../../lab/roles';
import { isDone, resultMessage, stepLook, type ChecklistNode } from '../../../present/checklistModel';
import { COMMANDS, stepCommandId } from '../ids';
import type { CommandDeps } from '../deps';
import { chooseOptions, withDefaults } from './options';
import { openWalkthrough, showNotReady, showOutcome } from './outcome';
import { currentInput, withLabProgress } from './progress';
import { failoverChart } from './failover';
import { scalingChart } from './scaling';
import { tallyChart } from './tally';

const t = vscode.l10n.t;

/** What a caller may pass to a step command: options to use, and `yes` to skip the questions (tests, tracks). */
export interface RunStepArgs {
  readonly options?: StepOptions;
  readonly yes?: boolean;
  /** No notification at the end (a track run reports once, at its end). */
  readonly quiet?: boolean;
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
    labSteps(deps.lab.current.layout).map((s) => ({
      label: stepTitle(s.id, t),
      description: statusWord(results.get(s.id)),
      id: s.id,
    })),
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
  const lab = await import('../../domain.js');
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
    return again.ready ? again : plan;
  };
  const options = args.yes
    ? withDefaults(plan.options, args.options)
    : await chooseOptions(title, plan, args.options ?? {}, !done, replan);
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
      const lab = await import('../../domain.js');
      const fresh = await lab.observe(
        input.inventory,
        await deps.lab.webProbe(),
        undefined,
        lab.pagesForStep(id, input.inventory, input.layout),
      );
      const observations = lab.mergeObservations(input.observations, fresh.values());
      const result = lab.checkStep(id, { inventory: input.inventory, observations, layout: input.layout });
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
  const clone =
    id === '1.5' && deps.service.inventory
      ? findRoles(deps.service.inventory, undefined, deps.settings.current.lab.layout).clone
      : undefined;
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
  const failover = failoverChart(deps, id);
  return withLabProgress(deps, title, id, async (ctx) => {
    const tallies = tallyChart(deps, id, ctx);
    // 3.4 reports its scaling watch: the Auto Scaling chart opens on the first timeline and follows it.
    const scaling = scalingChart(deps, tallies.ctx);
    const running = work(scaling.ctx);
    // The site watched while the database fails over (2.5, 2.7): the run's result waits for the chart's last word.
    const watching = failover
      ?.watch(running, ctx)
      .catch((error: unknown) => deps.log.warn(`failover chart: ${String(error)}`));
    const outcome = await running;
    await watching;
    tallies.finish(outcome);
    scaling.finish(outcome);
    await deps.lab.noteOutcome(outcome);
    return outcome;
  });
}
