// What the meter, its tooltip and the breakdown say about a cost estimate: money in the student's currency,
// the accrued amount ticking between estimates, the breakdown by kind and per resource. Pure (no vscode):
// the estimate and a Translate in, strings and rows out; unit-tested in plain Node.
import type { CostEstimate, CostItem, CostKind } from '../cost/estimate';
import { stateText } from './explorer/text';
import type { Translate } from './translate';
import type { Currency } from '../vscode/settings/read';

export interface Money {
  readonly currency: Currency;
  readonly yenPerUsd: number;
}

/** An estimate as the views show it: which account it is for (the practice account costs nothing real). */
export interface CostView {
  readonly estimate: CostEstimate;
  readonly practice: boolean;
  readonly region: string;
}

const HOUR_MS = 3_600_000;

/** Hours between the estimate and `nowMs` (never negative: a clock going back does not un-accrue). */
function hoursSince(estimate: CostEstimate, nowMs: number): number {
  return Math.max(0, nowMs - Date.parse(estimate.at)) / HOUR_MS;
}

/** What has accrued by `nowMs`: the estimate's amount plus its rate since then. */
export function accruedNow(estimate: CostEstimate, nowMs: number): number {
  return estimate.accruedUsd + estimate.hourlyUsd * hoursSince(estimate, nowMs);
}

export function itemAccruedNow(estimate: CostEstimate, item: CostItem, nowMs: number): number {
  return item.accruedUsd + item.hourlyUsd * hoursSince(estimate, nowMs);
}

/**
 * Items whose start AWS does not tell (Elastic IPs) accrue from when this window first saw them: adds
 * hourly × (estimate time − first seen) to them and to the total. `firstSeen` maps resource ids to epoch ms.
 */
export function withFirstSeen(estimate: CostEstimate, firstSeen: ReadonlyMap<string, number>): CostEstimate {
  const at = Date.parse(estimate.at);
  let added = 0;
  const items = estimate.items.map((item) => {
    const seen = firstSeen.get(`${item.kind}:${item.resourceId}`);
    if (!item.accruedUnknown || seen === undefined || seen >= at) return item;
    const extra = (item.hourlyUsd * (at - seen)) / HOUR_MS;
    added += extra;
    return { ...item, accruedUsd: item.accruedUsd + extra, since: new Date(seen).toISOString() };
  });
  return added === 0 ? estimate : { ...estimate, items, accruedUsd: estimate.accruedUsd + added };
}

function toCurrency(usd: number, money: Money): number {
  return money.currency === 'JPY' ? usd * money.yenPerUsd : usd;
}

/** Digits for an amount: cents for dollars, whole yen from 100 yen up. */
function amountDigits(value: number, currency: Currency): number {
  if (currency === 'USD') return 2;
  return Math.abs(value) >= 100 ? 0 : 1;
}

/** An amount: "0.31 USD", "47 JPY" (Japanese: "47 円"). */
export function formatAmount(usd: number, money: Money, t: Translate): string {
  const value = toCurrency(usd, money);
  const text = value.toFixed(amountDigits(value, money.currency));
  return money.currency === 'JPY' ? t('{0} JPY', text) : t('{0} USD', text);
}

/** A total hourly rate: "0.045 USD/h"; `fine` for per-resource rates ("0.0152 USD/h"). */
export function formatRate(usd: number, money: Money, t: Translate, fine = false): string {
  const value = toCurrency(usd, money);
  const digits = money.currency === 'USD' ? (fine ? 4 : 3) : fine ? 2 : 1;
  const text = value.toFixed(digits);
  return money.currency === 'JPY' ? t('{0} JPY/h', text) : t('{0} USD/h', text);
}

/** The number alone, for table cells whose header names the unit. */
export function formatNumber(usd: number, money: Money, kind: 'rate' | 'amount'): string {
  const value = toCurrency(usd, money);
  if (kind === 'amount') return value.toFixed(amountDigits(value, money.currency));
  return value.toFixed(money.currency === 'USD' ? 4 : 2);
}

/** The status-bar text: `$(credit-card) 0.045 USD/h · 0.31 USD`, marked on the practice account. */
export function meterText(view: CostView, money: Money, t: Translate, nowMs: number): string {
  const e = view.estimate;
  const text = `$(credit-card) ${formatRate(e.hourlyUsd, money, t)} · ${formatAmount(accruedNow(e, nowMs), money, t)}`;
  return view.practice ? `${text} (${t('practice')})` : text;
}

/** Warning colours only when what runs costs more than the student's threshold. */
export function meterWarns(estimate: CostEstimate, warnAtUsdPerHour: number): boolean {
  return estimate.hourlyUsd > 0 && estimate.hourlyUsd > warnAtUsdPerHour;
}

export const COST_KINDS: readonly CostKind[] = [
  'instance',
  'volume',
  'snapshot',
  'loadBalancer',
  'lcu',
  'publicIpv4',
  'dbInstance',
  'dbStorage',
  'auroraInstance',
  'natGateway',
  'alarm',
];

export function kindLabel(kind: CostKind, t: Translate): string {
  switch (kind) {
    case 'instance':
      return t('EC2 instances');
    case 'volume':
      return t('EBS volumes');
    case 'snapshot':
      return t('EBS snapshots');
    case 'loadBalancer':
      return t('Load balancers');
    case 'lcu':
      return t('Load balancer capacity (LCU)');
    case 'publicIpv4':
      return t('Public IPv4 addresses');
    case 'dbInstance':
      return t('RDS DB instances');
    case 'dbStorage':
      return t('RDS storage');
    case 'auroraInstance':
      return t('Aurora DB instances');
    case 'natGateway':
      return t('NAT gateways');
    case 'alarm':
      return t('CloudWatch alarms');
  }
}

/** One line of a resource's facts: "t2.micro · running", "gp2 · 8 GiB", "Elastic IP 54.1.2.3". */
export function itemDetail(item: CostItem, t: Translate): string {
  const d = item.detail;
  const parts: string[] = [];
  const add = (v: unknown) => {
    if (v !== undefined && v !== '') parts.push(String(v));
  };
  // AWS's state words as the explorer shows them (実行中 in Japanese); unknown ones pass through.
  const addState = (v: unknown) => {
    if (typeof v === 'string' && v !== '') parts.push(stateText(v, t));
  };
  switch (item.kind) {
    case 'instance':
      add(d.type);
      addState(d.state);
      break;
    case 'volume':
    case 'dbStorage':
      add(d.type);
      if (d.sizeGiB !== undefined) parts.push(t('{0} GiB', d.sizeGiB));
      if (item.kind === 'volume' && d.instanceId) parts.push(t('on {0}', d.instanceId));
      if (d.multiAz === 1) parts.push(t('Multi-AZ (×2)'));
      break;
    case 'snapshot':
      if (d.sizeGiB !== undefined) parts.push(t('{0} GiB', d.sizeGiB));
      addState(d.state);
      break;
    case 'loadBalancer':
      add(d.type);
      add(d.scheme);
      break;
    case 'lcu':
      parts.push(t('{0} LCU assumed', d.lcu ?? 1));
      break;
    case 'publicIpv4':
      if (d.source === 'elastic' && d.natGatewayId)
        parts.push(t('Elastic IP {0} of NAT gateway {1}', d.address ?? '', d.natGatewayId));
      else if (d.source === 'elastic')
        parts.push(
          d.state === 'idle' ? t('Elastic IP {0}, not in use', d.address ?? '') : t('Elastic IP {0}', d.address ?? ''),
        );
      else if (d.source === 'auto') parts.push(t('auto-assigned {0}', d.address ?? ''));
      else if (d.source === 'natGateway') parts.push(t('{0} of a NAT gateway', d.address ?? ''));
      else parts.push(t('{0} addresses of a load balancer', d.addresses ?? 1));
      break;
    case 'dbInstance':
    case 'auroraInstance':
      add(d.class);
      add(d.engine);
      addState(d.status);
      if (d.multiAz === 1) parts.push(t('Multi-AZ (×2)'));
      break;
    case 'natGateway':
      parts.push(d.connectivity === 'private' ? t('private') : t('public'));
      addState(d.state);
      break;
    case 'alarm':
      add(d.metric);
      add(d.state);
      break;
  }
  return parts.join(' · ');
}

/** Why an item shows no price. */
export function unpricedText(item: CostItem, region: string, t: Translate): string | undefined {
  switch (item.unpriced) {
    case undefined:
      return undefined;
    case 'region':
      return t('no prices for {0}', region);
    case 'unconfirmed':
      return t(
        'price unconfirmed for {0} in {1}: no public figure found, not counted',
        String(item.detail.class ?? ''),
        region,
      );
    default:
      return t('no price for {0}', String(item.detail.type ?? item.detail.class ?? item.unpriced));
  }
}

export interface KindTotal {
  readonly kind: CostKind;
  readonly label: string;
  readonly count: number;
  readonly hourlyUsd: number;
  readonly accruedUsd: number;
  readonly monthlyUsd: number;
}

/** Totals by kind, in a fixed order, kinds with no item left out. */
export function totalsByKind(estimate: CostEstimate, t: Translate, nowMs: number): KindTotal[] {
  return COST_KINDS.flatMap((kind) => {
    const items = estimate.items.filter((i) => i.kind === kind);
    if (items.length === 0) return [];
    const sum = (f: (i: CostItem) => number) => items.reduce((n, i) => n + f(i), 0);
    const count = kind === 'publicIpv4' ? sum((i) => Number(i.detail.addresses ?? 1)) : items.length;
    return [
      {
        kind,
        label: kindLabel(kind, t),
        count,
        hourlyUsd: sum((i) => i.hourlyUsd),
        accruedUsd: sum((i) => itemAccruedNow(estimate, i, nowMs)),
        monthlyUsd: sum((i) => i.monthlyUsd),
      },
    ];
  });
}

/** "Prices: built-in table of 2026-11-23" / "Prices: AWS Price List API, read 2026-11-30". */
export function priceSourceText(estimate: CostEstimate, t: Translate): string {
  return estimate.prices.origin === 'live'
    ? t('Prices: AWS Price List API, read {0}', estimate.prices.asOf)
    : t('Prices: built-in table of {0}', estimate.prices.asOf);
}

/** The IPv4 line: stated apart because seed 000 predates the 2024 charge; already in the totals. */
export function ipv4Text(estimate: CostEstimate, money: Money, t: Translate): string {
  const args = [
    estimate.ipv4.addresses,
    formatRate(estimate.ipv4.hourlyUsd, money, t, true),
    formatAmount(estimate.ipv4.monthlyUsd, money, t),
    formatAmount(estimate.withoutIpv4.monthlyUsd, money, t),
  ] as const;
  return estimate.ipv4.addresses === 1
    ? t('Public IPv4: {0} address, {1} ({2} a month), included above. Without it: {3} a month.', ...args)
    : t('Public IPv4: {0} addresses, {1} ({2} a month), included above. Without them: {3} a month.', ...args);
}

/** The headline: rate, so far, a month. */
export function headlineText(view: CostView, money: Money, t: Translate, nowMs: number): string {
  const e = view.estimate;
  return t(
    '{0} now · {1} so far · {2} a month',
    formatRate(e.hourlyUsd, money, t),
    formatAmount(accruedNow(e, nowMs), money, t),
    formatAmount(e.monthlyUsd, money, t),
  );
}

/** The tooltip (markdown): headline, by kind, the IPv4 line, the price source, links to the breakdown and cleanup. */
export function meterTooltip(
  view: CostView,
  money: Money,
  t: Translate,
  nowMs: number,
  links: { breakdown: string; cleanUp: string },
): string {
  const e = view.estimate;
  const lines = [
    `**${view.practice ? t('Practice account: what it would cost on AWS') : t('What your AWS account is costing')}** (${view.region})`,
    '',
  ];
  lines.push(headlineText(view, money, t, nowMs), '');
  const kinds = totalsByKind(e, t, nowMs);
  if (kinds.length === 0) lines.push(t('Nothing billable is running.'), '');
  else {
    lines.push(`| | ${t('per hour')} | ${t('so far')} | ${t('per month')} |`, '|:--|--:|--:|--:|');
    for (const k of kinds) {
      lines.push(
        `| ${k.label} (${k.count}) | ${formatNumber(k.hourlyUsd, money, 'rate')} | ${formatNumber(k.accruedUsd, money, 'amount')} | ${formatNumber(k.monthlyUsd, money, 'amount')} |`,
      );
    }
    lines.push('');
  }
  if (e.ipv4.addresses > 0) lines.push(ipv4Text(e, money, t), '');
  if (e.unpricedItems > 0) lines.push(t('{0} resources have no price and are not counted.', e.unpricedItems), '');
  lines.push(
    priceSourceText(e, t) +
      (money.currency === 'JPY' ? ` · ${t('1 USD = {0} JPY (your setting)', money.yenPerUsd)}` : ''),
    '',
  );
  lines.push(`[${t('Breakdown')}](command:${links.breakdown}) · [${t('Clean up now')}](command:${links.cleanUp})`);
  return lines.join('\n');
}

/** A breakdown row per resource. */
export interface BreakdownRow {
  readonly name: string;
  readonly id: string;
  readonly kind: string;
  readonly detail: string;
  readonly hourly: string;
  readonly accrued: string;
  readonly monthly: string;
  /** Flags: free tier, not the lab's, no price. */
  readonly notes: readonly string[];
  readonly labCreated: boolean;
}

export function breakdownRows(view: CostView, money: Money, t: Translate, nowMs: number): BreakdownRow[] {
  const e = view.estimate;
  const order = new Map(COST_KINDS.map((k, i) => [k, i]));
  return [...e.items]
    .sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) || b.hourlyUsd - a.hourlyUsd)
    .map((item) => {
      const notes: string[] = [];
      if (item.freeTier) notes.push(t('free tier'));
      if (!item.labCreated) notes.push(t('not created by the lab'));
      const unpriced = unpricedText(item, e.region, t);
      if (unpriced) notes.push(unpriced);
      if (item.accruedUnknown) notes.push(t('counted from when first seen'));
      // Data processed bills per GB on top of the hours: it depends on traffic, so it is named, not metered.
      if (item.detail.processing === 'notMetered') notes.push(t('plus each GB processed, not counted'));
      return {
        name: item.name ?? item.resourceId,
        id: item.resourceId,
        kind: kindLabel(item.kind, t),
        detail: itemDetail(item, t),
        hourly: formatNumber(item.hourlyUsd, money, 'rate'),
        accrued: formatNumber(itemAccruedNow(e, item, nowMs), money, 'amount'),
        monthly: formatNumber(item.monthlyUsd, money, 'amount'),
        notes,
        labCreated: item.labCreated,
      };
    });
}

/** The unit of the breakdown's columns: "USD", "JPY". */
export function currencyUnit(money: Money, t: Translate): string {
  return money.currency === 'JPY' ? t('JPY') : t('USD');
}
