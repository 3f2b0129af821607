// SFTP calls as promises, status codes as typed problems, and whole-file reads and writes with several requests
// in flight (one request per round trip would make a 1 MB file 30 round trips long).
import type { OpenMode, SFTPWrapper, Stats } from 'ssh2';
import { SshError, type SshProblem } from './errors';

// SFTP v3 status codes (draft-ietf-secsh-filexfer-02).
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;
const FAILURE = 4;
const NO_CONNECTION = 6;
const CONNECTION_LOST = 7;

const CHUNK = 32 * 1024;
const IN_FLIGHT = 32;

export type RemoteFileType = 'file' | 'directory' | 'symlink' | 'other';

export interface RemoteStat {
  readonly type: RemoteFileType;
  readonly size: number;
  /** Permission bits (mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly atimeMs: number;
}

export function typeOf(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink'>): RemoteFileType {
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'other';
}

export function remoteStat(stats: Stats): RemoteStat {
  return {
    type: typeOf(stats),
    size: stats.size,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    mtimeMs: stats.mtime * 1000,
    atimeMs: stats.atime * 1000,
  };
}

/** An SFTP status (err.code) as a problem; `host` names the connection for the lost-connection kinds. */
export function sftpProblem(err: unknown, path: string, operation: string, host: string): SshProblem {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case NO_SUCH_FILE:
      return { kind: 'notFound', path };
    case PERMISSION_DENIED:
      return { kind: 'permissionDenied', path };
    case NO_CONNECTION:
    case CONNECTION_LOST:
      return { kind: 'disconnected', host };
    case FAILURE:
      return { kind: 'failure', path, operation, ...(message ? { message } : {}) };
  }
  if (/no response from server|not connected|channel.*(closed|not open)|ECONNRESET|socket/i.test(message))
    return { kind: 'disconnected', host };
  return { kind: 'failure', path, operation, ...(message ? { message } : {}) };
}

export function isStatus(err: unknown, code: 'noSuchFile' | 'permissionDenied' | 'failure'): boolean {
  const c = (err as { code?: unknown }).code;
  return c === (code === 'noSuchFile' ? NO_SUCH_FILE : code === 'permissionDenied' ? PERMISSION_DENIED : FAILURE);
}

/** The SFTP calls the session uses, promised. Errors are the raw ssh2 ones: the caller maps them with context. */
export class Sftp {
  private gone = false;

  constructor(readonly raw: SFTPWrapper) {
    // ssh2 fails the requests pending when the channel closes, but a request made afterwards would wait forever
    // (the best-effort close and unlink after a failed save): refuse those at once.
    const mark = () => {
      this.gone = true;
    };
    raw.on('close', mark);
    raw.on('end', mark);
  }

  get closed(): boolean {
    return this.gone;
  }

  private call<T>(run: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    if (this.gone) return Promise.reject(Object.assign(new Error('SFTP channel closed'), { code: CONNECTION_LOST }));
    return new Promise((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))));
  }

  stat(path: string): Promise<Stats> {
    return this.call((cb) => this.raw.stat(path, cb));
  }
  lstat(path: string): Promise<Stats> {
    return this.call((cb) => this.raw.lstat(path, cb));
  }
  readdir(path: string) {
    return this.call<{ filename: string; attrs: Stats }[]>((cb) => this.raw.readdir(path, cb as never));
  }
  open(path: string, flags: OpenMode, mode?: number): Promise<Buffer> {
    return this.call((cb) => this.raw.open(path, flags, mode === undefined ? {} : { mode }, cb));
  }
  close(handle: Buffer): Promise<void> {
    return this.call((cb) => this.raw.close(handle, cb));
  }
  fstat(handle: Buffer): Promise<Stats> {
    return this.call((cb) => this.raw.fstat(handle, cb));
  }
  fchmod(handle: Buffer, mode: number): Promise<void> {
    return this.call((cb) => this.raw.fchmod(handle, mode, cb));
  }
  unlink(path: string): Promise<void> {
    return this.call((cb) => this.raw.unlink(path, cb));
  }
  rmdir(path: string): Promise<void> {
    return this.call((cb) => this.raw.rmdir(path, cb));
  }
  mkdir(path: string): Promise<void> {
    return this.call((cb) => this.raw.mkdir(path, cb));
  }
  rename(from: string, to: string): Promise<void> {
    return this.call((cb) => this.raw.rename(from, to, cb));
  }
  has(extension: 'posix-rename@openssh.com' | 'fsync@openssh.com'): boolean {
    // ssh2 keeps the server's advertised extensions here; its ext_* methods throw without them.
    return Boolean((this.raw as unknown as { _extensions?: Record<string, string> })._extensions?.[extension]);
  }
  posixRename(from: string, to: string): Promise<void> {
    return this.call((cb) => this.raw.ext_openssh_rename(from, to, cb));
  }
  fsync(handle: Buffer): Promise<void> {
    return this.call((cb) => this.raw.ext_openssh_fsync(handle, (err) => cb(err)));
  }

  /** The whole file: its size first, then reads IN_FLIGHT at a time; a file that grows meanwhile is read on. */
  async readAll(path: string): Promise<Buffer> {
    const handle = await this.open(path, 'r');
    try {
      const size = (await this.fstat(handle)).size;
      const parts: Buffer[] = [];
      let offset = 0;
      for (;;) {
        const batch: Promise<Buffer>[] = [];
        for (let i = 0; i < IN_FLIGHT && (offset < size || batch.length === 0); i++, offset += CHUNK)
          batch.push(this.readChunk(handle, offset));
        const got = await Promise.all(batch);
        parts.push(...got);
        const short = got.findIndex((b) => b.length < CHUNK);
        if (short !== -1) {
          // End of file inside this batch: keep what came before it and the short piece, nothing after.
          parts.length -= got.length - short - 1;
          break;
        }
      }
      return Buffer.concat(parts);
    } finally {
      await this.close(handle).catch(() => undefined);
    }
  }

  private readChunk(handle: Buffer, position: number): Promise<Buffer> {
    if (this.gone) return Promise.reject(Object.assign(new Error('SFTP channel closed'), { code: CONNECTION_LOST }));
    const buf = Buffer.allocUnsafe(CHUNK);
    // ssh2 splits a read longer than the server's limit itself; at EOF it reports an error with code EOF (1).
    return new Promise((resolve, reject) =>
      this.raw.read(handle, buf, 0, CHUNK, position, (err, bytesRead) => {
        if (err && (err as { code?: unknown }).code === 1) resolve(buf.subarray(0, 0));
        else if (err) reject(err);
        else resolve(buf.subarray(0, bytesRead));
      }),
    );
  }

  /** Writes the whole buffer at offset 0, IN_FLIGHT requests at a time. */
  async writeAll(handle: Buffer, data: Buffer): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < data.length) {
        const at = next;
        next += CHUNK;
        const len = Math.min(CHUNK, data.length - at);
        await this.call<void>((cb) => this.raw.write(handle, data, at, len, at, (err) => cb(err)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, Math.ceil(data.length / CHUNK)) }, worker));
  }
}

export function sshErrorFrom(err: unknown, path: string, operation: string, host: string): SshError {
  if (err instanceof SshError) return err;
  return new SshError(sftpProblem(err, path, operation, host), { cause: err });
}
