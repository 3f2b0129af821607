// scale-out-lab cost against the practice account: the real SDK reads the starting state (WebServer t2.micro running,
// its 8 GiB gp2 root volume, its Elastic IP), the estimate prices it with Tokyo's table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CostEstimate } from '../../../src/cost/estimate';
import { startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
let server: PracticeServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cost-int-'));
  server = await startPracticeServer({ port: 0, speed: 'instant', stateFile: join(dir, 'state.json') });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// t2.micro 0.0152/h + 8 GiB gp2 at 0.12/GB-month over 730 h + one Elastic IP 0.005/h.
const STARTING_HOURLY = 0.0152 + (8 * 0.12) / 730 + 0.005;

test('cost --json on the practice account: WebServer, its volume and its Elastic IP at Tokyo prices', async () => {
  const run = captureCli({ HOME: join(dir, 'home') });
  const started = Date.now();
  assert.equal(await main(['cost', '--practice', '--endpoint-url', server.endpoint, '--json'], run.io), 0);
  // stderr names the account (stdout stays the JSON).
  assert.equal(
    run.err(),
    `Contacting ${server.endpoint}…\nAccount: the practice account 123456789012 in ap-northeast-1, at ${server.endpoint}\n`,
  );
  const e = JSON.parse(run.out()) as CostEstimate;
  assert.equal(e.region, 'ap-northeast-1');
  assert.equal(e.hourlyUsd, Math.round(STARTING_HOURLY * 1e6) / 1e6);
  assert.equal(e.monthlyUsd, Math.round(STARTING_HOURLY * 730 * 100) / 100);
  assert.deepEqual(e.ipv4, { addresses: 1, hourlyUsd: 0.005, monthlyUsd: 3.65 });
  assert.equal(e.withoutIpv4.monthlyUsd, 12.06);
  assert.deepEqual(e.items.map((i) => [i.kind, i.detail.type ?? i.detail.source]).sort(), [
    ['instance', 't2.micro'],
    ['publicIpv4', 'elastic'],
    ['volume', 'gp2'],
  ]);
  const web = e.items.find((i) => i.kind === 'instance');
  assert.equal(web?.name, 'WebServer');
  assert.equal(web?.labCreated, false);
  // Accrued since WebServer's launch time as the practice account reports it.
  assert.ok(web?.since);
  const hours = (Date.parse(e.at) - Date.parse(web.since)) / 3_600_000;
  assert.ok(Math.abs((web.accruedUsd ?? 0) - 0.0152 * hours) < 0.0001, `accrued ${web.accruedUsd} for ${hours} h`);
  assert.ok(Date.parse(e.at) >= started - 1000);
  assert.deepEqual(e.prices, { origin: 'table', asOf: '2026-11-23' });
});

test('cost --free-tier: the starting state fits in the free tier; --lcu is checked', async () => {
  const run = captureCli({ HOME: join(dir, 'home') });
  assert.equal(
    await main(['cost', '--practice', '--endpoint-url', server.endpoint, '--json', '--free-tier'], run.io),
    0,
  );
  const e = JSON.parse(run.out()) as CostEstimate;
  assert.equal(e.hourlyUsd, 0);
  assert.ok(e.items.every((i) => i.freeTier));
  const bad = captureCli({ HOME: join(dir, 'home') });
  assert.equal(await main(['cost', '--practice', '--lcu', 'many'], bad.io), 2);
  assert.match(bad.err(), /--lcu must be a number/);
});

test('cost in text, English and Japanese', async () => {
  const en = captureCli({ HOME: join(dir, 'home') });
  assert.equal(await main(['cost', '--practice', '--endpoint-url', server.endpoint], en.io), 0);
  assert.match(
    en.out(),
    /^Account: the practice account 123456789012 in ap-northeast-1, at http:\/\/127\.0\.0\.1:\d+\nPractice account: what it would cost on AWS\nap-northeast-1 · Prices: built-in table of 2026-11-23\n0\.0215 USD\/h now · \d+\.\d\d USD so far · 15\.71 USD a month\n/,
  );
  assert.match(
    en.out(),
    /Public IPv4: 1 address, 0\.0050 USD\/h \(3\.65 USD a month\), included above\. Without it: 12\.06 USD a month\./,
  );
  assert.match(en.out(), /EC2 instances\n {2}i-\w+ {2}WebServer {2}t2\.micro · running {2}0\.0152 USD\/h/);
  const ja = captureCli({ HOME: join(dir, 'home'), LANG: 'ja_JP.UTF-8' });
  assert.equal(await main(['cost', '--practice', '--endpoint-url', server.endpoint], ja.io), 0);
  assert.match(
    ja.out(),
    /^アカウント：練習用アカウント 123456789012、リージョン ap-northeast-1（http:\/\/127\.0\.0\.1:\d+）\n練習用アカウント：AWS ならかかる料金\n/,
  );
  assert.match(ja.out(), /現在 0\.0215 USD\/時 · これまで \d+\.\d\d USD · 月 15\.71 USD/);
  assert.match(ja.out(), /EC2 インスタンス/);
});
