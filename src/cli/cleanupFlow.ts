// What `cleanup` and `class cleanup` do alike once they have a plan's inputs: the account's key pairs (without
// DescribeKeyPairs the rest can still go; the lab's key pair then stays, it costs nothing, and the plan says so),
// and the plan carried out — shown, stopped at a dry run or an empty plan, confirmed unless --yes, run with
// progress on stderr, its result said, and the whole as JSON when asked.
import { listKeyPairs, type KeyPairInfo } from '../aws/actions/cleanupActions';
import { errorContext, type AwsClients } from '../aws/clients';
import { AwsError, toAwsProblem } from '../aws/errors';
import { cleanupIncomplete } from '../lab/cleanup/plan';
import type { CleanupPlan, CleanupProgress, CleanupResult, CleanupUnread } from '../lab/cleanup/types';
import {
  cleanupDryRunText,
  cleanupPlanLines,
  cleanupProgressText,
  cleanupQuestion,
  cleanupResultLines,
} from '../present/lab/cleanupText';
import type { Translate } from '../present/translate';
import { confirmer, type CliIo } from './io';
import { UsageError } from './words';

/** The options every cleanup command takes. */
export const CLEANUP_OPTIONS = {
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  include: { type: 'string', multiple: true },
} as const;

export async function keyPairsOrUnread(
  clients: AwsClients,
  signal: AbortSignal,
): Promise<{ keyPairs: KeyPairInfo[]; unread: CleanupUnread[] }> {
  const unread: CleanupUnread[] = [];
  const keyPairs = await listKeyPairs({ clients, signal }).catch((error: unknown) => {
    signal.throwIfAborted();
    const action = 'ec2:DescribeKeyPairs';
    const problem =
      error instanceof AwsError ? error.problem : toAwsProblem(error, errorContext(clients.account, action));
    unread.push({ section: 'keyPairs', action, error: problem });
    return [];
  });
  return { keyPairs, unread };
}

/** Human text on stdout, unless stdout carries the JSON. */
export function sayer(io: CliIo, json: boolean | undefined): (lines: string[]) => void {
  return (lines) => (json ? io.stderr : io.stdout).write(lines.map((l) => `${l}\n`).join(''));
}

/**
 * The plan carried out; exit 1 when anything failed, still bills or could not be checked (also a dry run whose plan
 * could not read a section). `header` leads the JSON (region, account or target).
 */
export async function carryOutCleanup(
  plan: CleanupPlan,
  options: {
    readonly values: { readonly json?: boolean; readonly 'dry-run'?: boolean; readonly yes?: boolean };
    readonly header: Readonly<Record<string, unknown>>;
    readonly io: CliIo;
    readonly t: Translate;
  },
  run: (progress: (p: CleanupProgress) => void) => Promise<CleanupResult>,
): Promise<number> {
  const { values, header, io, t } = options;
  const say = sayer(io, values.json);
  say(cleanupPlanLines(plan, t));
  const json = (result?: CleanupResult) => {
    if (values.json)
      io.stdout.write(
        `${JSON.stringify({ ...header, dryRun: values['dry-run'] === true, plan, ...(result ? { result } : {}) }, null, 2)}\n`,
      );
  };
  if (values['dry-run'] || plan.items.length === 0) {
    if (values['dry-run']) say([cleanupDryRunText(t)]);
    json();
    return plan.unread.length > 0 ? 1 : 0;
  }
  if (!values.yes) {
    const ask = confirmer(io);
    if (!ask) throw new UsageError(t('not a terminal: add --yes to delete'));
    if (!(await ask(cleanupQuestion(plan, t)))) return 1;
  }
  const result = await run((p) => {
    const line = cleanupProgressText(p, t);
    if (line) io.stderr.write(`  ${line}\n`);
  });
  say(cleanupResultLines(result, t));
  json(result);
  return cleanupIncomplete(result) ? 1 : 0;
}
