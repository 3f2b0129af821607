// The one command table: id -> (deps) => handler. Every handler runs inside the one error boundary
// (errorBoundary.ts) and gets its dependencies as arguments; nothing reaches for globals.
import * as vscode from 'vscode';
import { isStepId, STEPS, TRACKS } from '../../lab/tracks';
import { withErrorBoundary } from '../errorBoundary';
import { cleanUp, showCost } from './cost';
import type { CommandDeps } from './deps';
import { chooseAccount, chooseRegion, refresh, resetPracticeAccount, ssoLogin } from './account';
import { COMMANDS, stepCommandId, type CommandName } from './ids';
import { applyFixFlow } from './lab/fix';
import { chooseLayout } from './lab/layout';
import { setStudent } from './lab/student';
import { openWalkthrough } from './lab/outcome';
import { runStepFromArg, stepCommand } from './lab/run';
import { rebootWatched } from './lab/reboot';
import { putLoad, watchAutoScaling } from './lab/scaling';
import { checkLab, runTrack } from './lab/track';
import { copyArn, copyDnsName, copyId, openInConsole } from './resources';
import { editIndexHtml, openSshTerminal } from './ssh';

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
  chooseLayout: (deps) => (layout) => chooseLayout(deps, layout),
  setStudent: (deps) => (student) => setStudent(deps, student),
  runTrack: (deps) => (track) => runTrack(deps, TRACKS.find((t) => t === track) ?? '1'),
  openWalkthrough: (deps) => (step) =>
    openWalkthrough(deps, typeof step === 'string' && isStepId(step) ? step : undefined),
  runStep: (deps) => (arg, args) => runStepFromArg(deps, arg, args),
  applyFix: (deps) => (arg) => applyFixFlow(deps, arg),
  editIndexHtml: (deps) => (arg) => editIndexHtml(deps, arg),
  openSshTerminal: (deps) => (arg) => openSshTerminal(deps, arg),
  showCost: (deps) => () => showCost(deps),
  cleanUp: (deps) => () => cleanUp(deps),
  showDiagram: (deps) => () => {
    deps.diagram.open();
    // The picture follows the inventory: read the account now if nothing has read it yet.
    void deps.explorer.scheduler.ensureLoaded();
  },
  watchScaling: (deps) => (arg) => watchAutoScaling(deps, arg),
  putLoad: (deps) => () => putLoad(deps),
  rebootDatabase: (deps) => () => rebootWatched(deps),
  showClassStatus: (deps) => () => deps.classView.show(),
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
