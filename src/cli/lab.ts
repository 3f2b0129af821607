// `scale-out-lab check` and `run STEP`: the lab's checks and step runners from a terminal. Progress on stderr,
// the result on stdout (JSON with --json, also when the step cannot run or has nothing to do).
import { setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type describeProblem } from '../aws/errors';
import { fetchInventory } from '../aws/inventory';
import type { AwsClients } from '../aws/clients';
import { createWebProbe } from '../aws/web';
import type { CliIo } from './main';
import { withAccount, type AccountValues } from './account';
import { createdLines, problemLine, tallyLines, UsageError } from './words';
import { checkAll } from '../lab/checks/checks';
import { translatorFromEnv } from '../present/l10n';
import { observe } from '../lab/observe';
import { planStep, runStep } from '../lab/run/runner';
import { stepSummary, stepTitle } from '../present/lab/steps';
import { reasonText } from '../present/lab/reasons';
import { fixTitle } from '../present/lab/fixes';
import { optionText } from '../present/lab/options';
import { progressText } from '../present/lab/progress';
import { isStepId, stepById } from '../lab/tracks';
import type { CheckResult, StepContext, StepOutcome, StepPlan, TrackId } from '../lab/types';
import type { Translate } from '../present/translate';

export const ACCOUNT_OPTIONS = {
  practice: { type: 'boolean' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  state: { type: 'string' },
  speed: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Listeners one run may hang on its signal at once: the inventory's parallel calls (about 20), each SDK request
 * adding one until it closes, plus waiters and web probes. Bounded, so a real leak still warns.
 */
const RUN_SIGNAL_LISTENERS = 100;

function labContext(clients: AwsClients, signal: AbortSignal, io: CliIo, t: Translate, env: NodeJS.ProcessEnv) {
  let last = '';
  const ctx: StepContext = {
    clients,
    inventory: () => fetchInventory(clients, { abortSignal: signal }),
    web: createWebProbe(clients.account),
    signal,
    // Progress on stderr, each message once (stdout stays the result, for --json).
    progress: (p) => {
      const line = progressText(p, t);
      if (line !== last) io.stderr.write(`  ${line}\n`);
      last = line;
    },
    ...(env.HOME ? { home: env.HOME } : {}),
  };
  return ctx;
}

/** One check result as the CLI prints it in JSON. */
export function checkEntry(r: CheckResult, t: Translate) {
  return {
    id: r.step,
    title: stepTitle(r.step, t),
    passed: r.status === 'passed',
    status: r.status,
    ...(r.status === 'passed' ? { facts: r.facts ?? {} } : {}),
    ...(r.status !== 'passed'
      ? { reason: reasonText(r.reason, t), reasonCode: r.reason.code, args: r.reason.args }
      : {}),
    ...(r.status === 'waiting' ? { waitingOn: r.on } : {}),
    ...((r.status === 'passed' || r.status === 'failed') && r.notes?.length
      ? { notes: r.notes.map((n) => ({ code: n.code, args: n.args, text: reasonText(n, t) })) }
      : {}),
    ...(r.status === 'failed'
      ? {
          fixes: r.fixes.map((f) => ({ code: f.code, args: f.args, title: fixTitle(f, t) })),
          details: (r.details ?? []).map((d) => ({ code: d.code, args: d.args, text: reasonText(d, t) })),
        }
      : {}),
  };
}

export function checkLine(r: CheckResult, t: Translate): string {
  // 'unknown' (a section could not be read) is a warning, not a failure: '!' and "could not be checked".
  const mark = r.status === 'passed' ? '✓' : r.status === 'waiting' ? '·' : r.status === 'unknown' ? '!' : '✗';
  const head = `${mark} ${stepTitle(r.step, t)}`;
  const notes =
    r.status === 'passed' || r.status === 'failed'
      ? (r.notes ?? []).map((n) => `\n      ${t('Note: {0}', reasonText(n, t))}`).join('')
      : '';
  if (r.status === 'passed') return `${head}${notes}`;
  const more = r.status === 'failed' ? r.fixes.map((f) => `\n      ${t('Fix: {0}', fixTitle(f, t))}`).join('') : '';
  const rest =
    r.status === 'failed'
      ? (r.details ?? [])
          .slice(1)
          .map((d) => `\n      ${t('Also: {0}', reasonText(d, t))}`)
          .join('')
      : '';
  const why = reasonText(r.reason, t);
  return `${head}\n    ${r.status === 'unknown' ? t('could not be checked: {0}', why) : why}${rest}${more}${notes}`;
}

function warnProblems(
  inventory: { problems: readonly { section: string; error: Parameters<typeof describeProblem>[0] }[] },
  io: CliIo,
  t: Translate,
) {
  for (const p of inventory.problems)
    io.stderr.write(`${t('Warning: {0}: {1}', p.section, problemLine(p.error, t))}\n`);
}

export async function checkCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, usage: string) {
  const { values } = parseArgs({
    args: [...args],
    options: { ...ACCOUNT_OPTIONS, track: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const track = values.track;
  if (track !== undefined && track !== '0' && track !== '1')
    throw new UsageError(t('--track must be 0 or 1: {0}', track));
  const results = await withAccount(
    values,
    env,
    async (clients) => {
      const inventory = await fetchInventory(clients);
      warnProblems(inventory, io, t);
      const observations = await observe(inventory, createWebProbe(clients.account));
      return checkAll({ inventory, observations }, track as TrackId | undefined);
    },
    io,
  );
  if (values.json)
    io.stdout.write(
      `${JSON.stringify(
        results.map((r) => checkEntry(r, t)),
        null,
        2,
      )}\n`,
    );
  else io.stdout.write(`${results.map((r) => checkLine(r, t)).join('\n')}\n`);
  return results.every((r) => r.status === 'passed') ? 0 : 3;
}

/** `--option key=value` pairs. */
function parseOptions(list: readonly string[] | undefined, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(t('--option must be KEY=VALUE: {0}', item));
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

export async function terminalConfirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|はい)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function outcomeJson(o: StepOutcome, t: Translate) {
  return {
    step: o.step,
    created: o.created,
    reused: o.reused,
    check: checkEntry(o.check, t),
    ...(o.tally ? { tally: o.tally } : {}),
    ...(o.exercise ? { exercise: o.exercise } : {}),
    ...(o.observations ? { observations: [...o.observations.values()].map(({ body: _body, ...rest }) => rest) } : {}),
  };
}

/** A plan that does not run: nothing to do (1.7 with every target healthy, exit 0) or not ready yet (exit 3). */
function notRunning(plan: Extract<StepPlan, { ready: false }>, json: boolean | undefined, io: CliIo, t: Translate) {
  const nothingToDo = plan.reason.code === 'targets.allHealthy';
  const text = reasonText(plan.reason, t);
  if (json)
    io.stdout.write(
      `${JSON.stringify({ step: plan.step, ran: false, nothingToDo, reason: text, reasonCode: plan.reason.code, args: plan.reason.args }, null, 2)}\n`,
    );
  else io.stderr.write(`  ${text}\n`);
  return nothingToDo ? 0 : 3;
}

export async function runCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, usage: string) {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...ACCOUNT_OPTIONS,
      yes: { type: 'boolean', short: 'y' },
      option: { type: 'string', multiple: true, short: 'o' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError(t('run needs one step, e.g. scale-out-lab run 1.1'));
  if (!isStepId(id)) throw new UsageError(t('unknown step: {0} (steps: 0.1 0.2 1.1 ... 1.10)', id));
  const given = parseOptions(values.option, t);
  const stop = new AbortController();
  setMaxListeners(RUN_SIGNAL_LISTENERS, stop.signal);
  const onSigint = () => stop.abort(new Error('interrupted'));
  if (!io.signal) process.once('SIGINT', onSigint);
  io.signal?.addEventListener('abort', () => stop.abort(io.signal?.reason), { once: true });
  try {
    return await withAccount(
      values as AccountValues,
      env,
      async (clients) => {
        const ctx = labContext(clients, stop.signal, io, t, env);
        const inventory = await ctx.inventory();
        // Planned with the answers given: a choice can bring its own questions (1.2's NoReboot with method=instance).
        const plan = planStep(id, { inventory, observations: new Map() }, given);
        io.stderr.write(`${stepTitle(id, t)}\n  ${stepSummary(id, t)}\n`);
        if (!plan.ready) return notRunning(plan, values.json, io, t);
        for (const key of Object.keys(given)) {
          if (!plan.options.some((o) => o.key === key))
            throw new UsageError(
              t('step {0} has no option {1} (options: {2})', id, key, plan.options.map((o) => o.key).join(', ') || '-'),
            );
        }
        for (const o of plan.options) {
          const value = given[o.key] ?? o.default;
          const choice = o.choices?.find((c) => c.value === value);
          // A choice reads as its words; its value appears only in the option syntax.
          const shown = choice ? optionText(choice.code, choice.args, t) : value;
          const syntax = o.choices ? o.choices.map((c) => c.value).join('|') : '…';
          io.stderr.write(`  ${optionText(o.code, undefined, t)}: ${shown}   [--option ${o.key}=${syntax}]\n`);
        }
        if (!values.yes) {
          const ask = io.confirm ?? (process.stdin.isTTY ? terminalConfirm : undefined);
          if (!ask) throw new UsageError(t('not a terminal: add --yes to run the step'));
          if (!(await ask(t('Run {0}? [y/N] ', id)))) return 1;
        }
        const outcome = await runStep(stepById(id).id, given, ctx);
        if (values.json) io.stdout.write(`${JSON.stringify(outcomeJson(outcome, t), null, 2)}\n`);
        else {
          const lines = [...createdLines(outcome.created, outcome.reused, t)];
          if (outcome.tally) lines.push(...tallyLines(outcome.tally, t));
          if (outcome.exercise) lines.push(...tallyLines(outcome.exercise.whileStopped, t));
          lines.push(checkLine(outcome.check, t));
          io.stdout.write(`${lines.join('\n')}\n`);
        }
        return outcome.check.status === 'passed' ? 0 : 3;
      },
      io,
    );
  } finally {
    process.off('SIGINT', onSigint);
  }
}
