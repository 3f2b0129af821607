// `scale-out-lab`: the extension's engine from a terminal (no vscode). Bundled to dist/cli.js.
//   scale-out-lab inventory [--json] [--practice] [--profile P] [--endpoint-url URL] [--region R] [--state FILE]
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

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
  /** `practice serve` runs until this settles; by default until SIGINT or SIGTERM. */
  readonly untilStopped?: Promise<unknown>;
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
    io.stderr.write(`scale-out-lab: ${oneLine(error)}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function oneLine(error: unknown): string {
  if (error instanceof AwsError) return describeProblem(error.problem);
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
  if (values.practice && values.profile) throw new UsageError('--practice and --profile exclude each other');
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^/]/.test(endpointUrl)) {
    throw new UsageError(`--endpoint-url must be an http(s) URL: ${endpointUrl}`);
  }
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
    server = await startPracticeServer({ stateFile });
    return server.endpoint;
  };
  try {
    const account = await resolveAccount(settings, practiceEndpoint, env);
    const clients = createClients(account);
    let inventory: Inventory;
    try {
      inventory = await fetchInventory(clients);
    } finally {
      clients.destroy();
    }
    io.stdout.write(values.json ? `${JSON.stringify(inventory, null, 2)}\n` : formatSummary(inventory));
    // A partial inventory is still an answer: the missing sections are warnings, not a failure.
    for (const p of inventory.problems) io.stderr.write(`warning: ${p.section}: ${describeProblem(p.error)}\n`);
    return 0;
  } finally {
    await server?.close();
  }
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
    for (const r of rows) lines.push(`  ${r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()}`);
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
