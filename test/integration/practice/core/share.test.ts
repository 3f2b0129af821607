// Two processes on one practice state file (two VS Code windows, `practice serve` beside `run --practice`): the
// second shares the first's practice account through the endpoint the lock records, instead of being refused;
// when the first goes away the next open owns the file again. Only the lock holder's own loopback server is used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTagsCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { PracticeStateError, startPracticeServer } from '../../../../src/practice/core/server';
import {
  openPracticeAccount,
  resetSharedPracticeAccount,
  type PracticeAccount,
} from '../../../../src/practice/core/share';
import { practiceClients } from '../../../fixtures/practiceClients';
import { repoRoot } from '../../../fixtures/repo';

let dir: string;
const owned: PracticeAccount[] = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'practice-share-'));
});
after(async () => {
  await Promise.all(owned.map((a) => (a.kind === 'own' ? a.server.close() : undefined)));
  await rm(dir, { recursive: true, force: true });
});

async function open(stateFile: string, waitMs?: number): Promise<PracticeAccount> {
  const account = await openPracticeAccount({
    stateFile,
    speed: 'instant',
    ...(waitMs !== undefined ? { waitMs } : {}),
  });
  owned.push(account);
  return account;
}

async function webServer(endpoint: string) {
  const aws = practiceClients(endpoint);
  try {
    const instances = (await aws.ec2.send(new DescribeInstancesCommand({}))).Reservations?.flatMap(
      (r) => r.Instances ?? [],
    );
    return instances?.find((i) => i.Tags?.some((t) => t.Key === 'Name' && t.Value === 'WebServer'));
  } finally {
    aws.destroy();
  }
}

async function tag(endpoint: string, key: string, value: string): Promise<void> {
  const id = (await webServer(endpoint))?.InstanceId;
  assert.ok(id);
  const aws = practiceClients(endpoint);
  try {
    await aws.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: key, Value: value }] }));
  } finally {
    aws.destroy();
  }
}

const tagOf = async (endpoint: string, key: string) =>
  (await webServer(endpoint))?.Tags?.find((t) => t.Key === key)?.Value;

test('a second open on the same file shares the first one’s account; after it closes the next open owns the file', async () => {
  const file = path.join(dir, 'two-windows.json');
  const first = await open(file);
  assert.equal(first.kind, 'own');
  const lock = (await readFile(`${file}.lock`, 'utf8')).split('\n');
  assert.deepEqual(lock.slice(0, 2), [String(process.pid), first.endpoint], 'the lock names the holder and where');

  const second = await open(file);
  assert.deepEqual(second, { kind: 'shared', endpoint: first.endpoint, pid: process.pid });
  await tag(second.endpoint, 'Owner', 'window-2');
  assert.equal(await tagOf(first.endpoint, 'Owner'), 'window-2', 'a write through one is seen through the other');

  // The shared account is reset through the server that holds it.
  await resetSharedPracticeAccount(second.endpoint);
  assert.equal(await tagOf(first.endpoint, 'Owner'), undefined);
  await tag(first.endpoint, 'Owner', 'kept');

  assert.ok(first.kind === 'own');
  await first.server.close();
  const next = await open(file);
  assert.equal(next.kind, 'own', 'the file is free again');
  assert.notEqual(next.endpoint, first.endpoint);
  assert.ok(next.kind === 'own');
  assert.deepEqual(next.server.notices, []);
  assert.equal(await tagOf(next.endpoint, 'Owner'), 'kept', 'the first one’s last change was saved and is served');
  await next.server.close();
});

const CHILD = path.join(repoRoot, 'test/fixtures/practiceStateChild.ts');

test('a server in another process is shared (its pid); once it is killed, the next open takes its lock over', async () => {
  const file = path.join(dir, 'serve-and-run.json');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const serving = await new Promise<{ ok: boolean; pid: number }>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('\n')) resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as { ok: boolean; pid: number });
      });
      child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${text}`)));
    });
    assert.equal(serving.ok, true);
    const shared = await open(file);
    assert.equal(shared.kind, 'shared');
    assert.ok(shared.kind === 'shared');
    assert.equal(shared.pid, child.pid);
    await tag(shared.endpoint, 'Owner', 'cli');
    assert.equal(await tagOf(shared.endpoint, 'Owner'), 'cli');
    // The holder saves in the background: killed only once the change is on disk.
    for (let i = 0; i < 100 && !(await readFile(file, 'utf8')).includes('"Owner":"cli"'); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  const next = await open(file);
  assert.ok(next.kind === 'own', next.kind);
  assert.deepEqual(
    next.server.notices.map((n) => n.kind),
    ['staleLockTaken'],
  );
  assert.equal(await tagOf(next.endpoint, 'Owner'), 'cli', 'what was written through the shared account was saved');
  await next.server.close();
});

test('a lock naming an endpoint that is not the holder’s practice server is not shared: locked, with its pid', async () => {
  // Something else listening on the recorded port (a reused port), and a non-loopback endpoint.
  const other = http.createServer((_req, res) => res.end('{"pid":1}'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const port = (other.address() as { port: number }).port;
  try {
    for (const endpoint of [`http://127.0.0.1:${port}`, `http://192.0.2.1:${port}`]) {
      const file = path.join(dir, endpoint.includes('192.0.2.1') ? 'foreign-remote.json' : 'foreign-local.json');
      await writeFile(`${file}.lock`, `${process.pid}\n${endpoint}\n`);
      // The lock is read as naming a loopback endpoint only...
      const held = await startPracticeServer({ port: 0, stateFile: file }).then(
        (s) => s.close(),
        (error: unknown) => error,
      );
      assert.ok(held instanceof PracticeStateError, String(held));
      assert.equal(held.endpoint, endpoint.startsWith('http://127.0.0.1') ? endpoint : undefined);
      // ...and one that does not answer as the holder is not shared: 'locked', with nothing to share.
      const refused = await open(file, 300).then(
        (a) => a,
        (error: unknown) => error,
      );
      assert.ok(refused instanceof PracticeStateError, String(refused));
      assert.equal(refused.code, 'locked');
      assert.equal(refused.pid, process.pid);
      assert.equal(refused.endpoint, undefined);
    }
  } finally {
    other.close();
  }
});
