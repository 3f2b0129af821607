// The lab checklist in VS Code: a native TreeDataProvider over the pure model (checklistModel.ts), rebuilt on
// every change of the lab service (every inventory refresh, every run).
import * as vscode from 'vscode';
import { CHECKLIST_VIEW_ID } from '../commands/ids';
import { STEPS } from '../lab/tracks';
import type { LabService } from '../platform/labService';
import type { Translate } from '../platform/translate';
import { buildChecklist, walkChecklist, type ChecklistNode, type ChecklistState } from './checklistModel';

export class ChecklistTreeProvider implements vscode.TreeDataProvider<ChecklistNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ChecklistNode[] = [];

  constructor(private readonly t: Translate) {}

  update(state: ChecklistState): void {
    this.roots = buildChecklist(state, STEPS, this.t);
    this.changed.fire();
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    return [...(node ? node.children : this.roots)];
  }

  getParent(node: ChecklistNode): ChecklistNode | undefined {
    return node.parent;
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    const state =
      node.expand === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : node.expand === 'collapsed'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.contextValue = node.contextValue;
    if (node.description) item.description = node.description;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.command) {
      item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args ? [...node.command.args] : [] };
    }
    return item;
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
  context.subscriptions.push(provider, view, lab.onDidChange((state) => provider.update(state)));
  provider.update(lab.current);
  return { provider, view };
}
