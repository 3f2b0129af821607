// `scale-out-lab`: the extension's engine from a terminal (no vscode). Bundled to dist/cli.js.
//   scale-out-lab inventory [--json] [--practice] [--profile P] [--endpoint-url URL] [--region R] [--state FILE]
//   scale-out-lab check [--track ID] [--json] [account options]
//   scale-out-lab run STEP [--yes] [--option key=value ...] [--json] [account options]
//   scale-out-lab cost [--json] [--free-tier] [--lcu N] [--live-prices] [account options]
//   scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AwsClients } from '../aws/clients';
import { fetchInventory } from '../aws/inventory';
import { defaultStateFile, parseSpeed, withAccount, type AccountValues } from './account';
import { CLEANUP_USAGE, cleanupCommand } from './cleanup';
import { ACCOUNT_OPTIONS, checkCommand, runCommand, terminalConfirm } from './lab';
import { errorLine, formatSummary, problemLine, usageHint, UsageError } from './words';
import { practiceNoticeLine } from './practiceWords';
import { estimateCost, type CostEstimate, type CostItem } from '../cost/estimate';
import { fetchLivePrices } from '../cost/livePrices';
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from '../practice/core/constants';
import { startPracticeServer } from '../practice/core/server';
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
} from '../present/costModel';

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

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 usage, 3 a check that does not pass). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const env = io.env ?? process.env;
  const t = translatorFromEnv(env);
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
    if (command === 'check') return await checkCommand(rest, io, env, USAGE);
    if (command === 'run') return await runCommand(rest, io, env, USAGE);
    if (command === 'cost') return await costCommand(rest, io, env);
    if (command === 'cleanup') {
      const deps = {
        usage: USAGE,
        usageError: (m: string) => new UsageError(m),
        withAccount: <T>(values: AccountValues, e: NodeJS.ProcessEnv, use: (clients: AwsClients) => Promise<T>) =>
          withAccount(values, e, use, io),
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
      throw new UsageError(sub ? t('unknown practice command: {0}', sub) : t('practice needs a command: serve'));
    }
    throw new UsageError(t('unknown command: {0}', command));
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const message = error instanceof UsageError ? error.message : parseArgsText(error as Error, t);
      io.stderr.write(`scale-out-lab: ${message}\n${usageHint(t)}\n`);
      return 2;
    }
    io.stderr.write(`scale-out-lab: ${errorLine(error, t)}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** node:util's parseArgs messages, in the student's language (the option named as given). */
function parseArgsText(error: Error, t: Translate): string {
  const code = (error as { code?: string }).code;
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t('unknown option: {0}', option);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t('unexpected argument: {0}', option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return t('option {0} needs a value', option.split(' ')[0] ?? option);
  return error.message.split('\n')[0] ?? error.message;
}

async function inventoryCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    // The account options of every command (--speed included), as the usage says.
    options: ACCOUNT_OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const t = translatorFromEnv(env);
  const { inventory, facts } = await withAccount(
    values,
    env,
    async (clients, facts) => ({ inventory: await fetchInventory(clients), facts }),
    io,
  );
  io.stdout.write(values.json ? `${JSON.stringify(inventory, null, 2)}\n` : formatSummary(inventory, facts, t));
  // A partial inventory is still an answer: the missing sections are warnings, not a failure.
  for (const p of inventory.problems)
    io.stderr.write(`${t('Warning: {0}: {1}', p.section, problemLine(p.error, t))}\n`);
  return 0;
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
  const t = translatorFromEnv(env);
  const lcu = values.lcu === undefined ? undefined : Number(values.lcu);
  if (lcu !== undefined && (!Number.isFinite(lcu) || lcu < 0))
    throw new UsageError(t('--lcu must be a number of LCUs, 0 or more: {0}', values.lcu ?? ''));
  const { estimate, practice } = await withAccount(
    values,
    env,
    async (clients) => {
      const inventory = await fetchInventory(clients);
      for (const p of inventory.problems)
        io.stderr.write(`${t('Warning: {0}: {1}', p.section, problemLine(p.error, t))}\n`);
      let prices;
      // The practice account has no Price List API: its prices are the built-in table's, as on AWS.
      if (values['live-prices'] && clients.account.kind === 'aws') {
        const cacheFile = join(dirname(defaultStateFile(env)), 'live-prices.json');
        const live = await fetchLivePrices({ credentials: clients.account.credentials }, inventory.context.region, {
          cacheFile,
        });
        if (live.kind === 'fallback')
          io.stderr.write(
            `${
              live.problem.kind === 'incomplete'
                ? t(
                    'Warning: live prices incomplete ({0}); the built-in table is used.',
                    live.problem.missing.join(', '),
                  )
                : t('Warning: live prices: {0}; the built-in table is used.', problemLine(live.problem, t))
            }\n`,
          );
        prices = live.table;
      }
      const estimate = estimateCost(inventory, {
        ...(prices ? { prices } : {}),
        freeTier: values['free-tier'] === true,
        ...(lcu !== undefined ? { lcuPerLoadBalancer: lcu } : {}),
      });
      return { estimate, practice: clients.account.kind === 'practice' };
    },
    io,
  );
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

function parsePort(text: string | undefined, t: Translate): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(t('--port must be 0-65535: {0}', text));
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
  const t = translatorFromEnv(env);
  const port = parsePort(values.port, t);
  const speed = parseSpeed(values.speed, t);
  const stateFile = values.state ?? defaultStateFile(env);
  mkdirSync(dirname(stateFile), { recursive: true });
  // Listen for the stop signal before starting, so a signal during startup still stops cleanly.
  const stopped = io.untilStopped ?? untilSignal();
  const server = await startPracticeServer({
    stateFile,
    ...(port !== undefined ? { port } : {}),
    ...(speed !== undefined ? { speed } : {}),
  });
  for (const notice of server.notices) io.stderr.write(`${practiceNoticeLine(notice, t)}\n`);
  const exports =
    `export AWS_ENDPOINT_URL=${server.endpoint} AWS_ACCESS_KEY_ID=${PRACTICE_CREDENTIALS.accessKeyId} ` +
    `AWS_SECRET_ACCESS_KEY=${PRACTICE_CREDENTIALS.secretAccessKey} AWS_REGION=${PRACTICE_REGION}`;
  io.stdout.write(
    [
      t('Practice account listening on {0}', server.endpoint),
      t('State file: {0}', stateFile),
      t('Use it from another terminal (AWS CLI, SDKs, scale-out-lab inventory):'),
      `  ${exports}`,
      t('Press Ctrl+C to stop.'),
      '',
    ].join('\n'),
  );
  await stopped;
  await server.close();
  io.stdout.write(`${t('Practice account stopped; state saved.')}\n`);
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

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/**
 * Exits once stdout and stderr have drained: process.exit() right after a large write to a pipe cuts it at the
 * pipe's buffer (64 KiB), so `inventory --json | wc -c` lost the rest. An empty write's callback runs after
 * every write queued before it.
 */
function exitWhenDrained(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (require.main === module) {
  // The SDK warns on every Node < 22 run; a student reading one-line errors cannot act on it (engines: node >= 20).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then(exitWhenDrained, (error: unknown) => {
    process.stderr.write(`scale-out-lab: ${errorLine(error, translatorFromEnv(process.env))}\n`);
    exitWhenDrained(1);
  });
}
