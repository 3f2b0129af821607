// The failover chart's page: what a student reads — the downtime, the answers by kind, where the database moved.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { measureDowntime, type SiteSample } from '../../../src/lab/failover';
import { failoverPageHtml, failoverUpdate, failoverWords } from '../../../src/present/failoverHtml';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';

const samples: SiteSample[] = [
  { atMs: 0, answer: 'site', status: 200 },
  { atMs: 2000, answer: 'gatewayTimeout', status: 504 },
  { atMs: 4000, answer: 'dbError', status: 500 },
  { atMs: 38000, answer: 'site', status: 200 },
];
const watch = { host: 'test-elb-1.elb.amazonaws.com', path: '/', samples, ...measureDowntime(samples) };

describe('failover chart', () => {
  it('says the downtime, counts each kind of answer, and what moved', () => {
    const words = failoverWords(bundleTranslator(), 'failover', watch.host);
    const html = failoverPageHtml(
      { watch, live: false, moved: 'ap-northeast-1a → ap-northeast-1c' },
      words,
      'n0nce',
      'vscode-resource:',
    );
    assert.match(html, /Down for 36\.0 s/);
    assert.match(html, /504 Gateway Time-out 1/);
    assert.match(html, /database error 1/);
    assert.match(html, /the site 2/);
    assert.match(html, /ap-northeast-1a → ap-northeast-1c/);
    assert.match(html, /nonce="n0nce"/);
    assert.doesNotMatch(html, /style="/);
    assert.equal((html.match(/class="mark /g) ?? []).length, 4);
  });

  it('reads in Japanese, and a live update says it is still watching', () => {
    const words = failoverWords(bundleTranslator(loadBundle('ja')), 'auroraFailover', watch.host);
    const update = failoverUpdate({ watch, live: true }, words);
    assert.match(update.summary, /停止 36\.0 秒/);
    assert.match(update.summary, /監視中/);
    assert.match(update.summary, /データベースのエラー 1/);
    assert.match(failoverPageHtml({ watch, live: true }, words, 'n', 'c'), /Aurora のフェイルオーバー/);
  });

  it('says why a site that never went down shows no outage (a page not built from the database), only at the end', () => {
    const up: SiteSample[] = [0, 100, 200].map((atMs) => ({ atMs, answer: 'site', status: 200 }));
    const steady = { ...watch, samples: up, ...measureDowntime(up) };
    const en = failoverWords(bundleTranslator(), 'reboot', watch.host);
    assert.match(failoverUpdate({ watch: steady, live: false }, en).summary, /do not come from the database/);
    assert.doesNotMatch(failoverUpdate({ watch: steady, live: true }, en).summary, /do not come from the database/);
    assert.doesNotMatch(failoverUpdate({ watch, live: false }, en).summary, /do not come from the database/);
    const ja = failoverWords(bundleTranslator(loadBundle('ja')), 'reboot', watch.host);
    assert.match(failoverUpdate({ watch: steady, live: false }, ja).summary, /データベースから作られていない/);
  });
});
