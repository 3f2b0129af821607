// The account explorer, read through its own TreeDataProvider: the practice account's WebServer
// appears under ap-northeast-1a, running.
import * as assert from 'node:assert/strict';
import { activated } from './extensionApi';
import { listing as list, walk } from './treeRows';

export function explorerTests(): void {
  suite('explorer', () => {
    test('shows WebServer under ap-northeast-1a as running (practice account)', async () => {
      const api = await activated();
      await api.whenInventoryLoaded();
      const rows = await walk(api.explorer);
      const listing = list(rows);
      const webServer = rows.find((r) => r.label === 'WebServer' && r.path.some((p) => p.includes('ap-northeast-1a')));
      assert.ok(webServer, `no WebServer row under ap-northeast-1a in the tree:\n${listing}`);
      assert.match(
        `${webServer.description}\n${webServer.tooltip}`,
        /\brunning\b/i,
        `WebServer is not shown as running:\n${listing}`,
      );
    });
  });
}
