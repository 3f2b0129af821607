// `scale-out-lab check` and `run` against the practice account in-process, through main() as the bin runs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-lab-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  id: string;
  title: string;
  passed: boolean;
  status: string;
  reason?: string;
  reasonCode?: string;
  fixes?: { code: string; title: string }[];
}

test('check --json: one entry per step, at the start of the lab', async () => {
  const state = join(dir, 'check.json');
  const run = captureCli({ HOME: dir });
  const code = await main(['check', '--practice', '--state', state, '--json'], run.io);
  assert.equal(code, 3, run.err());
  const entries = JSON.parse(run.out()) as Entry[];
  assert.deepEqual(
    entries.map((e) => e.id),
    [
      ...['0.1', '0.2', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'],
      ...['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7'],
      ...['3.1', '3.2', '3.3', '3.4', '3.5', '4.1', '4.2', '4.3', '4.4'],
    ],
  );
  // Track 2 has not started: no db-sg, no database, no cluster; the steps built on them wait.
  assert.deepEqual(
    entries.filter((e) => e.id.startsWith('2.')).map((e) => `${e.status} ${e.reasonCode}`),
    [
      'failed dbSg.missing',
      'failed db.missing',
      'waiting db.missing',
      'waiting db.missing',
      'waiting db.missing',
      'failed aurora.missing',
      'waiting aurora.missing',
    ],
  );
  // Track 3 has not started: no AMI of WebServer for a launch template yet; the group's steps wait on them.
  assert.deepEqual(
    entries.filter((e) => e.id.startsWith('3.')).map((e) => `${e.status} ${e.reasonCode}`),
    [
      'waiting image.missing',
      'waiting launchTemplate.missing',
      'waiting asg.missing',
      'waiting asg.missing',
      'waiting asg.missing',
    ],
  );
  // Track 4 has not started: no Test-VPC yet, the steps after it wait on it.
  assert.deepEqual(
    entries.filter((e) => e.id.startsWith('4.')).map((e) => `${e.status} ${e.reasonCode}`),
    ['failed vpc.missing', 'waiting vpc.missing', 'waiting vpc.missing', 'waiting vpc.missing'],
  );
  assert.deepEqual(
    entries.slice(0, 2).map((e) => e.passed),
    [true, true],
    'the practice account starts with WebServer and its Elastic IP',
  );
  const snapshot = entries.find((e) => e.id === '1.1');
  assert.equal(snapshot?.status, 'failed');
  assert.equal(snapshot?.reasonCode, 'snapshot.missing');
  assert.match(snapshot?.reason ?? '', /^There is no snapshot of WebServer's root volume vol-/);
  assert.equal(entries.find((e) => e.id === '1.3')?.status, 'waiting');
  assert.equal(snapshot?.title, "1.1 Snapshot WebServer's root volume");
});

test('run 1.1 --yes, then check --track 1 sees it (the state file keeps it); Japanese with LANG=ja', async () => {
  const state = join(dir, 'run.json');
  const run = captureCli({ HOME: dir });
  const code = await main(
    ['run', '1.1', '--yes', '--practice', '--speed', 'instant', '--state', state, '--option', 'state=lab-test'],
    run.io,
  );
  assert.equal(code, 0, run.err());
  assert.match(
    run.out(),
    /^Account: the practice account 123456789012 in ap-northeast-1\nCreated: snap-[0-9a-f]{17}\nReused: -\n✓ 1\.1 Snapshot WebServer's root volume\n$/,
  );
  assert.match(run.err(), /Tag State \(letters, no Japanese\): lab-test/);
  assert.match(run.err(), /Creating a snapshot of vol-/);

  const ja = captureCli({ HOME: dir, LANG: 'ja_JP.UTF-8' });
  assert.equal(await main(['check', '--practice', '--state', state, '--track', '1', '--json'], ja.io), 3);
  const entries = JSON.parse(ja.out()) as Entry[];
  assert.equal(entries[0]?.id, '1.1');
  assert.equal(entries[0]?.passed, true);
  assert.equal(entries[1]?.reasonCode, 'image.missing');
  assert.match(entries[1]?.reason ?? '', /^WebServer から作った AMI がありません。/);
  assert.equal(entries[1]?.title, '1.2 スナップショットから AMI');
});

test('run without --yes: asks, and a no changes nothing; not a terminal asks for --yes', async () => {
  const state = join(dir, 'ask.json');
  const asked: string[] = [];
  const no = captureCli({ HOME: dir }, { confirm: async (q) => (asked.push(q), false) });
  assert.equal(await main(['run', '1.1', '--practice', '--speed', 'instant', '--state', state], no.io), 1);
  assert.deepEqual(asked, ['Run 1.1? [y/N] ']);
  assert.equal(no.out(), 'Account: the practice account 123456789012 in ap-northeast-1\n', 'only the account line');
  const check = captureCli({ HOME: dir });
  await main(['check', '--practice', '--state', state, '--track', '1', '--json'], check.io);
  assert.equal((JSON.parse(check.out()) as Entry[])[0]?.passed, false, 'nothing was created');

  if (!process.stdin.isTTY) {
    const tty = captureCli({ HOME: dir });
    assert.equal(await main(['run', '1.1', '--practice', '--state', state], tty.io), 2);
    assert.match(tty.err(), /add --yes/);
  }
});

test('run: usage errors and a step that cannot run yet', async () => {
  const state = join(dir, 'usage.json');
  const bad = captureCli({ HOME: dir });
  assert.equal(await main(['run', '9.9', '--yes', '--practice', '--state', state], bad.io), 2);
  assert.match(bad.err(), /unknown step: 9\.9/);
  const option = captureCli({ HOME: dir });
  assert.equal(
    await main(['run', '1.1', '--yes', '--practice', '--state', state, '--option', 'colour=blue'], option.io),
    2,
  );
  assert.match(option.err(), /step 1\.1 has no option colour \(options: description, state, date\)/);
  const early = captureCli({ HOME: dir });
  assert.equal(await main(['run', '1.6', '--yes', '--practice', '--state', state], early.io), 3);
  assert.match(early.err(), /There is no WebServer2\./);
  const choice = captureCli({ HOME: dir });
  assert.equal(
    await main(
      ['run', '1.2', '--yes', '--practice', '--speed', 'instant', '--state', state, '--option', 'method=magic'],
      choice.io,
    ),
    1,
  );
  assert.match(choice.err(), /The option method cannot be magic\./);
});

test('run 1.2 --option method=instance --option noReboot=false: the question a choice brings is accepted', async () => {
  const state = join(dir, 'image-from-instance.json');
  const env = { HOME: dir };
  const first = captureCli(env);
  assert.equal(
    await main(['run', '1.1', '--practice', '--speed', 'instant', '--state', state, '--yes'], first.io),
    0,
    first.err(),
  );
  const run = captureCli(env);
  const code = await main(
    [
      'run',
      '1.2',
      '--practice',
      '--speed',
      'instant',
      '--state',
      state,
      '--yes',
      '--json',
      '--option',
      'method=instance',
      '--option',
      'noReboot=false',
    ],
    run.io,
  );
  assert.equal(code, 0, run.err());
  assert.doesNotMatch(run.err(), /has no option/);
  const outcome = JSON.parse(run.out()) as { check: { status: string } };
  assert.equal(outcome.check.status, 'passed', run.out());
});
