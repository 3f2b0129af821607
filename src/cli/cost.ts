// `scale-out-lab cost [--json] [--free-tier] [--lcu N] [--live-prices]`: what the account costs, per hour now,
// accrued, a month, the public IPv4 charge apart, and every billable resource (prices from the built-in table, or
// the AWS Price List API with --live-prices on AWS).
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fetchInventory } from '../aws/inventory';
import { estimateCost, type CostEstimate, type CostItem } from '../cost/estimate';
import { fetchLivePrices } from '../cost/livePrices';
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
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';
import { ACCOUNT_OPTIONS, defaultStateFile, studentOption, withAccount } from './account';
import type { CliCommand } from './io';
import { problemLine, UsageError, warningLine } from './words';

export const COST_USAGE = `  scale-out-lab cost [--json] [--free-tier] [--lcu N] [--live-prices] [account options]
      What the account costs: per hour now, accrued since each resource started, a month (730 h), the
      public IPv4 charge apart, and every billable resource.
      --json            the whole estimate as JSON
      --free-tier       apply the 12-month free tier (accounts created before 2025-07-15)
      --lcu N           LCUs each Application Load Balancer uses an hour (default 1)
      --live-prices     AWS accounts: prices from the AWS Price List API (cached a day), else the built-in table
`;

export const costCommand: CliCommand = async (args, io, env, usage) => {
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
    io.stdout.write(usage);
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
      const inventory = await fetchInventory(clients, studentOption(values, env, t));
      for (const p of inventory.problems) io.stderr.write(`${warningLine(p, t)}\n`);
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
};

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
