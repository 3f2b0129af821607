// What every lab command runs under: the check input (waiting for the first inventory), the runner's context
// (clients, fresh inventories shown as they come, the web probe), and the cancellable progress notification.
import * as vscode from 'vscode';
import { AwsError } from '../../../aws/errors';
import { progressText } from '../../../present/lab/progress';
import type { CheckInput, StepContext, StepId, StepProgress } from '../../../lab/types';
import type { CommandDeps } from '../deps';

const t = vscode.l10n.t;

/** The check input now: waits for the first inventory if there is none yet. */
export async function currentInput(deps: CommandDeps): Promise<CheckInput> {
  if (!deps.lab.input) await deps.explorer.scheduler.ensureLoaded();
  const input = deps.lab.input;
  if (input) return input;
  const state = deps.service.current;
  if (state.status === 'failed') throw new AwsError(state.problem);
  throw new Error('The account has not been read yet.');
}

/** The runner's context: clients, fresh inventories (shown in the explorer as they come), the web, progress. */
export async function stepContext(
  deps: CommandDeps,
  signal: AbortSignal,
  progress: (p: StepProgress) => void,
): Promise<StepContext> {
  const { clients } = await deps.service.session();
  const web = await deps.lab.webProbe();
  const layout = deps.settings.current.lab.layout;
  const student = deps.settings.current.lab.student;
  // 2.2 and 2.6 ask for the master password once per account and region (SecretStorage keeps it).
  const secrets = {
    databasePassword: async () => {
      const state = deps.service.current;
      const context = state.status === 'loaded' ? state.inventory.context : undefined;
      return deps.passwords.ask(context?.accountId ?? 'unknown', context?.region ?? clients.account.region);
    },
  };
  return {
    clients,
    inventory: (scope) => deps.service.fetchFresh(signal, scope),
    web,
    signal,
    progress,
    layout,
    ...(student ? { student } : {}),
    secrets,
  };
}

/**
 * A cancellable notification reporting the runner's progress (Cancel aborts the runner's signal), the step's
 * row spinning meanwhile; afterwards, whatever happened, a refresh so the views show the account as it is.
 */
export async function withLabProgress<T>(
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
