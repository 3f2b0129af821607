// When the explorer refreshes: every few seconds while something is changing (in a class sharing one account, as
// often as the class can share), about a minute otherwise, never while the view is hidden, at once on demand, and
// never two loads at the same time. When AWS throttled a
// load (after the SDK's own retries, which already back off with jitter), the next automatic one waits longer and
// longer (exponential, jittered, capped at 2 minutes) until a load goes through: a class of 40 sharing one account
// eases off together instead of hammering the bucket that emptied.
// Pure timing logic over an injected clock (unit-tested with a fake one); no vscode import.
import type { Inventory } from '../../aws/types';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What a load reports back: whether anything is in transition (then the next load comes sooner). */
export interface LoadOutcome {
  readonly inTransition: boolean;
  /** AWS throttled the load (the explorer keeps showing the last inventory): the next one backs off. */
  readonly throttled?: boolean;
  /** The students whose explorers share the account's limits (a class in one account: the view says how many). */
  readonly sharedBy?: number;
}

/** The scheduler's pace as the view shows it: normal, or slowed down by throttling until a load goes through. */
export interface RefreshPace {
  readonly slowedDown: boolean;
  /** Throttled loads in a row. */
  readonly throttledInARow: number;
  /** The wait before the next automatic load. */
  readonly nextInMs: number;
}

export interface RefreshSchedulerOptions {
  readonly load: () => Promise<LoadOutcome>;
  readonly clock?: Clock;
  readonly fastMs?: number;
  readonly slowMs?: number;
  /** Automatic refreshes (the setting); on-demand ones always run. */
  readonly auto?: boolean;
  /** Called when a load throws (loads are expected to report their own errors; this is the last resort). */
  readonly onError?: (error: unknown) => void;
  /** Called when the pace changes: slowed down by throttling, or back to normal. */
  readonly onPace?: (pace: RefreshPace) => void;
  /** The longest wait after throttled loads. */
  readonly backoffCapMs?: number;
  /** [0, 1): the jitter's draw (tests pass a fixed one). */
  readonly random?: () => number;
}

export const FAST_REFRESH_MS = 5_000;
export const SLOW_REFRESH_MS = 60_000;
export const BACKOFF_CAP_MS = 120_000;
/**
 * In a class sharing one account, the quick pace is the class's to share: ELBv2's Describe* calls share one bucket
 * refilled at 10/s per account and a student's refresh sends about 4 of them (RDS: 12/s, about 3), so a class of N
 * in transition together stays under them, with a fifth to spare, with a refresh every 0.5 s × N (40 students:
 * 20 s; up to 10: the usual 5 s).
 */
export const CLASS_FAST_MS_PER_STUDENT = 500;

/**
 * The wait after `inARow` throttled loads: the normal interval doubled each time, capped, then jittered over its
 * upper half ("equal jitter": never sooner than half of it, so a class's explorers spread out but keep backing off).
 */
export function backoffDelay(normalMs: number, inARow: number, capMs: number, random: number): number {
  const ceiling = Math.min(capMs, normalMs * 2 ** inARow);
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export class RefreshScheduler {
  private readonly clock: Clock;
  private readonly fastMs: number;
  private readonly slowMs: number;
  private auto: boolean;
  private visible = false;
  private disposed = false;
  private timer: unknown;
  /** The load in flight, if any. */
  private running: Promise<void> | undefined;
  /** A load asked for while one was in flight: runs once right after it (requests coalesce into it). */
  private queued: Promise<void> | undefined;
  private lastLoadEnd: number | undefined;
  private lastOutcome: LoadOutcome = { inTransition: false };
  private loads = 0;
  /** A load started in this turn has not sent anything yet: requests made meanwhile share it. */
  private starting = false;
  private throttledInARow = 0;
  /** The wait drawn after the last throttled load (drawn once, so the interval stays what was announced). */
  private backoffMs = 0;

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.fastMs = options.fastMs ?? FAST_REFRESH_MS;
    this.slowMs = options.slowMs ?? SLOW_REFRESH_MS;
    this.auto = options.auto ?? true;
  }

  /** Normal, or slowed down by throttling (and how long the next automatic load waits). */
  get pace(): RefreshPace {
    return { slowedDown: this.throttledInARow > 0, throttledInARow: this.throttledInARow, nextInMs: this.interval };
  }

  /** How many loads have started (for the log and tests). */
  get loadCount(): number {
    return this.loads;
  }

  get isLoading(): boolean {
    return this.running !== undefined;
  }

  /** The delay before the next automatic load, from the last outcome (longer while throttled). */
  get interval(): number {
    if (this.throttledInARow > 0) return this.backoffMs;
    return this.normalInterval;
  }

  private get normalInterval(): number {
    if (!this.lastOutcome.inTransition) return this.slowMs;
    return Math.max(this.fastMs, (this.lastOutcome.sharedBy ?? 1) * CLASS_FAST_MS_PER_STUDENT);
  }

  /**
   * Loads now. Requests made at once (in the same turn, before the load has sent anything) share one load. While a
   * load is in flight, the request is queued behind it (one follow-up load however many requests arrive), because
   * the in-flight one may have started before the change the caller wants to see.
   */
  refreshNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.cancelTimer();
    if (!this.running) return this.start();
    if (this.starting) return this.running;
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.disposed ? undefined : this.start();
    });
    return this.queued;
  }

  /** Loads unless a load is running or has run; resolves when the first load has finished. */
  ensureLoaded(): Promise<void> {
    if (this.running) return this.running;
    if (this.lastLoadEnd !== undefined) return Promise.resolve();
    return this.refreshNow();
  }

  /** The view was shown or hidden: hidden pauses the timer; shown catches up if a refresh is overdue. */
  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    if (!visible) {
      this.cancelTimer();
      return;
    }
    if (this.running) return; // the load's end schedules the next one
    if (this.lastLoadEnd === undefined) {
      void this.refreshNow();
      return;
    }
    this.schedule();
  }

  setAutoRefresh(auto: boolean): void {
    this.auto = auto;
    if (!auto) this.cancelTimer();
    else if (!this.running) this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private start(): Promise<void> {
    this.loads++;
    this.starting = true;
    const run = (async () => {
      // Whatever else asks for a refresh in this turn joins this load.
      await Promise.resolve();
      this.starting = false;
      try {
        this.lastOutcome = await this.options.load();
      } catch (error) {
        this.lastOutcome = { inTransition: false };
        this.options.onError?.(error);
      } finally {
        this.lastLoadEnd = this.clock.now();
        this.running = undefined;
      }
      this.afterLoad(this.lastOutcome.throttled === true);
      if (!this.queued) this.schedule();
    })();
    this.running = run;
    return run;
  }

  /** After a load: one more throttled load in a row (a longer wait drawn), or back to normal. */
  private afterLoad(throttled: boolean): void {
    const was = this.throttledInARow;
    if (throttled) {
      this.throttledInARow++;
      const random = (this.options.random ?? Math.random)();
      this.backoffMs = backoffDelay(
        this.normalInterval,
        this.throttledInARow,
        this.options.backoffCapMs ?? BACKOFF_CAP_MS,
        random,
      );
    } else {
      this.throttledInARow = 0;
    }
    if (throttled || was > 0) this.options.onPace?.(this.pace);
  }

  /** Arms the timer for the remaining part of the interval since the last load (none when paused). */
  private schedule(): void {
    this.cancelTimer();
    if (this.disposed || !this.visible || !this.auto || this.running) return;
    const since = this.lastLoadEnd === undefined ? Infinity : this.clock.now() - this.lastLoadEnd;
    const delay = this.interval - since;
    if (delay <= 0) {
      void this.refreshNow(); // overdue (the view was hidden past the due time)
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

const BUSY_RDS = (status: string) =>
  ![
    'available',
    'stopped',
    'failed',
    'incompatible-network',
    'incompatible-parameters',
    'incompatible-restore',
    'inaccessible-encryption-credentials',
    'storage-full',
  ].includes(status);

/** True when something in the snapshot is on its way from one state to another. */
export function isInTransition(inv: Inventory): boolean {
  return (
    inv.instances.some((i) => i.state === 'pending' || i.state === 'stopping' || i.state === 'shutting-down') ||
    inv.loadBalancers.some((lb) => lb.state === 'provisioning') ||
    inv.targetGroups.some((tg) =>
      tg.targets.some((t) => t.state === 'initial' || t.state === 'draining' || t.state === 'unhealthy.draining'),
    ) ||
    inv.snapshots.some((s) => s.state === 'pending') ||
    inv.images.some((i) => i.state === 'pending') ||
    inv.volumes.some((v) => v.state === 'creating' || v.state === 'deleting') ||
    inv.dbInstances.some((d) => BUSY_RDS(d.status)) ||
    inv.dbClusters.some((c) => BUSY_RDS(c.status)) ||
    inv.autoScalingGroups.some(
      (g) =>
        g.instances.length !== g.desired ||
        g.instances.some((i) => i.lifecycleState !== 'InService' && i.lifecycleState !== 'Standby'),
    )
  );
}
