// Saving a remote file so that a dropped connection never leaves a truncated one: the content goes to a
// temporary file beside it, which then replaces it in one rename. Where the login user cannot create files
// (root-owned /var/www/html), the content goes to /tmp over SFTP and sudo copies it beside the target, gives it
// the original's owner and mode, and moves it over the target.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { SshError } from './errors';
import { isStatus, sshErrorFrom, type Sftp } from './sftp';

export interface ExecResult {
  readonly code: number | null;
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SaveResult {
  /** 'sftp': written by the login user; 'sudo': through sudo (the directory is not the user's). */
  readonly via: 'sftp' | 'sudo';
  /** True when the server has no posix-rename and the target was removed before the rename (not atomic). */
  readonly nonAtomic?: boolean;
}

/** A single-quoted shell word ('\'' for a quote inside). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function tempName(): string {
  return `.slt-${randomBytes(6).toString('hex')}`;
}

/**
 * The one command of the sudo save. The brief's shape, except that the /tmp copy is removed by `&& rm` rather
 * than `; rm`: after `; rm` the exit status would be rm's (always 0) and a failed sudo would look like success.
 * When it fails, the caller removes the /tmp copy over SFTP (it is the login user's).
 */
export function sudoSaveCommand(tmp: string, target: string, exists: boolean): string {
  const dir = posix.dirname(target);
  const staged = posix.join(dir, `.${posix.basename(target)}${tempName()}`);
  const [t, s, d] = [shellQuote(tmp), shellQuote(staged), shellQuote(target)];
  const keep = exists
    ? [`sudo -n chown --reference=${d} -- ${s}`, `sudo -n chmod --reference=${d} -- ${s}`]
    : [`sudo -n chmod 0644 -- ${s}`];
  return [`sudo -n cp -- ${t} ${s}`, ...keep, `sudo -n mv -f -- ${s} ${d}`, `rm -f -- ${t}`].join(' && ');
}

export async function atomicSave(
  sftp: Sftp,
  exec: (command: string) => Promise<ExecResult>,
  path: string,
  content: Buffer,
  host: string,
): Promise<SaveResult> {
  let mode = 0o644;
  let exists = false;
  try {
    const st = await sftp.stat(path);
    if (st.isDirectory())
      throw new SshError({ kind: 'failure', path, operation: 'writeFile', message: 'is a directory' });
    mode = st.mode & 0o7777;
    exists = true;
  } catch (e) {
    if (e instanceof SshError) throw e;
    if (!isStatus(e, 'noSuchFile')) throw sshErrorFrom(e, path, 'writeFile', host);
  }

  const staged = posix.join(posix.dirname(path), `.${posix.basename(path)}${tempName()}`);
  let handle: Buffer;
  try {
    handle = await sftp.open(staged, 'wx', 0o600);
  } catch (e) {
    if (isStatus(e, 'permissionDenied')) return sudoSave(sftp, exec, path, content, exists, host);
    throw sshErrorFrom(e, isStatus(e, 'noSuchFile') ? posix.dirname(path) : path, 'writeFile', host);
  }
  let renamed = false;
  try {
    try {
      await sftp.writeAll(handle, content);
      if (sftp.has('fsync@openssh.com')) await sftp.fsync(handle);
      await sftp.fchmod(handle, mode);
    } finally {
      await sftp.close(handle).catch(() => undefined);
    }
    if (sftp.has('posix-rename@openssh.com')) {
      await sftp.posixRename(staged, path);
      renamed = true;
      return { via: 'sftp' };
    }
    // SFTP v3 rename refuses an existing target: remove it first. Not atomic; said so in the result.
    if (exists) await sftp.unlink(path);
    await sftp.rename(staged, path);
    renamed = true;
    return { via: 'sftp', nonAtomic: true };
  } catch (e) {
    throw sshErrorFrom(e, path, 'writeFile', host);
  } finally {
    if (!renamed) await sftp.unlink(staged).catch(() => undefined);
  }
}

async function sudoSave(
  sftp: Sftp,
  exec: (command: string) => Promise<ExecResult>,
  path: string,
  content: Buffer,
  exists: boolean,
  host: string,
): Promise<SaveResult> {
  const tmp = `/tmp/${tempName()}`;
  let handle: Buffer;
  try {
    handle = await sftp.open(tmp, 'wx', 0o600);
  } catch (e) {
    throw sshErrorFrom(e, tmp, 'writeFile', host);
  }
  let done = false;
  try {
    try {
      await sftp.writeAll(handle, content);
      if (sftp.has('fsync@openssh.com')) await sftp.fsync(handle);
    } finally {
      await sftp.close(handle).catch(() => undefined);
    }
    const result = await exec(sudoSaveCommand(tmp, path, exists));
    if (result.code !== 0) throw new SshError({ kind: 'sudoFailed', path, code: result.code, stderr: result.stderr });
    done = true;
    return { via: 'sudo' };
  } catch (e) {
    throw sshErrorFrom(e, path, 'writeFile', host);
  } finally {
    if (!done) await sftp.unlink(tmp).catch(() => undefined);
  }
}
