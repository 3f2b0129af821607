// Wiring only: build the services, register the view and the commands, push every disposable, report failure.
import { moduleStart } from './activationClock';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { registerCommands } from './commands/table';
import type { StepId } from '../lab/types';
import { AccountService } from './services/accountService';
import { SettingsStore } from './settings/store';
import { formatErrorForLog, showErrorWithActions } from './errorBoundary';
import { CostService } from './services/costService';
import { LabService } from './services/labService';
import { ReminderService } from './services/reminderService';
import { SshAccess } from './services/sshAccess';
import { registerSshFileSystem } from './ssh/fileSystem';
import { terminalTranscript } from './ssh/terminal';
import { registerChecklist, type ChecklistTreeProvider } from './views/checklistTree';
import { registerClassView, type ClassTreeProvider } from './views/classTree';
import { registerExplorer, type ExplorerTreeProvider } from './views/explorerTree';
import { CostPanel } from './views/costPanel';
import { CostStatusBar } from './views/costStatusBar';
import { DiagramPanel } from './views/diagramPanel';
import { FailoverPanel } from './views/failoverPanel';
import { ScalingPanel } from './views/scalingPanel';
import { DatabasePasswords } from './services/dbPasswords';
import { TallyPanel } from './views/tallyPanel';

// All imports above have run by now (ES imports are hoisted): module evaluation ends here.
const moduleEvaluated = performance.now();

/** What activate() returns: the host tests read the tree and wait for the first load through it. */
export interface ScaleOutLabApi {
  /** Our own activation cost: evaluating the bundle's modules plus the activate() call. */
  readonly activationMs: number;
  /**
   * From the first module's evaluation to the end of activate(), including the time VS Code spends between
   * loading the module and calling activate() (creating the extension context, storage): not ours to cut.
   */
  readonly activationWallMs: number;
  readonly explorer: ExplorerTreeProvider;
  readonly checklist: ChecklistTreeProvider;
  /** The teacher's Class view (shown by Show Class Status). */
  readonly classView: ClassTreeProvider;
  /** Resolves when the Class view's table in progress (if any) is shown. */
  whenClassShown(): Promise<void>;
  /** Resolves after the first load (inventory or error), starting one if none has started. */
  whenInventoryLoaded(): Promise<void>;
  /** Resolves when the lab check in progress (pages included) is done and its context keys are set. */
  whenLabChecked(): Promise<void>;
  /** Whether the step's walkthrough context key (`scaleOutLab.step.<id>.done`) has been set. */
  isStepDone(id: StepId): boolean;
  /** The load-balancing chart's last tally (1.8, 1.10), and whether its panel is visible. */
  tallyShown():
    | { readonly requests: number; readonly answered: number; readonly backends: number; readonly visible: boolean }
    | undefined;
  /** Keeps the database master password for the account in use, as the password box would (host tests). */
  storeDatabasePassword(password: string): Promise<void>;
  /** The failover chart's last view (2.5, 2.7): requests, the downtime, and whether its panel is visible. */
  failoverShown():
    | { readonly requests: number; readonly downtimeMs: number; readonly moved?: string; readonly visible: boolean }
    | undefined;
  /** The Auto Scaling chart's last view: its group, how many samples, the last one's counts and CPU. */
  scalingShown():
    | {
        readonly groupName: string;
        readonly samples: number;
        readonly desired?: number;
        readonly inService?: number;
        readonly instances?: number;
        readonly cpu?: number;
        readonly live: boolean;
        readonly visible: boolean;
      }
    | undefined;
  /** What an SSH terminal of ours has shown so far (undefined for other terminals). */
  sshTerminalTranscript(terminal: vscode.Terminal): string | undefined;
  /** The endpoint of the account in use (the practice account's API port, which serves its web pages by Host). */
  accountEndpoint(): Promise<string | undefined>;
  /** Resolves once the latest inventory has been estimated (the meter then shows it). */
  whenCostEstimated(): Promise<void>;
  /** The meter as shown, and the estimate's hourly rate (USD) behind it. */
  costShown(): {
    readonly text: string;
    readonly tooltip: string;
    readonly warning: boolean;
    readonly visible: boolean;
    readonly hourlyUsd?: number;
  };
  /** The reminders shown in this session, oldest first. */
  remindersShown(): readonly string[];
  /** Our bundles loaded in this extension host so far (esbuild.js builds four: extension, domain, ssh, practice). */
  loadedBundles(): string[];
}

/** The files of this folder that Node has loaded: in the bundled extension, dist/'s bundles. */
function loadedBundles(): string[] {
  return Object.keys(require.cache)
    .filter((file) => dirname(file) === __dirname && file.endsWith('.js'))
    .map((file) => basename(file))
    .sort((a, b) => Number(b === 'extension.js') - Number(a === 'extension.js') || a.localeCompare(b));
}

let service: AccountService | undefined;
let ssh: SshAccess | undefined;

export function activate(context: vscode.ExtensionContext): ScaleOutLabApi {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('AWS Scale-Out Lab', { log: true });
  context.subscriptions.push(log);
  try {
    // One store; each object reads it or subscribes. A new account reaches the explorer (refresh) and SSH
    // (close) through the account service's onDidChangeAccount, after the service has dropped the old one.
    const settings = new SettingsStore(log);
    context.subscriptions.push(settings);
    service = new AccountService(context.globalStorageUri.fsPath, settings, log);
    const explorer = registerExplorer(context, service, log, settings);
    const accounts = service;
    const lab = new LabService(accounts, log, () => settings.current.lab.layout);
    context.subscriptions.push(settings.onDidChange(() => lab.relayout()));
    const checklist = registerChecklist(context, lab);
    const classView = registerClassView(context, accounts, explorer, settings, log);
    const tally = new TallyPanel();
    const failover = new FailoverPanel();
    const scaling = new ScalingPanel();
    const passwords = new DatabasePasswords(context.secrets);
    const sshAccess = new SshAccess(accounts, context.globalStorageUri.fsPath, context.secrets, settings, log);
    ssh = sshAccess;
    const cost = new CostService(accounts, settings, context.globalStorageUri.fsPath, log);
    const meter = new CostStatusBar(cost, settings);
    const costPanel = new CostPanel(cost, settings);
    const diagram = new DiagramPanel(accounts, explorer, log);
    const reminders = new ReminderService(
      context.globalState,
      cost,
      settings,
      () => {
        const inventory = accounts.inventory;
        return inventory ? { kind: inventory.context.kind, accountId: inventory.context.accountId } : undefined;
      },
      log,
    );
    context.subscriptions.push(
      sshAccess,
      // A window restoring a `scaleoutlab-ssh:` tab activates us for it (onFileSystem:scaleoutlab-ssh, before
      // onStartupFinished); activate() is synchronous, so the provider is there before the tab asks, and the
      // instance's session connects on demand.
      registerSshFileSystem((id) => sshAccess.session(id), vscode.l10n.t, log),
      accounts,
      lab,
      tally,
      failover,
      scaling,
      cost,
      meter,
      costPanel,
      diagram,
      reminders,
      explorer.watchVisibility(checklist.view),
      lab.onDidChange(() => explorer.provider.setDiagnoses(lab.diagnoses)),
      ...registerCommands({
        log,
        service: accounts,
        explorer,
        lab,
        tally,
        failover,
        scaling,
        passwords,
        settings,
        ssh: sshAccess,
        cost,
        costPanel,
        diagram,
        classView,
      }),
    );
    // The lab was left running last time: say so, and read the account so the meter shows what runs now.
    if (reminders.leftLastTime) {
      reminders.remindAtStartup();
      void explorer.scheduler.ensureLoaded();
    }
    const end = performance.now();
    const activationMs = moduleEvaluated - moduleStart + (end - activateStart);
    const activationWallMs = end - moduleStart;
    log.info(
      `Activated in ${activationMs.toFixed(1)} ms: modules ${(moduleEvaluated - moduleStart).toFixed(1)} ms, ` +
        `activate() ${(end - activateStart).toFixed(1)} ms; ${activationWallMs.toFixed(1)} ms since the first module ` +
        `(VS Code ${vscode.version}, ${vscode.env.language})`,
    );
    return {
      activationMs,
      activationWallMs,
      explorer: explorer.provider,
      checklist: checklist.provider,
      classView: classView.provider,
      whenClassShown: () => classView.whenShown(),
      whenInventoryLoaded: () => explorer.scheduler.ensureLoaded(),
      whenLabChecked: () => lab.whenChecked(),
      isStepDone: (id) => lab.isDone(id),
      sshTerminalTranscript: (terminal) => terminalTranscript(terminal),
      accountEndpoint: async () => (await accounts.session()).account.endpoint,
      whenCostEstimated: () => cost.whenEstimated(),
      costShown: () => ({ ...meter.shown, ...(cost.current ? { hourlyUsd: cost.current.estimate.hourlyUsd } : {}) }),
      remindersShown: () => [...reminders.shown],
      loadedBundles: () => loadedBundles(),
      storeDatabasePassword: async (password) => {
        const context = accounts.inventory?.context;
        if (!context) throw new Error('The account has not been read yet.');
        await passwords.store(context.accountId, context.region, password);
      },
      failoverShown: () => {
        const view = failover.current;
        return view
          ? {
              requests: view.watch.samples.length,
              downtimeMs: view.watch.downtimeMs,
              ...(view.moved ? { moved: view.moved } : {}),
              visible: failover.visible,
            }
          : undefined;
      },
      scalingShown: () => {
        const view = scaling.current;
        const last = view?.timeline.samples.at(-1);
        return view
          ? {
              groupName: view.timeline.groupName,
              samples: view.timeline.samples.length,
              ...(last ? { desired: last.desired, inService: last.inService, instances: last.instances.length } : {}),
              ...(last?.cpuAverage !== undefined ? { cpu: last.cpuAverage } : {}),
              live: view.live,
              visible: scaling.visible,
            }
          : undefined;
      },
      tallyShown: () => {
        const view = tally.current;
        return view
          ? {
              requests: view.tally.requests,
              answered: view.tally.answered,
              backends: view.tally.byBackend.length,
              visible: tally.visible,
            }
          : undefined;
      },
    };
  } catch (error) {
    log.error(`Activation failed:\n${formatErrorForLog(error)}`);
    showErrorWithActions(
      vscode.l10n.t('AWS Scale-Out Lab could not start. The logs have the details.'),
      undefined,
      log,
    );
    throw error;
  }
}

/** Stops the practice server and closes connections; VS Code waits for the promise. */
export async function deactivate(): Promise<void> {
  ssh?.dispose();
  ssh = undefined;
  await service?.close();
  service = undefined;
}
