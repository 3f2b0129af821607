// One way to turn a view node (explorer or checklist: plain data from the pure models) into a VS Code TreeItem.
import * as vscode from 'vscode';

/** What both pure tree models give every node. */
export interface ViewNode {
  readonly id: string;
  readonly label: string;
  readonly expand: 'expanded' | 'collapsed' | 'none';
  readonly contextValue?: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly command?: { readonly id: string; readonly title: string; readonly args?: readonly unknown[] };
}

const COLLAPSIBLE = {
  expanded: vscode.TreeItemCollapsibleState.Expanded,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  none: vscode.TreeItemCollapsibleState.None,
} as const;

export function treeItemOf(node: ViewNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, COLLAPSIBLE[node.expand]);
  item.id = node.id;
  item.contextValue = node.contextValue;
  if (node.description) item.description = node.description;
  if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
  if (node.icon)
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
  if (node.command) {
    item.command = {
      command: node.command.id,
      title: node.command.title,
      arguments: node.command.args ? [...node.command.args] : [],
    };
  }
  return item;
}
