// The reminders in VS Code: what bills is remembered in globalState per account and region; at start-up a lab
// left running last time is reported (what, for how long, what it cost); while something bills, a reminder every
// N minutes and one when the window loses focus after the student was idle. Timing lives in reminders.ts.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';
import type { CostEstimate } from '../../cost/estimate';
import {
  formatAmount,
  formatRate,
  kindLabel,
  accruedNow,
  COST_KINDS,
  type CostView,
  type Money,
} from '../../present/costModel';
import type { CostService } from './costService';
import { formatErrorForLog } from '../errorBoundary';
import {
  leftRunning,
  mute,
  noteSighting,
  parseMemory,
  recordKey,
  ReminderTimer,
  type LeftRunning,
  type ReminderMemory,
  type Sighting,
} from '../../cost/reminders';
import type { SettingsStore } from '../settings/store';
import type { Translate } from '../../present/translate';

export const REMINDER_MEMORY_KEY = 'scaleOutLab.reminders';
const TICK_MS = 60_000;

/** "WebServer…": billable resources by kind, e.g. "EC2 instances 1, EBS volumes 1". */
function whatText(kinds: Readonly<Record<string, number>>, t: Translate): string {
  return COST_KINDS.filter((k) => (kinds[k] ?? 0) > 0)
    .map((k) => `${kindLabel(k, t)} ${kinds[k]}`)
    .join(', ');
}

/** "3 min", "2 h 5 min", "3 days 4 h". */
export function durationText(hours: number, t: Translate): string {
  const minutes = Math.round(hours * 60);
  if (minutes < 1) return t('less than a minute');
  if (minutes < 60) return t('{0} min', minutes);
  const h = Math.floor(minutes / 60);
  if (h < 48) return t('{0} h {1} min', h, minutes % 60);
  return t('{0} days {1} h', Math.floor(h / 24), h % 24);
}

function sightingOf(view: CostView, estimate: CostEstimate, accountId: string, kind: 'practice' | 'aws'): Sighting {
  const billing = estimate.items.filter((i) => i.hourlyUsd > 0);
  const kinds: Record<string, number> = {};
  for (const i of billing)
    kinds[i.kind] = (kinds[i.kind] ?? 0) + (i.kind === 'publicIpv4' ? Number(i.detail.addresses ?? 1) : 1);
  const starts = billing.map((i) => (i.since ? Date.parse(i.since) : NaN)).filter((n) => !Number.isNaN(n));
  return {
    key: recordKey(kind, accountId, view.region),
    practice: view.practice,
    region: view.region,
    hourlyUsd: estimate.hourlyUsd,
    accruedUsd: estimate.accruedUsd,
    kinds,
    ...(starts.length > 0 ? { earliestStart: Math.min(...starts) } : {}),
  };
}

export class ReminderService implements vscode.Disposable {
  private memory: ReminderMemory;
  private readonly timer: ReminderTimer;
  private readonly interval: ReturnType<typeof setInterval>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private current: { key: string; view: CostView } | undefined;
  /** A reminder on screen: no second one on top of it. */
  private showing = false;
  /** The reminders shown in this session (host tests read them). */
  readonly shown: string[] = [];
  /** What the start-up found (before this session's estimates overwrite it). */
  readonly leftLastTime: LeftRunning | undefined;

  constructor(
    private readonly state: vscode.Memento,
    cost: CostService,
    private readonly settings: SettingsStore,
    private readonly accountOf: () => { kind: 'practice' | 'aws'; accountId: string } | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.memory = parseMemory(state.get(REMINDER_MEMORY_KEY));
    const now = Date.now();
    this.timer = new ReminderTimer(settings.current.reminders, now);
    this.leftLastTime = leftRunning(this.memory, now);
    this.subscriptions.push(
      cost.onDidChange((view) => this.onEstimate(view)),
      // How often and whether on idle: the timer re-times from now on.
      settings.onDidChange(({ settings: next }) => this.timer.setSettings(next.reminders)),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.timer.activity(Date.now());
        else this.remindIf(this.timer.onBlur(Date.now()), 'idle');
      }),
      vscode.window.onDidChangeTextEditorSelection(() => this.timer.activity(Date.now())),
      vscode.window.onDidChangeActiveTextEditor(() => this.timer.activity(Date.now())),
      vscode.window.onDidChangeActiveTerminal(() => this.timer.activity(Date.now())),
    );
    this.interval = setInterval(() => this.remindIf(this.timer.due(Date.now()), 'periodic'), TICK_MS);
  }

  /** The lab left running last time, said once at start-up. */
  remindAtStartup(): void {
    const left = this.leftLastTime;
    if (!left || !this.timer.mayShow(Date.now())) return;
    const t = vscode.l10n.t;
    const r = left.record;
    const money = this.money();
    const args = [
      r.region,
      whatText(r.kinds, t),
      durationText(left.hours, t),
      formatAmount(left.costUsd, money, t),
      formatRate(r.hourlyUsd, money, t),
    ] as const;
    const message = r.practice
      ? t(
          'Last time the lab was left running on the practice account ({0}): {1}, for {2}. On AWS that would have cost about {3} so far, and it goes on at {4}.',
          ...args,
        )
      : t(
          'Last time the lab was left running in your AWS account ({0}): {1}, for {2}. That has cost about {3} so far, and it goes on at {4} until you clean up.',
          ...args,
        );
    this.show(message, r.key);
  }

  private money(): Money {
    const s = this.settings.current;
    return { currency: s.cost.currency, yenPerUsd: s.cost.yenPerUsd };
  }

  private onEstimate(view: CostView | undefined): void {
    const account = this.accountOf();
    if (!view || !account) return;
    const sighting = sightingOf(view, view.estimate, account.accountId, account.kind);
    const now = Date.now();
    if (sighting.hourlyUsd > 0) this.timer.running(sighting.key, now);
    else this.timer.stopped();
    this.current = { key: sighting.key, view };
    this.memory = noteSighting(this.memory, sighting, now);
    this.save();
  }

  private remindIf(key: string | undefined, why: 'periodic' | 'idle'): void {
    const current = this.current;
    if (!key || !current || current.key !== key || this.memory.muted.includes(key)) return;
    const t = vscode.l10n.t;
    const e = current.view.estimate;
    const money = this.money();
    const billing = e.items.filter((i) => i.hourlyUsd > 0);
    const kinds: Record<string, number> = {};
    for (const i of billing) kinds[i.kind] = (kinds[i.kind] ?? 0) + 1;
    const args = [
      whatText(kinds, t),
      formatRate(e.hourlyUsd, money, t),
      formatAmount(accruedNow(e, Date.now()), money, t),
    ] as const;
    const message = current.view.practice
      ? t('The lab is still running on the practice account: {0}. On AWS: {1}, {2} so far.', ...args)
      : t('The lab is still running in your AWS account: {0}. It costs {1} ({2} so far).', ...args);
    this.log.info(`Reminder (${why}): ${message}`);
    this.show(message, key);
  }

  private show(message: string, key: string): void {
    if (this.showing) return;
    const t = vscode.l10n.t;
    const now = Date.now();
    this.timer.shown(now);
    this.showing = true;
    this.shown.push(message);
    const cleanUp = t('Clean Up Now');
    const later = t('Remind Me Later');
    const never = t('Don’t Remind Me for This Lab');
    void vscode.window.showWarningMessage(message, cleanUp, later, never).then(
      async (choice) => {
        this.showing = false;
        if (choice === cleanUp) await vscode.commands.executeCommand(COMMANDS.cleanUp);
        else if (choice === later) this.timer.snooze(Date.now());
        else if (choice === never) {
          this.memory = mute(this.memory, key);
          this.save();
        }
      },
      (error: unknown) => {
        this.showing = false;
        this.log.error(`Reminder failed:\n${formatErrorForLog(error)}`);
      },
    );
  }

  private save(): void {
    void Promise.resolve(this.state.update(REMINDER_MEMORY_KEY, this.memory)).catch((error: unknown) =>
      this.log.warn(`Saving what runs failed:\n${formatErrorForLog(error)}`),
    );
  }

  dispose(): void {
    clearInterval(this.interval);
    for (const s of this.subscriptions) s.dispose();
  }
}
