// @vscode/test-cli for contributors with desktop VS Code (`npx vscode-test`): it downloads VS Code,
// which these build machines cannot, so CI runs the same suite in code-server (npm run test:host).
// Build first: `npm run build` (the suite is bundled to dist/test/host-suite.js).
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const scratch = resolve('.vscode-test');
for (const d of ['home', 'workspace']) mkdirSync(resolve(scratch, d), { recursive: true });

export default defineConfig({
  label: 'host',
  files: 'dist/test/host-suite.js',
  version: 'stable',
  workspaceFolder: resolve(scratch, 'workspace'),
  launchArgs: ['--disable-extensions'],
  // No AWS credentials in sight, so the extension opens on the practice account as the suite expects.
  env: {
    HOME: resolve(scratch, 'home'),
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
  },
  mocha: { ui: 'tdd', timeout: 60_000 },
});
