// What the web tier saw while the database failed over (2.5, 2.7) or rebooted: the site requested through the load
// balancer again and again (one request at a time, bounded), each answer classified the way a student reads it —
// the site, WordPress's database error, the load balancer's 504, no answer — and the downtime measured from them.
import { wordPressPage } from './checks/database';
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

/** Requests `host` until the watched change is over and the site answers again (or the bounds are reached). */
export async function watchSite(web: WebProbe, host: string, path: string, options: WatchOptions): Promise<SiteWatch> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const samples: SiteSample[] = [];
  let doneAt: number | undefined;
  void options.until.then(
    () => (doneAt = now()),
    () => (doneAt = now()),
  );
  const view = (): SiteWatch => ({ host, path, samples: [...samples], ...measureDowntime(samples) });
  while (samples.length < options.maxRequests && !options.signal?.aborted) {
    const sentAt = now();
    const o = await web.fetch(host, path, {
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (options.signal?.aborted) break;
    samples.push({
      atMs: Math.round(sentAt - start),
      answer: classifyAnswer(o),
      ...(o.status !== undefined ? { status: o.status } : {}),
      ...(o.error ? { error: o.error } : {}),
    });
    options.onSample?.(view());
    const over = doneAt !== undefined;
    if (over && samples.at(-1)?.answer === 'site') break;
    if (over && now() - (doneAt ?? 0) > options.tailMs) break;
    await pause(options.intervalMs - (now() - sentAt), options.signal);
  }
  return view();
}
