// The account a CLI command acts on: the account options (written once, for every command but `practice serve`),
// resolved, named first (on stderr when stdout carries JSON), checked to be an AWS-like answer within seconds,
// with the practice account started here when asked.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveAccount, type AccountSettings } from '../aws/account';
import { createClients, type AwsClients } from '../aws/clients';
import { identifyAccount } from '../aws/identity';
import { parseStudent } from '../aws/student';
import type { CliIo } from './io';
import { accountLine, contactingLine, UsageError, type AccountFacts } from './words';
import { practiceNoticeLine, practiceSharedLine } from '../present/practiceWords';
import { translatorFromEnv } from '../present/l10n';
import type { PracticeServer } from '../practice/core/server';
import { openPracticeAccount } from '../practice/core/share';
import type { Speed } from '../practice/core/world';
import type { Translate } from '../present/translate';

/** The options every account command takes (parseArgs); a command spreads them and adds its own. */
export const ACCOUNT_OPTIONS = {
  practice: { type: 'boolean' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  state: { type: 'string' },
  speed: { type: 'string' },
  student: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The usage's paragraph on them (inventory's section spells each out). */
export const ACCOUNT_USAGE = `  account options: --practice, --profile P, --endpoint-url U, --region R, --state FILE as for inventory;
      --speed X|instant the in-process practice account's clock (default 1, AWS's durations);
      --student user05  a class sharing one account: only this student's lab (SCALE_OUT_LAB_STUDENT)
`;

/** What parseArgs gives for ACCOUNT_OPTIONS (help aside). */
export type AccountValues = {
  practice?: boolean;
  profile?: string;
  'endpoint-url'?: string;
  region?: string;
  state?: string;
  speed?: string;
  student?: string;
  json?: boolean;
};

/** `--student`, else SCALE_OUT_LAB_STUDENT: the student whose view of a class's account the command reads. */
export function studentOption(values: AccountValues, env: NodeJS.ProcessEnv, t: Translate): { student?: string } {
  const given = values.student ?? env.SCALE_OUT_LAB_STUDENT;
  if (given === undefined || given.trim() === '') return {};
  const student = parseStudent(given);
  if (!student) throw new UsageError(t('--student must be a user number like user05: {0}', given));
  return { student };
}

/** The identity call's limits: a socket that never answers fails in about 10 s, not 90 (3 × 30 s). */
const IDENTIFY_TIMEOUT_MS = 4000;
const IDENTIFY_ATTEMPTS = 2;

export function defaultStateFile(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || env.USERPROFILE || homedir(), '.scale-out-lab', 'practice-state.json');
}

/** --speed: a factor, "instant", or the setting's names (realistic = 1, fast = 10). */
export function parseSpeed(text: string | undefined, t: Translate): Speed | undefined {
  if (text === undefined || text === 'instant') return text;
  if (text === 'realistic') return 1;
  if (text === 'fast') return 10;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(t('--speed must be realistic, fast, instant or a positive number: {0}', text));
  return n;
}

/**
 * The account the options name, for one command; its first line says which (io.stdout, or stderr for --json).
 * `use` gets the facts that line was made of, so what follows (the inventory summary) names the account alike.
 */
export async function withAccount<T>(
  values: AccountValues,
  env: NodeJS.ProcessEnv,
  use: (clients: AwsClients, facts: AccountFacts) => Promise<T>,
  io?: CliIo,
): Promise<T> {
  const t = translatorFromEnv(env);
  if (values.practice && values.profile) throw new UsageError(t('--practice and --profile exclude each other'));
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^/]/.test(endpointUrl))
    throw new UsageError(t('--endpoint-url must be an http(s) URL: {0}', endpointUrl));
  const speed = parseSpeed(values.speed, t);
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
    // Another process serving the same file (`practice serve`, a VS Code window) is shared, not refused.
    const practice = await openPracticeAccount({ stateFile, ...(speed !== undefined ? { speed } : {}) });
    if (practice.kind === 'own') {
      server = practice.server;
      for (const notice of server.notices) io?.stderr.write(`${practiceNoticeLine(notice, t)}\n`);
    } else io?.stderr.write(`${practiceSharedLine(practice.pid, practice.endpoint, stateFile, t)}\n`);
    return practice.endpoint;
  };
  try {
    const account = await resolveAccount(settings, practiceEndpoint, env);
    const say = (line: string) => io && (values.json ? io.stderr : io.stdout).write(`${line}\n`);
    if (!server && io) io.stderr.write(`${contactingLine(account, t)}\n`);
    const probe = createClients(account, { requestTimeoutMs: IDENTIFY_TIMEOUT_MS, maxAttempts: IDENTIFY_ATTEMPTS });
    let facts: AccountFacts;
    try {
      const identity = await identifyAccount(probe);
      facts = {
        account,
        identity,
        fallback: settings.source === 'auto' && account.kind === 'practice',
        inProcess: !!server,
      };
      say(accountLine(facts, t));
    } finally {
      probe.destroy();
    }
    const clients = createClients(account);
    try {
      return await use(clients, facts);
    } finally {
      clients.destroy();
    }
  } finally {
    await server?.close();
  }
}
