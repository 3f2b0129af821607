// Refresh timing with a fake clock: fast while something changes, slow otherwise, paused while hidden,
// immediate on demand, one load at a time, slower when AWS throttles or a class shares the account.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  backoffDelay,
  BACKOFF_CAP_MS,
  CLASS_FAST_MS_PER_STUDENT,
  RefreshScheduler,
  type Clock,
  type LoadOutcome,
  type RefreshPace,
} from '../../../src/vscode/views/refreshScheduler';

class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private timers = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  /** Moves time forward, firing due timers in order and letting the loads they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A load function whose outcome the test sets, counting calls and overlaps. */
function loader(outcome: () => LoadOutcome | Error = () => ({ inTransition: false })) {
  const stats = { calls: 0, active: 0, maxActive: 0 };
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  return {
    stats,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = undefined;
    },
    load: async (): Promise<LoadOutcome> => {
      stats.calls++;
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      try {
        if (gate) await gate;
        const result = outcome();
        if (result instanceof Error) throw result;
        return result;
      } finally {
        stats.active--;
      }
    },
  };
}

describe('RefreshScheduler', () => {
  it('loads as soon as the view shows, then every 5 s while something is in transition', async () => {
    const clock = new FakeClock();
    const l = loader(() => ({ inTransition: true }));
    const s = new RefreshScheduler({ load: l.load, clock });
    assert.equal(l.stats.calls, 0, 'nothing before the view is visible');
    s.setVisible(true);
    await settle();
    assert.equal(l.stats.calls, 1);
    assert.deepEqual(clock.pending, [5000]);
    await clock.advance(4999);
    assert.equal(l.stats.calls, 1);
    await clock.advance(1);
    assert.equal(l.stats.calls, 2);
    await clock.advance(15_000);
    assert.equal(l.stats.calls, 5);
    s.dispose();
  });

  it('waits about a minute when nothing is changing, and speeds up when something starts to', async () => {
    const clock = new FakeClock();
    let transition = false;
    const l = loader(() => ({ inTransition: transition }));
    const s = new RefreshScheduler({ load: l.load, clock });
    s.setVisible(true);
    await settle();
    assert.deepEqual(clock.pending, [60_000]);
    await clock.advance(59_000);
    assert.equal(l.stats.calls, 1);
    transition = true;
    await clock.advance(1_000);
    assert.equal(l.stats.calls, 2);
    assert.deepEqual(clock.pending, [5_000]);
    s.dispose();
  });

  it('pauses while the view is hidden and catches up when it shows again', async () => {
    const clock = new FakeClock();
    const l = loader(() => ({ inTransition: true }));
    const s = new RefreshScheduler({ load: l.load, clock });
    s.setVisible(true);
    await settle();
    s.setVisible(false);
    assert.deepEqual(clock.pending, []);
    await clock.advance(120_000);
    assert.equal(l.stats.calls, 1, 'no loads while hidden');
    s.setVisible(true);
    await settle();
    assert.equal(l.stats.calls, 2, 'overdue: loads at once');
    // Hidden and shown again before the next one is due: it keeps its time, no extra load.
    s.setVisible(false);
    await clock.advance(2_000);
    s.setVisible(true);
    await settle();
    assert.equal(l.stats.calls, 2);
    assert.deepEqual(clock.pending, [3_000]);
    s.dispose();
  });

  it('refreshes at once on demand and restarts the timer from there', async () => {
    const clock = new FakeClock();
    const l = loader();
    const s = new RefreshScheduler({ load: l.load, clock });
    s.setVisible(true);
    await settle();
    await clock.advance(30_000);
    await s.refreshNow();
    assert.equal(l.stats.calls, 2);
    assert.deepEqual(clock.pending, [60_000]);
    s.dispose();
  });

  it('never runs two loads at once: requests during a load coalesce into one follow-up', async () => {
    const clock = new FakeClock();
    const l = loader();
    const s = new RefreshScheduler({ load: l.load, clock });
    l.hold();
    const first = s.refreshNow();
    await settle();
    assert.ok(s.isLoading);
    const a = s.refreshNow();
    const b = s.refreshNow();
    const c = s.refreshNow();
    assert.equal(a, b);
    assert.equal(b, c);
    await settle();
    assert.equal(l.stats.calls, 1);
    l.release();
    await Promise.all([first, a, b, c]);
    assert.equal(l.stats.calls, 2, 'one follow-up for three requests');
    assert.equal(l.stats.maxActive, 1);
    s.dispose();
  });

  it('runs no timer when automatic refresh is off, but still refreshes on demand', async () => {
    const clock = new FakeClock();
    const l = loader(() => ({ inTransition: true }));
    const s = new RefreshScheduler({ load: l.load, clock, auto: false });
    s.setVisible(true);
    await settle();
    assert.equal(l.stats.calls, 1, 'the first load still happens when the view shows');
    assert.deepEqual(clock.pending, []);
    await s.refreshNow();
    assert.equal(l.stats.calls, 2);
    s.setAutoRefresh(true);
    assert.deepEqual(clock.pending, [5_000]);
    s.dispose();
    assert.deepEqual(clock.pending, []);
  });

  it('ensureLoaded starts the first load once and resolves when it ends', async () => {
    const clock = new FakeClock();
    const l = loader();
    const s = new RefreshScheduler({ load: l.load, clock });
    l.hold();
    const p1 = s.ensureLoaded();
    const p2 = s.ensureLoaded();
    await settle();
    assert.equal(l.stats.calls, 1);
    l.release();
    await Promise.all([p1, p2]);
    await s.ensureLoaded();
    assert.equal(l.stats.calls, 1, 'already loaded: no new load');
    s.dispose();
  });

  it('reports a load that throws and keeps going at the slow pace', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const l = loader(() => new Error('boom'));
    const s = new RefreshScheduler({ load: l.load, clock, onError: (e) => errors.push(e) });
    s.setVisible(true);
    await settle();
    assert.equal(errors.length, 1);
    assert.deepEqual(clock.pending, [60_000]);
    s.dispose();
  });
});

describe('RefreshScheduler when AWS throttles', () => {
  it('backs off exponentially with jitter, capped at 2 minutes, and is back to normal after a load goes through', async () => {
    const clock = new FakeClock();
    let throttled = true;
    const paces: RefreshPace[] = [];
    const l = loader(() => ({ inTransition: true, throttled }));
    const s = new RefreshScheduler({ load: l.load, clock, random: () => 1, onPace: (p) => paces.push(p) });
    s.setVisible(true);
    await settle();
    // 5 s while changing: doubled for each throttled load in a row (the jitter at its top here), then capped.
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      waits.push(clock.pending[0] ?? NaN);
      await clock.advance(clock.pending[0] ?? 0);
    }
    assert.deepEqual(waits, [10_000, 20_000, 40_000, 80_000, 120_000, 120_000]);
    assert.equal(s.pace.slowedDown, true);
    assert.equal(s.pace.throttledInARow, 7);
    assert.deepEqual(
      paces.slice(0, 3).map((p) => [p.slowedDown, p.nextInMs]),
      [
        [true, 10_000],
        [true, 20_000],
        [true, 40_000],
      ],
    );
    throttled = false;
    await clock.advance(120_000);
    assert.deepEqual(clock.pending, [5_000], 'the normal pace again');
    assert.deepEqual(paces.at(-1), { slowedDown: false, throttledInARow: 0, nextInMs: 5_000 });
    const told = paces.length;
    await clock.advance(5_000);
    assert.equal(paces.length, told, 'nothing more to say while the pace stays normal');
    s.dispose();
  });

  it('spreads a class out: the wait is drawn over the upper half of the doubled interval', () => {
    assert.equal(backoffDelay(60_000, 1, BACKOFF_CAP_MS, 0), 60_000);
    assert.equal(backoffDelay(60_000, 1, BACKOFF_CAP_MS, 0.5), 90_000);
    assert.equal(backoffDelay(60_000, 3, BACKOFF_CAP_MS, 0.999), 119_940);
    assert.equal(backoffDelay(5_000, 2, BACKOFF_CAP_MS, 0), 10_000);
  });

  it('an on-demand refresh still runs at once while slowed down', async () => {
    const clock = new FakeClock();
    const l = loader(() => ({ inTransition: false, throttled: true }));
    const s = new RefreshScheduler({ load: l.load, clock, random: () => 0.5 });
    s.setVisible(true);
    await settle();
    assert.deepEqual(clock.pending, [90_000], 'a minute doubled, capped at two, drawn halfway up its upper half');
    await s.refreshNow();
    assert.equal(l.stats.calls, 2);
    assert.equal(s.pace.throttledInARow, 2);
    assert.deepEqual(clock.pending, [90_000], 'still capped');
    s.dispose();
  });
});

describe('RefreshScheduler in a class sharing one account', () => {
  it('shares the quick pace with the class: 0.5 s per student, never quicker than 5 s; the minute stays', async () => {
    const clock = new FakeClock();
    let outcome: LoadOutcome = { inTransition: true, sharedBy: 40 };
    const l = loader(() => outcome);
    const s = new RefreshScheduler({ load: l.load, clock });
    s.setVisible(true);
    await settle();
    assert.equal(CLASS_FAST_MS_PER_STUDENT * 40, 20_000);
    assert.deepEqual(clock.pending, [20_000]);
    outcome = { inTransition: true, sharedBy: 3 };
    await clock.advance(20_000);
    assert.deepEqual(clock.pending, [5_000]);
    outcome = { inTransition: false, sharedBy: 40 };
    await clock.advance(5_000);
    assert.deepEqual(clock.pending, [60_000]);
    s.dispose();
  });
});

describe('RefreshScheduler shares a refresh', () => {
  it('two requests at once share one load', async () => {
    const clock = new FakeClock();
    const l = loader();
    const s = new RefreshScheduler({ load: l.load, clock });
    const a = s.refreshNow();
    const b = s.refreshNow();
    const c = s.ensureLoaded();
    assert.equal(a, b);
    await Promise.all([a, b, c]);
    assert.equal(l.stats.calls, 1);
    assert.equal(s.loadCount, 1);
    s.dispose();
  });
});
