// The breakdown page: locked down (CSP with a nonce, no scripts, command links only to the allowed commands),
// one row per resource with escaped names, the total and the IPv4 line.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CostEstimate } from '../../../src/cost/estimate';
import { costPageHtml } from '../../../src/present/costHtml';

const t = (m: string, ...args: Array<string | number | boolean>) =>
  m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const estimate: CostEstimate = {
  region: 'ap-northeast-1',
  at: '2026-12-01T09:00:00.000Z',
  hourlyUsd: 0.0202,
  monthlyUsd: 14.75,
  accruedUsd: 0.2,
  ipv4: { addresses: 1, hourlyUsd: 0.005, monthlyUsd: 3.65 },
  withoutIpv4: { hourlyUsd: 0.0152, monthlyUsd: 11.1 },
  items: [
    {
      kind: 'instance',
      resourceId: 'i-1',
      name: '<b>Web</b>',
      detail: { type: 't2.micro', state: 'running' },
      hourlyUsd: 0.0152,
      monthlyUsd: 11.1,
      accruedUsd: 0.2,
      freeTier: true,
      labCreated: true,
    },
    {
      kind: 'publicIpv4',
      resourceId: 'eipalloc-1',
      detail: { source: 'elastic', address: '54.0.0.1', addresses: 1 },
      hourlyUsd: 0.005,
      monthlyUsd: 3.65,
      accruedUsd: 0,
      freeTier: false,
      labCreated: false,
    },
  ],
  prices: { origin: 'table', asOf: '2026-11-23' },
  priced: true,
  unpricedItems: 0,
};

describe('cost breakdown page', () => {
  const html = costPageHtml(
    { estimate, practice: false, region: 'ap-northeast-1' },
    { currency: 'USD', yenPerUsd: 150 },
    t,
    Date.parse(estimate.at),
    { cleanUp: 'scaleOutLab.cleanUp', refresh: 'scaleOutLab.refresh' },
    'NONCE',
    'vscode-resource:',
    'ja',
  );

  it('is locked down: a CSP with the nonce, no script, no remote resources', () => {
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-NONCE'; img-src vscode-resource:;">/,
    );
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /https?:\/\//);
    assert.match(html, /<style nonce="NONCE">/);
    assert.match(html, /<html lang="ja">/);
    assert.deepEqual(
      [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
      ['command:scaleOutLab.cleanUp', 'command:scaleOutLab.refresh'],
    );
  });

  it('has one escaped row per resource with its flags, the total and the IPv4 line', () => {
    const rows = [...html.matchAll(/<tr class="(lab|other)">/g)].map((m) => m[1]);
    assert.deepEqual(rows, ['lab', 'other']);
    assert.match(html, /&lt;b&gt;Web&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<b>Web/);
    assert.match(html, /<span class="flag">free tier<\/span>/);
    assert.match(html, /<span class="flag">not created by the lab<\/span>/);
    assert.match(html, /<tr id="total"><td>Total<\/td><td><\/td><td class="num">0\.0202<\/td>/);
    assert.match(html, /Public IPv4: 1 address, 0\.0050 USD\/h \(3\.65 USD a month\)/);
    assert.match(html, /What your AWS account is costing/);
  });
});
