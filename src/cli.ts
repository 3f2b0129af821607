// `scale-out-lab`: the extension's engine from a terminal (no vscode). Bundled to dist/cli.js.
//   scale-out-lab inventory [--json] [--practice] [--profile P] [--endpoint-url URL] [--region R] [--state FILE]
//   scale-out-lab check [--track ID] [--json] [account options]
//   scale-out-lab run STEP [--yes] [--option key=value ...] [--json] [account options]
//   scale-out-lab cost [--json] [--free-tier] [--lcu N] [--live-prices] [account options]
//   scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant]
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveAccount, type AccountSettings } from './aws/account';
import { createClients } from './aws/clients';
import { AwsError, describeProblem } from './aws/errors';
import { fetchInventory } from './aws/inventory';
import type { Inventory } from './aws/types';
import { startPracticeServer, type PracticeServer } from './practice/server';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from './practice/constants';
import { createInterface } from 'node:readline/promises';
import { createWebProbe } from './aws/web';
import type { AwsClients } from './aws/clients';
import { checkAll } from './lab/checks';
import { CLEANUP_USAGE, cleanupCommand } from './cliCleanup';
import { translatorFromEnv } from './lab/l10n';
import { observe } from './lab/observe';
import { planStep, runStep } from './lab/runner';
import { fixTitle, optionText, progressText, reasonText, stepSummary, stepTitle } from './lab/text';
import { isStepId, stepById } from './lab/tracks';
import { StepError, type CheckResult, type StepContext, type StepOutcome, type TrackId } from './lab/types';
import type { Translate } from './platform/translate';
import { estimateCost, type CostEstimate, type CostItem } from './cost/estimate';
import { fetchLivePrices } from './cost/livePrices';
import {
  COST_KINDS,
  formatAmount,
  formatRate,
  ipv4Text,
  itemDetail,
  kindLabel,
  priceSourceText,
  unpricedText,
  type Money,
} from './views/costModel';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
  /** `practice serve` runs until this settles; by default until SIGINT or SIGTERM. */
  readonly untilStopped?: Promise<unknown>;
  /**
   * Asks a yes/no question (`run` without --yes). Default: a prompt when stdin is a terminal; undefined
   * answers "not a terminal" and `run` asks for --yes instead.
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** `run` stops (and cleans up) when this aborts; default: on the first SIGINT. */
  readonly signal?: AbortSignal;
}

const USAGE = `Usage:
  scale-out-lab inventory [--json] [--practice] [--profile P] [--endpoint-url URL] [--region R] [--state FILE]
      Read the account (AWS profile, or the practice account when none is configured) and print it.
      --json            the whole inventory as JSON
      --practice        the practice account (started in this process unless --endpoint-url is given)
      --profile P       an AWS profile from ~/.aws/config or ~/.aws/credentials (SSO profiles included)
      --endpoint-url U  one URL for every service (a running practice server, moto, LocalStack)
      --region R        the region (default: the profile's, else ap-northeast-1)
      --state FILE      practice state file (default ~/.scale-out-lab/practice-state.json)
  scale-out-lab check [--track 0|1] [--json] [account options]
      Check every lab step against the account (exit 0 when all pass, 3 when one does not).
      --json            one entry per step: id, title, passed, status, reason (text and code), fixes
  scale-out-lab run STEP [--yes] [--option KEY=VALUE ...] [--json] [account options]
      Do one lab step (0.1, 0.2, 1.1 ... 1.10). Without --yes, shows the plan and asks first.
      --option K=V      change a default (the plan lists the keys), e.g. --option az=ap-northeast-1c
      --json            the outcome as JSON
${CLEANUP_USAGE}  scale-out-lab cost [--json] [--free-tier] [--lcu N] [--live-prices] [account options]
      What the account costs: per hour now, accrued since each resource started, a month (730 h), the
      public IPv4 charge apart, and every billable resource.
      --json            the whole estimate as JSON
      --free-tier       apply the 12-month free tier (accounts created before 2025-07-15)
      --lcu N           LCUs each Application Load Balancer uses an hour (default 1)
      --live-prices     AWS accounts: prices from the AWS Price List API (cached a day), else the built-in table
  account options: --practice, --profile P, --endpoint-url U, --region R, --state FILE as for inventory;
      --speed X|instant the in-process practice account's clock (default 1, AWS's durations)
      Messages are in Japanese when LANG (or LC_ALL) starts with ja.
  scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant]
      Run the practice account on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM; the state is saved on exit.
  scale-out-lab --help
`;

class UsageError extends Error {}

function defaultStateFile(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || env.USERPROFILE || homedir(), '.scale-out-lab', 'practice-state.json');
}

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const env = io.env ?? process.env;
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr.write(USAGE);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command === 'inventory') return await inventoryCommand(rest, io, env);
    if (command === 'check') return await checkCommand(rest, io, env);
    if (command === 'run') return await runCommand(rest, io, env);
    if (command === 'cost') return await costCommand(rest, io, env);
    if (command === 'cleanup') {
      const deps = {
        usage: USAGE,
        usageError: (m: string) => new UsageError(m),
        withAccount,
        ...(process.stdin.isTTY ? { terminalConfirm } : {}),
      };
      return await cleanupCommand(rest, io, env, deps);
    }
    if (command === 'practice') {
      const [sub, ...subRest] = rest;
      if (sub === 'serve') return await serveCommand(subRest, io, env);
      if (sub === '--help' || sub === '-h') {
        io.stdout.write(USAGE);
        return 0;
      }
      throw new UsageError(sub ? `unknown practice command: ${sub}` : 'practice needs a command: serve');
    }
    throw new UsageError(`unknown command: ${command}`);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`scale-out-lab: ${(error as Error).message}\nRun scale-out-lab --help for usage.\n`);
      return 2;
    }
    io.stderr.write(`scale-out-lab: ${oneLine(error, translatorFromEnv(env))}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function oneLine(error: unknown, t: Translate = translatorFromEnv({})): string {
  if (error instanceof AwsError) return describeProblem(error.problem);
  if (error instanceof StepError) return `${stepTitle(error.step, t)}: ${reasonText(error.reason, t)}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

async function inventoryCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      practice: { type: 'boolean' },
      profile: { type: 'string' },
      'endpoint-url': { type: 'string' },
      region: { type: 'string' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const inventory = await withAccount(values, env, (clients) => fetchInventory(clients));
  io.stdout.write(values.json ? `${JSON.stringify(inventory, null, 2)}\n` : formatSummary(inventory));
  // A partial inventory is still an answer: the missing sections are warnings, not a failure.
  for (const p of inventory.problems) io.stderr.write(`warning: ${p.section}: ${describeProblem(p.error)}\n`);
  return 0;
}

const ACCOUNT_OPTIONS = {
  practice: { type: 'boolean' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  state: { type: 'string' },
  speed: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type AccountValues = {
  practice?: boolean;
  profile?: string;
  'endpoint-url'?: string;
  region?: string;
  state?: string;
  speed?: string;
};

/** The account the options name (the practice account started in this process when asked), for one command. */
async function withAccount<T>(
  values: AccountValues,
  env: NodeJS.ProcessEnv,
  use: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  if (values.practice && values.profile) throw new UsageError('--practice and --profile exclude each other');
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^/]/.test(endpointUrl))
    throw new UsageError(`--endpoint-url must be an http(s) URL: ${endpointUrl}`);
  const speed = parseSpeed(values.speed);
  const settings: AccountSettings = {
    source: values.practice ? 'practice' : 'auto',
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  };
  let server: PracticeServer | undefined;
  const practiceEndpoint = async () => {
    const stateFile = values.state ?? defaultStateFile(env);
    mkdirSync(dirname(stateFile), { recursive: true });
    server = await startPracticeServer({ stateFile, ...(speed !== undefined ? { speed } : {}) });
    return server.endpoint;
  };
  try {
    const account = await resolveAccount(settings, practiceEndpoint, env);
    const clients = createClients(account);
    try {
      return await use(clients);
    } finally {
      clients.destroy();
    }
  } finally {
    await server?.close();
  }
}

function labContext(
  clients: AwsClients,
  signal: AbortSignal,
  io: CliIo,
  t: Translate,
  env: NodeJS.ProcessEnv,
): StepContext {
  let last = '';
  return {
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
}

/** One check result as the CLI prints it in JSON. */
function checkEntry(r: CheckResult, t: Translate) {
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
    ...(r.status === 'failed'
      ? {
          fixes: r.fixes.map((f) => ({ code: f.code, args: f.args, title: fixTitle(f, t) })),
          details: (r.details ?? []).map((d) => ({ code: d.code, args: d.args, text: reasonText(d, t) })),
        }
      : {}),
  };
}

function checkLine(r: CheckResult, t: Translate): string {
  const mark = r.status === 'passed' ? '✓' : r.status === 'waiting' ? '·' : '✗';
  const head = `${mark} ${stepTitle(r.step, t)}`;
  if (r.status === 'passed') return head;
  const more = r.status === 'failed' ? r.fixes.map((f) => `\n      fix: ${fixTitle(f, t)}`).join('') : '';
  const rest =
    r.status === 'failed'
      ? (r.details ?? [])
          .slice(1)
          .map((d) => `\n      also: ${reasonText(d, t)}`)
          .join('')
      : '';
  return `${head}\n    ${reasonText(r.reason, t)}${rest}${more}`;
}

async function checkCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { ...ACCOUNT_OPTIONS, track: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const track = values.track;
  if (track !== undefined && track !== '0' && track !== '1') throw new UsageError(`--track must be 0 or 1: ${track}`);
  const t = translatorFromEnv(env);
  const results = await withAccount(values, env, async (clients) => {
    const inventory = await fetchInventory(clients);
    for (const p of inventory.problems) io.stderr.write(`warning: ${p.section}: ${describeProblem(p.error)}\n`);
    const observations = await observe(inventory, createWebProbe(clients.account));
    return checkAll({ inventory, observations }, track as TrackId | undefined);
  });
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
function parseOptions(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--option must be KEY=VALUE: ${item}`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

async function terminalConfirm(question: string): Promise<boolean> {
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

async function runCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
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
    io.stdout.write(USAGE);
    return 0;
  }
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError('run needs one step, e.g. scale-out-lab run 1.1');
  if (!isStepId(id)) throw new UsageError(`unknown step: ${id} (steps: 0.1 0.2 1.1 ... 1.10)`);
  const given = parseOptions(values.option);
  const t = translatorFromEnv(env);
  const stop = new AbortController();
  const onSigint = () => stop.abort(new Error('interrupted'));
  if (!io.signal) process.once('SIGINT', onSigint);
  io.signal?.addEventListener('abort', () => stop.abort(io.signal?.reason), { once: true });
  try {
    return await withAccount(values, env, async (clients) => {
      const ctx = labContext(clients, stop.signal, io, t, env);
      const inventory = await ctx.inventory();
      const plan = planStep(id, { inventory, observations: new Map() });
      io.stderr.write(`${stepTitle(id, t)}\n  ${stepSummary(id, t)}\n`);
      if (!plan.ready) {
        io.stderr.write(`  ${reasonText(plan.reason, t)}\n`);
        return 3;
      }
      for (const key of Object.keys(given)) {
        if (!plan.options.some((o) => o.key === key))
          throw new UsageError(
            `step ${id} has no option ${key} (options: ${plan.options.map((o) => o.key).join(', ') || 'none'})`,
          );
      }
      for (const o of plan.options) {
        const value = given[o.key] ?? o.default;
        const choice = o.choices?.find((c) => c.value === value);
        const label = choice ? ` (${optionText(choice.code, choice.args, t)})` : '';
        io.stderr.write(`  ${optionText(o.code, undefined, t)}: ${value}${label}   [--option ${o.key}=…]\n`);
      }
      if (!values.yes) {
        const ask = io.confirm ?? (process.stdin.isTTY ? terminalConfirm : undefined);
        if (!ask) throw new UsageError('not a terminal: add --yes to run the step');
        if (!(await ask(`Run ${id}? [y/N] `))) return 1;
      }
      const outcome = await runStep(stepById(id).id, given, ctx);
      if (values.json) io.stdout.write(`${JSON.stringify(outcomeJson(outcome, t), null, 2)}\n`);
      else {
        const ids = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : '-');
        io.stdout.write(
          `created: ${ids(outcome.created)}\nreused:  ${ids(outcome.reused)}\n${checkLine(outcome.check, t)}\n`,
        );
      }
      return outcome.check.status === 'passed' ? 0 : 3;
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function costCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...ACCOUNT_OPTIONS,
      'free-tier': { type: 'boolean' },
      lcu: { type: 'string' },
      'live-prices': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const lcu = values.lcu === undefined ? undefined : Number(values.lcu);
  if (lcu !== undefined && (!Number.isFinite(lcu) || lcu < 0))
    throw new UsageError(`--lcu must be a number of LCUs, 0 or more: ${values.lcu}`);
  const t = translatorFromEnv(env);
  const { estimate, practice } = await withAccount(values, env, async (clients) => {
    const inventory = await fetchInventory(clients);
    for (const p of inventory.problems) io.stderr.write(`warning: ${p.section}: ${describeProblem(p.error)}\n`);
    let prices;
    // The practice account has no Price List API: its prices are the built-in table's, as on AWS.
    if (values['live-prices'] && clients.account.kind === 'aws') {
      const cacheFile = join(dirname(defaultStateFile(env)), 'live-prices.json');
      const live = await fetchLivePrices({ credentials: clients.account.credentials }, inventory.context.region, {
        cacheFile,
      });
      if (live.kind === 'fallback')
        io.stderr.write(
          `warning: live prices: ${live.problem.kind === 'incomplete' ? `incomplete (${live.problem.missing.join(', ')})` : describeProblem(live.problem)}\n`,
        );
      prices = live.table;
    }
    const estimate = estimateCost(inventory, {
      ...(prices ? { prices } : {}),
      freeTier: values['free-tier'] === true,
      ...(lcu !== undefined ? { lcuPerLoadBalancer: lcu } : {}),
    });
    return { estimate, practice: clients.account.kind === 'practice' };
  });
  io.stdout.write(values.json ? `${JSON.stringify(estimate, null, 2)}\n` : costReport(estimate, practice, t));
  return 0;
}

/** The estimate as text: headline, IPv4 apart, then the resources by kind. */
export function costReport(e: CostEstimate, practice: boolean, t: Translate): string {
  const money: Money = { currency: 'USD', yenPerUsd: 1 };
  const lines = [
    practice ? t('Practice account: what it would cost on AWS') : t('What your AWS account is costing'),
    `${e.region} · ${e.priced ? priceSourceText(e, t) : t('no prices for {0}', e.region)}`,
  ];
  if (e.items.length === 0) return `${[...lines, t('Nothing billable is running.')].join('\n')}\n`;
  lines.push(
    t(
      '{0} now · {1} so far · {2} a month',
      formatRate(e.hourlyUsd, money, t, true),
      formatAmount(e.accruedUsd, money, t),
      formatAmount(e.monthlyUsd, money, t),
    ),
  );
  if (e.ipv4.addresses > 0) lines.push(ipv4Text(e, money, t));
  if (e.unpricedItems > 0) lines.push(t('{0} resources have no price and are not counted.', e.unpricedItems));
  const row = (i: CostItem) => {
    const flags = [
      i.freeTier ? t('free tier') : '',
      i.labCreated ? '' : t('not created by the lab'),
      i.accruedUnknown ? t('counted from when first seen') : '',
      unpricedText(i, e.region, t) ?? '',
    ].filter(Boolean);
    const money3 = `${formatRate(i.hourlyUsd, money, t, true)}  ${formatAmount(i.accruedUsd, money, t)}  ${formatAmount(i.monthlyUsd, money, t)}`;
    return `  ${[i.resourceId, i.name && i.name !== i.resourceId ? i.name : '', itemDetail(i, t), money3].filter(Boolean).join('  ')}${flags.length > 0 ? `  (${flags.join(', ')})` : ''}`;
  };
  for (const kind of COST_KINDS) {
    const items = e.items.filter((i) => i.kind === kind);
    if (items.length > 0) lines.push(kindLabel(kind, t), ...items.map(row));
  }
  return `${lines.join('\n')}\n`;
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be 0-65535: ${text}`);
  return n;
}

function parseSpeed(text: string | undefined): number | 'instant' | undefined {
  if (text === undefined || text === 'instant') return text;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--speed must be a positive number or "instant": ${text}`);
  return n;
}

async function serveCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      speed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const port = parsePort(values.port);
  const speed = parseSpeed(values.speed);
  const stateFile = values.state ?? defaultStateFile(env);
  mkdirSync(dirname(stateFile), { recursive: true });
  // Listen for the stop signal before starting, so a signal during startup still stops cleanly.
  const stopped = io.untilStopped ?? untilSignal();
  const server = await startPracticeServer({
    stateFile,
    ...(port !== undefined ? { port } : {}),
    ...(speed !== undefined ? { speed } : {}),
  });
  io.stdout.write(
    `Practice account listening on ${server.endpoint}\n` +
      `State file: ${stateFile}\n` +
      `Use it from another terminal (AWS CLI, SDKs, scale-out-lab inventory):\n` +
      `  export AWS_ENDPOINT_URL=${server.endpoint} AWS_ACCESS_KEY_ID=${PRACTICE_CREDENTIALS.accessKeyId} ` +
      `AWS_SECRET_ACCESS_KEY=${PRACTICE_CREDENTIALS.secretAccessKey} AWS_REGION=${PRACTICE_REGION}\n` +
      `Press Ctrl+C to stop.\n`,
  );
  await stopped;
  await server.close();
  io.stdout.write('Practice account stopped; state saved.\n');
  return 0;
}

/** Resolves on the first SIGINT or SIGTERM, and stops listening for them. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** A short readable summary: who and where, counts, then every instance with its state and AZ. */
export function formatSummary(inv: Inventory): string {
  const c = inv.context;
  const lines: string[] = [];
  const where = c.kind === 'practice' ? 'practice account' : c.profile ? `profile ${c.profile}` : 'AWS';
  lines.push(`Account  ${c.accountId} (${where})  ${c.callerArn}`);
  lines.push(`Region   ${c.region}${c.endpoint ? `  via ${c.endpoint}` : ''}`);
  const running = inv.instances.filter((i) => i.state === 'running').length;
  const publicSubnets = inv.subnets.filter((s) => s.isPublic).length;
  const counts: [string, number | string][] = [
    ['VPCs', inv.vpcs.length],
    ['Subnets', `${inv.subnets.length} (${publicSubnets} public)`],
    ['Instances', `${inv.instances.length} (${running} running)`],
    ['Volumes', inv.volumes.length],
    ['Snapshots', inv.snapshots.length],
    ['AMIs', inv.images.length],
    ['Elastic IPs', inv.elasticIps.length],
    ['Security groups', inv.securityGroups.length],
    ['Load balancers', inv.loadBalancers.length],
    ['Target groups', inv.targetGroups.length],
    ['DB instances', inv.dbInstances.length],
    ['Aurora clusters', inv.dbClusters.length],
    ['Auto Scaling groups', inv.autoScalingGroups.length],
  ];
  lines.push(counts.map(([k, v]) => `${k} ${v}`).join(' · '));
  if (inv.instances.length > 0) {
    lines.push('Instances:');
    const rows = inv.instances.map((i) => [
      i.id,
      i.name ?? '-',
      i.state,
      i.type,
      i.az,
      i.elasticIp ? `${i.elasticIp} (EIP)` : (i.publicIp ?? '-'),
    ]);
    const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
    for (const r of rows)
      lines.push(
        `  ${r
          .map((cell, col) => cell.padEnd(widths[col] ?? 0))
          .join('  ')
          .trimEnd()}`,
      );
  }
  lines.push(`API calls: ${inv.apiCalls}`);
  return `${lines.join('\n')}\n`;
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

if (require.main === module) {
  // The SDK warns on every Node < 22 run; a student reading one-line errors cannot act on it (engines: node >= 20).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`scale-out-lab: ${oneLine(error)}\n`);
      process.exit(1);
    },
  );
}
