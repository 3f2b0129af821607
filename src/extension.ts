// Wiring only: build the services, register the view and the commands, push every disposable, report failure.
import { moduleStart } from './platform/activationClock';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { registerCommands } from './commands/table';
import { AccountService } from './platform/accountService';
import { currentSettings, onDidChangeSettings } from './platform/config';
import { formatErrorForLog, showErrorWithActions } from './platform/errors';
import { registerExplorer, type ExplorerTreeProvider } from './views/explorerTree';

/** What activate() returns: the host tests read the tree and wait for the first load through it. */
export interface ScaleOutLabApi {
  readonly activationMs: number;
  readonly explorer: ExplorerTreeProvider;
  /** Resolves after the first load (inventory or error), starting one if none has started. */
  whenInventoryLoaded(): Promise<void>;
}

let service: AccountService | undefined;

export function activate(context: vscode.ExtensionContext): ScaleOutLabApi {
  const log = vscode.window.createOutputChannel('AWS Scale-Out Lab', { log: true });
  context.subscriptions.push(log);
  try {
    let settings = currentSettings(log);
    service = new AccountService(context.globalStorageUri.fsPath, settings, log);
    const explorer = registerExplorer(context, service, log, settings.explorer.autoRefresh);
    const accounts = service;
    context.subscriptions.push(
      accounts,
      ...registerCommands({ log, service: accounts, explorer, settings: () => settings }),
      onDidChangeSettings(log, (next, accountChanged) => {
        settings = next;
        explorer.scheduler.setAutoRefresh(next.explorer.autoRefresh);
        if (!accountChanged) return;
        accounts.reconfigure(next);
        void explorer.scheduler.refreshNow();
      }),
    );
    const activationMs = performance.now() - moduleStart;
    log.info(`Activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version}, ${vscode.env.language})`);
    return { activationMs, explorer: explorer.provider, whenInventoryLoaded: () => explorer.scheduler.ensureLoaded() };
  } catch (error) {
    log.error(`Activation failed:\n${formatErrorForLog(error)}`);
    showErrorWithActions(vscode.l10n.t('AWS Scale-Out Lab could not start. The logs have the details.'), undefined, log);
    throw error;
  }
}

/** Stops the practice server and closes connections; VS Code waits for the promise. */
export async function deactivate(): Promise<void> {
  await service?.close();
  service = undefined;
}
