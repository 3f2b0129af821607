// Reading a view through its own TreeDataProvider, as VS Code would render it: label, description, tooltip.
import * as vscode from 'vscode';

export interface Row {
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  path: string[];
}

export function text(value: string | boolean | vscode.TreeItemLabel | vscode.MarkdownString | undefined): string {
  if (value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'string') return value;
  if ('label' in value) return value.label;
  return value.value;
}

/** Every row of the tree, depth first, with the labels of its ancestors. */
export async function walk(provider: vscode.TreeDataProvider<unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  const visit = async (element: unknown, path: string[], depth: number): Promise<void> => {
    if (depth > 12) return;
    for (const child of (await provider.getChildren(element)) ?? []) {
      const item = await provider.getTreeItem(child);
      const row = {
        label: text(item.label),
        description: text(item.description),
        tooltip: text(item.tooltip),
        contextValue: item.contextValue ?? '',
        path,
      };
      rows.push(row);
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
        await visit(child, [...path, row.label], depth + 1);
      }
    }
  };
  await visit(undefined, [], 0);
  return rows;
}

export const listing = (rows: readonly Row[]) =>
  rows.map((r) => `${'  '.repeat(r.path.length)}${r.label} — ${r.description}`).join('\n');
