// code-server as a child we own: its own process group, a free port on 127.0.0.1, "ready" meaning a
// page really loads (under the wrong Node the port opens and /healthz passes, yet pages answer 500).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { RunDirs, Toolchain } from './hostEnv';

export interface CodeServer {
  url: string;
  port: number;
  /** Everything it printed, for the report when something fails. */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Kills a detached child's whole process group: TERM, then KILL after a grace period. */
export async function killGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'late') {
    signal('SIGKILL');
    await exited;
  }
  // Helpers the server forked (extension host, pty host) share its group: sweep what is left.
  signal('SIGKILL');
}

/** Children still running when this process exits for any reason get their group killed. */
const owned = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of owned) {
    try {
      if (c.pid !== undefined) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export async function startCodeServer(
  tools: Toolchain,
  dirs: RunDirs,
  env: NodeJS.ProcessEnv,
  options: { port?: number; readyTimeoutMs?: number; locale?: string } = {},
): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--config',
    dirs.config,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    // Lets the page take `payload` (extension under development, tests) and call codeAutomation* hooks.
    '--vscode-option',
    'enable-smoke-test-driver',
    // The display language (a language pack for it in the extensions dir: scripts/languagePack.ts).
    ...(options.locale ? ['--locale', options.locale] : []),
    dirs.workspace,
  ];
  let log = '';
  const child = spawn(tools.node24Bin, [tools.codeServerBin, ...args], {
    env,
    cwd: dirs.workspace,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  owned.add(child);
  child.on('exit', () => owned.delete(child));
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const server: CodeServer = { url, port, output: () => log, stop: () => killGroup(child) };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving a page:\n${log}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      if (res.status === 200 && body.includes('<html')) return server;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`code-server did not serve ${url} in time (last: ${last}):\n${log}`);
}

/** `code-server --install-extension` / `--list-extensions` against one extensions dir (no server needed). */
export function codeServerCli(
  tools: Toolchain,
  env: NodeJS.ProcessEnv,
  args: string[],
): { status: number; out: string } {
  const r = spawnSync(tools.node24Bin, [tools.codeServerBin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
