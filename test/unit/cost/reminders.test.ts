// Reminder timing with a fake clock: start-up records, periodic spacing, idle focus loss, snooze and mute.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  DEFAULT_SPACING_MS,
  EMPTY_MEMORY,
  IDLE_MS,
  leftRunning,
  mute,
  noteSighting,
  parseMemory,
  recordKey,
  ReminderTimer,
  type Sighting,
} from '../../../src/cost/reminders';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-12-01T09:00:00Z');
const key = recordKey('practice', '123456789012', 'ap-northeast-1');
const sighting = (hourlyUsd: number, extra: Partial<Sighting> = {}): Sighting => ({
  key,
  practice: true,
  region: 'ap-northeast-1',
  hourlyUsd,
  accruedUsd: 0.1,
  kinds: { instance: 1, volume: 1, publicIpv4: 1 },
  ...extra,
});

describe('running records', () => {
  it('keeps since from the first sighting (or the earliest start known) and drops the record when nothing bills', () => {
    let memory = noteSighting(EMPTY_MEMORY, sighting(0.0215, { earliestStart: T0 - 2 * HOUR }), T0);
    assert.equal(memory.running[key]?.since, new Date(T0 - 2 * HOUR).toISOString());
    memory = noteSighting(memory, sighting(0.03, { accruedUsd: 0.2 }), T0 + HOUR);
    assert.equal(memory.running[key]?.since, new Date(T0 - 2 * HOUR).toISOString(), 'since does not move');
    assert.equal(memory.running[key]?.lastSeen, new Date(T0 + HOUR).toISOString());
    assert.equal(memory.running[key]?.hourlyUsd, 0.03);
    memory = mute(memory, key);
    assert.deepEqual(memory.muted, [key]);
    memory = noteSighting(memory, sighting(0), T0 + 2 * HOUR);
    assert.deepEqual(memory, EMPTY_MEMORY, 'cleaned up: no record, and the mute goes with the lab');
  });

  it('says what was left running, for how long and what it has cost by now (it kept billing while closed)', () => {
    const memory = noteSighting(EMPTY_MEMORY, sighting(0.02, { accruedUsd: 0.1, earliestStart: T0 }), T0 + HOUR);
    const left = leftRunning(memory, T0 + 11 * HOUR);
    assert.ok(left);
    assert.equal(left.hours, 11);
    assert.ok(Math.abs(left.costUsd - (0.1 + 0.02 * 10)) < 1e-9, String(left.costUsd));
    assert.deepEqual(left.record.kinds, { instance: 1, volume: 1, publicIpv4: 1 });
    assert.equal(leftRunning(mute(memory, key), T0 + 11 * HOUR), undefined, 'muted');
    assert.equal(leftRunning(EMPTY_MEMORY, T0), undefined);
  });

  it('survives a stored value of another shape', () => {
    assert.deepEqual(parseMemory(undefined), EMPTY_MEMORY);
    assert.deepEqual(parseMemory({ running: { a: { since: 'x' } }, muted: [1, 'b'] }), { running: {}, muted: ['b'] });
    const memory = noteSighting(EMPTY_MEMORY, sighting(0.02), T0);
    assert.deepEqual(parseMemory(JSON.parse(JSON.stringify(memory))), memory);
  });
});

describe('ReminderTimer', () => {
  it('reminds every N minutes while something bills, never sooner, not at all with 0', () => {
    const timer = new ReminderTimer({ everyMinutes: 30, onIdle: false }, T0);
    assert.equal(timer.due(T0 + 31 * MIN), undefined, 'nothing runs');
    timer.running(key, T0);
    assert.equal(timer.due(T0 + 29 * MIN), undefined);
    assert.equal(timer.due(T0 + 30 * MIN), key);
    timer.shown(T0 + 30 * MIN);
    assert.equal(timer.due(T0 + 59 * MIN), undefined, 'not two within the interval');
    assert.equal(timer.due(T0 + 60 * MIN), key);
    timer.stopped();
    assert.equal(timer.due(T0 + 120 * MIN), undefined, 'stopped');
    const off = new ReminderTimer({ everyMinutes: 0, onIdle: false }, T0);
    off.running(key, T0);
    assert.equal(off.due(T0 + 24 * HOUR), undefined);
  });

  it('"Remind me later" snoozes one interval', () => {
    const timer = new ReminderTimer({ everyMinutes: 20, onIdle: true }, T0);
    timer.running(key, T0);
    timer.shown(T0 + 20 * MIN);
    timer.snooze(T0 + 20 * MIN);
    assert.equal(timer.due(T0 + 39 * MIN), undefined);
    assert.equal(timer.onBlur(T0 + 39 * MIN), undefined, 'no idle reminder while snoozed');
    assert.equal(timer.due(T0 + 40 * MIN), key);
  });

  it('reminds on focus loss only after the student was idle, and spaced like the others', () => {
    const timer = new ReminderTimer({ everyMinutes: 60, onIdle: true }, T0);
    timer.running(key, T0);
    assert.equal(timer.onBlur(T0 + IDLE_MS - 1), undefined, 'not idle long enough');
    timer.activity(T0 + 5 * MIN);
    assert.equal(timer.onBlur(T0 + 5 * MIN + IDLE_MS - 1), undefined);
    assert.equal(timer.onBlur(T0 + 5 * MIN + IDLE_MS), key);
    timer.shown(T0 + 15 * MIN);
    assert.equal(timer.onBlur(T0 + 40 * MIN), undefined, 'within the interval of the last reminder');
    assert.equal(timer.due(T0 + 60 * MIN), undefined, 'the periodic one counts from the idle one');
    assert.equal(timer.due(T0 + 75 * MIN), key);
    const off = new ReminderTimer({ everyMinutes: 60, onIdle: false }, T0);
    off.running(key, T0);
    assert.equal(off.onBlur(T0 + 2 * HOUR), undefined, 'onIdle off');
  });

  it('spaces reminders by an hour when periodic ones are off, and the start-up one counts', () => {
    const timer = new ReminderTimer({ everyMinutes: 0, onIdle: true }, T0);
    assert.equal(timer.mayShow(T0), true);
    timer.shown(T0);
    timer.running(key, T0);
    assert.equal(timer.mayShow(T0 + DEFAULT_SPACING_MS - 1), false);
    assert.equal(timer.onBlur(T0 + DEFAULT_SPACING_MS - 1), undefined);
    assert.equal(timer.onBlur(T0 + DEFAULT_SPACING_MS), key);
  });
});
