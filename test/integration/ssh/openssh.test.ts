// The SSH session against a real OpenSSH sshd on 127.0.0.1 (test/integration/sshdFixture.ts): read, atomic
// write with the mode kept, root-owned files through sudo, a connection killed mid-save, host keys pinned to the
// instance, wrong and loose keys, exec and a shell on a pty.
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SshError, isSshError } from '../../../src/ssh/errors';
import { HostKeyStore } from '../../../src/ssh/hostKeys';
import type { SshTarget } from '../../../src/ssh/connect';
import { SshConnections } from '../../../src/ssh/connections';
import { SshSession } from '../../../src/ssh/session';
import { PAGE, VISION, sshdSkipReason, startSshd, type Sshd } from '../../fixtures/sshdFixture';

const skip = sshdSkipReason();
if (skip) console.log(`# sshOpenssh: skipped: ${skip}`);

describe('SSH session against OpenSSH', { skip }, () => {
  let sshd: Sshd;
  let work: string;
  let store: HostKeyStore;
  const instanceId = 'i-0123456789abcdef0';

  const target = (extra: Partial<SshTarget> = {}): SshTarget => ({
    instanceId,
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    keyPath: sshd.keyPath,
    ...extra,
  });
  const connect = (extra: Partial<SshTarget> = {}, hostKeys = store) =>
    SshSession.connect(target(extra), { hostKeys, agent: false, readyTimeoutMs: 5000 });
  const problemOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof SshError, `SshError expected, got ${String(e)}`);
      return e.problem;
    }
    assert.fail('expected a rejection');
  };

  before(async () => {
    sshd = await startSshd();
    work = await mkdtemp(join(tmpdir(), 'slt-ssh-test-'));
    store = new HostKeyStore(join(work, 'known-hosts.json'));
  });
  after(async () => {
    await sshd?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('pins the host key to the instance on first use, then reads a file, a directory and stats', async () => {
    const s = await connect();
    try {
      assert.equal(s.hostKey.firstUse, true);
      assert.equal(s.hostKey.fingerprint, sshd.hostFingerprint());
      assert.equal(s.hostKey.algorithm, 'ssh-ed25519');
      const pinned = JSON.parse(await readFile(join(work, 'known-hosts.json'), 'utf8')) as Record<
        string,
        { fingerprint: string; host: string; algorithm: string }
      >;
      assert.deepEqual(
        [pinned[instanceId]?.fingerprint, pinned[instanceId]?.host, pinned[instanceId]?.algorithm],
        [sshd.hostFingerprint(), '127.0.0.1', 'ssh-ed25519'],
      );
      const page = join(sshd.webDir, 'index.html');
      assert.equal((await s.readFile(page)).toString('utf8'), PAGE);
      const st = await s.stat(page);
      assert.deepEqual([st.type, st.size, st.mode, st.uid], ['file', Buffer.byteLength(PAGE), 0o644, 0]);
      assert.deepEqual(await s.readDirectory(sshd.webDir), [{ name: 'index.html', type: 'file', symlink: false }]);
      assert.deepEqual(await problemOf(s.readFile(join(sshd.webDir, 'nope.html'))), {
        kind: 'notFound',
        path: join(sshd.webDir, 'nope.html'),
      });
      assert.deepEqual(await problemOf(s.readFile('/etc/shadow')), { kind: 'permissionDenied', path: '/etc/shadow' });
    } finally {
      s.close();
    }
    const again = await connect();
    assert.equal(again.hostKey.firstUse, false);
    again.close();
  });

  it("writes atomically in the user's own directory, keeping the mode; create/overwrite flags; rename, mkdir, delete", async () => {
    const s = await connect();
    try {
      const file = join(sshd.home, 'notes.txt');
      await writeFile(file, 'old\n', { mode: 0o640 });
      await chown(file, sshd.uid, sshd.uid);
      const before = (await stat(file)).ino;
      const big = Buffer.alloc(300_000, 'x');
      assert.deepEqual(await s.writeFile(file, big), { via: 'sftp' });
      const after = await stat(file);
      assert.notEqual(after.ino, before, 'replaced by a rename, not written in place');
      assert.deepEqual([after.mode & 0o777, after.uid, after.size], [0o640, sshd.uid, big.length]);
      assert.ok((await readFile(file)).equals(big));
      assert.deepEqual(
        (await readdir(sshd.home)).filter((n) => n.includes('.slt-')),
        [],
        'no temporary file left',
      );

      assert.deepEqual(await problemOf(s.writeFile(file, Buffer.from('x'), { overwrite: false })), {
        kind: 'exists',
        path: file,
      });
      const fresh = join(sshd.home, 'fresh.txt');
      assert.deepEqual(await problemOf(s.writeFile(fresh, Buffer.from('x'), { create: false })), {
        kind: 'notFound',
        path: fresh,
      });
      await s.writeFile(fresh, Buffer.from('new'));
      assert.equal((await stat(fresh)).mode & 0o777, 0o644);

      await s.createDirectory(join(sshd.home, 'd'));
      assert.deepEqual(await problemOf(s.createDirectory(join(sshd.home, 'd'))), {
        kind: 'exists',
        path: join(sshd.home, 'd'),
      });
      await s.rename(fresh, join(sshd.home, 'd', 'moved.txt'));
      assert.deepEqual(await problemOf(s.rename(file, join(sshd.home, 'd', 'moved.txt'))), {
        kind: 'exists',
        path: join(sshd.home, 'd', 'moved.txt'),
      });
      await s.rename(file, join(sshd.home, 'd', 'moved.txt'), { overwrite: true });
      assert.equal((await readFile(join(sshd.home, 'd', 'moved.txt'))).length, big.length);
      assert.equal((await problemOf(s.delete(join(sshd.home, 'd')))).kind, 'failure');
      await s.delete(join(sshd.home, 'd'), { recursive: true });
      assert.deepEqual(await problemOf(s.stat(join(sshd.home, 'd'))), { kind: 'notFound', path: join(sshd.home, 'd') });
    } finally {
      s.close();
    }
  });

  it('saves a root-owned file through sudo with owner root and mode 0644 kept; without sudo: sudoFailed, file intact', async () => {
    const s = await connect();
    const page = join(sshd.webDir, 'index.html');
    try {
      assert.deepEqual(await problemOf(s.delete(page)), { kind: 'permissionDenied', path: page });
      const edited = PAGE.replace(VISION, `${VISION}2`);
      assert.deepEqual(await s.writeFile(page, Buffer.from(edited)), { via: 'sudo' });
      const st = await stat(page);
      assert.deepEqual([st.uid, st.gid, st.mode & 0o777], [0, 0, 0o644]);
      assert.equal(await readFile(page, 'utf8'), edited);
      assert.deepEqual((await readdir(sshd.webDir)).sort(), ['index.html']);
      assert.deepEqual(
        (await readdir('/tmp')).filter((n) => n.startsWith('.slt-')),
        [],
        'the /tmp copy is removed',
      );

      // A new file in the root-owned folder: root-owned, 0644.
      await s.writeFile(join(sshd.webDir, 'about.html'), Buffer.from('<p>about</p>'));
      const about = await stat(join(sshd.webDir, 'about.html'));
      assert.deepEqual([about.uid, about.mode & 0o777], [0, 0o644]);

      await sshd.withoutSudo(true);
      try {
        const problem = await problemOf(s.writeFile(page, Buffer.from('lost')));
        assert.equal(problem.kind, 'sudoFailed');
        assert.match(problem.kind === 'sudoFailed' ? problem.stderr : '', /password|sudo/i);
        assert.equal(await readFile(page, 'utf8'), edited);
        assert.deepEqual(
          (await readdir('/tmp')).filter((n) => n.startsWith('.slt-')),
          [],
        );
      } finally {
        await sshd.withoutSudo(false);
      }
    } finally {
      s.close();
      await writeFile(page, PAGE);
      await rm(join(sshd.webDir, 'about.html'), { force: true });
    }
  });

  it('a connection killed during a save leaves the file intact, reports disconnected, and a retry through the pool succeeds', async () => {
    const pool = new SshConnections({ connect: () => connect(), idleMs: 60_000 });
    const file = join(sshd.home, 'big.bin');
    const original = Buffer.alloc(2_000_000, 'a');
    await writeFile(file, original, { mode: 0o600 });
    await chown(file, sshd.uid, sshd.uid);
    try {
      const s = await pool.get(instanceId);
      const content = Buffer.alloc(64 * 1024 * 1024, 'b');
      const saving = s.writeFile(file, content);
      // Wait for the temporary file to start growing, then kill the connection's sshd processes.
      for (;;) {
        const temp = (await readdir(sshd.home)).find((n) => n.startsWith('.big.bin.slt-'));
        if (temp && (await stat(join(sshd.home, temp)).catch(() => undefined))?.size) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      for (const pid of sshd.connectionPids()) process.kill(pid, 'SIGKILL');
      const problem = await problemOf(saving);
      assert.deepEqual(problem, { kind: 'disconnected', host: sshd.host });
      assert.ok((await readFile(file)).equals(original), 'the remote file is intact');
      assert.equal(s.closed, true);

      const again = await pool.get(instanceId);
      assert.notEqual(again, s, 'reconnected');
      const small = Buffer.alloc(100_000, 'c');
      await again.writeFile(file, small);
      assert.ok((await readFile(file)).equals(small));
      assert.equal((await stat(file)).mode & 0o777, 0o600);
    } finally {
      pool.dispose();
    }
  });

  it(
    'the pool shares one session, closes it when idle (not while a shell is open) and reconnects on demand',
    { timeout: 15_000 },
    async () => {
      let opened = 0;
      const pool = new SshConnections({ connect: () => (opened++, connect()), idleMs: 300 });
      try {
        const [a, b] = await Promise.all([pool.get(instanceId), pool.get(instanceId)]);
        assert.equal(a, b);
        assert.equal(opened, 1);
        const shell = await a.shell();
        await new Promise((r) => setTimeout(r, 800));
        assert.equal(a.closed, false, 'an open shell keeps it');
        shell.close();
        await shell.exit;
        const deadline = Date.now() + 3000;
        while (!a.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal(a.closed, true, 'closed when idle');
        const c = await pool.get(instanceId);
        assert.notEqual(c, a);
        assert.equal((await c.exec('echo hi')).stdout, 'hi\n');
        assert.equal(opened, 2);
      } finally {
        pool.dispose();
      }
    },
  );

  it('a changed host key is refused with both fingerprints; accepting it explicitly lets the next connection in', async () => {
    const old = sshd.hostFingerprint();
    (await connect()).close(); // pinned
    await sshd.restart({ newHostKey: true });
    const now = sshd.hostFingerprint();
    assert.notEqual(now, old);
    const problem = await problemOf(connect());
    assert.deepEqual(problem, {
      kind: 'hostKeyChanged',
      instanceId,
      host: '127.0.0.1',
      algorithm: 'ssh-ed25519',
      expected: old,
      actual: now,
    });
    assert.equal((await store.get(instanceId))?.fingerprint, old, 'nothing re-pinned by the refusal');
    if (problem.kind === 'hostKeyChanged')
      await store.accept(instanceId, { fingerprint: problem.actual, algorithm: problem.algorithm, host: problem.host });
    const s = await connect();
    assert.equal(s.hostKey.fingerprint, now);
    s.close();
  });

  it('console fingerprints: a first connection must match one of them', async () => {
    const fresh = new HostKeyStore(join(work, 'fresh-known-hosts.json'));
    const problem = await problemOf(
      connect({ expectedFingerprints: ['SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] }, fresh),
    );
    assert.equal(problem.kind, 'hostKeyMismatch');
    assert.equal(await fresh.get(instanceId), undefined);
    const s = await connect({ expectedFingerprints: [sshd.hostFingerprint()] }, fresh);
    assert.equal(s.hostKey.firstUse, true);
    s.close();
  });

  it('a wrong key: authFailed naming the user and the key; a loose key file is flagged; missing and invalid keys', async () => {
    const wrong = await sshd.makeKey('wrong_key');
    assert.deepEqual(await problemOf(connect({ keyPath: wrong })), {
      kind: 'authFailed',
      host: '127.0.0.1',
      username: sshd.user,
      keyPath: wrong,
      agent: false,
    });

    const loose = join(work, 'loose.pem');
    await writeFile(loose, sshd.privateKey, { mode: 0o644 });
    const s = await connect({ keyPath: loose });
    assert.equal(s.keyFileTooOpen, true);
    assert.deepEqual(s.warnings, [{ kind: 'keyFileMode', path: loose, mode: 0o644 }]);
    s.close();
    const tight = await connect();
    assert.equal(tight.keyFileTooOpen, false);
    tight.close();

    const missing = join(work, 'missing.pem');
    assert.deepEqual(await problemOf(connect({ keyPath: missing })), { kind: 'keyFileMissing', path: missing });
    const notKey = join(work, 'not-a-key.pem');
    await writeFile(notKey, 'hello', { mode: 0o600 });
    assert.deepEqual(await problemOf(connect({ keyPath: notKey })), { kind: 'keyInvalid', path: notKey });
    const fromText = await connect({ keyPath: undefined, privateKey: sshd.privateKey });
    fromText.close();
  });

  it('an encrypted key asks the caller for its passphrase (again after a wrong one; cancelled: passphraseNeeded)', async () => {
    const enc = await sshd.makeKey('enc_key');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-q', '-p', '-N', 'sesame', '-P', '', '-f', enc]);
    await writeFile(join(sshd.dir, 'authorized_keys'), await readFile(`${enc}.pub`, 'utf8'), { flag: 'a' });
    const asked: number[] = [];
    const s = await SshSession.connect(target({ keyPath: enc }), {
      hostKeys: store,
      agent: false,
      passphrase: async ({ attempt }) => (asked.push(attempt), attempt === 1 ? 'wrong' : 'sesame'),
    });
    assert.deepEqual(asked, [1, 2]);
    s.close();
    const cancelled = await problemOf(
      SshSession.connect(target({ keyPath: enc }), {
        hostKeys: store,
        agent: false,
        passphrase: async () => undefined,
      }),
    );
    assert.deepEqual(cancelled, { kind: 'passphraseNeeded', path: enc, wrong: false });
  });

  it('connection refused is connectFailed', async () => {
    const problem = await problemOf(SshSession.connect({ ...target(), port: 1 }, { hostKeys: store, agent: false }));
    assert.deepEqual(problem, { kind: 'connectFailed', host: '127.0.0.1', port: 1, code: 'ECONNREFUSED' });
  });

  it('exec returns code, stdout and stderr; a shell on a pty has TERM and follows resizes', async () => {
    const s = await connect();
    try {
      assert.deepEqual(await s.exec(`id -un; echo oops >&2; exit 3`), {
        code: 3,
        stdout: `${sshd.user}\n`,
        stderr: 'oops\n',
      });
      const shell = await s.shell({ cols: 100, rows: 30, term: 'xterm-256color' });
      let seen = '';
      shell.stream.on('data', (d: Buffer) => (seen += d.toString('utf8')));
      const waitFor = async (re: RegExp) => {
        const deadline = Date.now() + 5000;
        while (!re.test(seen)) {
          if (Date.now() > deadline) assert.fail(`no ${re} in ${JSON.stringify(seen)}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      shell.stream.write('echo "T=$TERM"; stty size\n');
      await waitFor(/T=xterm-256color[\s\S]*\r?\n30 100\r?\n/);
      shell.setWindow(40, 120);
      shell.stream.write('stty size\n');
      await waitFor(/40 120/);
      shell.stream.write('exit 7\n');
      assert.deepEqual(await shell.exit, { code: 7 });
    } finally {
      s.close();
    }
  });

  it('isSshError narrows by kind', () => {
    const e = new SshError({ kind: 'notFound', path: '/x' });
    assert.equal(isSshError(e, 'notFound'), true);
    assert.equal(isSshError(e, 'permissionDenied'), false);
  });
});
