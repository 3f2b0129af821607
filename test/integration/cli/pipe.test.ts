// `inventory --json` into a pipe: the CLI exits only after stdout drains, so a reader gets the whole JSON
// (process.exit() right after the write cut it at the pipe's 64 KiB). The account is the benchmark's scale
// fixture in an in-process practice server, reached by --endpoint-url; the CLI is a child process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../../src/aws/types';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from '../../../src/practice/core/constants';
import {
  addScaleFixture,
  createStartingWorld,
  startPracticeServer,
  type PracticeServer,
} from '../../../src/practice/core/server';
import { repoRoot } from '../../fixtures/repo';

const root = repoRoot;
/** The child's whole life: tsx start-up plus one inventory of a few hundred instances over loopback. */
const CHILD_TIMEOUT_MS = 90_000;
const SLOW_READER_MS = 1000;

let dir: string;
let server: PracticeServer;
let instancesInWorld = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-pipe-'));
  const world = createStartingWorld();
  addScaleFixture(world, { instances: 300, azs: 3, loadBalancers: 4, targetGroups: 8, dbInstances: 2 });
  instancesInWorld = world.region(PRACTICE_REGION).instances.length;
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs the CLI from source with stdout and stderr piped here; killed (SIGKILL) if it outlives the timeout. */
function runCli(args: readonly string[]): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: join(dir, 'home'),
        LANG: 'C',
        AWS_ACCESS_KEY_ID: PRACTICE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: PRACTICE_CREDENTIALS.secretAccessKey,
        AWS_REGION: PRACTICE_REGION,
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    // A slow reader: after the first chunk, nothing is read for a while. A CLI that exits without waiting for
    // stdout to drain is gone by then, and only what the pipe held (64 KiB) ever arrives.
    child.stdout.once('data', () => {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), SLOW_READER_MS);
    });
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(killer);
      fail(e);
    });
    // 'close': the process has exited and its pipes are drained on our side too.
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      done({ code, signal, stdout: Buffer.concat(chunks), stderr });
    });
  });
}

test('inventory --json into a pipe: every byte arrives and the JSON parses whole', { timeout: 120_000 }, async () => {
  const run = await runCli(['inventory', '--json', '--endpoint-url', server.endpoint]);
  assert.equal(run.signal, null, `killed after ${CHILD_TIMEOUT_MS} ms: ${run.stderr}`);
  assert.equal(run.code, 0, run.stderr);
  // Far past the 64 KiB a pipe holds, so a cut would show.
  assert.ok(run.stdout.length > 3 * 65_536, `only ${run.stdout.length} bytes`);
  const text = run.stdout.toString('utf8');
  const inventory = JSON.parse(text) as Inventory;
  assert.equal(run.stdout.length, Buffer.byteLength(`${JSON.stringify(inventory, null, 2)}\n`));
  assert.equal(inventory.instances.length, instancesInWorld);
  // stdout is the JSON alone: the account line went to stderr.
  assert.match(
    run.stderr,
    /^Account: the practice account 123456789012 in ap-northeast-1, at http:\/\/127\.0\.0\.1:\d+$/m,
  );
});
