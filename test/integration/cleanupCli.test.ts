// `scale-out-lab cleanup` against the in-process practice account, through main() as the bin runs it:
// steps 1.1 and 1.2 leave a snapshot and an AMI; --dry-run changes nothing; without --yes off a terminal it
// refuses; --yes --json deletes them and nothing billable of the lab is left; the seeded account stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli';
import type { CleanupPlan, CleanupResult } from '../../src/lab/cleanup';

let dir: string;
let state: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-cleanup-'));
  state = join(dir, 'state.json');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function capture(env: NodeJS.ProcessEnv, extra: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env,
    ...extra,
  };
  return { io, out: () => out, err: () => err };
}

const account = () => ['--practice', '--speed', 'instant', '--state', state];

interface Answer {
  region: string;
  dryRun: boolean;
  plan: CleanupPlan;
  result?: CleanupResult;
}

async function cleanup(args: string[], env: NodeJS.ProcessEnv = { HOME: dir }, extra: Partial<CliIo> = {}) {
  const run = capture(env, extra);
  const code = await main(['cleanup', ...args, ...account()], run.io);
  return { code, out: run.out(), err: run.err() };
}

test('cleanup: --dry-run, the refusal off a terminal, then --yes --json leaves nothing billable of the lab', async () => {
  for (const step of ['1.1', '1.2']) {
    const run = capture({ HOME: dir });
    assert.equal(await main(['run', step, '--yes', ...account()], run.io), 0, run.err());
  }

  const dry = await cleanup(['--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.err);
  const planned = JSON.parse(dry.out) as Answer;
  assert.equal(planned.dryRun, true);
  assert.deepEqual(
    planned.plan.items.map((i) => i.kind),
    ['image', 'snapshot'],
    'the AMI and the snapshot 1.1 made, behind it',
  );
  assert.ok(planned.plan.hourlyUsd > 0, 'snapshots bill');
  assert.ok(
    planned.plan.others.some((i) => i.kind === 'instance' && i.name === 'WebServer'),
    'the seeded WebServer is listed, kept',
  );
  assert.match(dry.err, /To delete, in this order \(stops 0\.\d{4} USD an hour\):\n {2} 1\. AMI /);
  assert.match(
    dry.err,
    /Not created by the lab, kept \(delete one with --include ID\):\n(.*\n)* {6}Instance WebServer \(i-/,
  );
  const again = await cleanup(['--dry-run', '--json']);
  assert.deepEqual((JSON.parse(again.out) as Answer).plan, planned.plan, '--dry-run changed nothing');

  const refused = await cleanup([]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /not a terminal: add --yes to delete/);
  const declined = await cleanup([], { HOME: dir }, { confirm: async () => false });
  assert.equal(declined.code, 1);
  assert.match(declined.out, /AMI/);
  assert.equal(await cleanup(['--include', 'i-0000000000nothing', '--dry-run']).then((r) => r.code), 2);

  const done = await cleanup(['--yes', '--json']);
  assert.equal(done.code, 0, done.err);
  const answer = JSON.parse(done.out) as Answer;
  assert.deepEqual(answer.result?.failed, []);
  assert.deepEqual(answer.result?.leftBillable, []);
  assert.equal(answer.result?.deleted.length, 2);
  assert.match(done.err, /Deleted: AMI /);
  assert.match(done.err, /Nothing billable of the lab is left\./);

  // Japanese, and nothing of the lab left.
  const ja = await cleanup([], { HOME: dir, LANG: 'ja_JP.UTF-8' });
  assert.equal(ja.code, 0, ja.err);
  assert.match(ja.out, /削除する演習のリソースはありません。/);
  assert.match(ja.out, /演習で作成したものではないため残します/);
  assert.match(ja.out, /インスタンス WebServer \(i-/);
});
