// The practice account's state file: JSON, written atomically (temporary file + rename) so a crash
// never leaves half a state; saves are coalesced so a burst of changes writes once or twice.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseWorldState, type WorldState } from './world';

export type LoadResult =
  { kind: 'loaded'; state: WorldState } | { kind: 'missing' } | { kind: 'unreadable'; error: Error; movedTo: string };

/** Reads a state file. An unreadable one is moved aside (kept for inspection), not deleted. */
export async function loadStateFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'loaded', state: parseWorldState(text) };
  } catch (error) {
    const movedTo = `${file}.unreadable-${Date.now()}`;
    await fs.rename(file, movedTo);
    return { kind: 'unreadable', error: error as Error, movedTo };
  }
}

export async function writeStateFile(file: string, state: WorldState): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(state));
  await fs.rename(temporary, file);
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
