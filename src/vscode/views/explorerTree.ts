// The account explorer in VS Code: a native TreeDataProvider over the pure model (explorer/tree.ts), the
// TreeView, the adaptive refresh, and the context keys the menus read. TreeItems are built in getTreeItem.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { CONTEXT_KEYS, EXPLORER_VIEW_ID } from '../commands/ids';
import type { AccountService } from '../services/accountService';
import type { SettingsStore } from '../settings/store';
import type { Translate } from '../../present/translate';
import { walk, type ExplorerNode } from '../../present/explorer/nodes';
import type { ExplorerState, TargetDiagnoses } from '../../present/explorer/state';
import { buildExplorerTree } from '../../present/explorer/tree';
import type { OtherStudentsShown } from '../../present/explorer/otherStudents';
import { treeItemOf } from './treeItem';
import { RefreshScheduler } from './refreshScheduler';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ExplorerNode[] = [];
  private state: ExplorerState = { status: 'idle' };
  private diagnoses: TargetDiagnoses = new Map();
  /** How long the last tree build took (logged; the benchmark reads it too). */
  lastBuildMs = 0;

  /** In a class: how the rest of the account shows (settings: explorer.otherStudents). */
  private otherStudents: OtherStudentsShown = 'count';

  constructor(private readonly t: Translate) {}

  setOtherStudents(shown: OtherStudentsShown): void {
    if (shown === this.otherStudents) return;
    this.otherStudents = shown;
    this.rebuild();
  }

  /** Rebuilds the whole tree from a new state; ids are stable, so VS Code keeps what was expanded. */
  update(state: ExplorerState): void {
    this.state = state;
    this.rebuild();
  }

  /** The lab's target diagnoses (1.7) arrive after the inventory, once its pages are checked. */
  setDiagnoses(diagnoses: TargetDiagnoses): void {
    if (diagnoses.size === 0 && this.diagnoses.size === 0) return;
    this.diagnoses = diagnoses;
    this.rebuild();
  }

  private rebuild(): void {
    const started = performance.now();
    this.roots = buildExplorerTree(this.state, this.t, this.diagnoses, this.otherStudents);
    this.lastBuildMs = performance.now() - started;
    this.changed.fire();
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    return [...(node ? node.children : this.roots)];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  /** A node by id (host tests, reveal). */
  find(id: string): ExplorerNode | undefined {
    for (const node of walk(this.roots)) if (node.id === id) return node;
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface Explorer {
  readonly provider: ExplorerTreeProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly scheduler: RefreshScheduler;
  /** Another view that shows the account's state (the checklist): refreshes run while any of them is visible. */
  watchVisibility(other: vscode.TreeView<unknown>): vscode.Disposable;
}

/** Creates the view and wires it: service states -> tree + context keys; visibility -> refresh timing. */
export function registerExplorer(
  context: vscode.ExtensionContext,
  service: AccountService,
  log: vscode.LogOutputChannel,
  settings: SettingsStore,
): Explorer {
  const provider = new ExplorerTreeProvider(vscode.l10n.t);
  provider.setOtherStudents(settings.current.explorer.otherStudents);
  const view = vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const scheduler = new RefreshScheduler({
    load: () => service.load(),
    auto: settings.current.explorer.autoRefresh,
    onError: (error) => log.error(`Refresh failed: ${String(error)}`),
    // Throttled: a quiet line above the last inventory, not an error row or a popup.
    onPace: (pace) => {
      view.message = pace.slowedDown
        ? vscode.l10n.t(
            'Slowed down: AWS is throttling requests, so this is the last read and refreshes come less often.',
          )
        : undefined;
      log.info(
        pace.slowedDown
          ? `Refresh throttled (${pace.throttledInARow} in a row): next automatic refresh in ${Math.round(pace.nextInMs / 1000)} s`
          : 'Refresh no longer throttled: back to the normal pace',
      );
    },
  });
  const shown: vscode.TreeView<unknown>[] = [view];
  const syncVisible = () => scheduler.setVisible(shown.some((v) => v.visible));
  let firstBuildLogged = false;
  context.subscriptions.push(
    provider,
    view,
    { dispose: () => scheduler.dispose() },
    service.onDidChangeInventory((state) => {
      provider.update(state);
      if (state.status === 'loaded' && !firstBuildLogged) {
        firstBuildLogged = true;
        log.info(`Explorer tree built in ${provider.lastBuildMs.toFixed(1)} ms`);
      }
      const kind = state.status === 'loaded' ? state.inventory.context.kind : service.accountKind;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.onAws, kind === 'aws');
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.onPractice, kind === 'practice');
    }),
    view.onDidChangeVisibility(syncVisible),
    settings.onDidChange(({ settings: next }) => {
      scheduler.setAutoRefresh(next.explorer.autoRefresh);
      provider.setOtherStudents(next.explorer.otherStudents);
    }),
    // The settings named another account: the service has dropped the old one; load the new one now.
    service.onDidChangeAccount(() => void scheduler.refreshNow()),
  );
  // Idle (no load yet) renders no rows, so the view's welcome text shows; the first load turns it into "Loading…".
  provider.update(service.current);
  syncVisible();
  const watchVisibility = (other: vscode.TreeView<unknown>): vscode.Disposable => {
    shown.push(other);
    syncVisible();
    const subscription = other.onDidChangeVisibility(syncVisible);
    return {
      dispose: () => {
        subscription.dispose();
        shown.splice(shown.indexOf(other), 1);
      },
    };
  };
  return { provider, view, scheduler, watchVisibility };
}
