// The one command table: id -> (deps) => handler. Every handler runs inside the one error boundary
// (platform/errors.ts) and gets its dependencies as arguments; nothing reaches for globals.
import * as vscode from 'vscode';
import { isStepId, STEPS } from '../../lab/tracks';
import type { AccountService } from '../services/accountService';
import type { CostService } from '../services/costService';
import { withErrorBoundary } from '../errorBoundary';
import type { LabService } from '../services/labService';
import type { Settings } from '../settings/read';
import type { SshAccess } from '../services/sshAccess';
import type { CostPanel } from '../views/costPanel';
import type { Explorer } from '../views/explorerTree';
import type { TallyPanel } from '../views/tallyPanel';
import { cleanUp, showCost } from './cost';
import { chooseAccount, chooseRegion, refresh, resetPracticeAccount, ssoLogin } from './account';
import { COMMANDS, stepCommandId, type CommandName } from './ids';
import { applyFixFlow, checkLab, openWalkthrough, runStepFromArg, runTrack, stepCommand } from './lab';
import { copyArn, copyDnsName, copyId, openInConsole } from './resources';
import { editIndexHtml, openSshTerminal } from './ssh';

export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly service: AccountService;
  readonly explorer: Explorer;
  readonly lab: LabService;
  /** The load-balancing chart (1.8, 1.10). */
  readonly tally: TallyPanel;
  /** The settings as they are now. */
  readonly settings: () => Settings;
  /** SSH connections to instances (file tabs, terminals). */
  readonly ssh: SshAccess;
  /** What the account costs (the meter's estimates and prices). */
  readonly cost: CostService;
  /** The cost breakdown. */
  readonly costPanel: CostPanel;
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
  checkLab: (deps) => () => checkLab(deps),
  runTrack: (deps) => (track) => runTrack(deps, track === '0' ? '0' : '1'),
  openWalkthrough: (deps) => (step) =>
    openWalkthrough(deps, typeof step === 'string' && isStepId(step) ? step : undefined),
  runStep: (deps) => (arg, args) => runStepFromArg(deps, arg, args),
  applyFix: (deps) => (arg) => applyFixFlow(deps, arg),
  editIndexHtml: (deps) => (arg) => editIndexHtml(deps, arg),
  openSshTerminal: (deps) => (arg) => openSshTerminal(deps, arg),
  showCost: (deps) => () => showCost(deps),
  cleanUp: (deps) => () => cleanUp(deps),
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const fixed = (Object.keys(commandTable) as CommandName[]).map((name) =>
    vscode.commands.registerCommand(
      COMMANDS[name],
      withErrorBoundary(COMMANDS[name], commandTable[name](deps), deps.log),
    ),
  );
  // One command per lab step, for the walkthrough's buttons and the palette.
  const steps = STEPS.map((step) =>
    vscode.commands.registerCommand(
      stepCommandId(step.id),
      withErrorBoundary(stepCommandId(step.id), stepCommand(deps, step.id), deps.log),
    ),
  );
  return [...fixed, ...steps];
}
