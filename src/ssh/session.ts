// One SSH connection to one instance, shared by its files (SFTP) and its terminals (shells with a pty): opened by
// connect.ts (key, agent, passphrase, host key), keepalive, drops reported as `disconnected`. SshConnections
// (connections.ts) keeps one per instance. No vscode here: the file system provider, the terminal and the CLI all
// use this.
import { posix } from 'node:path';
import type { Client } from 'ssh2';
import { connectClient, type HostKeySeen, type SshSessionOptions, type SshTarget } from './connect';
import { SshError, type SshProblem } from './errors';
import { atomicSave, type ExecResult, type SaveResult } from './remoteFile';
import { Sftp, remoteStat, sshErrorFrom, typeOf, type RemoteFileType, type RemoteStat } from './sftp';
import { execChannel, shellChannel, type ChannelHost, type ShellOptions, type SshShell } from './shell';

export interface DirectoryEntry {
  readonly name: string;
  /** A symlink's target type, with `symlink` true. */
  readonly type: RemoteFileType;
  readonly symlink: boolean;
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
    readonly hostKey: HostKeySeen,
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
    const { client, warnings, hostKey } = await connectClient(target, options);
    return new SshSession(target, client, warnings, hostKey);
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
        (cmd) => execChannel(this.channels(), cmd),
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
    return this.use('', 'exec', () => execChannel(this.channels(), command, options.signal));
  }

  /** A login shell on a pty; the session counts it as busy until it closes. */
  shell(options: ShellOptions = {}): Promise<SshShell> {
    return shellChannel(this.channels(), options);
  }

  /** The session as its channels see it (`ended` read live: a drop may come while a command runs). */
  private channels(): ChannelHost {
    const ended = () => this.ended;
    return {
      client: this.client,
      host: this.target.host,
      get ended() {
        return ended();
      },
      disconnected: (cause) => this.disconnected(cause),
      hold: () => {
        this.active++;
        return () => {
          this.active--;
          this.lastUsed = Date.now();
        };
      },
    };
  }
}
