// 3.4's load: HTTP GETs to the student's own load balancer, bounded (at most 20 at a time, at most 10 minutes),
// stoppable at once, with its request rate shown. The target comes only from loadTargetFor: the lab's load balancer
// by its DNS name, reached as a browser would (AWS), or through the practice endpoint on 127.0.0.1 with that name in
// the Host header (as the tally reaches it: src/aws/web.ts). Nothing else can be aimed at.
import http from 'node:http';
import type { Inventory } from '../../aws/types';
import { reason } from '../codes';
import type { LayoutId } from '../layout';
import { findLabVpc, labVpcLoadBalancer } from '../network';
import { findRoles } from '../roles';
import type { Reason } from '../types';

export const MAX_LOAD_CONCURRENCY = 20;
export const MAX_LOAD_DURATION_MS = 10 * 60_000;
/** The highest pace one may ask for (requests per second, all workers together). */
export const MAX_LOAD_RATE = 1000;
/**
 * The pace through the practice endpoint unless another is asked: loopback answers thousands a second, which only
 * burns this computer's CPU; this keeps two practice servers' average well over 70 % (60 a second kept it near 60 %).
 */
export const PRACTICE_LOAD_PER_SECOND = 200;
/** A failed request waits this long before the next one: a site that does not answer gets no storm of retries. */
export const FAILED_PAUSE_MS = 250;
const REQUEST_TIMEOUT_MS = 5000;
/** Requests per second are counted over this window (the last second), in buckets. */
const RATE_WINDOW_MS = 1000;
const BUCKET_MS = 100;

/** A load refused before it starts (too much, too long, not the lab's load balancer). */
export class LoadError extends Error {
  constructor(readonly reason: Reason) {
    super(`${reason.code} ${JSON.stringify(reason.args)}`);
    this.name = 'LoadError';
  }
}

/** Where the load goes: made only by loadTargetFor. */
export interface LoadTarget {
  /** The load balancer's DNS name (the Host header). */
  readonly host: string;
  readonly path: string;
  /** Where the connections go: the DNS name itself on AWS, the practice endpoint (loopback) otherwise. */
  readonly connect: { readonly hostname: string; readonly port: number };
  /** Through the practice endpoint (paced at PRACTICE_LOAD_PER_SECOND unless asked otherwise). */
  readonly practice: boolean;
}

const issued = new WeakSet<LoadTarget>();

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The lab's load balancer, found as the checks find it (Test-VPC's when the lab's VPC holds it). */
function labLoadBalancerDns(inventory: Inventory, layout?: LayoutId): string | undefined {
  const lb = findRoles(inventory, undefined, layout).loadBalancer;
  if (lb?.dnsName) return lb.dnsName;
  const vpc = findLabVpc(inventory);
  return vpc ? labVpcLoadBalancer(inventory, vpc.id)?.dnsName : undefined;
}

/**
 * The lab's load balancer as a load target. `url`, when given, must name it (http, its DNS name); `endpoint` (the
 * practice account's URL) must be on this computer. Anything else is a LoadError.
 */
export function loadTargetFor(
  inventory: Inventory,
  options: { readonly endpoint?: string; readonly layout?: LayoutId; readonly url?: string } = {},
): LoadTarget {
  const dns = labLoadBalancerDns(inventory, options.layout);
  if (!dns) throw new LoadError(reason('alb.missing'));
  let path = '/';
  if (options.url !== undefined) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new LoadError(reason('load.notTheLab', { host: options.url, lab: dns }));
    }
    if (url.protocol !== 'http:' || url.hostname.toLowerCase() !== dns.toLowerCase() || (url.port && url.port !== '80'))
      throw new LoadError(reason('load.notTheLab', { host: url.host || options.url, lab: dns }));
    path = `${url.pathname}${url.search}`;
  }
  let connect = { hostname: dns, port: 80 };
  if (options.endpoint) {
    const via = new URL(options.endpoint);
    if (!LOOPBACK.has(via.hostname)) throw new LoadError(reason('load.endpointNotLocal', { endpoint: via.host }));
    connect = { hostname: via.hostname.replace(/^\[|\]$/g, ''), port: Number(via.port || 80) };
  }
  const practice = options.endpoint !== undefined;
  const target: LoadTarget = Object.freeze({ host: dns, path, connect: Object.freeze(connect), practice });
  issued.add(target);
  return target;
}

/** What the load has done so far. */
export interface LoadFigures {
  readonly startedAt: number;
  readonly elapsedMs: number;
  readonly sent: number;
  readonly answered: number;
  readonly failed: number;
  /** Answers (any status) over the last second. */
  readonly requestsPerSecond: number;
  /** Answers by HTTP status, failures by what went wrong ('timeout', 'refused', 'reset', …). */
  readonly statuses: Readonly<Record<string, number>>;
  readonly running: boolean;
}

export interface LoadHandle {
  /** Stops now: requests in flight are dropped. */
  stop(): void;
  /** The last figures, once every worker has stopped (duration over, stop(), or the signal). */
  readonly done: Promise<LoadFigures>;
  figures(): LoadFigures;
}

export interface LoadOptions {
  readonly target: LoadTarget;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly signal?: AbortSignal;
  /** The figures every `tickMs` (default 1 s) and once at the end. */
  readonly onTick?: (figures: LoadFigures) => void;
  readonly tickMs?: number;
  /**
   * At most this many requests per second, all workers together (default: as fast as the answers come on AWS,
   * PRACTICE_LOAD_PER_SECOND through the practice endpoint).
   */
  readonly perSecond?: number;
}

/** Checks the bounds: a whole number of workers 1..20, a duration of 1 ms..10 minutes, a pace up to 1000/s. */
export function checkLoadBounds(concurrency: number, durationMs: number, perSecond?: number): void {
  if (perSecond !== undefined && (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > MAX_LOAD_RATE))
    throw new LoadError(reason('load.tooFast', { perSecond, max: MAX_LOAD_RATE }));
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_LOAD_CONCURRENCY)
    throw new LoadError(reason('load.tooMany', { concurrency, max: MAX_LOAD_CONCURRENCY }));
  if (!Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_LOAD_DURATION_MS)
    throw new LoadError(
      reason('load.tooLong', { seconds: Math.round(durationMs / 1000), maxMinutes: MAX_LOAD_DURATION_MS / 60_000 }),
    );
}

function errorWord(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  return typeof code === 'string' ? code : 'error';
}

export function startLoad(options: LoadOptions): LoadHandle {
  const { target, concurrency, durationMs } = options;
  if (!issued.has(target))
    throw new LoadError(reason('load.notTheLab', { host: String((target as { host?: unknown })?.host), lab: '' }));
  const perSecond = options.perSecond ?? (target.practice ? PRACTICE_LOAD_PER_SECOND : undefined);
  checkLoadBounds(concurrency, durationMs, perSecond);
  options.signal?.throwIfAborted();

  const startedAt = Date.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const inFlight = new Set<http.ClientRequest>();
  const statuses: Record<string, number> = {};
  const buckets = new Map<number, number>();
  let sent = 0;
  let answered = 0;
  let failed = 0;
  let running = true;
  const wake = new Set<() => void>();

  const stop = () => {
    if (!running) return;
    running = false;
    for (const req of inFlight) req.destroy();
    for (const w of [...wake]) w();
  };
  const onAbort = () => stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const ends = setTimeout(stop, durationMs);

  const count = (key: string) => {
    statuses[key] = (statuses[key] ?? 0) + 1;
    const bucket = Math.floor(Date.now() / BUCKET_MS);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  };
  const figures = (): LoadFigures => {
    const now = Date.now();
    const newest = Math.floor(now / BUCKET_MS);
    const span = RATE_WINDOW_MS / BUCKET_MS;
    let recent = 0;
    for (const [b, n] of buckets) {
      if (b <= newest - span * 2) buckets.delete(b);
      // The whole buckets of the last second (the current one is still filling).
      else if (b < newest && b >= newest - span) recent += n;
    }
    const window = Math.min(RATE_WINDOW_MS, Math.max(BUCKET_MS, now - startedAt));
    return {
      startedAt,
      elapsedMs: now - startedAt,
      sent,
      answered,
      failed,
      requestsPerSecond: Math.round((recent * 10_000) / window) / 10,
      statuses: { ...statuses },
      running,
    };
  };

  /** One GET; its status or what went wrong. */
  const request = () =>
    new Promise<{ status?: number; error?: string }>((resolve) => {
      const req = http.request({
        agent,
        host: target.connect.hostname,
        port: target.connect.port,
        path: target.path,
        method: 'GET',
        headers: { Host: target.host, 'User-Agent': 'aws-scale-out-lab-load', Accept: 'text/html' },
        timeout: REQUEST_TIMEOUT_MS,
      });
      inFlight.add(req);
      const done = (r: { status?: number; error?: string }) => {
        inFlight.delete(req);
        resolve(r);
      };
      req.on('timeout', () => {
        req.destroy();
        done({ error: 'timeout' });
      });
      req.on('error', (e) => done({ error: running ? errorWord(e) : 'stopped' }));
      req.on('response', (res) => {
        // The page is read to its end (so the connection is reused) and dropped.
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0 }));
        res.on('error', (e) => done({ error: errorWord(e) }));
      });
      req.end();
    });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        wake.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, ms);
      wake.add(wakeUp);
    });

  // The pace: each request takes the next free slot, 1/perSecond apart.
  let nextSlot = startedAt;
  const paced = async () => {
    if (!perSecond) return;
    const now = Date.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + 1000 / perSecond;
    if (at > now) await pause(at - now);
  };

  const worker = async () => {
    while (running) {
      await paced();
      if (!running) break;
      sent += 1;
      const r = await request();
      if (r.error === 'stopped') {
        // Dropped by stop(): neither answered nor failed.
        sent -= 1;
        break;
      }
      if (r.status !== undefined) {
        answered += 1;
        count(String(r.status));
      } else {
        failed += 1;
        count(r.error ?? 'error');
      }
      if (r.status === undefined || r.status >= 500) await pause(FAILED_PAUSE_MS);
    }
  };

  const tick = options.onTick ? setInterval(() => options.onTick?.(figures()), options.tickMs ?? 1000) : undefined;
  const done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
    clearTimeout(ends);
    if (tick) clearInterval(tick);
    options.signal?.removeEventListener('abort', onAbort);
    agent.destroy();
    const last = figures();
    options.onTick?.(last);
    return last;
  });
  return { stop, done, figures };
}
