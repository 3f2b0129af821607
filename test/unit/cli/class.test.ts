// `scale-out-lab class`: its usage mistakes are refused before any account is contacted (exit 2, in the student's
// language), as the other commands' are.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { main } from '../../../src/cli/main';
import { captureCli } from '../../fixtures/cliIo';

async function refused(argv: string[], env: NodeJS.ProcessEnv = { LANG: 'C' }): Promise<string> {
  const cli = captureCli(env);
  assert.equal(await main(argv, cli.io), 2, argv.join(' '));
  assert.equal(cli.out(), '');
  return cli.err();
}

test('class needs a subcommand, and knows only status and cleanup', async () => {
  assert.match(await refused(['class']), /scale-out-lab class status/);
  assert.equal(
    await refused(['class', 'nope']),
    'scale-out-lab: class: unknown subcommand nope (status or cleanup)\nRun scale-out-lab --help for usage.\n',
  );
});

test('class cleanup takes one of --student and --all, and a student id as a class writes it', async () => {
  const one = /class cleanup needs --student S or --all \(one of them\)/;
  assert.match(await refused(['class', 'cleanup']), one);
  assert.match(await refused(['class', 'cleanup', '--all', '--student', 'user05']), one);
  assert.match(
    await refused(['class', 'cleanup', '--student', '05!']),
    /--student must be a user number like user05: 05!/,
  );
  assert.match(await refused(['class', 'cleanup', '--all', '--prefix', 'User1']), /--prefix must be letters/);
});

test('class status refuses --json with --csv, an unknown track or layout, in Japanese too', async () => {
  assert.match(await refused(['class', 'status', '--json', '--csv']), /--json and --csv exclude each other/);
  assert.match(await refused(['class', 'status', '--track', '9']), /--track must be one of/);
  assert.match(await refused(['class', 'status', '--layout', 'nope']), /--layout must be one of/);
  assert.match(await refused(['class', 'status', '--student', 'user05']), /class status is the whole class/);
  assert.match(
    await refused(['class', 'status', '--json', '--csv'], { LANG: 'ja_JP.UTF-8' }),
    /--json と --csv は同時に指定できません/,
  );
});
