// Applying a fix (a checklist row's, an explorer target's, or a notification button's) under progress, then
// telling where the step stands.
import * as vscode from 'vscode';
import { fixTitle } from '../../../present/lab/fixes';
import { progressText } from '../../../present/lab/progress';
import type { Fix, StepId } from '../../../lab/types';
import { resultMessage } from '../../../present/checklistModel';
import type { CommandDeps } from '../deps';
import { showFailure } from './outcome';
import { stepContext } from './progress';

const t = vscode.l10n.t;

/** Where a fix comes from: a checklist row, an explorer target, or a notification button's `{ step, fix }`. */
type FixArg = { readonly fix?: Fix; readonly step?: StepId } | undefined;

export async function applyFixFlow(deps: CommandDeps, arg: FixArg): Promise<void> {
  const fix = arg?.fix;
  if (!fix) return;
  const title = fixTitle(fix, t);
  const lab = await import('../../domain.js');
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
