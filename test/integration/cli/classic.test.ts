// `scale-out-lab run 1.6 --classic --yes` against the practice account, through main() as the bin runs it: seed
// 001's Classic Load Balancer made, its steps' progress in English and the check passed; --classic on another
// step is refused as an option it does not have.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-classic-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('run 1.6 --classic --yes: the CLB with its own group and the console health check, then 1.8 through its DNS name', async () => {
  const state = join(dir, 'classic.json');
  const account = ['--practice', '--speed', 'instant', '--state', state];
  for (const step of ['1.1', '1.2', '1.3', '1.4']) {
    const io = captureCli({ HOME: dir });
    assert.equal(await main(['run', step, '--yes', ...account], io.io), 0, `${step}: ${io.err()}`);
  }
  const run = captureCli({ HOME: dir });
  assert.equal(await main(['run', '1.6', '--classic', '--yes', ...account], run.io), 0, run.err());
  assert.match(run.err(), /Which load balancer\?: Classic Load Balancer \(seed 001\)/);
  assert.match(run.err(), /Creating Classic Load Balancer LoadBalancer in ap-northeast-1a, ap-northeast-1d/);
  assert.match(run.err(), /Health check HTTP:80\/index\.html: every 30 s, timeout 5 s, healthy after 10/);
  assert.match(run.out(), /Created: sg-[0-9a-f]+, LoadBalancer\n/);
  assert.match(run.out(), /✓ 1\.6 /);

  // 1.5 not done: both servers answer the same page through the CLB, so 1.8 says only one variant came back.
  const tally = captureCli({ HOME: dir });
  assert.equal(await main(['run', '1.8', '--yes', ...account, '--json'], tally.io), 3, tally.err());
  const outcome = JSON.parse(tally.out()) as {
    tally: { answered: number; byBackend: unknown[] };
    check: { reasonCode?: string };
  };
  assert.equal(outcome.tally.answered, 20);
  assert.equal(outcome.tally.byBackend.length, 2, 'round robin over both InService instances');
  assert.equal(outcome.check.reasonCode, 'tally.oneVariant', JSON.stringify(outcome.check));

  const other = captureCli({ HOME: dir });
  assert.equal(await main(['run', '1.1', '--classic', '--yes', ...account], other.io), 2);
  assert.match(other.err(), /step 1\.1 has no option balancer/);
});
