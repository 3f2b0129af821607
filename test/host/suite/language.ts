// The extension host's display language, for the Japanese UI pass (bundled to dist/test/host-language.js and
// loaded through the `extensionTestsPath` payload like the suite): one `HOST_LANGUAGE <tag>` console line.
import * as vscode from 'vscode';
import { extensionId } from './extensionApi';

export async function run(): Promise<void> {
  // The extension activated too, so its own l10n bundle is the one the language picks.
  await vscode.extensions.getExtension(extensionId)?.activate();
  console.log(`HOST_LANGUAGE ${vscode.env.language}`);
}
