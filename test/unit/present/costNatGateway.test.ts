// A NAT gateway in the cost breakdown: its row (kind, public/private, state, the per-GB note) and the Elastic IP it
// holds named as the NAT's, in English and in Japanese.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../src/aws/types';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { costPageHtml } from '../../../src/present/costHtml';
import { breakdownRows, totalsByKind } from '../../../src/present/costModel';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { LAB_ID, LAB_TAG } from '../../../src/lab/types';
import { edit, finishedLab } from '../../fixtures/labWorld';
import { repoRoot } from '../../fixtures/repo';

const en = bundleTranslator(undefined);
const ja = bundleTranslator(loadBundle('ja', repoRoot));
const lab = { [LAB_TAG]: LAB_ID };

function withNat(): Inventory {
  const base = finishedLab();
  return edit(base, {
    natGateways: [
      {
        id: 'nat-0lab',
        name: 'Test-VPC-nat',
        vpcId: 'vpc-test',
        subnetId: 'subnet-pub',
        state: 'available',
        connectivity: 'public',
        publicIp: '13.112.1.2',
        tags: lab,
      },
    ],
    elasticIps: [
      ...base.elasticIps,
      { allocationId: 'eipalloc-nat', publicIp: '13.112.1.2', networkInterfaceId: 'eni-nat', tags: lab },
    ],
  });
}

describe('NAT gateway in the cost breakdown', () => {
  const prices = priceTable('ap-northeast-1');
  assert.ok(prices);
  const estimate = estimateCost(withNat(), { prices, now: new Date('2026-12-01T09:00:00.000Z') });
  const view = { estimate, practice: false, region: 'ap-northeast-1' };
  const usd = { currency: 'USD' as const, yenPerUsd: 150 };
  const now = Date.parse(estimate.at);

  it('lists the NAT gateway with its rate and the per-GB note, and its Elastic IP as the NAT’s', () => {
    const rows = breakdownRows(view, usd, en, now);
    const nat = rows.find((r) => r.id === 'nat-0lab');
    assert.deepEqual(nat && [nat.name, nat.kind, nat.detail, nat.hourly, nat.monthly], [
      'Test-VPC-nat',
      'NAT gateways',
      'public · available',
      '0.0620',
      '45.26',
    ]);
    assert.ok(nat?.notes.includes('plus each GB processed, not counted'), nat?.notes.join(', '));
    assert.equal(rows.find((r) => r.id === 'eipalloc-nat')?.detail, 'Elastic IP 13.112.1.2 of NAT gateway nat-0lab');
    const kinds = totalsByKind(estimate, en, now).find((k) => k.kind === 'natGateway');
    assert.equal(kinds?.count, 1);
    assert.equal(kinds?.hourlyUsd, 0.062);
  });

  it('says it in Japanese on the page', () => {
    const html = costPageHtml(view, usd, ja, now, { cleanUp: 'c', refresh: 'r' }, 'N', 'vscode-resource:', 'ja');
    assert.match(html, /NAT ゲートウェイ/);
    assert.match(html, /パブリック · 利用可能/);
    assert.match(html, /処理したデータ 1 GB ごとの料金は別途（計算に含まず）/);
    assert.match(html, /NAT ゲートウェイ nat-0lab の Elastic IP 13\.112\.1\.2/);
  });
});
