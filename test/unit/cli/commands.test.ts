// The dispatch from argv to the command files: each command prints the whole usage for --help, takes the account
// options (written once, in account.ts), and only the commands' own names are commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main, type CliIo } from '../../../src/cli/main';

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { LANG: 'C' },
    out: () => out,
    err: () => err,
  };
}

test('every command prints the whole usage for --help and exits 0', async () => {
  const whole = capture();
  assert.equal(await main(['--help'], whole), 0);
  const commands = [
    ['inventory'],
    ['check'],
    ['run'],
    ['load'],
    ['watch-scaling'],
    ['cleanup'],
    ['cost'],
    ['class'],
    ['class', 'status'],
    ['class', 'cleanup'],
    ['practice', 'serve'],
    ['practice'],
  ];
  for (const command of commands) {
    for (const help of ['--help', '-h']) {
      const io = capture();
      assert.equal(await main([...command, help], io), 0, `${command.join(' ')} ${help}`);
      assert.equal(io.out(), whole.out(), `${command.join(' ')} ${help}`);
      assert.equal(io.err(), '');
    }
  }
  // The usage names every command and the account options once, in this order.
  const heads = [...whole.out().matchAll(/^ {2}(scale-out-lab \S+(?: serve)?|account options)/gm)].map((m) => m[1]);
  assert.deepEqual(heads, [
    'scale-out-lab inventory',
    'scale-out-lab check',
    'scale-out-lab run',
    'scale-out-lab load',
    'scale-out-lab watch-scaling',
    'scale-out-lab cleanup',
    'scale-out-lab cost',
    // class status, class cleanup
    'scale-out-lab class',
    'scale-out-lab class',
    'account options',
    'scale-out-lab practice serve',
    'scale-out-lab --help',
  ]);
});

test('every account command takes the account options: --practice with --profile is refused alike', async () => {
  for (const command of [
    ['inventory'],
    ['check'],
    ['run', '1.1'],
    ['cleanup'],
    ['cost'],
    ['class', 'status'],
    ['class', 'cleanup', '--all'],
  ]) {
    const argv = [...command, '--practice', '--profile', 'lab', '--region', 'ap-northeast-1', '--speed', 'instant'];
    const io = capture();
    assert.equal(await main([...argv, '--state', '/nonexistent/state.json', '--json'], io), 2, argv.join(' '));
    assert.equal(
      io.err(),
      'scale-out-lab: --practice and --profile exclude each other\nRun scale-out-lab --help for usage.\n',
    );
    assert.equal(io.out(), '');
  }
  // practice serve is no account command: it has its own options.
  const io = capture();
  assert.equal(await main(['practice', 'serve', '--profile', 'lab'], io), 2);
  assert.match(io.err(), /^scale-out-lab: unknown option: --profile\n/);
});

test('only the commands are commands: names an object inherits are unknown', async () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const io = capture();
    assert.equal(await main([name], io), 2, name);
    assert.equal(io.err(), `scale-out-lab: unknown command: ${name}\nRun scale-out-lab --help for usage.\n`);
  }
});
