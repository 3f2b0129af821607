// `scale-out-lab load`: 3.4's bounded load from a terminal, against the lab's own load balancer only, its rate on
// stderr every second, Ctrl-C stops it. `scale-out-lab watch-scaling`: the lab's Auto Scaling group sampled as the
// editor's chart samples it (CPU, alarms, sizes, instances), one line per change, until Ctrl-C.
import { parseArgs } from 'node:util';
import { fetchInventory } from '../aws/inventory';
import { layoutOption, LAB_OPTIONS, LAYOUT_USAGE } from './lab';
import { findRoles } from '../lab/roles';
import { findScalingRoles } from '../lab/scaling';
import { DEFAULT_LOAD_CONCURRENCY } from '../lab/run/planScaling';
import {
  loadTargetFor,
  MAX_LOAD_CONCURRENCY,
  MAX_LOAD_DURATION_MS,
  startLoad,
  type LoadFigures,
} from '../lab/scaling/load';
import type { ScalingSample } from '../lab/scaling/samples';
import { watchScaling } from '../lab/scaling/watch';
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';
import { ACCOUNT_OPTIONS, studentOption, withAccount } from './account';
import { interruptSignal, type CliCommand } from './io';
import { UsageError } from './words';

export const LOAD_USAGE = `  scale-out-lab load [--concurrency N] [--duration 60s] [--per-second N] [--layout …] [--json] [account options]
      HTTP load on the lab's own load balancer only (at most ${MAX_LOAD_CONCURRENCY} at a time, at most ${MAX_LOAD_DURATION_MS / 60_000} min),
      the rate printed every second; Ctrl-C stops it. Defaults: ${DEFAULT_LOAD_CONCURRENCY} at a time, 60s.
  scale-out-lab watch-scaling [--group NAME] [--every 2s] [--duration 10m] [--layout …] [--json] [account options]
      The Auto Scaling group's CPU, alarms, sizes and instances, one line per change; Ctrl-C stops.
${LAYOUT_USAGE}`;

/** "90", "90s", "5m", "500ms" as milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

function duration(value: string | undefined, fallback: number, key: string, t: Translate): number {
  if (value === undefined) return fallback;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new UsageError(t('{0} must be a duration such as 90s or 5m: {1}', key, value));
  return ms;
}

function wholeNumber(value: string | undefined, fallback: number | undefined, key: string, t: Translate) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(t('{0} must be a whole number: {1}', key, value));
  return Number(value);
}

function loadLine(f: LoadFigures, t: Translate): string {
  return t(
    '{0} requests/s · {1} sent · {2} answered · {3} failed',
    f.requestsPerSecond.toFixed(1),
    f.sent,
    f.answered,
    f.failed,
  );
}

export const loadCommand: CliCommand = async (args, io, env, usage) => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...ACCOUNT_OPTIONS,
      ...LAB_OPTIONS,
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      'per-second': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  void positionals;
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const layout = layoutOption(values.layout, env, t);
  const concurrency = wholeNumber(values.concurrency, DEFAULT_LOAD_CONCURRENCY, '--concurrency', t) ?? 0;
  const durationMs = duration(values.duration, 60_000, '--duration', t);
  const stop = interruptSignal(io, 0);
  try {
    return await withAccount(
      values,
      env,
      async (clients) => {
        const inventory = await fetchInventory(clients, { abortSignal: stop.signal, ...studentOption(values, env, t) });
        const endpoint = clients.account.endpoint;
        const target = loadTargetFor(inventory, { ...(endpoint ? { endpoint } : {}), ...(layout ? { layout } : {}) });
        // Unset: as fast as the answers come on AWS, the practice pace through its endpoint (startLoad's default).
        const paced = wholeNumber(values['per-second'], undefined, '--per-second', t);
        io.stderr.write(`${t('Load on {0}', target.host)}\n`);
        const load = startLoad({
          target,
          concurrency,
          durationMs,
          signal: stop.signal,
          ...(paced ? { perSecond: paced } : {}),
          onTick: (f) => {
            if (f.running) io.stderr.write(`  ${loadLine(f, t)}\n`);
          },
        });
        const last = await load.done;
        if (values.json) io.stdout.write(`${JSON.stringify({ host: target.host, ...last }, null, 2)}\n`);
        else
          io.stdout.write(
            `${t('The load stopped: {0} requests, {1} answered, {2} failed.', last.sent, last.answered, last.failed)}\n`,
          );
        return 0;
      },
      io,
    );
  } finally {
    stop.release();
  }
};

/** One sample in a line: the time, the CPU, the sizes, each alarm's state, the load's rate. */
function sampleLine(s: ScalingSample, t: Translate): string {
  const time = new Date(s.at).toISOString().slice(11, 19);
  const cpu = s.cpuAverage === undefined ? '–' : `${s.cpuAverage}%`;
  const alarms = s.alarms.map((a) => `${a.name} ${a.state}`).join(', ') || '–';
  return t(
    '{0} CPU {1} · desired {2} · InService {3} (min {4}, max {5}) · alarms: {6}',
    time,
    cpu,
    s.desired,
    s.inService,
    s.min,
    s.max,
    alarms,
  );
}

export const watchScalingCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...ACCOUNT_OPTIONS,
      ...LAB_OPTIONS,
      group: { type: 'string' },
      every: { type: 'string' },
      duration: { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const layout = layoutOption(values.layout, env, t);
  const everyMs = duration(values.every, 2000, '--every', t);
  const forMs = duration(values.duration, 10 * 60_000, '--duration', t);
  const stop = interruptSignal(io, 0);
  const ends = new AbortController();
  const until = setTimeout(() => ends.abort(), forMs);
  stop.signal.addEventListener('abort', () => ends.abort(), { once: true });
  try {
    return await withAccount(
      values,
      env,
      async (clients) => {
        let group = values.group;
        if (!group) {
          const inventory = await fetchInventory(clients, {
            abortSignal: ends.signal,
            ...studentOption(values, env, t),
          });
          group = findScalingRoles(inventory, findRoles(inventory, undefined, layout), layout).group?.name;
        }
        if (!group) {
          io.stderr.write(`${t('There is no Auto Scaling group to watch yet (step 3.2 makes one).')}\n`);
          return 3;
        }
        let shown = '';
        let activity = '';
        const timeline = await watchScaling(clients, group, {
          signal: ends.signal,
          everyMs,
          onSample: (tl) => {
            const s = tl.samples.at(-1);
            if (!s || values.json) return;
            const line = sampleLine(s, t);
            // The time aside, a line only when something changed.
            if (line.slice(9) !== shown.slice(9)) io.stderr.write(`${line}\n`);
            shown = line;
            if (s.activity && s.activity !== activity) io.stderr.write(`  ${s.activity}\n`);
            activity = s.activity ?? activity;
          },
        });
        if (values.json) io.stdout.write(`${JSON.stringify(timeline, null, 2)}\n`);
        return 0;
      },
      io,
    );
  } finally {
    clearTimeout(until);
    stop.release();
  }
};
