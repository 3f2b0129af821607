// The extension activates in a real VS Code, and its command table matches package.json both ways.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, reportMetric, theExtension, type ContributedCommand } from './extensionApi';

// Commands VS Code itself registers for every contributed view container and view.
const generatedViewCommandSuffixes = ['.focus', '.resetViewLocation', '.removeView', '.toggleVisibility', '.open'];

export function activationTests(): void {
  suite('activation', () => {
    test('the extension activates and reports its activation time', async () => {
      const api = await activated();
      assert.equal(theExtension().isActive, true);
      assert.equal(typeof api.activationMs, 'number');
      assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `activationMs = ${api.activationMs}`);
      reportMetric('activationMs', api.activationMs);
      reportMetric('activationWallMs', api.activationWallMs);
    });

    test('every command in package.json is registered, and every registered scaleOutLab command is in package.json', async () => {
      await activated();
      const manifest = theExtension().packageJSON as {
        contributes?: { commands?: ContributedCommand[]; views?: Record<string, { id: string }[]> };
      };
      const declared = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
      const viewIds = Object.values(manifest.contributes?.views ?? {})
        .flat()
        .map((v) => v.id);
      const registered = (await vscode.commands.getCommands(true)).filter(
        (id) =>
          id.startsWith('scaleOutLab.') && !viewIds.some((v) => generatedViewCommandSuffixes.some((s) => id === v + s)),
      );
      const notRegistered = [...declared].filter((id) => !registered.includes(id));
      const notDeclared = registered.filter((id) => !declared.has(id));
      assert.deepEqual(notRegistered, [], 'declared in package.json but not registered');
      assert.deepEqual(notDeclared, [], 'registered but not declared in package.json');
    });
  });
}
