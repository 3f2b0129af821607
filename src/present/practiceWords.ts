// Words for the practice state file, shared by the CLI and the extension: what opening it did (a line per notice),
// sharing another process's practice account, and why it cannot be used (PracticeStateError), each saying what to do.
import type { PracticeNotice, PracticeStateError } from '../practice/core/stateFile';
import type { Translate } from './translate';

export function practiceNoticeLine(n: PracticeNotice, t: Translate): string {
  switch (n.kind) {
    case 'stateReplaced':
      return n.reason === 'corrupt'
        ? t(
            'The practice state file {0} was damaged, so a fresh practice account was started. The old file is kept at {1}.',
            n.file,
            n.keptAs,
          )
        : t(
            'The practice state file {0} was written by a newer scale-out-lab, so a fresh practice account was started. The old file is kept at {1}.',
            n.file,
            n.keptAs,
          );
    case 'staleLockTaken':
      return t(
        'The practice state file {0} was locked by process {1}, which is no longer running: the lock was taken over.',
        n.file,
        n.pid,
      );
    case 'temporaryFilesRemoved':
      return t('Removed temporary files left by an interrupted save of the practice state: {0}', n.files.join(', '));
  }
}

/** Said on stderr when the command uses the practice account another process serves. */
export function practiceSharedLine(pid: number, endpoint: string, stateFile: string, t: Translate): string {
  return t(
    'Using the practice account of another program (pid {0}) at {1}, which keeps {2}.',
    pid,
    endpoint,
    stateFile,
  );
}

/** The one error line for a state file that cannot be used. */
export function practiceStateLine(e: PracticeStateError, t: Translate): string {
  switch (e.code) {
    case 'locked':
      // `practice serve` on a file another process already serves (and answers for): that one is the account.
      if (e.endpoint)
        return t(
          'The practice state file {0} is already served by another program (pid {1}) at {2}: use it (--endpoint-url {2}) or stop that program first.',
          e.file,
          e.pid ?? '?',
          e.endpoint,
        );
      return t(
        'The practice state file {0} is in use by another program (pid {1}) that does not answer as a practice account. Stop it, or choose another file with --state.',
        e.file,
        e.pid ?? '?',
      );
    case 'notWritable':
      return t(
        "The practice state file {0} cannot be saved: its folder is not writable. Fix the folder's permissions, or choose another file with --state.",
        e.file,
      );
    case 'notReadable':
      return t(
        "The practice state file {0} cannot be read (permission denied). Fix the file's permissions, or choose another file with --state.",
        e.file,
      );
  }
}
