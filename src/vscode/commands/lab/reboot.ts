// 2.5's contrast: the lab's database rebooted without failover under a cancellable notification, the failover
// chart watching the site meanwhile (the whole engine restart, then the same AZ), so the student can set it beside
// the failover's shorter outage.
import * as vscode from 'vscode';
import { StepError } from '../../../lab/types';
import { reasonText } from '../../../present/lab/reasons';
import type { CommandDeps } from '../deps';
import { chartWhile, siteHost } from './failover';
import { showNotReady } from './outcome';
import { currentInput, withLabProgress } from './progress';

const t = vscode.l10n.t;

/** Resolves with the database's AZ after the reboot, or undefined when it could not run (said to the student). */
export async function rebootWatched(deps: CommandDeps): Promise<{ name: string; az: string } | undefined> {
  await currentInput(deps);
  const host = siteHost(deps);
  const lab = await import('../../domain.js');
  try {
    return await withLabProgress(deps, t('Reboot without failover'), undefined, async (ctx) => {
      const running = lab.runReboot(ctx);
      if (host) await chartWhile(deps, 'reboot', host, running, ctx, (outcome) => outcome.az);
      return running;
    });
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    showNotReady(deps, '2.5', reasonText(error.reason, t));
    return undefined;
  }
}
