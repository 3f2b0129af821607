// `scale-out-lab inventory [--json] [account options]`: the account read once and printed (a summary, or the whole
// inventory as JSON). A section that could not be read is a warning on stderr, not a failure.
import { parseArgs } from 'node:util';
import { fetchInventory } from '../aws/inventory';
import { translatorFromEnv } from '../present/l10n';
import { ACCOUNT_OPTIONS, studentOption, withAccount } from './account';
import type { CliCommand } from './io';
import { formatSummary, warningLine } from './words';

export const INVENTORY_USAGE = `  scale-out-lab inventory [--json] [--practice] [--profile P] [--endpoint-url URL] [--region R] [--state FILE]
      Read the account (AWS profile, or the practice account when none is configured) and print it.
      --json            the whole inventory as JSON
      --practice        the practice account (started in this process unless --endpoint-url is given)
      --profile P       an AWS profile from ~/.aws/config or ~/.aws/credentials (SSO profiles included)
      --endpoint-url U  one URL for every service (a running practice server, moto, LocalStack)
      --region R        the region (default: the profile's, else ap-northeast-1)
      --state FILE      practice state file (default ~/.scale-out-lab/practice-state.json)
`;

export const inventoryCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    // The account options of every command (--speed included), as the usage says.
    options: ACCOUNT_OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const { inventory, facts } = await withAccount(
    values,
    env,
    async (clients, facts) => ({ inventory: await fetchInventory(clients, studentOption(values, env, t)), facts }),
    io,
  );
  io.stdout.write(values.json ? `${JSON.stringify(inventory, null, 2)}\n` : formatSummary(inventory, facts, t));
  // A partial inventory is still an answer: the missing sections are warnings, not a failure.
  for (const p of inventory.problems) io.stderr.write(`${warningLine(p, t)}\n`);
  return 0;
};
