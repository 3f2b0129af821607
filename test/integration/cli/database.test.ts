// Track 2 from a terminal: `scale-out-lab run 2.1 / 2.2 --yes` and `check --track 2` against the practice account
// in-process, through main() as the bin runs it. The master password comes from SCALE_OUT_LAB_DB_PASSWORD or an
// unechoed prompt, never from an option, and is never printed; without either the step says how to give it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { captureCli } from '../../fixtures/cliIo';

const PASSWORD = 'Cli-Db-Pass-42';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-track2-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  step: string;
  created: string[];
  reused: string[];
  check: { id: string; passed: boolean; status: string };
}

const practice = (state: string) => ['--practice', '--speed', '600', '--state', state];

async function cli(argv: string[], env: NodeJS.ProcessEnv = { HOME: dir }, extra: Partial<CliIo> = {}) {
  const run = captureCli(env, extra);
  const code = await main(argv, run.io);
  return { code, out: run.out(), err: run.err() };
}

test('run 2.2 without a password says how to give one and makes nothing; with SCALE_OUT_LAB_DB_PASSWORD it makes test-rds-1', async () => {
  const state = join(dir, 'env.json');
  const net = await cli(['run', '2.1', '--yes', '--json', ...practice(state)]);
  assert.equal(net.code, 0, net.err);
  assert.deepEqual((JSON.parse(net.out) as Outcome).created.length, 2);

  const refused = await cli(['run', '2.2', '--yes', '--json', ...practice(state)]);
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.err, /SCALE_OUT_LAB_DB_PASSWORD/);

  const env = { HOME: dir, SCALE_OUT_LAB_DB_PASSWORD: PASSWORD };
  const made = await cli(['run', '2.2', '--yes', '--json', ...practice(state)], env);
  assert.equal(made.code, 0, made.err);
  const outcome = JSON.parse(made.out) as Outcome;
  assert.deepEqual(outcome.created, ['test-rds-1']);
  assert.equal(outcome.check.passed, true);
  assert.ok(!made.out.includes(PASSWORD) && !made.err.includes(PASSWORD), 'never printed');

  const checked = await cli(['check', '--track', '2', '--json', ...practice(state)], env);
  const entries = JSON.parse(checked.out) as { id: string; passed: boolean }[];
  assert.deepEqual(
    entries.filter((e) => e.id === '2.1' || e.id === '2.2').map((e) => [e.id, e.passed]),
    [
      ['2.1', true],
      ['2.2', true],
    ],
  );
});

test('run 2.2 asks for the password, unechoed, when it is not in the environment', async () => {
  const state = join(dir, 'prompt.json');
  assert.equal((await cli(['run', '2.1', '--yes', ...practice(state)])).code, 0);
  const asked: string[] = [];
  const made = await cli(
    ['run', '2.2', '--yes', '--json', ...practice(state)],
    { HOME: dir },
    {
      askSecret: (question) => {
        asked.push(question);
        return Promise.resolve(PASSWORD);
      },
    },
  );
  assert.equal(made.code, 0, made.err);
  assert.deepEqual(asked, ['Master password for the database (not shown): ']);
  assert.deepEqual((JSON.parse(made.out) as Outcome).created, ['test-rds-1']);
});
