// The lab's words: a sentence for every code the engine emits, in English and (through the bundle) Japanese.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIX_CODES, OPTION_CODES, PROGRESS_CODES, REASON_CODES } from '../../../../src/lab/codes';
import { bundleTranslator, formatMessage, loadBundle, localeFromEnv } from '../../../../src/present/l10n';
import { stepSummary, stepTitle } from '../../../../src/present/lab/steps';
import { reasonText } from '../../../../src/present/lab/reasons';
import { fixTitle } from '../../../../src/present/lab/fixes';
import { optionText } from '../../../../src/present/lab/options';
import { progressText } from '../../../../src/present/lab/progress';
import { STEPS } from '../../../../src/lab/tracks';
import type { Translate } from '../../../../src/present/translate';
import { repoRoot } from '../../../fixtures/repo';

const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;

/** Every argument a template might read, present. */
const anyArgs = new Proxy({} as Record<string, string>, {
  get: (_t, key) => (typeof key === 'string' ? `«${key}»` : undefined),
  has: () => true,
});

/** Records the messages asked for, and translates through the Japanese bundle. */
function recorder(): { t: Translate; asked: Set<string> } {
  const asked = new Set<string>();
  const ja = bundleTranslator(bundle);
  return { asked, t: (message, ...args) => (asked.add(message), ja(message, ...args)) };
}

const english: Translate = bundleTranslator(undefined);

function everyText(t: Translate): string[] {
  const out: string[] = [];
  for (const s of STEPS) out.push(stepTitle(s.id, t), stepSummary(s.id, t));
  for (const code of REASON_CODES) out.push(reasonText({ code, args: anyArgs }, t));
  for (const code of FIX_CODES) {
    out.push(fixTitle({ code, args: anyArgs }, t));
    out.push(fixTitle({ code, args: {} }, t));
  }
  for (const code of OPTION_CODES) out.push(optionText(code, anyArgs, t), optionText(code, {}, t));
  for (const code of PROGRESS_CODES) out.push(progressText({ code, args: anyArgs }, t));
  for (const kind of [
    'instance',
    'snapshot',
    'image',
    'keyPair',
    'securityGroup',
    'elasticIp',
    'targetGroup',
    'loadBalancer',
    'listener',
  ]) {
    out.push(progressText({ code: 'progress.reuse', args: { kind, id: 'x' } }, t));
  }
  for (const variant of ['vision', 'vision2', 'other'])
    out.push(reasonText({ code: 'tally.oneVariant', args: { variant } }, t));
  out.push(reasonText({ code: 'secure.openRule', args: { protocol: '-1' } }, t));
  return out;
}

describe('lab text', () => {
  it('words every reason, fix, option and progress code in English (no code leaks, no unfilled placeholder)', () => {
    for (const code of REASON_CODES) {
      const text = reasonText({ code, args: anyArgs }, english);
      assert.notEqual(text, code, `no sentence for ${code}`);
      assert.doesNotMatch(text, /\{\d+\}/, code);
      assert.ok(text.length > 10, code);
    }
    for (const code of FIX_CODES) assert.notEqual(fixTitle({ code, args: anyArgs }, english), code);
    for (const code of OPTION_CODES) assert.notEqual(optionText(code, anyArgs, english), code);
    for (const code of PROGRESS_CODES) assert.notEqual(progressText({ code, args: anyArgs }, english), code);
    for (const text of everyText(english)) assert.doesNotMatch(text, /\{\d+\}/);
  });

  it('fills the arguments a reason names', () => {
    const text = reasonText(
      {
        code: 'diagnosis.securityGroup',
        args: {
          instance: 'WebServer',
          groupName: 'launch-wizard-1',
          groupId: 'sg-1',
          port: 80,
          sourceGroupName: 'alb-sg',
          sourceGroupId: 'sg-2',
        },
      },
      english,
    );
    assert.equal(
      text,
      "WebServer's security group launch-wizard-1 does not admit the load balancer on TCP 80, so the health checks time out. Add the inbound rule: Custom TCP, port 80, source alb-sg (sg-2), to launch-wizard-1 (sg-1).",
    );
    assert.equal(stepTitle('1.3', english), '1.3 Launch WebServer2 from the AMI in another AZ');
    assert.equal(
      fixTitle(
        {
          code: 'revokeIngress',
          args: { protocol: 'tcp', fromPort: 80, toPort: 80, source: '0.0.0.0/0', groupName: 'launch-wizard-1' },
        },
        english,
      ),
      'Remove TCP 80 from 0.0.0.0/0 in launch-wizard-1',
    );
    assert.equal(
      fixTitle({ code: 'revokeIngress', args: { protocol: '-1', source: '::/0', groupName: 'web' } }, english),
      'Remove all traffic from ::/0 in web',
    );
  });

  it('has Japanese for every message, with the same placeholders', () => {
    const { t, asked } = recorder();
    const texts = everyText(t);
    const missing = [...asked].filter((m) => !(m in bundle));
    assert.deepEqual(missing, []);
    for (const m of asked) {
      const ph = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
      assert.deepEqual(ph(bundle[m] ?? ''), ph(m), m);
    }
    assert.ok(texts.some((x) => x.includes('アベイラビリティーゾーン')));
    assert.equal(stepTitle('1.6', t), '1.6 ALB を作成する');
  });
});

describe('states and page errors inside the sentences', () => {
  const ja = bundleTranslator(bundle);
  const raw = /\b(unhealthy|unused|timeout|reset|refused|dns|stopped|impaired|initializing)\b/;

  it('words target states, instance states, status checks and page errors in Japanese (no raw AWS word)', () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['target.notHealthy', { targetGroup: 'WebServers', instance: 'WebServer2', state: 'unhealthy' }, /異常/],
      ['target.notHealthy', { targetGroup: 'WebServers', instance: 'WebServer2', state: 'unused' }, /未使用/],
      ['webServer.notRunning', { name: 'WebServer', id: 'i-1', state: 'stopped' }, /停止済み/],
      [
        'clone.statusChecks',
        { name: 'WebServer2', id: 'i-2', system: 'initializing', instance: 'impaired' },
        /初期化中.*障害あり/,
      ],
      ['page.unreachable', { name: 'WebServer', host: '13.112.1.2', error: 'timeout' }, /タイムアウト/],
      ['page.unreachable', { name: 'WebServer', host: '13.112.1.2', error: 'reset' }, /接続リセット/],
      ['page.unreachable', { name: 'WebServer', host: '13.112.1.2', error: 'refused' }, /接続拒否/],
      ['page.unreachable', { name: 'WebServer', host: 'x.example', error: 'dns' }, /名前解決に失敗/],
      ['tally.noAnswer', { host: 'my-alb.example', error: 'timeout' }, /タイムアウト/],
      ['secure.albNotAnswering', { host: 'my-alb.example', error: '503' }, /HTTP 503/],
      ['run.myIpUnknown', { error: 'ENOTFOUND' }, /名前解決に失敗/],
    ];
    for (const [code, args, expected] of cases) {
      const text = reasonText({ code, args }, ja);
      assert.match(text, expected, code);
      assert.doesNotMatch(text, raw, `${code}: ${text}`);
    }
  });

  it('reads the same words in English', () => {
    assert.equal(
      reasonText(
        { code: 'page.unreachable', args: { name: 'WebServer', host: '13.112.1.2', error: 'timeout' } },
        english,
      ),
      "WebServer's page at http://13.112.1.2/ gave no answer (timed out). Check that the instance is running, that httpd runs, and that its security group admits HTTP 80 from you.",
    );
    assert.match(
      reasonText(
        { code: 'target.notHealthy', args: { targetGroup: 'tg', instance: 'W', state: 'unhealthy' } },
        english,
      ),
      /^W in tg is unhealthy\. See step 1\.7 /,
    );
    assert.match(
      reasonText({ code: 'run.waitTimedOut', args: { id: 'i-1', state: 'ok' } }, english),
      /to become ready \(2\/2 status checks passed\)/,
    );
  });
});

describe('CLI translator', () => {
  it('chooses Japanese from LANG, loads the bundle, formats placeholders', () => {
    assert.equal(localeFromEnv({ LANG: 'ja_JP.UTF-8' }), 'ja');
    assert.equal(localeFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.UTF-8' }), 'ja');
    assert.equal(localeFromEnv({}), 'en');
    assert.equal(loadBundle('en'), undefined);
    const ja = bundleTranslator(loadBundle('ja'));
    assert.equal(ja('Start {0}', 'WebServer2'), 'WebServer2 を起動');
    assert.equal(ja('not in the bundle {0}', 1), 'not in the bundle 1');
    assert.equal(formatMessage('{1} {0} {2}', ['a', 'b']), 'b a {2}');
  });
});

describe('a target with no reason', () => {
  it('reads without an empty "()", in English and Japanese', () => {
    const args = { targetGroup: 'WebServers', instance: 'WebServer2', state: 'unused' };
    const en = reasonText({ code: 'target.notHealthy', args }, bundleTranslator());
    const ja = reasonText({ code: 'target.notHealthy', args }, bundleTranslator(loadBundle('ja')));
    assert.equal(en, 'WebServer2 in WebServers is unused. See step 1.7 for the cause and the fix.');
    assert.doesNotMatch(ja, /（）|\(\)/);
    assert.match(
      reasonText(
        { code: 'target.notHealthy', args: { ...args, state: 'unhealthy', reason: 'Target.Timeout' } },
        bundleTranslator(),
      ),
      /is unhealthy \(Target\.Timeout\)/,
    );
  });
});
