// The VSIX a teacher hands out: built by `vsce package` from the production bundle, then installed
// by the real VS Code's own CLI into an empty extensions dir.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerCli } from './codeServer';
import type { Toolchain } from './hostEnv';

export interface VsixResult {
  vsix: string;
  sizeKiB: number;
  installedAs: string;
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
}

export function packageAndInstall(repo: string, outDir: string, tools: Toolchain, env: NodeJS.ProcessEnv): VsixResult {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const id = `${manifest.publisher}.${manifest.name}`;
  const vsix = join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  mkdirSync(outDir, { recursive: true });
  if (existsSync(join(repo, 'esbuild.js'))) run(process.execPath, [join(repo, 'esbuild.js'), '--production'], repo);
  const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The README's screenshot ships inside the VSIX (media/**), so its relative link stays relative.
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], repo);
  if (!existsSync(vsix)) throw new Error(`vsce reported success but wrote no ${vsix}`);

  const extensionsDir = join(outDir, 'installed-extensions');
  const install = codeServerCli(tools, env, [
    '--extensions-dir',
    extensionsDir,
    '--install-extension',
    vsix,
    '--force',
  ]);
  if (install.status !== 0) throw new Error(`code-server --install-extension failed:\n${install.out}`);
  const list = codeServerCli(tools, env, ['--extensions-dir', extensionsDir, '--list-extensions', '--show-versions']);
  const line = list.out.split('\n').find((l) => l.toLowerCase().startsWith(`${id}@`));
  if (list.status !== 0 || !line) {
    throw new Error(`${id} is not listed after installing ${vsix}:\n${install.out}\n${list.out}`);
  }
  return { vsix, sizeKiB: statSync(vsix).size / 1024, installedAs: line.trim() };
}
