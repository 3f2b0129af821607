// `scale-out-lab check [--track 0|1|2|4] [--layout …] [--json]`: every lab step checked against the account; exit 0 when all pass,
// 3 when one does not. Warnings (a section that could not be read) on stderr, the results on stdout.
import { parseArgs } from 'node:util';
import { fetchInventory } from '../aws/inventory';
import { createWebProbe } from '../aws/web';
import { checkAll } from '../lab/checks/checks';
import { observe } from '../lab/observe';
import { TRACKS } from '../lab/tracks';
import type { TrackId } from '../lab/types';
import { translatorFromEnv } from '../present/l10n';
import { ACCOUNT_OPTIONS, studentOption, withAccount } from './account';
import type { CliCommand } from './io';
import { checkEntry, checkLine, LAB_OPTIONS, layoutOption, LAYOUT_USAGE } from './lab';
import { UsageError, warningLine } from './words';

export const CHECK_USAGE = `  scale-out-lab check [--track 0|1|2|4] [--layout …] [--json] [account options]
      Check every lab step against the account (exit 0 when all pass, 3 when one does not).
      --json            one entry per step: id, title, passed, status, reason (text and code), fixes
${LAYOUT_USAGE}`;

export const checkCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: { ...ACCOUNT_OPTIONS, ...LAB_OPTIONS, track: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const track = values.track;
  if (track !== undefined && !(TRACKS as readonly string[]).includes(track))
    throw new UsageError(t('--track must be one of {0}: {1}', TRACKS.join(', '), track));
  const layout = layoutOption(values.layout, env, t);
  const view = studentOption(values, env, t);
  const results = await withAccount(
    values,
    env,
    async (clients) => {
      const inventory = await fetchInventory(clients, view);
      for (const p of inventory.problems) io.stderr.write(`${warningLine(p, t)}\n`);
      const observations = await observe(inventory, createWebProbe(clients.account), undefined, undefined, layout);
      return checkAll({ inventory, observations, ...(layout ? { layout } : {}) }, track as TrackId | undefined);
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
};
