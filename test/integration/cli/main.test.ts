// The CLI end to end: in-process through main(), and the bundled bin (dist/cli.js) as a child process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { EC2Client, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { main } from '../../../src/cli/main';
import type { Inventory } from '../../../src/aws/types';
import { startPracticeServer } from '../../../src/practice/core/server';
import { repoRoot } from '../../fixtures/repo';
import { captureCli } from '../../fixtures/cliIo';

const root = repoRoot;
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-int-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('inventory --practice --json prints an inventory with WebServer', async () => {
  const home = join(dir, 'home-json');
  const run = captureCli({ HOME: home });
  const code = await main(['inventory', '--practice', '--json'], run.io);
  // The account is named first, on stderr: stdout stays the JSON.
  assert.equal(run.err(), 'Account: the practice account 123456789012 in ap-northeast-1\n');
  assert.equal(code, 0);
  const inv = JSON.parse(run.out()) as Inventory;
  assert.equal(inv.context.kind, 'practice');
  assert.ok(inv.instances.some((i) => i.name === 'WebServer' && i.state === 'running' && i.az === 'ap-northeast-1a'));
  assert.ok(existsSync(join(home, '.scale-out-lab', 'practice-state.json')), 'the default state file is kept');
});

test('inventory with nothing configured falls back to the practice account and prints a summary', async () => {
  const run = captureCli({ HOME: join(dir, 'home-summary') });
  assert.equal(await main(['inventory'], run.io), 0);
  assert.match(
    run.out(),
    /^Account: the practice account 123456789012 in ap-northeast-1, because no AWS credentials were found \(name one with --profile, or sign in with aws sso login\)\.\nAccount {2}123456789012 \(practice account\)/,
  );
  assert.match(run.out(), /WebServer {2}running {2}t2\.micro {2}ap-northeast-1a/);
  assert.match(run.out(), /Subnets 3 \(3 public\)/);
});

test('practice serve in-process, then inventory --endpoint-url against it', async () => {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const state = join(dir, 'served.json');
  const serve = captureCli({ HOME: join(dir, 'home-serve') }, { untilStopped: stopped });
  const serving = main(['practice', 'serve', '--port', '0', '--state', state, '--speed', 'instant'], serve.io);
  const endpoint = await waitFor(() => serve.out().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1]);
  assert.match(
    serve.out(),
    /export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+/,
  );

  const run = captureCli({ HOME: join(dir, 'home-client') });
  assert.equal(await main(['inventory', '--endpoint-url', endpoint, '--json'], run.io), 0);
  const inv = JSON.parse(run.out()) as Inventory;
  assert.equal(inv.context.endpoint, endpoint);
  // Reached through --endpoint-url, the practice server is still named as the practice account (its header).
  assert.equal(
    run.err(),
    `Contacting ${endpoint}…\nAccount: the practice account 123456789012 in ap-northeast-1, at ${endpoint}\n`,
  );
  assert.ok(inv.instances.some((i) => i.name === 'WebServer'));

  stop();
  assert.equal(await serving, 0);
  assert.ok(existsSync(state), 'state flushed on stop');
});

test('a partial inventory still prints, with the missing section as a warning on stderr', async () => {
  const server = await startPracticeServer({ port: 0, speed: 'instant' });
  try {
    server.injectFault({ action: 'rds:*', kind: 'accessDenied', count: 2 });
    const run = captureCli({ HOME: join(dir, 'home-partial') });
    assert.equal(await main(['inventory', '--practice', '--endpoint-url', server.endpoint], run.io), 0);
    assert.match(run.out(), /WebServer/);
    assert.match(run.out(), /DB instances 0/);
    const lines = run.err().trimEnd().split('\n');
    assert.equal(lines[0], `Contacting ${server.endpoint}…`);
    const warnings = lines.slice(1).sort();
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0] ?? '',
      /^Warning: databases: Access denied: your IAM permissions do not allow rds:DescribeDBClusters\./,
    );
    assert.match(
      warnings[1] ?? '',
      /^Warning: databases: Access denied: your IAM permissions do not allow rds:DescribeDBInstances\./,
    );
  } finally {
    await server.close();
  }
});

test('the bundled bin serves until SIGTERM and exits 0', { timeout: 60_000 }, async () => {
  execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'pipe' });
  const bin = join(root, 'dist', 'cli.js');
  assert.ok(existsSync(bin));
  const state = join(dir, 'bin-state.json');
  const child = spawn(process.execPath, [bin, 'practice', 'serve', '--port', '0', '--state', state], {
    cwd: dir,
    env: { ...process.env, HOME: join(dir, 'home-bin') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = once(child, 'exit');
  try {
    const endpoint = await waitFor(() => out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1], 20_000);
    // The served account answers the plain SDK.
    const ec2 = new EC2Client({
      endpoint,
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'AKIAPRACTICE0000000', secretAccessKey: 'practice' },
    });
    const answer = await ec2.send(new DescribeInstancesCommand({}));
    ec2.destroy();
    assert.ok(answer.Reservations?.some((r) => r.Instances?.some((i) => i.Tags?.some((t) => t.Value === 'WebServer'))));
  } finally {
    child.kill('SIGTERM');
  }
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  assert.equal(signal, null, err);
  assert.equal(code, 0, err);
  assert.match(out, /stopped/);
  assert.ok(existsSync(state));
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
