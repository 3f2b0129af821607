// What the meter, its tooltip and the breakdown say: money in USD and yen, the accrued amount ticking, the
// practice label, the warning threshold, totals by kind and the IPv4 line.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CostEstimate, CostItem } from '../../../src/cost/estimate';
import {
  accruedNow,
  breakdownRows,
  formatAmount,
  formatRate,
  itemDetail,
  meterText,
  meterTooltip,
  meterWarns,
  totalsByKind,
  withFirstSeen,
  type CostView,
} from '../../../src/present/costModel';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';

const t = (m: string, ...args: Array<string | number | boolean>) =>
  m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const AT = '2026-12-01T09:00:00.000Z';
const item = (
  kind: CostItem['kind'],
  id: string,
  hourlyUsd: number,
  accruedUsd: number,
  detail: CostItem['detail'],
  extra: Partial<CostItem> = {},
): CostItem => ({
  kind,
  resourceId: id,
  detail,
  hourlyUsd,
  monthlyUsd: hourlyUsd * 730,
  accruedUsd,
  freeTier: false,
  labCreated: false,
  ...extra,
});
const items = [
  item(
    'instance',
    'i-1',
    0.0152,
    0.152,
    { type: 't2.micro', state: 'running', az: 'ap-northeast-1a' },
    { name: 'WebServer' },
  ),
  item('volume', 'vol-1', (8 * 0.12) / 730, 0.01, { type: 'gp2', sizeGiB: 8, state: 'in-use', instanceId: 'i-1' }),
  item(
    'publicIpv4',
    'eipalloc-1',
    0.005,
    0,
    { source: 'elastic', address: '54.0.0.1', addresses: 1, instanceId: 'i-1' },
    { accruedUnknown: true },
  ),
];
const sum = (f: (i: CostItem) => number) => items.reduce((n, i) => n + f(i), 0);
const estimate: CostEstimate = {
  region: 'ap-northeast-1',
  at: AT,
  hourlyUsd: sum((i) => i.hourlyUsd),
  monthlyUsd: sum((i) => i.monthlyUsd),
  accruedUsd: sum((i) => i.accruedUsd),
  ipv4: { addresses: 1, hourlyUsd: 0.005, monthlyUsd: 3.65 },
  withoutIpv4: { hourlyUsd: sum((i) => i.hourlyUsd) - 0.005, monthlyUsd: sum((i) => i.monthlyUsd) - 3.65 },
  items,
  prices: { origin: 'table', asOf: '2026-11-23' },
  priced: true,
  unpricedItems: 0,
};
const view: CostView = { estimate, practice: true, region: 'ap-northeast-1' };
const usd = { currency: 'USD', yenPerUsd: 150 } as const;
const jpy = { currency: 'JPY', yenPerUsd: 150 } as const;
const at = Date.parse(AT);

describe('cost model', () => {
  it('formats rates and amounts in USD and in yen at the student’s rate', () => {
    assert.equal(formatRate(0.045, usd, t), '0.045 USD/h');
    assert.equal(formatRate(0.0152, usd, t, true), '0.0152 USD/h');
    assert.equal(formatAmount(47.69, usd, t), '47.69 USD');
    assert.equal(formatRate(0.045, jpy, t), '6.8 JPY/h');
    assert.equal(formatAmount(47.69, jpy, t), '7154 JPY');
    assert.equal(formatAmount(0.31, jpy, t), '46.5 JPY');
  });

  it('ticks the accrued amount at the rate between estimates, and labels the practice account', () => {
    assert.equal(accruedNow(estimate, at), estimate.accruedUsd);
    assert.ok(
      Math.abs(accruedNow(estimate, at + 2 * 3_600_000) - (estimate.accruedUsd + 2 * estimate.hourlyUsd)) < 1e-12,
    );
    assert.equal(accruedNow(estimate, at - 60_000), estimate.accruedUsd, 'a clock going back does not un-accrue');
    assert.equal(meterText(view, usd, t, at), '$(credit-card) 0.022 USD/h · 0.16 USD (practice)');
    assert.equal(
      meterText({ ...view, practice: false }, usd, t, at + 10 * 3_600_000),
      '$(credit-card) 0.022 USD/h · 0.38 USD',
    );
  });

  it('warns only above the threshold, and never when nothing bills', () => {
    assert.equal(meterWarns(estimate, 0.05), false);
    assert.equal(meterWarns(estimate, 0.02), true);
    assert.equal(meterWarns({ ...estimate, hourlyUsd: 0 }, 0), false);
  });

  it('counts an Elastic IP from when it was first seen', () => {
    const seen = new Map([['publicIpv4:eipalloc-1', at - 2 * 3_600_000]]);
    const adjusted = withFirstSeen(estimate, seen);
    assert.ok(Math.abs(adjusted.accruedUsd - (estimate.accruedUsd + 0.01)) < 1e-12);
    assert.equal(adjusted.items[2]?.since, new Date(at - 2 * 3_600_000).toISOString());
    assert.equal(withFirstSeen(estimate, new Map()), estimate);
  });

  it('totals by kind, states the IPv4 charge apart, and links the breakdown and cleanup', () => {
    const kinds = totalsByKind(estimate, t, at);
    assert.deepEqual(
      kinds.map((k) => [k.kind, k.count]),
      [
        ['instance', 1],
        ['volume', 1],
        ['publicIpv4', 1],
      ],
    );
    const tip = meterTooltip(view, usd, t, at, { breakdown: 'scaleOutLab.showCost', cleanUp: 'scaleOutLab.cleanUp' });
    assert.match(tip, /Practice account: what it would cost on AWS/);
    assert.match(tip, /\| EC2 instances \(1\) \| 0\.0152 \| 0\.15 \| 11\.10 \|/);
    assert.match(tip, /Public IPv4: 1 address, 0\.0050 USD\/h \(3\.65 USD a month\), included above/);
    assert.match(tip, /Prices: built-in table of 2026-11-23/);
    assert.match(tip, /\(command:scaleOutLab\.cleanUp\)/);
  });

  it('gives one breakdown row per resource with its facts and flags', () => {
    const rows = breakdownRows(view, usd, t, at);
    assert.deepEqual(
      rows.map((r) => [r.name, r.detail, r.hourly, r.monthly]),
      [
        ['WebServer', 't2.micro · running', '0.0152', '11.10'],
        ['vol-1', 'gp2 · 8 GiB · on i-1', '0.0013', '0.96'],
        ['eipalloc-1', 'Elastic IP 54.0.0.1', '0.0050', '3.65'],
      ],
    );
    assert.deepEqual(rows[0]?.notes, ['not created by the lab']);
    assert.deepEqual(rows[2]?.notes, ['not created by the lab', 'counted from when first seen']);
  });
});

describe('itemDetail in Japanese', () => {
  it('says the state words as the explorer does (実行中, 完了), names and sizes as they are', () => {
    const ja = bundleTranslator(loadBundle('ja'));
    const instance = itemDetail(item('instance', 'i-1', 0.0152, 0, { type: 't2.micro', state: 'running' }), ja);
    assert.equal(instance, `t2.micro · ${ja('running')}`);
    assert.notEqual(ja('running'), 'running');
    assert.match(itemDetail(item('snapshot', 'snap-1', 0.0005, 0, { sizeGiB: 8, state: 'completed' }), ja), /完了/);
    assert.equal(
      itemDetail(item('instance', 'i-2', 0, 0, { type: 't2.micro', state: 'running' }), t),
      't2.micro · running',
    );
  });
});
