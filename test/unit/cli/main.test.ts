// The CLI's argument handling and summary, in-process and without any server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../../src/cli/main';
import { assembleInventory } from '../../../src/aws/inventory';
import { parseSpeed } from '../../../src/cli/account';
import { formatSummary, type AccountFacts } from '../../../src/cli/words';
import { bundleTranslator, translatorFromEnv } from '../../../src/present/l10n';
import { checkEntry } from '../../../src/cli/lab';

function capture(env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env,
    out: () => out,
    err: () => err,
  };
}

test('--help prints usage and exits 0; no command is a usage error', async () => {
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.out(), /scale-out-lab inventory/);
  assert.match(io.out(), /scale-out-lab practice serve/);
  const bare = capture();
  assert.equal(await main([], bare), 2);
  assert.match(bare.err(), /Usage:/);
});

test('usage errors exit 2 with one line and a hint', async () => {
  const cases: string[][] = [
    ['bogus'],
    ['inventory', '--nope'],
    ['inventory', 'extra'],
    ['inventory', '--practice', '--profile', 'lab'],
    ['inventory', '--endpoint-url', 'localhost:4566'],
    ['practice'],
    ['practice', 'stop'],
    ['practice', 'serve', '--port', 'abc'],
    ['practice', 'serve', '--port', '70000'],
    ['practice', 'serve', '--speed', 'warp'],
  ];
  for (const argv of cases) {
    const io = capture();
    assert.equal(await main(argv, io), 2, argv.join(' '));
    assert.match(io.err(), /^scale-out-lab: .+\nRun scale-out-lab --help for usage\.\n$/, argv.join(' '));
    assert.equal(io.out(), '');
  }
});

test('a missing profile is one translated line and exit 1', async () => {
  const home = mkdtempSync(join(tmpdir(), 'sol-cli-'));
  try {
    const io = capture({ HOME: home });
    assert.equal(await main(['inventory', '--profile', 'nope'], io), 1);
    assert.equal(
      io.err(),
      'scale-out-lab: Profile "nope" is not in ~/.aws/config or ~/.aws/credentials. Choose another profile or the practice account.\n',
    );
    const ja = capture({ HOME: home, LANG: 'ja_JP.UTF-8' });
    assert.equal(await main(['inventory', '--profile', 'nope'], ja), 1);
    assert.match(
      ja.err(),
      /^scale-out-lab: プロファイル「nope」が ~\/\.aws\/config にも ~\/\.aws\/credentials にもありません。/,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

function summaryInventory(kind: 'practice' | 'aws') {
  return assembleInventory({
    context: {
      kind,
      region: 'ap-northeast-1',
      endpoint: 'http://127.0.0.1:4000',
      accountId: '123456789012',
      callerArn: 'arn:aws:iam::123456789012:user/student',
    },
    raw: {
      instances: [
        {
          InstanceId: 'i-0123456789abcdef0',
          InstanceType: 't2.micro',
          State: { Name: 'running' },
          Placement: { AvailabilityZone: 'ap-northeast-1a' },
          PublicIpAddress: '13.112.1.2',
          Tags: [{ Key: 'Name', Value: 'WebServer' }],
        },
        {
          InstanceId: 'i-0fedcba',
          InstanceType: 't3.small',
          State: { Name: 'stopped' },
          Placement: { AvailabilityZone: 'ap-northeast-1c' },
        },
      ],
      addresses: [{ PublicIp: '13.112.1.2', InstanceId: 'i-0123456789abcdef0', AllocationId: 'eipalloc-1' }],
    },
    apiCalls: 16,
  });
}

/** The facts the account line is made of: the practice server in this process, or one reached by URL. */
function facts(kind: 'practice' | 'aws', practiceServer: boolean): AccountFacts {
  return {
    account: {
      kind,
      region: 'ap-northeast-1',
      endpoint: 'http://127.0.0.1:4000',
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
    },
    identity: { accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/student', practiceServer },
    fallback: false,
    inProcess: kind === 'practice',
  };
}

test('the summary says who, where, how many, and each instance with state and AZ', () => {
  const text = formatSummary(summaryInventory('practice'), facts('practice', true), bundleTranslator());
  assert.match(text, /^Account {2}123456789012 \(practice account\) {2}arn:aws:iam::123456789012:user\/student$/m);
  assert.match(text, /^Region {3}ap-northeast-1 {2}via http:\/\/127\.0\.0\.1:4000$/m);
  assert.match(text, /Instances 2 \(1 running\)/);
  assert.match(
    text,
    /^ {2}i-0123456789abcdef0 {2}WebServer {2}running {2}t2\.micro {2}ap-northeast-1a {2}13\.112\.1\.2 \(EIP\)$/m,
  );
  assert.match(text, /^ {2}i-0fedcba {12}- {10}stopped {2}t3\.small {2}ap-northeast-1c {2}-$/m);
  assert.match(text, /API calls: 16\n$/);
});

test('a practice server reached by --endpoint-url is the practice account in the summary too; another endpoint is not AWS', () => {
  const byUrl = formatSummary(summaryInventory('aws'), facts('aws', true), bundleTranslator());
  assert.match(byUrl, /^Account {2}123456789012 \(practice account\) {2}/m);
  const moto = formatSummary(summaryInventory('aws'), facts('aws', false), bundleTranslator());
  assert.match(moto, /^Account {2}123456789012 \(an endpoint that answers like AWS\) {2}/m);
  assert.doesNotMatch(byUrl + moto, /\(AWS\)/);
});

test('the summary in Japanese: counts, states and the account in words, columns aligned', () => {
  const text = formatSummary(
    summaryInventory('practice'),
    facts('practice', true),
    translatorFromEnv({ LANG: 'ja_JP.UTF-8' }),
  );
  assert.match(text, /^アカウント {2}123456789012（練習用アカウント） {2}arn:aws:iam::123456789012:user\/student$/m);
  assert.match(text, /インスタンス 2（実行中 1）/);
  assert.match(text, /API 呼び出し：16 回\n$/);
  assert.doesNotMatch(text, /\b(running|stopped|Instances|Subnets|VPCs|API calls|practice account)\b/);
  // 実行中 (3 characters, 6 columns) and 停止済み (8 columns): the next column starts at the same place.
  const rows = text.split('\n').filter((l) => l.startsWith('  i-'));
  const columnOf = (row: string, cell: string) =>
    [...row.slice(0, row.indexOf(cell))].reduce((n, ch) => n + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
  assert.equal(columnOf(rows[0] ?? '', 't2.micro'), columnOf(rows[1] ?? '', 't3.small'));
});

test('usage errors are in Japanese with LANG=ja_JP.UTF-8, the hint too', async () => {
  const cases: [string[], RegExp][] = [
    [['bogus'], /^scale-out-lab: 不明なコマンドです：bogus\n使い方は scale-out-lab --help で表示できます。\n$/],
    [['inventory', '--nope'], /^scale-out-lab: 不明なオプションです：--nope\n/],
    [['run'], /^scale-out-lab: run にはステップを 1 つ指定してください/],
    [['run', '9.9'], /^scale-out-lab: 不明なステップです：9\.9/],
    [['practice', 'serve', '--speed', 'warp'], /^scale-out-lab: --speed には realistic、fast、instant/],
    // inventory takes the account options of every command, --speed included.
    [['inventory', '--speed', 'warp'], /^scale-out-lab: --speed には realistic、fast、instant/],
  ];
  for (const [argv, expected] of cases) {
    const io = capture({ LANG: 'ja_JP.UTF-8' });
    assert.equal(await main(argv, io), 2, argv.join(' '));
    assert.match(io.err(), expected, argv.join(' '));
  }
});

test("--speed takes the setting's names: realistic is AWS's durations, fast ten times faster", () => {
  const t = bundleTranslator();
  assert.equal(parseSpeed('realistic', t), 1);
  assert.equal(parseSpeed('fast', t), 10);
  assert.equal(parseSpeed('instant', t), 'instant');
  assert.equal(parseSpeed('2.5', t), 2.5);
  assert.throws(() => parseSpeed('0', t), /--speed must be realistic, fast, instant or a positive number: 0/);
});

test('check --json carries a result’s notes, worded (a second load balancer of the lab)', () => {
  const t = bundleTranslator();
  const entry = checkEntry(
    {
      step: '1.6',
      status: 'passed',
      facts: {},
      notes: [{ code: 'note.otherLoadBalancer', args: { name: 'LoadBalancer-2' } }],
    },
    t,
  ) as { notes?: { code: string; text: string }[] };
  assert.equal(entry.notes?.length, 1);
  assert.equal(entry.notes?.[0]?.code, 'note.otherLoadBalancer');
  assert.match(entry.notes?.[0]?.text ?? '', /LoadBalancer-2/);
});
