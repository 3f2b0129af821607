// Opening the practice account's state file for a server: the lock first (one writer per file, a dead
// writer's lock taken over, an unwritable folder refused now), then stale temporary files cleared, then
// the world loaded, or the starting state when the file is missing or cannot be read (kept aside, said).
import { createStartingWorld } from '../seed/startingState';
import {
  lockStateFile,
  loadStateFile,
  removeStaleTemporaryFiles,
  writeStateFile,
  type PracticeNotice,
  type StateLock,
} from './stateFile';
import { World } from './world';

export interface OpenedState {
  world: World;
  lock: StateLock;
}

/** `given`: a world that replaces what the file holds (tests, benchmarks); it is saved by the caller. */
export async function openStateFile(
  file: string,
  given: World | undefined,
  notices: PracticeNotice[],
): Promise<OpenedState> {
  const lock = await lockStateFile(file, notices);
  try {
    await removeStaleTemporaryFiles(file, notices);
    if (given) return { world: given, lock };
    const loaded = await loadStateFile(file);
    if (loaded.kind === 'loaded') return { world: new World(loaded.state), lock };
    if (loaded.kind === 'unreadable')
      notices.push({
        kind: 'stateReplaced',
        file,
        keptAs: loaded.movedTo,
        reason: loaded.reason,
        detail: loaded.error.message,
      });
    const world = createStartingWorld();
    await writeStateFile(file, world.state);
    return { world, lock };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
