// The teacher's read of a class: one inventory of the account and every student's pages. The pages need the
// servers, the load balancers and their targets, not the listeners, and in a class the listeners are ELB's paced
// tail (aws/pacing.ts: about two and a half seconds for 40 students). So the pages are fetched from the read's early
// look while the listeners are read, then observed again from the whole read, which fetches only what the early
// look did not ask (replayingProbe).
import type { AwsClients } from '../../aws/clients';
import { fetchInventory } from '../../aws/inventory';
import type { AccountContext, Inventory } from '../../aws/types';
import type { LayoutId } from '../layout';
import { observationKey } from '../observe';
import type { Observations, PageObservation, WebProbe } from '../types';
import { classWebProbe, observeClass } from './observe';
import { DEFAULT_CLASS_PREFIX, studentsIn } from './status';

export interface ClassRead {
  /** The one inventory of the account. */
  readonly whole: Inventory;
  readonly students: readonly string[];
  /** Each student's pages, observed from the whole read. */
  readonly observations: Map<string, Observations>;
}

export interface ClassReadOptions {
  readonly layout?: LayoutId;
  readonly prefix?: string;
  readonly signal?: AbortSignal;
  /** Who and where, when known (no STS call). */
  readonly context?: AccountContext;
  /** Default: classWebProbe. */
  readonly web?: WebProbe;
}

/**
 * Passes over the same pages: the n-th fetch of a page in any pass is that page's n-th answer, fetched once, so a
 * load balancer's samples stay the sequence they were and a later pass fetches only what no pass asked before.
 */
export function replayingProbe(web: WebProbe): { pass(): WebProbe } {
  const answers = new Map<string, Promise<PageObservation>[]>();
  return {
    pass() {
      const asked = new Map<string, number>();
      return {
        fetch(host, path, options) {
          const key = observationKey(host, path);
          const n = asked.get(key) ?? 0;
          asked.set(key, n + 1);
          const list = answers.get(key) ?? [];
          answers.set(key, list);
          return (list[n] ??= web.fetch(host, path, options));
        },
      };
    },
  };
}

/** One inventory of the account and every student's pages, the pages started from the read's early look. */
export async function readClass(clients: AwsClients, options: ClassReadOptions = {}): Promise<ClassRead> {
  const { layout, signal } = options;
  const prefix = options.prefix ?? DEFAULT_CLASS_PREFIX;
  const pages = replayingProbe(options.web ?? classWebProbe(clients.account));
  // The early pass's pages that the whole read turns out not to need are dropped once it is judged.
  const early = new AbortController();
  const stopEarly = () => early.abort(signal?.reason);
  signal?.addEventListener('abort', stopEarly, { once: true });
  try {
    const whole = await fetchInventory(clients, {
      ...(options.context ? { context: options.context } : {}),
      ...(signal ? { abortSignal: signal } : {}),
      beforeListeners: (look) => {
        const students = studentsIn(look, prefix);
        observeClass(look, students, pages.pass(), { ...(layout ? { layout } : {}), signal: early.signal }).catch(
          () => undefined, // a head start only: the whole read's pass fetches what this one missed
        );
      },
    });
    const students = studentsIn(whole, prefix);
    const observations = await observeClass(whole, students, pages.pass(), {
      ...(layout ? { layout } : {}),
      ...(signal ? { signal } : {}),
    });
    return { whole, students, observations };
  } finally {
    signal?.removeEventListener('abort', stopEarly);
    early.abort();
  }
}
