// When to remind the student that the lab is still running. Pure timing over an injected clock (no vscode):
// the VS Code side (reminderService.ts) feeds it estimates, activity and focus changes, and shows what it says.
// Rules: never two reminders within the interval; periodic ones every N minutes while something bills (0 = off);
// one when the window loses focus after the student has been idle a while; none for a muted lab; "later"
// snoozes one interval. What ran is remembered per account and region (for the reminder at the next start-up).

/** What was running in an account and region, as persisted between sessions. */
export interface RunningRecord {
  /** "practice:<accountId>:<region>" or "aws:<accountId>:<region>". */
  readonly key: string;
  readonly practice: boolean;
  readonly region: string;
  /** ISO: since when something billable has been running (the earliest start known, else first seen). */
  readonly since: string;
  /** ISO: when the extension last saw it running. */
  readonly lastSeen: string;
  readonly hourlyUsd: number;
  /** Accrued by lastSeen. */
  readonly accruedUsd: number;
  /** Billable resources by kind ("instance" -> 2). */
  readonly kinds: Readonly<Record<string, number>>;
}

export interface ReminderMemory {
  /** By record key. */
  readonly running: Readonly<Record<string, RunningRecord>>;
  /** Record keys the student said not to remind about. */
  readonly muted: readonly string[];
}

export const EMPTY_MEMORY: ReminderMemory = { running: {}, muted: [] };

/** Tolerates whatever was stored (an older or hand-edited shape): keeps what is usable. */
export function parseMemory(value: unknown): ReminderMemory {
  if (!value || typeof value !== 'object') return EMPTY_MEMORY;
  const v = value as { running?: unknown; muted?: unknown };
  const running: Record<string, RunningRecord> = {};
  if (v.running && typeof v.running === 'object') {
    for (const [key, r] of Object.entries(v.running as Record<string, Partial<RunningRecord>>)) {
      if (
        r &&
        typeof r.since === 'string' &&
        typeof r.lastSeen === 'string' &&
        typeof r.hourlyUsd === 'number' &&
        typeof r.accruedUsd === 'number' &&
        !Number.isNaN(Date.parse(r.since)) &&
        !Number.isNaN(Date.parse(r.lastSeen))
      ) {
        running[key] = {
          key,
          practice: r.practice === true,
          region: typeof r.region === 'string' ? r.region : '',
          since: r.since,
          lastSeen: r.lastSeen,
          hourlyUsd: r.hourlyUsd,
          accruedUsd: r.accruedUsd,
          kinds: r.kinds && typeof r.kinds === 'object' ? r.kinds : {},
        };
      }
    }
  }
  const muted = Array.isArray(v.muted) ? v.muted.filter((m): m is string => typeof m === 'string') : [];
  return { running, muted };
}

export function recordKey(kind: 'practice' | 'aws', accountId: string, region: string): string {
  return `${kind}:${accountId}:${region}`;
}

/** What an estimate says is running now, as a record (undefined when nothing bills). */
export interface Sighting {
  readonly key: string;
  readonly practice: boolean;
  readonly region: string;
  readonly hourlyUsd: number;
  readonly accruedUsd: number;
  readonly kinds: Readonly<Record<string, number>>;
  /** The earliest start among the billable resources, when known (epoch ms). */
  readonly earliestStart?: number;
}

/**
 * The memory after an estimate: a record kept (since unchanged) while something bills, dropped when nothing
 * does. A lab cleaned up also loses its mute: the next lab reminds again.
 */
export function noteSighting(memory: ReminderMemory, sighting: Sighting, nowMs: number): ReminderMemory {
  const running = { ...memory.running };
  if (sighting.hourlyUsd <= 0) {
    delete running[sighting.key];
    return { running, muted: memory.muted.filter((m) => m !== sighting.key) };
  }
  const previous = running[sighting.key];
  const since = previous ? Date.parse(previous.since) : Math.min(nowMs, sighting.earliestStart ?? nowMs);
  running[sighting.key] = {
    key: sighting.key,
    practice: sighting.practice,
    region: sighting.region,
    since: new Date(Math.min(since, sighting.earliestStart ?? since)).toISOString(),
    lastSeen: new Date(nowMs).toISOString(),
    hourlyUsd: sighting.hourlyUsd,
    accruedUsd: sighting.accruedUsd,
    kinds: sighting.kinds,
  };
  return { running, muted: memory.muted };
}

export function mute(memory: ReminderMemory, key: string): ReminderMemory {
  return memory.muted.includes(key) ? memory : { ...memory, muted: [...memory.muted, key] };
}

/** What a start-up reminder says: the record, how long it has been running, and what it has cost by now. */
export interface LeftRunning {
  readonly record: RunningRecord;
  readonly hours: number;
  /** Accrued at last sight plus the rate since (it kept billing while VS Code was closed). */
  readonly costUsd: number;
}

/** The lab left running last time (the costliest unmuted record), if any. */
export function leftRunning(memory: ReminderMemory, nowMs: number): LeftRunning | undefined {
  const records = Object.values(memory.running).filter((r) => r.hourlyUsd > 0 && !memory.muted.includes(r.key));
  const record = records.sort((a, b) => b.hourlyUsd - a.hourlyUsd)[0];
  if (!record) return undefined;
  const lastSeen = Date.parse(record.lastSeen);
  const hours = Math.max(0, nowMs - Date.parse(record.since)) / 3_600_000;
  const costUsd = record.accruedUsd + (record.hourlyUsd * Math.max(0, nowMs - lastSeen)) / 3_600_000;
  return { record, hours, costUsd };
}

export interface ReminderSettings {
  /** 0 = no periodic reminders. */
  readonly everyMinutes: number;
  readonly onIdle: boolean;
}

/** Idle this long before a focus loss reminds. */
export const IDLE_MS = 10 * 60_000;
/** Spacing of reminders when periodic ones are off (idle reminders still need one). */
export const DEFAULT_SPACING_MS = 60 * 60_000;

export type ReminderReason = 'startup' | 'periodic' | 'idle';

/**
 * The timing: feed it what runs (`running(key, nowMs)`, `stopped()`), activity and focus; ask `due(now)` on a
 * timer and `onBlur(now)` when the window loses focus; tell it `shown(now)` and `snooze(now)`.
 */
export class ReminderTimer {
  private lastShown: number | undefined;
  private snoozedUntil = 0;
  private lastActivity: number;
  /** Since when the current key has been seen billing in this session. */
  private runningSince: number | undefined;
  private key: string | undefined;

  constructor(
    private settings: ReminderSettings,
    nowMs: number,
  ) {
    this.lastActivity = nowMs;
  }

  setSettings(settings: ReminderSettings): void {
    this.settings = settings;
  }

  /** The minimum time between two reminders. */
  get spacingMs(): number {
    return this.settings.everyMinutes > 0 ? this.settings.everyMinutes * 60_000 : DEFAULT_SPACING_MS;
  }

  /** Something bills in `key` (called on every estimate). */
  running(key: string, nowMs: number): void {
    if (this.key !== key) this.runningSince = nowMs;
    this.key = key;
  }

  /** Nothing bills any more. */
  stopped(): void {
    this.key = undefined;
    this.runningSince = undefined;
  }

  activity(nowMs: number): void {
    this.lastActivity = nowMs;
  }

  private spaced(nowMs: number): boolean {
    if (nowMs < this.snoozedUntil) return false;
    return this.lastShown === undefined || nowMs - this.lastShown >= this.spacingMs;
  }

  /** The key a periodic reminder is due for now, if any (muted keys are the caller's to filter). */
  due(nowMs: number): string | undefined {
    if (this.settings.everyMinutes <= 0 || this.key === undefined || this.runningSince === undefined) return undefined;
    // The first one an interval after the resources were first seen running (or after the last reminder).
    const from = Math.max(this.runningSince, this.lastShown ?? -Infinity);
    if (nowMs - from < this.settings.everyMinutes * 60_000) return undefined;
    return this.spaced(nowMs) ? this.key : undefined;
  }

  /** The window lost focus: a reminder is due when idle long enough and something bills. */
  onBlur(nowMs: number): string | undefined {
    if (!this.settings.onIdle || this.key === undefined) return undefined;
    if (nowMs - this.lastActivity < IDLE_MS) return undefined;
    return this.spaced(nowMs) ? this.key : undefined;
  }

  /** A start-up reminder is spaced like the others (it is the first, so it always may show). */
  mayShow(nowMs: number): boolean {
    return this.spaced(nowMs);
  }

  shown(nowMs: number): void {
    this.lastShown = nowMs;
  }

  /** "Remind me later": nothing for one interval. */
  snooze(nowMs: number): void {
    this.snoozedUntil = nowMs + this.spacingMs;
  }
}
