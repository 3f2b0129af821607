// The one command table: id -> (deps) => handler. Every handler runs inside the one error boundary
// (platform/errors.ts) and gets its dependencies as arguments; nothing reaches for globals.
import * as vscode from 'vscode';
import type { AccountService } from '../platform/accountService';
import { withErrorBoundary } from '../platform/errors';
import type { Settings } from '../platform/settings';
import type { Explorer } from '../views/explorerTree';
import { chooseAccount, chooseRegion, refresh, resetPracticeAccount, ssoLogin } from './account';
import { COMMANDS, type CommandName } from './ids';
import { copyArn, copyDnsName, copyId, openInConsole } from './resources';

export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly service: AccountService;
  readonly explorer: Explorer;
  /** The settings as they are now. */
  readonly settings: () => Settings;
}

// Handlers take what VS Code passes: nothing, a tree node (menus), or the arguments of a node's command.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => unknown;

export const commandTable: Readonly<Record<CommandName, (deps: CommandDeps) => Handler>> = {
  refresh: (deps) => () => refresh(deps),
  chooseAccount: (deps) => () => chooseAccount(deps),
  chooseRegion: (deps) => () => chooseRegion(deps),
  resetPracticeAccount: (deps) => () => resetPracticeAccount(deps),
  showLogs: (deps) => () => deps.log.show(),
  copyId: (deps) => (node) => copyId(deps, node),
  copyArn: (deps) => (node) => copyArn(deps, node),
  copyDnsName: (deps) => (node) => copyDnsName(deps, node),
  openInConsole: (deps) => (node) => openInConsole(deps, node),
  ssoLogin: (deps) => (arg) => ssoLogin(deps, arg),
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return (Object.keys(commandTable) as CommandName[]).map((name) =>
    vscode.commands.registerCommand(COMMANDS[name], withErrorBoundary(COMMANDS[name], commandTable[name](deps), deps.log)),
  );
}
