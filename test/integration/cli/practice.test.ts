// The CLI beside another process on the same practice state file: `run --practice` / `inventory --practice`
// share what `practice serve` serves (and say so on stderr), a second `practice serve` is refused with where the
// first one serves, and what opening the file did is one stderr line each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTagsCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { main } from '../../../src/cli/main';
import type { Inventory } from '../../../src/aws/types';
import { practiceClients } from '../../fixtures/practiceClients';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-practice-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor<T>(get: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = get();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

/** `practice serve` in this process on `state`; its endpoint, and a stop that waits for its exit code. */
async function serve(state: string) {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const run = captureCli({ HOME: join(dir, 'home-serve') }, { untilStopped: stopped });
  const exit = main(['practice', 'serve', '--port', '0', '--state', state, '--speed', 'instant'], run.io);
  const endpoint = await waitFor(() => run.out().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1]);
  return { endpoint, stop: async () => (stop(), await exit) };
}

test('inventory --practice on the file practice serve serves shares its account, and says so', async () => {
  const state = join(dir, 'served.json');
  const served = await serve(state);
  try {
    const aws = practiceClients(served.endpoint);
    try {
      const id = (await aws.ec2.send(new DescribeInstancesCommand({}))).Reservations?.[0]?.Instances?.[0]?.InstanceId;
      await aws.ec2.send(new CreateTagsCommand({ Resources: [id ?? ''], Tags: [{ Key: 'Owner', Value: 'serve' }] }));
    } finally {
      aws.destroy();
    }
    const run = captureCli({ HOME: join(dir, 'home-run') });
    assert.equal(await main(['inventory', '--practice', '--state', state, '--json'], run.io), 0);
    assert.equal(
      run.err(),
      `Using the practice account of another program (pid ${process.pid}) at ${served.endpoint}, which keeps ${state}.\n` +
        `Contacting ${served.endpoint}…\n` +
        `Account: the practice account 123456789012 in ap-northeast-1, at ${served.endpoint}\n`,
    );
    const inv = JSON.parse(run.out()) as Inventory;
    assert.equal(inv.instances.find((i) => i.name === 'WebServer')?.tags?.Owner, 'serve', 'the same account');

    const ja = captureCli({ HOME: join(dir, 'home-run'), LANG: 'ja_JP.UTF-8' });
    assert.equal(await main(['inventory', '--practice', '--state', state, '--json'], ja.io), 0);
    assert.equal(
      ja.err().split('\n')[0],
      `別のプログラム（pid ${process.pid}）が ${served.endpoint} で動かしている練習用アカウントを使います（状態ファイル：${state}）。`,
    );

    // A second `practice serve` on the same file: refused, naming where the account already is.
    const again = captureCli({ HOME: join(dir, 'home-serve-2') }, { untilStopped: new Promise(() => undefined) });
    assert.equal(await main(['practice', 'serve', '--port', '0', '--state', state], again.io), 1);
    assert.equal(
      again.err(),
      `scale-out-lab: The practice state file ${state} is already served by another program (pid ${process.pid}) at ` +
        `${served.endpoint}: use it (--endpoint-url ${served.endpoint}) or stop that program first.\n`,
    );
  } finally {
    assert.equal(await served.stop(), 0);
  }
  // The server gone, the next command serves the file itself again (no word about sharing).
  const alone = captureCli({ HOME: join(dir, 'home-run') });
  assert.equal(await main(['inventory', '--practice', '--state', state, '--json'], alone.io), 0);
  assert.equal(alone.err(), 'Account: the practice account 123456789012 in ap-northeast-1\n');
});

test('a damaged state file is replaced with one stderr line naming where the old one is kept', async () => {
  const state = join(dir, 'damaged.json');
  writeFileSync(state, '{ half a state');
  const run = captureCli({ HOME: join(dir, 'home-damaged') });
  assert.equal(await main(['inventory', '--practice', '--state', state, '--json'], run.io), 0);
  const kept = readdirSync(dir).find((f) => f.startsWith('damaged.json.unreadable-'));
  assert.ok(kept);
  assert.equal(
    run.err(),
    `The practice state file ${state} was damaged, so a fresh practice account was started. The old file is kept at ${join(dir, kept)}.\n` +
      'Account: the practice account 123456789012 in ap-northeast-1\n',
  );
});
