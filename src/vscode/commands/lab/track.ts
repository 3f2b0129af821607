// The whole lab at once: check every step now, or run a track's steps that are not done after one confirmation.
import * as vscode from 'vscode';
import { stepTitle } from '../../../present/lab/steps';
import { labSteps, stepsOfTrack } from '../../../lab/tracks';
import type { StepOutcome, TrackId } from '../../../lab/types';
import { isDone } from '../../../present/checklistModel';
import { CHECKLIST_VIEW_ID } from '../ids';
import type { CommandDeps } from '../deps';
import { showFailure } from './outcome';
import { currentInput, withLabProgress } from './progress';

const t = vscode.l10n.t;

/** Refreshes the account and re-checks every step; the walkthrough ticks what passes, the status bar counts. */
export async function checkLab(deps: CommandDeps): Promise<void> {
  await vscode.window.withProgress({ location: { viewId: CHECKLIST_VIEW_ID } }, async () => {
    await deps.explorer.scheduler.refreshNow();
    await deps.lab.whenChecked();
  });
  const results = [...deps.lab.current.results.values()];
  const passed = results.filter(isDone).length;
  vscode.window.setStatusBarMessage(
    `$(checklist) ${t('Lab checked: {0} of {1} steps done', passed, labSteps(deps.lab.current.layout).length)}`,
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
  const steps = stepsOfTrack(track, deps.lab.current.layout);
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
  const lab = await import('../../domain.js');
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
