// scale-out-lab cleanup [--dry-run] [--yes] [--include ID]... [--json] [account options]: the plan with the
// hourly cost it stops, the changes to what is kept, what is kept, what could not be read; a confirmation, the run
// with progress on stderr, the result; exit 1 when anything of the lab failed, still bills or could not be
// checked (also a --dry-run whose plan could not read a section).
import { parseArgs } from 'node:util';
import { fetchInventory } from '../aws/inventory';
import { ownerInAccount } from '../aws/inventory/scope';
import { classPrefix } from '../aws/student';
import type { AwsClients } from '../aws/clients';
import type { Translate } from '../present/translate';
import { priceTable } from '../cost/prices';
import { planCleanup, runCleanup } from '../lab/cleanup/plan';
import { translatorFromEnv } from '../present/l10n';
import { ACCOUNT_OPTIONS, studentOption, withAccount } from './account';
import { interruptSignal, type CliCommand } from './io';
import { carryOutCleanup, CLEANUP_OPTIONS, keyPairsOrUnread } from './cleanupFlow';
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
      ...CLEANUP_OPTIONS,
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
  const stop = interruptSignal(io, 0); // the inventory and each cleanup stage call in parallel on it
  try {
    return await withAccount(
      values,
      env,
      async (clients) => {
        const inventory = () => fetchInventory(clients, { abortSignal: stop.signal, ...studentOption(values, env, t) });
        const inv = await inventory();
        const { keyPairs, unread } = await keyPairsOrUnread(clients, stop.signal);
        const prices = priceTable(inv.context.region);
        const plan = planCleanup(inv, { include, keyPairs, unread, ...(prices ? { prices } : {}) });
        const picked = new Set(plan.items.flatMap((i) => [i.id, i.name ?? '']));
        const unknown = include.filter((id) => !picked.has(id));
        if (unknown.length > 0 && inv.student) await refuseOthers(clients, inv.student, unknown, t);
        if (unknown.length > 0) throw new UsageError(t('--include: no such resource: {0}', unknown.join(', ')));
        const header = { region: inv.context.region, account: inv.context.kind };
        return carryOutCleanup(plan, { values, header, io, t }, (progress) =>
          runCleanup(plan, { clients, inventory, signal: stop.signal, progress, ...(prices ? { prices } : {}) }),
        );
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
