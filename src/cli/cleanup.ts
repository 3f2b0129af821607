// scale-out-lab cleanup [--dry-run] [--yes] [--include ID]... [--json] [account options]: the plan with the
// hourly cost it stops, the changes to what is kept, what is kept, what could not be read; a confirmation, the run
// with progress on stderr, the result; exit 1 when anything of the lab failed, still bills or could not be
// checked (also a --dry-run whose plan could not read a section).
import { parseArgs } from 'node:util';
import { listKeyPairs, type KeyPairInfo } from '../aws/actions/cleanupActions';
import { errorContext } from '../aws/clients';
import { AwsError, toAwsProblem } from '../aws/errors';
import { fetchInventory } from '../aws/inventory';
import { ownerInAccount } from '../aws/inventory/scope';
import { classPrefix } from '../aws/student';
import type { AwsClients } from '../aws/clients';
import type { Translate } from '../present/translate';
import { priceTable } from '../cost/prices';
import { cleanupIncomplete, planCleanup, runCleanup } from '../lab/cleanup/plan';
import type { CleanupResult, CleanupUnread } from '../lab/cleanup/types';
import {
  cleanupDryRunText,
  cleanupPlanLines,
  cleanupProgressText,
  cleanupQuestion,
  cleanupResultLines,
} from '../present/lab/cleanupText';
import { translatorFromEnv } from '../present/l10n';
import { ACCOUNT_OPTIONS, studentOption, withAccount } from './account';
import { confirmer, interruptSignal, type CliCommand } from './io';
import { UsageError } from './words';

export const CLEANUP_USAGE = `  scale-out-lab cleanup [--dry-run] [--yes] [--include ID ...] [--json] [account options]
      Delete everything the lab created (found by its tag), in dependency order, putting back what the lab
      changed in kept resources (HTTP from anywhere to WebServer's group), then check nothing billable of it
      is left (exit 1 when something is, failed, or could not be read). Without --yes, shows the plan and asks.
      --dry-run         show the plan (and its hourly cost) only
      --include ID      also delete this resource the lab did not create (repeat for more)
      --json            the plan and the result as JSON
`;

export const cleanupCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...ACCOUNT_OPTIONS,
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      include: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const include = values.include ?? [];
  // Human text goes to stdout, unless stdout carries the JSON.
  const say = (lines: string[]) => (values.json ? io.stderr : io.stdout).write(lines.map((l) => `${l}\n`).join(''));
  const stop = interruptSignal(io, 0); // the inventory and each cleanup stage call in parallel on it
  try {
    return await withAccount(
      values,
      env,
      async (clients) => {
        const inventory = () => fetchInventory(clients, { abortSignal: stop.signal, ...studentOption(values, env, t) });
        const inv = await inventory();
        // Without DescribeKeyPairs the rest can still go; the lab's key pair then stays (it costs nothing), said so.
        const unread: CleanupUnread[] = [];
        const keyPairs: KeyPairInfo[] = await listKeyPairs({ clients, signal: stop.signal }).catch((error: unknown) => {
          stop.signal.throwIfAborted();
          const action = 'ec2:DescribeKeyPairs';
          const problem =
            error instanceof AwsError ? error.problem : toAwsProblem(error, errorContext(clients.account, action));
          unread.push({ section: 'keyPairs', action, error: problem });
          return [];
        });
        const prices = priceTable(inv.context.region);
        const plan = planCleanup(inv, { include, keyPairs, unread, ...(prices ? { prices } : {}) });
        const picked = new Set(plan.items.flatMap((i) => [i.id, i.name ?? '']));
        const unknown = include.filter((id) => !picked.has(id));
        if (unknown.length > 0 && inv.student) await refuseOthers(clients, inv.student, unknown, t);
        if (unknown.length > 0) throw new UsageError(t('--include: no such resource: {0}', unknown.join(', ')));
        say(cleanupPlanLines(plan, t));
        const json = (result?: CleanupResult) => {
          if (values.json)
            io.stdout.write(
              `${JSON.stringify({ region: inv.context.region, account: inv.context.kind, dryRun: values['dry-run'] === true, plan, ...(result ? { result } : {}) }, null, 2)}\n`,
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
        const result = await runCleanup(plan, {
          clients,
          inventory,
          signal: stop.signal,
          progress: (p) => {
            const line = cleanupProgressText(p, t);
            if (line) io.stderr.write(`  ${line}\n`);
          },
          ...(prices ? { prices } : {}),
        });
        say(cleanupResultLines(result, t));
        json(result);
        return cleanupIncomplete(result) ? 1 : 0;
      },
      io,
    );
  } finally {
    stop.release();
  }
};

/**
 * A class's cleanup deletes only the student's: an ID picked that is not in their view is refused, naming whose it
 * is when the account says (the teacher cleans up for everyone with `class cleanup`).
 */
async function refuseOthers(clients: AwsClients, student: string, ids: readonly string[], t: Translate): Promise<void> {
  const whole = await fetchInventory(clients);
  for (const id of ids) {
    const owner = ownerInAccount(whole, id, classPrefix(student));
    if (owner === undefined) continue;
    throw new UsageError(
      owner !== null
        ? t("--include: {0} is {1}'s, not {2}'s: a class's cleanup deletes only your own resources", id, owner, student)
        : t("--include: {0} is not {1}'s (no student tag, no user number in its name)", id, student),
    );
  }
}
