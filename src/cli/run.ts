// `scale-out-lab run STEP [--yes] [--option KEY=VALUE ...] [--json]`: one lab step's plan (its options and their
// defaults), a confirmation, the run with progress on stderr, the result and its check on stdout (JSON with
// --json, also when the step cannot run or has nothing to do). Exit 0 when the check passes, 3 when not.
import { parseArgs } from 'node:util';
import type { AwsClients } from '../aws/clients';
import { sessionInventory } from '../aws/runnerReads';
import { createWebProbe } from '../aws/web';
import { planStep, runStep } from '../lab/run/runner';
import { isStepId, stepById, STEPS, stepsOfTrack, TRACKS } from '../lab/tracks';
import type { LayoutId } from '../lab/layout';
import type { StepContext, StepOutcome, StepPlan } from '../lab/types';
import { translatorFromEnv } from '../present/l10n';
import { optionText } from '../present/lab/options';
import { progressText } from '../present/lab/progress';
import { reasonText } from '../present/lab/reasons';
import { stepSummary, stepTitle } from '../present/lab/steps';
import type { Translate } from '../present/translate';
import { ACCOUNT_OPTIONS, studentOption, withAccount } from './account';
import { confirmer, interruptSignal, secretAsker, type CliCommand, type CliIo } from './io';
import { checkEntry, checkLine, LAB_OPTIONS, layoutOption, LAYOUT_USAGE } from './lab';
import { createdLines, scalingLines, tallyLines, UsageError } from './words';

/** The steps by track, "0.1, 0.2, 1.1 ... 1.10, 4.1 ... 4.4": from the lab's data, so a new step is listed. */
const STEP_LIST = TRACKS.map((track) => {
  const ids = stepsOfTrack(track).map((s) => s.id);
  return ids.length > 2 ? `${ids[0]} ... ${ids[ids.length - 1]}` : ids.join(', ');
}).join(', ');

export const RUN_USAGE = `  scale-out-lab run STEP [--yes] [--option KEY=VALUE ...] [--classic] [--layout …] [--json] [account options]
      Do one lab step (${STEP_LIST}). Without --yes, shows the plan and asks first.
      --option K=V      change a default (the plan lists the keys), e.g. --option az=ap-northeast-1c
      --classic         1.6 with a Classic Load Balancer (seed 001), as --option balancer=classic
      --json            the outcome as JSON
${LAYOUT_USAGE}`;

/**
 * Listeners one run may hang on its signal at once: the inventory's parallel calls (about 20), each SDK request
 * adding one until it closes, plus waiters and web probes. Bounded, so a real leak still warns.
 */
const RUN_SIGNAL_LISTENERS = 100;

function labContext(
  clients: AwsClients,
  signal: AbortSignal,
  io: CliIo,
  t: Translate,
  env: NodeJS.ProcessEnv,
  layout: LayoutId | undefined,
  student: string | undefined,
) {
  let last = '';
  const ctx: StepContext = {
    clients,
    ...(layout ? { layout } : {}),
    ...(student ? { student } : {}),
    inventory: sessionInventory(clients, signal, student),
    web: createWebProbe(clients.account),
    signal,
    // Progress on stderr, each message once (stdout stays the result, for --json).
    progress: (p) => {
      const line = progressText(p, t);
      if (line !== last) io.stderr.write(`  ${line}\n`);
      last = line;
    },
    ...(env.HOME ? { home: env.HOME } : {}),
    // Asked only when a database is made: from the environment, else typed unechoed; never an --option (it would
    // stay in the shell's history).
    secrets: {
      databasePassword: async () => {
        if (env.SCALE_OUT_LAB_DB_PASSWORD) return env.SCALE_OUT_LAB_DB_PASSWORD;
        const ask = secretAsker(io);
        return ask ? ask(t('Master password for the database (not shown): ')) : undefined;
      },
    },
  };
  return ctx;
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

function outcomeJson(o: StepOutcome, t: Translate) {
  return {
    step: o.step,
    created: o.created,
    reused: o.reused,
    check: checkEntry(o.check, t),
    ...(o.tally ? { tally: o.tally } : {}),
    ...(o.exercise ? { exercise: o.exercise } : {}),
    ...(o.scaling ? { scaling: o.scaling } : {}),
    ...(o.healing ? { healing: o.healing } : {}),
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

export const runCommand: CliCommand = async (args, io, env, usage) => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...ACCOUNT_OPTIONS,
      ...LAB_OPTIONS,
      yes: { type: 'boolean', short: 'y' },
      option: { type: 'string', multiple: true, short: 'o' },
      classic: { type: 'boolean' },
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
  if (!isStepId(id)) throw new UsageError(t('unknown step: {0} (steps: {1})', id, STEPS.map((s) => s.id).join(' ')));
  const given = parseOptions(values.option, t);
  if (values.classic) given.balancer = 'classic';
  const layout = layoutOption(values.layout, env, t);
  const { student } = studentOption(values, env, t);
  const stop = interruptSignal(io, RUN_SIGNAL_LISTENERS);
  try {
    return await withAccount(
      values,
      env,
      async (clients) => {
        const ctx = labContext(clients, stop.signal, io, t, env, layout, student);
        const inventory = await ctx.inventory();
        // Planned with the answers given: a choice can bring its own questions (1.2's NoReboot with method=instance).
        const plan = planStep(id, { inventory, observations: new Map(), ...(layout ? { layout } : {}) }, given);
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
        // What the run does besides its options (seed 001: WebServer stopped first, both servers launched).
        for (const r of plan.preview ?? []) io.stderr.write(`  → ${reasonText(r, t)}\n`);
        if (!values.yes) {
          const ask = confirmer(io);
          if (!ask) throw new UsageError(t('not a terminal: add --yes to run the step'));
          if (!(await ask(t('Run {0}? [y/N] ', id)))) return 1;
        }
        const outcome = await runStep(stepById(id).id, given, ctx);
        if (values.json) io.stdout.write(`${JSON.stringify(outcomeJson(outcome, t), null, 2)}\n`);
        else {
          const lines = [...createdLines(outcome.created, outcome.reused, t)];
          if (outcome.tally) lines.push(...tallyLines(outcome.tally, t));
          if (outcome.exercise) lines.push(...tallyLines(outcome.exercise.whileStopped, t));
          lines.push(...scalingLines(outcome, t));
          lines.push(checkLine(outcome.check, t));
          io.stdout.write(`${lines.join('\n')}\n`);
        }
        return outcome.check.status === 'passed' ? 0 : 3;
      },
      io,
    );
  } finally {
    stop.release();
  }
};
