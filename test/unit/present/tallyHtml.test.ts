// The load-balancing chart page: bars per backend and page variant with counts, live updates built and
// escaped on our side, and a page that loads nothing from anywhere (CSP with a nonce, theme colours only).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Tally } from '../../../src/lab/types';
import type { Translate } from '../../../src/present/translate';
import { barsHtml, tallyBars, tallyPageHtml, tallyUpdate, tallyWords } from '../../../src/present/tallyHtml';

const en: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const DNS = 'LoadBalancer-1234567890.ap-northeast-1.elb.amazonaws.com';
const words = tallyWords(en, DNS);
const tally: Tally = {
  requests: 20,
  answered: 19,
  failed: 1,
  byBackend: [
    { instanceId: 'i-0b2', name: 'WebServer2', variant: 'vision2', count: 9 },
    { instanceId: 'i-0a1', name: 'WebServer', variant: 'vision', count: 10 },
  ],
};

describe('tally chart', () => {
  it('has one bar per backend, by name, labelled and coloured by the page variant, sized by its share of the requests', () => {
    const bars = tallyBars(tally, words);
    assert.deepEqual(
      bars.map((b) => [b.label, b.detail, b.variant, b.count, b.tone]),
      [
        ['WebServer', 'i-0a1', 'page with 私たちのビジョン', 10, 'vision'],
        ['WebServer2', 'i-0b2', 'page with 私たちのビジョン2', 9, 'vision2'],
        ['No answer', '', '', 1, 'failed'],
      ],
    );
    assert.ok(Math.abs(bars[0]!.share - 10 / 20) < 1e-9);
    assert.match(barsHtml(bars), /class="fill vision2" data-share="45\.0"/);
  });

  it('shows the counts and the totals, live or done', () => {
    const page = tallyPageHtml({ tally, live: true }, words, 'n0nce', 'vscode-webview://x');
    assert.match(page, /<h1>Requests to LoadBalancer-1234567890\.ap-northeast-1\.elb\.amazonaws\.com<\/h1>/);
    assert.match(page, /Requests: <b>20<\/b>.*Answered: <b>19<\/b>.*No answer: <b>1<\/b>/s);
    assert.match(page, /sending requests…/);
    assert.match(page, /<div class="count">10<\/div>/);
    assert.match(tallyUpdate({ tally, live: false }, words).summary, /done/);
  });

  it('loads nothing: a CSP with the nonce on its only script and style, no URLs, no inline style attributes', () => {
    const page = tallyPageHtml(
      { tally, live: false, note: 'WebServer2 is stopped' },
      words,
      'n0nce',
      'vscode-webview://x',
    );
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal((page.match(/<script/g) ?? []).length, 1);
    assert.match(page, /<script nonce="n0nce">/);
    assert.match(page, /<style nonce="n0nce">/);
    assert.doesNotMatch(page, /https?:\/\//);
    assert.doesNotMatch(page, / style="/);
    assert.doesNotMatch(page, /#[0-9a-f]{6}\b/i, 'colours come from the theme');
    assert.match(page, /var\(--vscode-charts-blue\)/);
    assert.match(page, /WebServer2 is stopped/);
  });

  it('escapes what comes from the account (instance names are anyone’s tags)', () => {
    const evil: Tally = {
      requests: 1,
      answered: 1,
      failed: 0,
      byBackend: [{ instanceId: 'i-1', name: '<img src=x onerror=alert(1)>', variant: 'other', count: 1 }],
    };
    const html = barsHtml(tallyBars(evil, words));
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(
      tallyPageHtml({ tally: evil, live: false }, tallyWords(en, '"><script>'), 'n', 'c'),
      /"><script>/,
    );
  });

  it('says it is waiting before the first answer', () => {
    const empty: Tally = { requests: 0, answered: 0, failed: 0, byBackend: [] };
    assert.match(tallyUpdate({ tally: empty, live: true }, words).bars, /Waiting for the first answer…/);
  });
});
