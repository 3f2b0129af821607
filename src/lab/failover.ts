// What the web tier saw while the database failed over (2.5, 2.7) or rebooted: the site requested through the load
// balancer again and again (at a steady pace, a few requests in flight, bounded), each answer classified the way a
// student reads it — the site, WordPress's database error, the load balancer's 504, no answer — and the downtime
// measured from them.
import { wordPressPage } from './wordPress';
import type { PageObservation, WebProbe } from './types';

export type SiteAnswer = 'site' | 'dbError' | 'gatewayTimeout' | 'serverError' | 'noAnswer';

export interface SiteSample {
  /** Milliseconds since the watch started, when the request was sent. */
  readonly atMs: number;
  readonly answer: SiteAnswer;
  readonly status?: number;
  readonly error?: string;
}

export interface SiteWatch {
  readonly host: string;
  readonly path: string;
  readonly samples: readonly SiteSample[];
  /** The longest stretch without the site: from its first bad answer to the next good one (ms). */
  readonly downtimeMs: number;
  readonly downFromMs?: number;
  readonly downToMs?: number;
  /** Whether the site answered again before the watch ended. */
  readonly recovered: boolean;
}

/** One answer as the student reads it: a page of the site, or which failure. */
export function classifyAnswer(o: PageObservation): SiteAnswer {
  if (o.status === undefined) return 'noAnswer';
  if (o.status === 504) return 'gatewayTimeout';
  if (wordPressPage(o.body, o.location) === 'dbError') return 'dbError';
  if (o.status >= 200 && o.status < 400) return 'site';
  return 'serverError';
}

/** The longest run of answers that are not the site, measured to the first good answer after it. */
export function measureDowntime(
  samples: readonly SiteSample[],
): Pick<SiteWatch, 'downtimeMs' | 'downFromMs' | 'downToMs' | 'recovered'> {
  let best: { from: number; to: number } | undefined;
  let from: number | undefined;
  for (const s of samples) {
    if (s.answer !== 'site') {
      from ??= s.atMs;
      continue;
    }
    if (from !== undefined && (!best || s.atMs - from > best.to - best.from)) best = { from, to: s.atMs };
    from = undefined;
  }
  const last = samples.at(-1);
  const open = from !== undefined && last ? { from, to: last.atMs } : undefined;
  const longest = open && (!best || open.to - open.from > best.to - best.from) ? open : best;
  return {
    downtimeMs: longest ? longest.to - longest.from : 0,
    ...(longest ? { downFromMs: longest.from, downToMs: longest.to } : {}),
    recovered: open === undefined,
  };
}

/** On AWS: a request every 2 s, 5 s to answer, and up to 2 minutes for the site to come back after the run. */
const AWS_PACE = { intervalMs: 2000, timeoutMs: 5000, tailMs: 120_000 } as const;

/**
 * The watch's pace: AWS's, or the practice account's scaled by its speed (a number, or 'instant' read as 1000x),
 * never faster than a request every 25 ms.
 */
export function failoverPace(practiceSpeed?: number | 'instant'): {
  intervalMs: number;
  timeoutMs: number;
  tailMs: number;
} {
  if (practiceSpeed === undefined) return { ...AWS_PACE };
  const scale = practiceSpeed === 'instant' ? 1000 : practiceSpeed;
  return {
    intervalMs: Math.max(25, AWS_PACE.intervalMs / scale),
    timeoutMs: Math.max(500, AWS_PACE.timeoutMs / scale),
    tailMs: Math.max(2000, AWS_PACE.tailMs / scale),
  };
}

export interface WatchOptions {
  /** Between two requests' starts. */
  readonly intervalMs: number;
  /** One request's wait for an answer. */
  readonly timeoutMs: number;
  /** The change being watched (the failover's runner); the watch goes on after it until the site answers. */
  readonly until: Promise<unknown>;
  /** After `until`, how long the watch waits for the site to come back. */
  readonly tailMs: number;
  /** A bound on the requests whatever happens. */
  readonly maxRequests: number;
  readonly signal?: AbortSignal;
  readonly onSample?: (watch: SiteWatch) => void;
  readonly now?: () => number;
}

/** Waits `ms` or until aborted, leaving no listener behind (a watch pauses hundreds of times on one signal). */
const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });

/**
 * Requests `host` at a steady pace until the watched change is over and the site answers again (or the bounds are
 * reached). The pace does not wait for answers: a request that hangs (a database that answers no SYN holds WordPress
 * for PHP's connect timeout) would otherwise blind the watch for as long, and the downtime would be measured to the
 * timeout's resolution instead of the pace's. A few requests are in flight at most; each is charted at the moment it
 * was sent.
 */
export async function watchSite(web: WebProbe, host: string, path: string, options: WatchOptions): Promise<SiteWatch> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const samples: SiteSample[] = [];
  let doneAt: number | undefined;
  void options.until.then(
    () => (doneAt = now()),
    () => (doneAt = now()),
  );
  const view = (): SiteWatch => {
    const ordered = [...samples].sort((a, b) => a.atMs - b.atMs);
    return { host, path, samples: ordered, ...measureDowntime(ordered) };
  };
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(1, Math.ceil(options.timeoutMs / Math.max(1, options.intervalMs)) + 1);
  let sent = 0;
  let backAfterChange = false;
  const request = () => {
    const sentAt = now();
    sent += 1;
    const answered = web
      .fetch(host, path, { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) })
      .then((o) => {
        if (options.signal?.aborted) return;
        const sample: SiteSample = {
          atMs: Math.round(sentAt - start),
          answer: classifyAnswer(o),
          ...(o.status !== undefined ? { status: o.status } : {}),
          ...(o.error ? { error: o.error } : {}),
        };
        samples.push(sample);
        if (doneAt !== undefined && sentAt >= doneAt && sample.answer === 'site') backAfterChange = true;
        options.onSample?.(view());
      })
      .finally(() => inFlight.delete(answered));
    inFlight.add(answered);
  };
  while (sent < options.maxRequests && !options.signal?.aborted && !backAfterChange) {
    if (doneAt !== undefined && now() - doneAt > options.tailMs) break;
    const sentAt = now();
    if (inFlight.size < maxInFlight) request();
    else await Promise.race(inFlight);
    await pause(options.intervalMs - (now() - sentAt), options.signal);
  }
  // The answers still coming belong to the chart (each was sent inside the watch); the timeout bounds the wait.
  await Promise.all(inFlight);
  return view();
}
