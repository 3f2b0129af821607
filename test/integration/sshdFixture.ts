// A real OpenSSH server for the SSH tests and the bench: /usr/sbin/sshd on 127.0.0.1 and a free port, a
// temporary host key, a temporary user (useradd) with an authorized key and passwordless sudo (a sudoers
// drop-in, as ec2-user has on Amazon Linux), a root-owned web folder like /var/www/html. Everything it makes
// goes in stop(). Needs root and openssh-server (scripts/setup.sh installs it; CI runs as root).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';

export const VISION = '私たちのビジョン';
export const PAGE = `<!DOCTYPE html>\n<html lang="ja">\n<head><meta charset="utf-8"><title>CPS Research Center</title></head>\n<body>\n<h1>CPS Research Center</h1>\n<h2>${VISION}</h2>\n<p>Cyber-physical systems for everyone.</p>\n</body>\n</html>\n`;

/** Why the SSH tests cannot run here, or undefined when they can. */
export function sshdSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (useradd, a sudoers drop-in, root-owned files); CI runs as root';
  if (!existsSync(SSHD)) return `${SSHD} missing: install openssh-server (scripts/setup.sh)`;
  if (!existsSync('/usr/bin/sudo')) return 'sudo missing (scripts/setup.sh installs it)';
  return undefined;
}

export interface Sshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly uid: number;
  readonly home: string;
  /** The user's private key (mode 0600) and its text. */
  readonly keyPath: string;
  readonly privateKey: string;
  /** root-owned 0755, with a root-owned 0644 index.html. */
  readonly webDir: string;
  readonly dir: string;
  readonly log: string;
  /** The current host key's fingerprint as ssh-keygen -l prints it. */
  hostFingerprint(): string;
  /** PIDs of the per-connection sshd processes and their children (killing them all drops the connections). */
  connectionPids(): number[];
  /** Restarts on the same port, with a new host key when asked. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  /** Takes the user's sudo away (true) or gives it back. */
  withoutSudo(off: boolean): Promise<void>;
  /** Another key pair, not authorized. */
  makeKey(name: string, mode?: number): Promise<string>;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`sshd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startSshd(): Promise<Sshd> {
  const reason = sshdSkipReason();
  if (reason) throw new Error(reason);
  const dir = await mkdtemp(join(tmpdir(), 'slt-sshd-'));
  await chmod(dir, 0o755); // the test user walks through it to the web folder
  const user = `slt-test-${randomBytes(4).toString('hex')}`;
  const sudoers = `/etc/sudoers.d/${user}`;
  const pidFile = join(dir, 'sshd.pid');
  const config = join(dir, 'sshd_config');
  const log = join(dir, 'sshd.log');
  const hostKey = join(dir, 'host_ed25519');
  const authorized = join(dir, 'authorized_keys');
  const webDir = join(dir, 'var-www-html');
  const keyPath = join(dir, 'user_ed25519');
  const port = await freePort();

  let created = false;
  // A test run that ends early (timeout, the event loop drained with a promise pending) still removes the user,
  // the sudoers drop-in and the server: synchronously, on exit.
  const onExit = () => {
    try {
      killSshd();
      if (created) execFileSync('userdel', ['-r', '-f', user], { stdio: 'ignore' });
    } catch {
      // best effort
    }
    rmSync(sudoers, { force: true });
    rmSync(`${sudoers}.off`, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    killSshd();
    if (created) {
      try {
        run('userdel', ['-r', '-f', user]);
      } catch {
        // mail spool missing and the like: the user is gone all the same
      }
    }
    await rm(sudoers, { force: true });
    await rm(`${sudoers}.off`, { force: true });
    await rm(dir, { recursive: true, force: true });
  };
  const masterPid = async () => Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || undefined;
  let lastPid: number | undefined;
  const killSshd = () => {
    if (lastPid) {
      try {
        // The listener and the connections it forked (same process group? no: kill the children by parent).
        for (const child of childPids(lastPid)) process.kill(child, 'SIGKILL');
        process.kill(lastPid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    lastPid = undefined;
  };
  const childPids = (parent: number): number[] => {
    try {
      return run('pgrep', ['-P', String(parent)])
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };

  try {
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'host', '-f', hostKey]);
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', user, '-f', keyPath]);
    run('useradd', ['-m', '-s', '/bin/bash', user]);
    created = true;
    // '*' rather than the locked '!': OpenSSH refuses key logins to locked accounts without PAM.
    run('usermod', ['-p', '*', user]);
    const uid = Number(run('id', ['-u', user]).trim());
    const home = run('getent', ['passwd', user]).split(':')[5] ?? `/home/${user}`;
    await writeFile(authorized, await readFile(`${keyPath}.pub`, 'utf8'), { mode: 0o644 });
    await writeFile(sudoers, `${user} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
    await mkdir(webDir, { mode: 0o755 });
    await writeFile(join(webDir, 'index.html'), PAGE, { mode: 0o644 });
    await chmod(join(webDir, 'index.html'), 0o644);
    await chown(webDir, 0, 0);
    await mkdir('/run/sshd', { recursive: true });
    await writeFile(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `AuthorizedKeysFile ${authorized}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        `PidFile ${pidFile}`,
        'StrictModes no',
        `AllowUsers ${user}`,
        'Subsystem sftp internal-sftp',
        'MaxStartups 100',
        'MaxSessions 100',
        '',
      ].join('\n'),
    );

    const start = async () => {
      await rm(pidFile, { force: true });
      run(SSHD, ['-f', config, '-E', log]);
      await waitForPort(port, 5000);
      lastPid = await masterPid();
    };
    await start();

    return {
      host: '127.0.0.1',
      port,
      user,
      uid,
      home,
      keyPath,
      privateKey: await readFile(keyPath, 'utf8'),
      webDir,
      dir,
      log,
      hostFingerprint: () => run('ssh-keygen', ['-l', '-f', `${hostKey}.pub`]).split(/\s+/)[1] ?? '',
      connectionPids: () => {
        // The per-connection monitor and its unprivileged child (which holds the socket after auth), and so on.
        const all: number[] = [];
        const walk = (pid: number) => childPids(pid).forEach((c) => (all.push(c), walk(c)));
        if (lastPid) walk(lastPid);
        return all;
      },
      async restart(options = {}) {
        killSshd();
        await new Promise((r) => setTimeout(r, 50));
        if (options.newHostKey) {
          await rm(hostKey, { force: true });
          await rm(`${hostKey}.pub`, { force: true });
          run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'host', '-f', hostKey]);
        }
        await start();
      },
      async withoutSudo(off) {
        if (off) await rename(sudoers, `${sudoers}.off`);
        else await rename(`${sudoers}.off`, sudoers);
      },
      async makeKey(name, mode = 0o600) {
        const path = join(dir, name);
        run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
        await chmod(path, mode);
        return path;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
