// The account explorer, read through its own TreeDataProvider: the practice account's WebServer
// appears under ap-northeast-1a, running.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated } from './extensionApi';

interface Row {
  label: string;
  description: string;
  tooltip: string;
  path: string[];
}

function text(value: string | boolean | vscode.TreeItemLabel | vscode.MarkdownString | undefined): string {
  if (value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'string') return value;
  if ('label' in value) return value.label;
  return value.value;
}

/** Every row of the tree, depth first, with the labels of its ancestors. */
async function walk(explorer: vscode.TreeDataProvider<unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  const visit = async (element: unknown, path: string[], depth: number): Promise<void> => {
    if (depth > 12) return;
    for (const child of (await explorer.getChildren(element)) ?? []) {
      const item = await explorer.getTreeItem(child);
      const row = { label: text(item.label), description: text(item.description), tooltip: text(item.tooltip), path };
      rows.push(row);
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
        await visit(child, [...path, row.label], depth + 1);
      }
    }
  };
  await visit(undefined, [], 0);
  return rows;
}

export function explorerTests(): void {
  suite('explorer', () => {
    test('shows WebServer under ap-northeast-1a as running (practice account)', async () => {
      const api = await activated();
      await api.whenInventoryLoaded();
      const rows = await walk(api.explorer);
      const listing = rows.map((r) => `${'  '.repeat(r.path.length)}${r.label} — ${r.description}`).join('\n');
      const webServer = rows.find((r) => r.label === 'WebServer' && r.path.some((p) => p.includes('ap-northeast-1a')));
      assert.ok(webServer, `no WebServer row under ap-northeast-1a in the tree:\n${listing}`);
      assert.match(`${webServer.description}\n${webServer.tooltip}`, /\brunning\b/i, `WebServer is not shown as running:\n${listing}`);
    });
  });
}
