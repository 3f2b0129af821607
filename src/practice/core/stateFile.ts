// The practice account's state file: JSON, written atomically (temporary file + rename) so a crash
// never leaves half a state; saves are coalesced so a burst of changes writes once or twice.
// One server writes a file at a time: `<file>.lock` holds the writer's pid (a dead pid's lock is taken
// over) and, once it listens, its endpoint on a second line, so another process can share that server
// instead of being refused. Opening says what happened to the file (notices) and fails early when it
// cannot be kept.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseWorldState, type WorldState } from './world';

export type LoadResult =
  | { kind: 'loaded'; state: WorldState }
  | { kind: 'missing' }
  | { kind: 'unreadable'; error: Error; movedTo: string; reason: 'corrupt' | 'unknownFormat' };

/** What opening a state file did that the student should hear about (the CLI and the extension word it). */
export type PracticeNotice =
  /** The file was not a practice state (bad JSON) or of a format this build does not know: kept aside, a fresh account started. */
  | { kind: 'stateReplaced'; file: string; keptAs: string; reason: 'corrupt' | 'unknownFormat'; detail: string }
  /** A lock left by a process that is gone (a crash or a kill) was taken over. */
  | { kind: 'staleLockTaken'; file: string; pid: number }
  /** Temporary files of interrupted saves were removed. */
  | { kind: 'temporaryFilesRemoved'; files: string[] };

export type PracticeStateErrorCode = 'locked' | 'notWritable' | 'notReadable';

/**
 * The state file cannot be used: another server writes it (`pid`, and its loopback `endpoint` once it
 * listens), or its folder or file is not accessible.
 */
export class PracticeStateError extends Error {
  constructor(
    readonly code: PracticeStateErrorCode,
    readonly file: string,
    readonly pid?: number,
    override readonly cause?: Error,
    readonly endpoint?: string,
  ) {
    super(`${code}: ${file}${pid !== undefined ? ` (pid ${pid})` : ''}${cause ? ` (${cause.message})` : ''}`);
    this.name = 'PracticeStateError';
  }
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code;
const NOT_PERMITTED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Reads a state file. An unreadable one is moved aside (kept for inspection), not deleted. */
export async function loadStateFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { kind: 'missing' };
    if (NOT_PERMITTED.has(errnoOf(error) ?? ''))
      throw new PracticeStateError('notReadable', file, undefined, error as Error);
    throw error;
  }
  try {
    return { kind: 'loaded', state: parseWorldState(text) };
  } catch (error) {
    const movedTo = `${file}.unreadable-${Date.now()}`;
    await fs.rename(file, movedTo);
    const reason = error instanceof SyntaxError ? 'corrupt' : 'unknownFormat';
    return { kind: 'unreadable', error: error as Error, movedTo, reason };
  }
}

export async function writeStateFile(file: string, state: WorldState): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, JSON.stringify(state));
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM'; // exists, owned by someone else
  }
}

/** A held lock on a state file; `release` removes it (only if it is still ours). */
export interface StateLock {
  /** Records where this process serves the file, for another process to share it. */
  announce(endpoint: string): Promise<void>;
  release(): Promise<void>;
}

/** The practice server only binds 127.0.0.1: an endpoint read from a lock file is trusted only if it is that. */
export const LOOPBACK_ENDPOINT = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;

interface LockHolder {
  pid?: number;
  endpoint?: string;
}

/** `<pid>` or `<pid>\n<endpoint>`; an empty file is a lock being written (wx creates, then writes): read again. */
async function readLock(lockFile: string): Promise<LockHolder> {
  let text = '';
  for (let attempt = 0; attempt < 10; attempt++) {
    text = await fs.readFile(lockFile, 'utf8').catch(() => '');
    if (text !== '') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const [first = '', second = ''] = text.split('\n');
  const pid = Number.parseInt(first, 10);
  const endpoint = second.trim();
  return {
    ...(Number.isInteger(pid) && pid > 0 ? { pid } : {}),
    ...(LOOPBACK_ENDPOINT.test(endpoint) ? { endpoint } : {}),
  };
}

/**
 * Takes `<file>.lock` for this process: refuses (PracticeStateError 'locked') while a live process
 * holds it, takes over a dead one's (notice), and fails early ('notWritable') when the folder cannot
 * be written, instead of losing every save of the session.
 */
export async function lockStateFile(file: string, notices: PracticeNotice[]): Promise<StateLock> {
  const lockFile = `${file}.lock`;
  const mine = String(process.pid);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new PracticeStateError('notWritable', file, undefined, error as Error);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(lockFile, mine, { flag: 'wx' });
      break;
    } catch (error) {
      // EACCES/EROFS here is a folder no save could write to: said now, not at exit.
      if (errnoOf(error) !== 'EEXIST' || attempt > 2)
        throw new PracticeStateError('notWritable', file, undefined, error as Error);
    }
    const holder = await readLock(lockFile);
    if (holder.pid !== undefined && alive(holder.pid))
      throw new PracticeStateError('locked', file, holder.pid, undefined, holder.endpoint);
    // A dead process's lock (or an unreadable one): take it over.
    await fs.rm(lockFile, { force: true });
    if (holder.pid !== undefined) notices.push({ kind: 'staleLockTaken', file, pid: holder.pid });
  }
  const ours = async () => (await fs.readFile(lockFile, 'utf8').catch(() => '')).split('\n')[0] === mine;
  return {
    async announce(endpoint) {
      // Replaced whole (rename), so a reader never sees the lock empty and takes it for an unreadable one.
      const temporary = `${lockFile}.${process.pid}.announce`;
      await fs.writeFile(temporary, `${mine}\n${endpoint}\n`);
      if (await ours()) await fs.rename(temporary, lockFile);
      else await fs.rm(temporary, { force: true });
    },
    async release() {
      if (await ours()) await fs.rm(lockFile, { force: true });
    },
  };
}

/** Removes `<file>.<pid>.tmp` left by saves that were cut off (the caller holds the lock: none is in flight). */
export async function removeStaleTemporaryFiles(file: string, notices: PracticeNotice[]): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(prefix) && /^\d+\.tmp$/.test(n.slice(prefix.length)));
  for (const name of stale) await fs.rm(path.join(dir, name), { force: true });
  if (stale.length) notices.push({ kind: 'temporaryFilesRemoved', files: stale.map((n) => path.join(dir, n)) });
}

/** Saves the latest state whenever asked, at most one write in flight; `flush` waits for the last one. */
export class StateSaver {
  private running: Promise<void> | undefined;
  private dirty = false;
  private lastError: Error | undefined;

  constructor(
    private readonly file: string,
    private readonly current: () => WorldState,
  ) {}

  request(): void {
    this.dirty = true;
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        try {
          await writeStateFile(this.file, this.current());
          this.lastError = undefined;
        } catch (error) {
          this.lastError = error as Error;
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  /** Waits until everything asked for is written; throws the last write error, if any. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.lastError) throw this.lastError;
  }
}
