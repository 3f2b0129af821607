// The teacher's Class view: a native TreeDataProvider over the pure model (present/class/tree.ts), shown once the
// "Show Class Status" command sets its context key. It follows the explorer's inventory: the whole account's when
// the explorer reads it whole, else one read of the whole account (no student) per explorer refresh; then every
// student's pages, and the table (lab/class/status.ts). Only while the view is visible; one at a time.
import * as vscode from 'vscode';
import { classPrefix } from '../../aws/student';
import type { Inventory } from '../../aws/types';
import { AwsError, toAwsProblem } from '../../aws/errors';
import { buildClassTree, walkClass, type ClassNode, type ClassViewState } from '../../present/class/tree';
import type { Translate } from '../../present/translate';
import { CLASS_VIEW_ID, CONTEXT_KEYS } from '../commands/ids';
import { formatErrorForLog } from '../errorBoundary';
import type { AccountService } from '../services/accountService';
import type { SettingsStore } from '../settings/store';
import type { Explorer } from './explorerTree';
import { treeItemOf } from './treeItem';

export class ClassTreeProvider implements vscode.TreeDataProvider<ClassNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ClassNode[] = [];
  private state: ClassViewState = { status: 'idle' };

  constructor(private readonly t: Translate) {}

  get current(): ClassViewState {
    return this.state;
  }

  update(state: ClassViewState): void {
    this.state = state;
    this.roots = buildClassTree(state, this.t);
    this.changed.fire();
  }

  getChildren(node?: ClassNode): ClassNode[] {
    return [...(node ? node.children : this.roots)];
  }

  getParent(node: ClassNode): ClassNode | undefined {
    return node.parent;
  }

  getTreeItem(node: ClassNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  /** A node by id (host tests, reveal). */
  find(id: string): ClassNode | undefined {
    for (const node of walkClass(this.roots)) if (node.id === id) return node;
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface ClassView {
  readonly provider: ClassTreeProvider;
  readonly view: vscode.TreeView<ClassNode>;
  /** Shows the view (its context key), focuses it and reads the class. */
  show(): Promise<void>;
  /** Resolves when the table in progress (if any) is done. */
  whenShown(): Promise<void>;
}

export function registerClassView(
  context: vscode.ExtensionContext,
  service: AccountService,
  explorer: Explorer,
  settings: SettingsStore,
  log: vscode.LogOutputChannel,
): ClassView {
  const provider = new ClassTreeProvider(vscode.l10n.t);
  const view = vscode.window.createTreeView(CLASS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let shown = false;
  let generation = 0;
  let inFlight: AbortController | undefined;
  let latest: Promise<void> = Promise.resolve();
  /** The explorer published an inventory the view has not judged (it was hidden). */
  let stale = true;

  const tabulate = async (inventory: Inventory): Promise<void> => {
    const mine = ++generation;
    inFlight?.abort();
    const abort = new AbortController();
    inFlight = abort;
    const current = () => mine === generation && !abort.signal.aborted;
    if (provider.current.status === 'idle') provider.update({ status: 'loading' });
    try {
      const domain = await import('../domain.js');
      const { account, clients } = await service.session();
      const lab = settings.current.lab;
      const prefix = (lab.student ? classPrefix(lab.student) : undefined) ?? domain.DEFAULT_CLASS_PREFIX;
      const options = { layout: lab.layout, prefix, signal: abort.signal };
      // The explorer reads a student's view when lab.student is set: the class needs the whole account, read as
      // `class status` reads it; the explorer's own whole read only needs the pages.
      const { whole, observations } =
        inventory.student || inventory.sections
          ? await domain.readClass(clients, { ...options, context: inventory.context })
          : {
              whole: inventory,
              observations: await domain.observeClass(
                inventory,
                domain.studentsIn(inventory, prefix),
                domain.classWebProbe(account),
                options,
              ),
            };
      if (!current()) return;
      const status = domain.classStatus(whole, { layout: lab.layout, prefix, observations });
      log.info(`Class view: ${status.rows.length} students, ${whole.apiCalls} API calls for the account's read`);
      provider.update({ status: 'loaded', class: status });
    } catch (error) {
      if (!current()) return;
      log.error(`The class could not be read:\n${formatErrorForLog(error)}`);
      const problem = error instanceof AwsError ? error.problem : toAwsProblem(error, { action: 'class' });
      const previous = provider.current.status === 'loaded' ? provider.current.class : undefined;
      provider.update({ status: 'failed', problem, ...(previous ? { previous } : {}) });
    }
  };

  const follow = () => {
    if (!shown || !view.visible) return;
    const s = service.current;
    if (s.status === 'loaded') {
      stale = false;
      latest = tabulate(s.inventory);
    } else if (s.status === 'failed' && provider.current.status !== 'loaded')
      provider.update({ status: 'failed', problem: s.problem });
    else if (s.status === 'loading' && provider.current.status === 'idle') provider.update({ status: 'loading' });
  };

  context.subscriptions.push(
    provider,
    view,
    // While the Class view is visible the explorer's refreshes keep running, and each one reaches the class.
    explorer.watchVisibility(view),
    service.onDidChangeInventory(() => {
      stale = true;
      follow();
    }),
    view.onDidChangeVisibility(() => {
      if (view.visible && stale) follow();
    }),
    settings.onDidChange(() => {
      stale = true;
      follow();
    }),
    { dispose: () => inFlight?.abort() },
  );

  return {
    provider,
    view,
    show: async () => {
      shown = true;
      await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.classShown, true);
      // The view's focus command comes with the view, which the context key has only just let in.
      await Promise.resolve(vscode.commands.executeCommand(`${CLASS_VIEW_ID}.focus`)).catch((error: unknown) =>
        log.warn(`Focusing the Class view: ${String(error)}`),
      );
      if (service.current.status === 'loaded') follow();
      await explorer.scheduler.ensureLoaded();
      if (stale) follow();
    },
    whenShown: async () => {
      let seen: Promise<void> | undefined;
      while (seen !== latest) {
        seen = latest;
        await seen;
      }
    },
  };
}
