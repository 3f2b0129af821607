// One SSH connection to one instance, shared by its files (SFTP) and its terminals (shells with a pty): key from
// text or a .pem (mode checked as OpenSSH would), ssh-agent when there is one, a passphrase asked through the
// caller, keepalive, host key checked against the pin for the instance ID (and, on a first connection, the
// console's fingerprints). SshConnections keeps one per instance, closes idle ones and reconnects after a drop.
// No vscode here: the file system provider, the terminal and the CLI all use this.
import { readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Duplex } from 'node:stream';
import { Client, utils, type ClientChannel, type ConnectConfig } from 'ssh2';
import { SshError, type SshProblem } from './errors';
import { algorithmOf, fingerprintOf, type HostKeyStore } from './hostKeys';
import { atomicSave, type ExecResult, type SaveResult } from './remoteFile';
import { Sftp, remoteStat, sshErrorFrom, typeOf, type RemoteFileType, type RemoteStat } from './sftp';

export type { ExecResult, SaveResult } from './remoteFile';
export type { RemoteFileType, RemoteStat } from './sftp';

/** Where to connect for one instance (src/ssh/target.ts builds it). */
export interface SshTarget {
  readonly instanceId: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The key's text (practice route, SecretStorage); wins over keyPath. */
  readonly privateKey?: string | Buffer;
  /** A .pem file (mode checked; missing is an error unless an agent may have the key). */
  readonly keyPath?: string;
  /** SHA256:... fingerprints from the console output: a first connection must offer one of them. */
  readonly expectedFingerprints?: readonly string[];
}

export interface PassphraseRequest {
  readonly keyPath?: string;
  /** 1 first; more after a wrong one. */
  readonly attempt: number;
}

export interface SshSessionOptions {
  readonly hostKeys: HostKeyStore;
  /** Asked when the key is encrypted; undefined = cancelled. The UI may keep the answer in SecretStorage. */
  readonly passphrase?: (request: PassphraseRequest) => Promise<string | undefined>;
  /** ssh-agent socket; default SSH_AUTH_SOCK; false = no agent. */
  readonly agent?: string | false;
  /** Default 15 s; three unanswered keepalives drop the connection. */
  readonly keepaliveIntervalMs?: number;
  /** TCP + handshake + auth; default 20 s. */
  readonly readyTimeoutMs?: number;
  /** Asked before pinning a key never seen for this instance; default: trust on first use. */
  readonly confirmNewHostKey?: (key: {
    instanceId: string;
    host: string;
    algorithm: string;
    fingerprint: string;
  }) => Promise<boolean>;
  readonly signal?: AbortSignal;
}

export interface DirectoryEntry {
  readonly name: string;
  /** A symlink's target type, with `symlink` true. */
  readonly type: RemoteFileType;
  readonly symlink: boolean;
}

export interface ShellOptions {
  readonly cols?: number;
  readonly rows?: number;
  /** Default xterm-256color. */
  readonly term?: string;
}

export interface SshShell {
  /** The pty's bytes both ways (stderr is merged by the pty). */
  readonly stream: Duplex;
  setWindow(rows: number, cols: number): void;
  /** Resolves when the shell ends: its exit status, or the signal that ended it, or neither after a drop. */
  readonly exit: Promise<{ code?: number; signal?: string }>;
  close(): void;
}

const MAX_PASSPHRASE_ATTEMPTS = 3;

interface LoadedKey {
  privateKey?: Buffer;
  passphrase?: string;
  keyPath?: string;
  warnings: SshProblem[];
  missing?: SshProblem;
}

async function loadKey(target: SshTarget, options: SshSessionOptions, haveAgent: boolean): Promise<LoadedKey> {
  const warnings: SshProblem[] = [];
  let data: Buffer | undefined;
  const keyPath = target.keyPath;
  if (target.privateKey !== undefined) {
    data = Buffer.isBuffer(target.privateKey) ? target.privateKey : Buffer.from(target.privateKey);
  } else if (keyPath) {
    try {
      const st = await stat(keyPath);
      if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
        warnings.push({ kind: 'keyFileMode', path: keyPath, mode: st.mode & 0o777 });
      data = await readFile(keyPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
      const missing: SshProblem = { kind: 'keyFileMissing', path: keyPath };
      // The agent may hold the key: go on, and say the file was missing if the server refuses the agent's keys.
      if (haveAgent) return { warnings, missing, keyPath };
      throw new SshError(missing, { cause: e });
    }
  } else {
    if (haveAgent) return { warnings };
    throw new SshError({ kind: 'keyFileMissing' });
  }

  let passphrase: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const parsed = utils.parseKey(data, passphrase);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key && !(key instanceof Error)) {
      if (!key.isPrivateKey()) throw new SshError({ kind: 'keyInvalid', ...(keyPath ? { path: keyPath } : {}) });
      return {
        privateKey: data,
        ...(passphrase !== undefined ? { passphrase } : {}),
        ...(keyPath ? { keyPath } : {}),
        warnings,
      };
    }
    const message = key instanceof Error ? key.message : '';
    const encrypted = /no passphrase given|bad passphrase|integrity check failed|decrypt/i.test(message);
    if (!encrypted) throw new SshError({ kind: 'keyInvalid', ...(keyPath ? { path: keyPath } : {}) }, { cause: key });
    const wrong = passphrase !== undefined;
    if (!options.passphrase || attempt > MAX_PASSPHRASE_ATTEMPTS)
      throw new SshError({ kind: 'passphraseNeeded', ...(keyPath ? { path: keyPath } : {}), wrong });
    passphrase = await options.passphrase({ ...(keyPath ? { keyPath } : {}), attempt });
    if (passphrase === undefined)
      throw new SshError({ kind: 'passphraseNeeded', ...(keyPath ? { path: keyPath } : {}), wrong });
  }
}

function connectProblem(
  err: Error & { level?: string; code?: string },
  target: SshTarget,
  key: LoadedKey,
  agent: boolean,
): SshProblem {
  if (err.level === 'client-authentication') {
    if (key.missing) return key.missing;
    return {
      kind: 'authFailed',
      host: target.host,
      username: target.username,
      ...(key.keyPath ? { keyPath: key.keyPath } : {}),
      agent,
    };
  }
  if (err.level === 'client-timeout')
    return { kind: 'connectFailed', host: target.host, port: target.port, code: 'ETIMEDOUT' };
  return { kind: 'connectFailed', host: target.host, port: target.port, code: err.code ?? err.level ?? 'EPROTO' };
}

export class SshSession {
  private sftpPromise: Promise<Sftp> | undefined;
  private closeListeners: (() => void)[] = [];
  private active = 0;
  private lastUsed = Date.now();
  private ended = false;

  private constructor(
    readonly target: SshTarget,
    private readonly client: Client,
    /** Non-fatal findings: keyFileMode (the .pem is readable by others), keyFileMissing (the agent's key served). */
    readonly warnings: readonly SshProblem[],
    /** The host key's fingerprint and whether this connection pinned it (first use). */
    readonly hostKey: { readonly algorithm: string; readonly fingerprint: string; readonly firstUse: boolean },
  ) {
    client.on('close', () => this.markClosed());
    client.on('end', () => this.markClosed());
    // A socket error after the handshake ends the session; the operation in flight reports it.
    client.on('error', () => this.markClosed());
  }

  /** The .pem's mode is wider than 0600 (OpenSSH would refuse it; ssh2 does not). */
  get keyFileTooOpen(): boolean {
    return this.warnings.some((w) => w.kind === 'keyFileMode');
  }

  static async connect(target: SshTarget, options: SshSessionOptions): Promise<SshSession> {
    const agentSocket = options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK ?? undefined);
    const agent = Boolean(agentSocket);
    const key = await loadKey(target, options, agent);
    options.signal?.throwIfAborted();

    const client = new Client();
    // Errors are handled per phase (connect below, the session after): never an unhandled 'error' event.
    client.on('error', () => undefined);
    let hostProblem: SshProblem | undefined;
    let seen: { algorithm: string; fingerprint: string; firstUse: boolean } | undefined;
    const store = options.hostKeys;
    const hostVerifier = (blob: Buffer, verify: (ok: boolean) => void): void => {
      const fingerprint = fingerprintOf(blob);
      const algorithm = algorithmOf(blob);
      void (async () => {
        const check = await store.check(target.instanceId, blob);
        if (check.status === 'trusted') {
          seen = { algorithm, fingerprint, firstUse: false };
          return true;
        }
        if (check.status === 'changed') {
          hostProblem = {
            kind: 'hostKeyChanged',
            instanceId: target.instanceId,
            host: target.host,
            algorithm,
            expected: check.pinned.fingerprint,
            actual: fingerprint,
          };
          return false;
        }
        const expected = target.expectedFingerprints?.map((f) => f.replace(/=+$/, ''));
        if (expected && expected.length > 0 && !expected.includes(fingerprint)) {
          hostProblem = {
            kind: 'hostKeyMismatch',
            instanceId: target.instanceId,
            host: target.host,
            algorithm,
            expected,
            actual: fingerprint,
          };
          return false;
        }
        if (
          options.confirmNewHostKey &&
          !(await options.confirmNewHostKey({
            instanceId: target.instanceId,
            host: target.host,
            algorithm,
            fingerprint,
          }))
        ) {
          hostProblem = {
            kind: 'hostKeyMismatch',
            instanceId: target.instanceId,
            host: target.host,
            algorithm,
            expected: expected ?? [],
            actual: fingerprint,
          };
          return false;
        }
        await store.accept(target.instanceId, { fingerprint, algorithm, host: target.host });
        seen = { algorithm, fingerprint, firstUse: true };
        return true;
      })().then(verify, () => verify(false));
    };

    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      ...(key.privateKey ? { privateKey: key.privateKey } : {}),
      ...(key.passphrase !== undefined ? { passphrase: key.passphrase } : {}),
      ...(agentSocket ? { agent: agentSocket } : {}),
      keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      hostVerifier: hostVerifier as ConnectConfig['hostVerifier'],
    };

    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        client.end();
        reject(options.signal?.reason ?? new Error('aborted'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (err?: Error) => {
        options.signal?.removeEventListener('abort', onAbort);
        client.removeListener('ready', onReady);
        client.removeListener('error', onError);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => settle();
      const onError = (err: Error & { level?: string; code?: string }) => {
        client.end();
        settle(new SshError(hostProblem ?? connectProblem(err, target, key, agent), { cause: err }));
      };
      client.on('ready', onReady);
      client.on('error', onError);
      client.connect(config);
    });
    const warnings = key.missing ? [...key.warnings, key.missing] : key.warnings;
    return new SshSession(target, client, warnings, seen ?? { algorithm: 'unknown', fingerprint: '', firstUse: false });
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Channels in use (open shells, operations in flight); the pool closes a session idle at 0. */
  get busy(): number {
    return this.active;
  }

  get idleSinceMs(): number {
    return this.active > 0 ? 0 : Date.now() - this.lastUsed;
  }

  onClose(listener: () => void): () => void {
    if (this.ended) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.closeListeners.push(listener);
    return () => {
      this.closeListeners = this.closeListeners.filter((l) => l !== listener);
    };
  }

  private markClosed(): void {
    if (this.ended) return;
    this.ended = true;
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const l of listeners) l();
  }

  close(): void {
    this.client.end();
    this.markClosed();
  }

  private disconnected(cause?: unknown): SshError {
    return new SshError({ kind: 'disconnected', host: this.target.host }, { cause });
  }

  /** Counts the operation as activity; errors after a drop are `disconnected`, SFTP statuses typed. */
  private async use<T>(path: string, operation: string, run: () => Promise<T>): Promise<T> {
    if (this.ended) throw this.disconnected();
    this.active++;
    try {
      return await run();
    } catch (e) {
      if (this.ended && !(e instanceof SshError && e.problem.kind !== 'failure')) throw this.disconnected(e);
      throw sshErrorFrom(e, path, operation, this.target.host);
    } finally {
      this.active--;
      this.lastUsed = Date.now();
    }
  }

  /** One SFTP channel per connection, opened on first use. */
  private sftp(): Promise<Sftp> {
    if (!this.sftpPromise) {
      this.sftpPromise = new Promise<Sftp>((resolve, reject) =>
        this.client.sftp((err, raw) => {
          if (err) return reject(err);
          raw.on('close', () => {
            this.sftpPromise = undefined;
          });
          resolve(new Sftp(raw));
        }),
      );
      this.sftpPromise.catch(() => {
        this.sftpPromise = undefined;
      });
    }
    return this.sftpPromise;
  }

  stat(path: string): Promise<RemoteStat> {
    return this.use(path, 'stat', async () => remoteStat(await (await this.sftp()).stat(path)));
  }

  readDirectory(path: string): Promise<DirectoryEntry[]> {
    return this.use(path, 'readDirectory', async () => {
      const sftp = await this.sftp();
      const list = await sftp.readdir(path);
      return Promise.all(
        list
          .filter((e) => e.filename !== '.' && e.filename !== '..')
          .map(async (e): Promise<DirectoryEntry> => {
            const type = typeOf(e.attrs);
            if (type !== 'symlink') return { name: e.filename, type, symlink: false };
            const resolved = await sftp.stat(posix.join(path, e.filename)).then(typeOf, () => 'other' as const);
            return { name: e.filename, type: resolved, symlink: true };
          }),
      );
    });
  }

  readFile(path: string): Promise<Buffer> {
    return this.use(path, 'readFile', async () => (await this.sftp()).readAll(path));
  }

  /**
   * Atomic save (temporary file beside it, then posix-rename), through sudo where the user cannot create files
   * in the directory (owner and mode of the original kept). Options as a file system provider gets them.
   */
  writeFile(
    path: string,
    content: Uint8Array,
    options: { create?: boolean; overwrite?: boolean } = {},
  ): Promise<SaveResult> {
    return this.use(path, 'writeFile', async () => {
      const sftp = await this.sftp();
      if (options.create === false || options.overwrite === false) {
        const exists = await sftp.stat(path).then(
          () => true,
          (e: unknown) => {
            if ((e as { code?: unknown }).code === 2) return false;
            throw e;
          },
        );
        if (!exists && options.create === false) throw new SshError({ kind: 'notFound', path });
        if (exists && options.overwrite === false) throw new SshError({ kind: 'exists', path });
      }
      return atomicSave(
        sftp,
        (cmd) => this.execRaw(cmd),
        path,
        Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        this.target.host,
      );
    });
  }

  delete(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    return this.use(path, 'delete', async () => {
      const sftp = await this.sftp();
      const remove = async (p: string): Promise<void> => {
        const st = await sftp.lstat(p);
        if (!st.isDirectory()) return sftp.unlink(p);
        if (options.recursive)
          for (const e of await sftp.readdir(p))
            if (e.filename !== '.' && e.filename !== '..') await remove(posix.join(p, e.filename));
        return sftp.rmdir(p);
      };
      await remove(path);
    });
  }

  rename(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
    return this.use(from, 'rename', async () => {
      const sftp = await this.sftp();
      const exists = await sftp.stat(to).then(
        () => true,
        () => false,
      );
      if (exists && !options.overwrite) throw new SshError({ kind: 'exists', path: to });
      if (exists && sftp.has('posix-rename@openssh.com')) return sftp.posixRename(from, to);
      if (exists) await sftp.unlink(to);
      await sftp.rename(from, to);
    });
  }

  createDirectory(path: string): Promise<void> {
    return this.use(path, 'createDirectory', async () => {
      const sftp = await this.sftp();
      try {
        await sftp.mkdir(path);
      } catch (e) {
        // SFTP v3 says FAILURE for an existing path; tell it apart.
        if (
          (e as { code?: unknown }).code === 4 &&
          (await sftp.stat(path).then(
            () => true,
            () => false,
          ))
        )
          throw new SshError({ kind: 'exists', path });
        throw e;
      }
    });
  }

  /** Runs one command (no pty); stdout and stderr as UTF-8. */
  exec(command: string, options: { signal?: AbortSignal } = {}): Promise<ExecResult> {
    return this.use('', 'exec', () => this.execRaw(command, options.signal));
  }

  private execRaw(command: string, signal?: AbortSignal): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, channel) => {
        if (err) return reject(this.ended ? this.disconnected(err) : err);
        const out: Buffer[] = [];
        const errOut: Buffer[] = [];
        let code: number | null = null;
        let sig: string | undefined;
        const onAbort = () => channel.close();
        signal?.addEventListener('abort', onAbort, { once: true });
        channel.on('data', (d: Buffer) => out.push(d));
        channel.stderr.on('data', (d: Buffer) => errOut.push(d));
        channel.on('exit', (c: number | null, s?: string) => {
          code = c ?? null;
          if (s) sig = s;
        });
        channel.on('close', () => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) return reject(signal.reason);
          if (code === null && sig === undefined && this.ended) return reject(this.disconnected());
          resolve({
            code,
            ...(sig ? { signal: sig } : {}),
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(errOut).toString('utf8'),
          });
        });
      });
    });
  }

  /** A login shell on a pty; the session counts it as busy until it closes. */
  shell(options: ShellOptions = {}): Promise<SshShell> {
    if (this.ended) return Promise.reject(this.disconnected());
    return new Promise((resolve, reject) => {
      const cols = options.cols ?? 80;
      const rows = options.rows ?? 24;
      this.client.shell(
        { term: options.term ?? 'xterm-256color', cols, rows, width: 0, height: 0 },
        (err, channel: ClientChannel) => {
          if (err)
            return reject(this.ended ? this.disconnected(err) : sshErrorFrom(err, '', 'shell', this.target.host));
          this.active++;
          // Ends at the exit status, or at the channel's close when none comes (a drop); 'close' alone would wait
          // for a reader to drain the stream.
          const exit = new Promise<{ code?: number; signal?: string }>((done) => {
            let finished = false;
            const finish = (status: { code?: number; signal?: string }) => {
              if (finished) return;
              finished = true;
              this.active--;
              this.lastUsed = Date.now();
              done(status);
            };
            channel.on('exit', (code: number | null, signal?: string) =>
              finish({ ...(code !== null && code !== undefined ? { code } : {}), ...(signal ? { signal } : {}) }),
            );
            channel.on('close', () => finish({}));
          });
          resolve({
            stream: channel,
            setWindow: (r, c) => channel.setWindow(r, c, 0, 0),
            exit,
            close: () => channel.close(),
          });
        },
      );
    });
  }
}

export interface SshConnectionsOptions {
  /** Opens a session for an instance (resolve the target, then SshSession.connect). */
  readonly connect: (instanceId: string) => Promise<SshSession>;
  /** Close a session with nothing open for this long; default 5 minutes. */
  readonly idleMs?: number;
}

/**
 * One session per instance, shared by files and terminals: get() connects on first use and again after a drop;
 * a session idle (no shell, no operation) for idleMs is closed.
 */
export class SshConnections {
  private readonly sessions = new Map<string, Promise<SshSession>>();
  private readonly timer: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly options: SshConnectionsOptions) {
    const idleMs = options.idleMs ?? 300_000;
    this.timer = setInterval(() => void this.closeIdle(idleMs), Math.max(250, Math.min(idleMs / 4, 30_000)));
    this.timer.unref();
  }

  get(instanceId: string): Promise<SshSession> {
    if (this.disposed) return Promise.reject(new Error('SshConnections disposed'));
    const existing = this.sessions.get(instanceId);
    if (existing) return existing.then((s) => (s.closed ? this.reconnect(instanceId, existing) : s));
    return this.open(instanceId);
  }

  /** The open session, if any, without connecting. */
  async peek(instanceId: string): Promise<SshSession | undefined> {
    const s = await this.sessions.get(instanceId)?.catch(() => undefined);
    return s && !s.closed ? s : undefined;
  }

  private reconnect(instanceId: string, stale: Promise<SshSession>): Promise<SshSession> {
    // Concurrent callers that saw the same dropped session share one new connection.
    if (this.sessions.get(instanceId) === stale) this.sessions.delete(instanceId);
    return this.get(instanceId);
  }

  private open(instanceId: string): Promise<SshSession> {
    const pending = this.options.connect(instanceId);
    this.sessions.set(instanceId, pending);
    pending.then(
      (s) =>
        s.onClose(() => {
          if (this.sessions.get(instanceId) === pending) this.sessions.delete(instanceId);
        }),
      () => {
        if (this.sessions.get(instanceId) === pending) this.sessions.delete(instanceId);
      },
    );
    return pending;
  }

  private async closeIdle(idleMs: number): Promise<void> {
    for (const [id, pending] of [...this.sessions]) {
      const s = await pending.catch(() => undefined);
      if (s && !s.closed && s.busy === 0 && s.idleSinceMs >= idleMs) {
        this.sessions.delete(id);
        s.close();
      }
    }
  }

  close(instanceId: string): void {
    const pending = this.sessions.get(instanceId);
    this.sessions.delete(instanceId);
    void pending?.then(
      (s) => s.close(),
      () => undefined,
    );
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    for (const id of [...this.sessions.keys()]) this.close(id);
  }
}
