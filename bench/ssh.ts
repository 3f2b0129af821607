// Issue 4's figures against a local OpenSSH sshd (test/integration/sshdFixture.ts): open + save of index.html
// and of a 1 MB file through the session, against the `sftp` command line (get + put) on the same files; the
// session cold (connect, read, save, close: what the CLI pays each time) and warm (the shared connection the
// editor keeps); the sudo save of the root-owned index.html; terminal keystroke echo round trip.
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { HostKeyStore } from '../src/ssh/hostKeys';
import type { SshTarget } from '../src/ssh/connect';
import { SshSession } from '../src/ssh/session';
import { PAGE, sshdSkipReason, startSshd, type Sshd } from '../test/fixtures/sshdFixture';

const run = promisify(execFile);
const RUNS = 7;
const KEYSTROKES = 31;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const round = (n: number) => Math.round(n * 100) / 100;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)] ?? NaN);
}

async function timed(runs: number, once: () => Promise<unknown>): Promise<number[]> {
  await once(); // warm-up: page cache, sshd's first fork, ssh2's crypto
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return times;
}

/** get + put of one file with the OpenSSH sftp client, a new connection each time, as a student would. */
async function sftpCli(sshd: Sshd, work: string, remote: string): Promise<void> {
  const local = join(work, 'cli-copy');
  const batch = join(work, 'batch');
  await writeFile(batch, `get ${remote} ${local}\nput ${local} ${remote}\n`);
  await run('sftp', [
    '-q',
    '-b',
    batch,
    '-i',
    sshd.keyPath,
    '-P',
    String(sshd.port),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'IdentityAgent=none',
    '-o',
    'LogLevel=ERROR',
    `${sshd.user}@127.0.0.1`,
  ]);
}

async function keystrokeEcho(session: SshSession): Promise<number[]> {
  const shell = await session.shell({ cols: 80, rows: 24 });
  let seen = '';
  const waiters: (() => void)[] = [];
  shell.stream.on('data', (d: Buffer) => {
    seen += d.toString('utf8');
    for (const w of waiters.splice(0)) w();
  });
  const until = async (pred: () => boolean) => {
    while (!pred()) await new Promise<void>((r) => waiters.push(r));
  };
  await until(() => /\$ $/.test(seen));
  const times: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const before = seen.length;
    const start = performance.now();
    shell.stream.write('x');
    await until(() => seen.slice(before).includes('x'));
    times.push(performance.now() - start);
  }
  shell.stream.write('\u0015exit\n'); // Ctrl-U clears the x's
  await shell.exit;
  return times.slice(1);
}

export async function measureSsh() {
  const skip = sshdSkipReason();
  if (skip) {
    log(`ssh: skipped (${skip})`);
    return { skipped: skip };
  }
  const sshd = await startSshd();
  const work = await mkdtemp(join(tmpdir(), 'slt-ssh-bench-'));
  try {
    const hostKeys = new HostKeyStore(join(work, 'known-hosts.json'));
    const target: SshTarget = {
      instanceId: 'i-bench',
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      keyPath: sshd.keyPath,
    };
    const connect = () => SshSession.connect(target, { hostKeys, agent: false });
    const files = {
      'index.html': { path: join(sshd.home, 'index.html'), content: Buffer.from(PAGE) },
      '1MB': { path: join(sshd.home, 'one-mebibyte.bin'), content: Buffer.alloc(1024 * 1024, 'x') },
    };
    for (const f of Object.values(files)) {
      await writeFile(f.path, f.content, { mode: 0o644 });
      await chown(f.path, sshd.uid, sshd.uid);
    }

    const warmSession = await connect();
    const results: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(files)) {
      log(`ssh: open + save of ${name}`);
      const openSave = async (s: SshSession) => s.writeFile(f.path, await s.readFile(f.path));
      const cold = await timed(RUNS, async () => {
        const s = await connect();
        try {
          await openSave(s);
        } finally {
          s.close();
        }
      });
      const warm = await timed(RUNS, () => openSave(warmSession));
      const cli = await timed(RUNS, () => sftpCli(sshd, work, f.path));
      results[name] = {
        bytes: f.content.length,
        sessionColdMs: median(cold),
        sessionWarmMs: median(warm),
        sftpCliMs: median(cli),
        ratioCold: round(median(cold) / median(cli)),
        ratioWarm: round(median(warm) / median(cli)),
        goalRatio: 1.5,
        runs: RUNS,
      };
    }

    log('ssh: sudo save of the root-owned index.html');
    const page = join(sshd.webDir, 'index.html');
    const sudoSave = await timed(RUNS, async () => warmSession.writeFile(page, await warmSession.readFile(page)));

    log('ssh: keystroke echo');
    const echo = await keystrokeEcho(warmSession);
    warmSession.close();
    return {
      server: 'OpenSSH sshd on 127.0.0.1 (Debian openssh-server), ed25519 keys',
      note: 'cold = connect + read + atomic save (temp file, fsync, posix-rename) + close; warm = read + save on the shared connection; sftp CLI = get + put (in place, no fsync) on a new connection',
      files: results,
      sudoSaveIndexHtmlWarmMs: median(sudoSave),
      keystrokeEcho: { medianMs: median(echo), maxMs: round(Math.max(...echo)), keystrokes: echo.length },
    };
  } finally {
    await sshd.stop();
    await rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureSsh().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
