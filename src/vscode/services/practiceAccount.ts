// The extension's practice account, without vscode: opened once (served here, or shared with the window or
// `practice serve` that already serves the same state file), forgotten when a shared one's server went away so the
// next load opens it again (taking over the dead lock), and what opening it did, in words.
import type { AwsProblem } from '../../aws/errors';
import type { PracticeAccount } from '../../practice/core/share';
import type { PracticeNotice } from '../../practice/core/stateFile';
import { practiceNoticeLine } from '../../present/practiceWords';
import type { Translate } from '../../present/translate';

export interface PracticeOpeners {
  open(): Promise<PracticeAccount>;
  resetShared(endpoint: string): Promise<void>;
}

export class PracticeHolder {
  private pending: Promise<PracticeAccount> | undefined;
  private current: PracticeAccount | undefined;

  constructor(private readonly openers: PracticeOpeners) {}

  /** The account, opening it on first use; `opened` runs once per open (to say what it did). */
  get(opened?: (account: PracticeAccount) => void): Promise<PracticeAccount> {
    if (this.pending) return this.pending;
    const pending = this.openers.open().then((account) => {
      if (this.pending === pending) this.current = account;
      opened?.(account);
      return account;
    });
    this.pending = pending;
    // A failed open is retried by the next use rather than remembered.
    pending.catch(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    return pending;
  }

  /**
   * After a failed call: a shared account whose server cannot be reached any more (its window closed) is
   * forgotten, so the next get() opens again. True when it was.
   */
  forgetIfGone(problem: AwsProblem): boolean {
    const account = this.current;
    if (account?.kind !== 'shared' || !serverGone(problem, account.endpoint)) return false;
    this.pending = undefined;
    this.current = undefined;
    return true;
  }

  /** Back to the starting state, through whichever server holds the account. */
  async reset(): Promise<void> {
    const account = await this.get();
    if (account.kind === 'own') await account.server.reset();
    else await this.openers.resetShared(account.endpoint);
  }

  /** Closes the server when it is this window's; a shared one is only let go. */
  async stop(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    this.current = undefined;
    if (!pending) return;
    const account = await pending.catch(() => undefined);
    if (account?.kind === 'own') await account.server.close();
  }
}

/** A connection that did not get through (refused, reset, timed out) to that endpoint; not an answer. */
function serverGone(p: AwsProblem, endpoint: string): boolean {
  return p.kind === 'network' && p.status === undefined && p.code !== 'NotAws' && (p.endpoint ?? endpoint) === endpoint;
}

/** A PracticeStateError (thrown by opening the account) as the problem the explorer shows; else undefined. */
export function practiceStateProblem(error: unknown): AwsProblem | undefined {
  const e = error as { name?: unknown; code?: unknown; file?: unknown; pid?: unknown } | null;
  if (e?.name !== 'PracticeStateError' || typeof e.file !== 'string') return undefined;
  if (e.code !== 'locked' && e.code !== 'notWritable' && e.code !== 'notReadable') return undefined;
  return { kind: 'practiceState', code: e.code, file: e.file, ...(typeof e.pid === 'number' ? { pid: e.pid } : {}) };
}

export interface PracticeOpenedWords {
  /** One log line per notice, and for sharing. */
  readonly log: readonly string[];
  /** The one notification: a state file that was replaced, and where the old one is kept. */
  readonly notify?: string;
}

export function practiceOpenedWords(account: PracticeAccount, t: Translate): PracticeOpenedWords {
  if (account.kind === 'shared')
    return { log: [t('Using the practice account of another window (pid {0}) at {1}', account.pid, account.endpoint)] };
  return practiceNoticeWords(account.server.notices, t);
}

export function practiceNoticeWords(notices: readonly PracticeNotice[], t: Translate): PracticeOpenedWords {
  const replaced = notices.find((n) => n.kind === 'stateReplaced');
  return {
    log: notices.map((n) => noticeText(n, t)),
    ...(replaced ? { notify: noticeText(replaced, t) } : {}),
  };
}

function noticeText(n: PracticeNotice, t: Translate): string {
  switch (n.kind) {
    case 'stateReplaced':
      return n.reason === 'corrupt'
        ? t(
            'The saved practice account could not be read (the file was damaged), so it starts again from the beginning. The old file is kept at {0}.',
            n.keptAs,
          )
        : t(
            'The saved practice account was written by a newer version of this extension, so it starts again from the beginning. The old file is kept at {0}; update the extension to use it again.',
            n.keptAs,
          );
    case 'staleLockTaken':
    case 'temporaryFilesRemoved':
      return practiceNoticeLine(n, t);
  }
}
