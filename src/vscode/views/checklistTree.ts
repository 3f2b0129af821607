// The lab checklist in VS Code: a native TreeDataProvider over the pure model (checklistModel.ts), rebuilt on
// every change of the lab service (every inventory refresh, every run).
import * as vscode from 'vscode';
import { CHECKLIST_VIEW_ID } from '../commands/ids';
import { labSteps } from '../../lab/tracks';
import type { LabService } from '../services/labService';
import type { Translate } from '../../present/translate';
import { buildChecklist, walkChecklist, type ChecklistNode, type ChecklistState } from '../../present/checklistModel';
import { treeItemOf } from './treeItem';

export class ChecklistTreeProvider implements vscode.TreeDataProvider<ChecklistNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ChecklistNode[] = [];

  constructor(private readonly t: Translate) {}

  update(state: ChecklistState): void {
    this.roots = buildChecklist(state, labSteps(state.layout), this.t);
    this.changed.fire();
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    return [...(node ? node.children : this.roots)];
  }

  getParent(node: ChecklistNode): ChecklistNode | undefined {
    return node.parent;
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  /** A node by id (host tests, reveal). */
  find(id: string): ChecklistNode | undefined {
    for (const node of walkChecklist(this.roots)) if (node.id === id) return node;
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface Checklist {
  readonly provider: ChecklistTreeProvider;
  readonly view: vscode.TreeView<ChecklistNode>;
}

export function registerChecklist(context: vscode.ExtensionContext, lab: LabService): Checklist {
  const provider = new ChecklistTreeProvider(vscode.l10n.t);
  const view = vscode.window.createTreeView(CHECKLIST_VIEW_ID, { treeDataProvider: provider });
  context.subscriptions.push(
    provider,
    view,
    lab.onDidChange((state) => provider.update(state)),
  );
  provider.update(lab.current);
  return { provider, view };
}
