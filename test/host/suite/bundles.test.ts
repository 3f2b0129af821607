// The extension's bundles as VS Code loads them (esbuild.js): activation loads extension.js alone; on AWS the first
// load adds domain.js and never practice.js; the practice account is its own bundle, loaded when it is used.
// First of the suite, before anything opens the practice account in this window.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated } from './extensionApi';

const section = () => vscode.workspace.getConfiguration('scaleOutLab');

export function bundlesTests(): void {
  suite('bundles', () => {
    test('activation loads extension.js only: no AWS SDK, no ssh2, no practice account yet', async () => {
      const api = await activated();
      assert.deepEqual(api.loadedBundles(), ['extension.js']);
    });

    test('on AWS, the first load requires domain.js and never practice.js', async () => {
      const api = await activated();
      assert.ok(!api.loadedBundles().includes('practice.js'), 'nothing has opened the practice account yet');
      await section().update('account.source', 'aws', vscode.ConfigurationTarget.Global);
      // The settings store delivers changes after a 50 ms debounce: let it switch the account before loading.
      await new Promise((r) => setTimeout(r, 300));
      try {
        // No AWS credentials in this host: the load ends with that problem, on the AWS path all the same.
        await vscode.commands.executeCommand('scaleOutLab.refresh');
        await api.whenInventoryLoaded();
        const loaded = api.loadedBundles();
        assert.ok(loaded.includes('domain.js'), `loaded: ${loaded.join(', ')}`);
        assert.ok(!loaded.includes('practice.js'), `the practice bundle was loaded on AWS: ${loaded.join(', ')}`);
        assert.ok(!loaded.includes('ssh.js'), `ssh2 was loaded without an SSH connection: ${loaded.join(', ')}`);
      } finally {
        await section().update('account.source', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    test('on the practice account, practice.js is loaded', async () => {
      const api = await activated();
      // The settings watcher switches back to the practice account and reloads.
      await new Promise((r) => setTimeout(r, 200));
      await vscode.commands.executeCommand('scaleOutLab.refresh');
      await api.whenInventoryLoaded();
      assert.equal((await api.accountEndpoint())?.startsWith('http://127.0.0.1:'), true);
      assert.ok(api.loadedBundles().includes('practice.js'), api.loadedBundles().join(', '));
    });
  });
}
