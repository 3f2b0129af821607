// What a lab command tells at its end: not ready (and why), passed (and the next step), not done (the fixes as
// buttons); and the walkthrough those messages open.
import * as vscode from 'vscode';
import { fixTitle } from '../../../present/lab/fixes';
import { stepTitle } from '../../../present/lab/steps';
import { STEPS, stepById } from '../../../lab/tracks';
import type { CheckResult, StepId, StepOutcome } from '../../../lab/types';
import { isDone, resultMessage, walkthroughStepArgs } from '../../../present/checklistModel';
import { COMMANDS, EXTENSION_ID, stepCommandId, WALKTHROUGH_ID } from '../ids';
import type { CommandDeps } from '../deps';

const t = vscode.l10n.t;

export function showNotReady(deps: CommandDeps, id: StepId, text: string): void {
  const walkthrough = t('Open Walkthrough');
  void vscode.window.showWarningMessage(`${stepTitle(id, t)}: ${text}`, walkthrough).then((choice) => {
    if (choice === walkthrough) void openWalkthrough(deps, id);
  });
}

/** Passed: say so (and its notes) and offer the next step. Otherwise the reason, with its fixes as buttons. */
export function showOutcome(deps: CommandDeps, outcome: StepOutcome): void {
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
export function showFailure(check: Exclude<CheckResult, { status: 'passed' }>): void {
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

export async function openWalkthrough(_deps: CommandDeps, id?: StepId): Promise<void> {
  const args = id && stepById(id) ? walkthroughStepArgs(id) : `${EXTENSION_ID}#${WALKTHROUGH_ID}`;
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', args, false);
}
