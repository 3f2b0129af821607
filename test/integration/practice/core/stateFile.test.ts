// The state file: created with the starting state, survives a restart, restored by reset, and an
// unreadable file is kept aside rather than lost. Nothing is lost without a word: a replaced file is a
// notice, a second writer (in this process or another) is refused, a dead writer's lock is taken over,
// an unwritable folder fails at start, and temporary files of a killed save are cleared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeInstancesCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { PracticeStateError, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients } from '../../../fixtures/practiceClients';
import { repoRoot } from '../../../fixtures/repo';

let dir: string;
const open: PracticeServer[] = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'practice-state-'));
});
after(async () => {
  await Promise.all(open.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(stateFile: string): Promise<PracticeServer> {
  const server = await startPracticeServer({ port: 0, stateFile, speed: 'instant' });
  open.push(server);
  return server;
}

async function firstInstance(endpoint: string) {
  const aws = practiceClients(endpoint);
  try {
    return (await aws.ec2.send(new DescribeInstancesCommand({}))).Reservations?.[0]?.Instances?.[0];
  } finally {
    aws.destroy();
  }
}

async function instanceTags(endpoint: string): Promise<Record<string, string>> {
  return Object.fromEntries(((await firstInstance(endpoint))?.Tags ?? []).map((t) => [t.Key, t.Value]));
}

async function vpcId(endpoint: string): Promise<string | undefined> {
  const aws = practiceClients(endpoint);
  try {
    return (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
  } finally {
    aws.destroy();
  }
}

test('a missing state file is created with the starting state; changes survive a restart', async () => {
  const file = path.join(dir, 'nested', 'practice-state.json');
  const first = await start(file);
  const saved = JSON.parse(await readFile(file, 'utf8')) as {
    format: number;
    regions: Record<string, { instances: { tags: Record<string, string> }[] }>;
  };
  assert.equal(saved.format, 1);
  assert.equal(saved.regions[PRACTICE_REGION]?.instances[0]?.tags.Name, 'WebServer');
  const vpcBefore = await vpcId(first.endpoint);

  // A change to the world (as a write action makes one) is saved...
  const web = first.world.writableRegion(PRACTICE_REGION).instances[0];
  assert.ok(web);
  web.tags.Owner = 'student-42';
  first.world.changed();
  await first.close();

  // ...and the next server on the same file serves it, with the same IDs.
  const second = await start(file);
  assert.deepEqual(await instanceTags(second.endpoint), { Name: 'WebServer', Owner: 'student-42' });
  assert.equal(await vpcId(second.endpoint), vpcBefore);

  // Reset: the starting state again, in memory and on disk.
  await second.reset();
  assert.deepEqual(await instanceTags(second.endpoint), { Name: 'WebServer' });
  const afterReset = JSON.parse(await readFile(file, 'utf8')) as typeof saved;
  assert.deepEqual(afterReset.regions[PRACTICE_REGION]?.instances[0]?.tags, { Name: 'WebServer' });
  await second.close();
  assert.deepEqual(
    (await readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp')),
    [],
    'atomic writes leave no temporary file behind',
  );
});

test('reset gives the same starting IDs every time', async () => {
  const server = await start(path.join(dir, 'ids.json'));
  const before = await firstInstance(server.endpoint);
  server.world.writableRegion(PRACTICE_REGION).instances.length = 0;
  server.world.changed();
  assert.deepEqual(await instanceTags(server.endpoint), {});
  await server.reset();
  assert.match(before?.InstanceId ?? '', /^i-/);
  assert.equal((await firstInstance(server.endpoint))?.InstanceId, before?.InstanceId);
  await server.close();
});

test('an unreadable state file is moved aside and the starting state served', async () => {
  const file = path.join(dir, 'broken.json');
  await writeFile(file, '{ not json');
  const server = await start(file);
  assert.deepEqual(await instanceTags(server.endpoint), { Name: 'WebServer' });
  const kept = (await readdir(dir)).filter((f) => f.startsWith('broken.json.unreadable-'));
  assert.equal(kept.length, 1);
  assert.equal(await readFile(path.join(dir, kept[0] ?? ''), 'utf8'), '{ not json');
  assert.equal(JSON.parse(await readFile(file, 'utf8')).format, 1);
  // ...and said: the notice names the file kept, for the CLI and the extension to word.
  assert.equal(server.notices.length, 1);
  const notice = server.notices[0];
  assert.equal(notice?.kind, 'stateReplaced');
  assert.equal(notice?.kind === 'stateReplaced' && notice.reason, 'corrupt');
  assert.equal(notice?.kind === 'stateReplaced' && notice.keptAs, path.join(dir, kept[0] ?? ''));
  await server.close();
});

test('a state file of an unknown format is kept byte for byte and the replacement is a notice', async () => {
  const file = path.join(dir, 'future.json');
  const future = JSON.stringify({ format: 2, rng: 1, regions: {}, newerThings: [1, 2, 3] });
  await writeFile(file, future);
  const server = await start(file);
  const notice = server.notices.find((n) => n.kind === 'stateReplaced');
  assert.ok(notice && notice.kind === 'stateReplaced');
  assert.equal(notice.reason, 'unknownFormat');
  assert.match(notice.detail, /format 2/);
  assert.equal(await readFile(notice.keptAs, 'utf8'), future);
  await server.close();
});

test('a readable state file loads with no notices', async () => {
  const file = path.join(dir, 'quiet.json');
  await (await start(file)).close();
  const again = await start(file);
  assert.deepEqual(again.notices, []);
  await again.close();
});

test('a second server on the same file is refused while the first runs; the file is free again after close', async () => {
  const file = path.join(dir, 'shared.json');
  const first = await start(file);
  const refused = await startPracticeServer({ port: 0, stateFile: file, speed: 'instant' }).then(
    (s) => {
      open.push(s);
      return undefined;
    },
    (error: unknown) => error,
  );
  assert.ok(refused instanceof PracticeStateError, String(refused));
  assert.equal(refused.code, 'locked');
  assert.equal(refused.pid, process.pid);
  assert.equal(refused.endpoint, first.endpoint, 'the lock says where the holder serves (for sharing)');
  assert.deepEqual(await instanceTags(first.endpoint), { Name: 'WebServer' }, 'the first one still serves');
  await first.close();
  assert.equal((await readdir(dir)).includes('shared.json.lock'), false, 'close releases the lock');
  const next = await start(file);
  assert.deepEqual(next.notices, []);
  await next.close();
});

const CHILD = path.join(repoRoot, 'test/fixtures/practiceStateChild.ts');

interface ChildAnswer {
  ok: boolean;
  pid?: number;
  code?: string;
  name?: string;
  notices?: { kind: string; pid?: number }[];
}

/** A practice server in another process (`practice serve`): its first line, and the process. */
function startChild(stateFile: string, user?: { uid: number; gid: number }) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, stateFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(user ?? {}),
  });
  const answer = new Promise<ChildAnswer>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as ChildAnswer);
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before answering: ${text}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, answer, exited };
}

test('a server in another process holds the file: refused here with its pid; killed, its lock is taken over', async () => {
  const file = path.join(dir, 'two-processes.json');
  const other = startChild(file);
  try {
    const serving = await other.answer;
    assert.equal(serving.ok, true);
    const refused = await startPracticeServer({ port: 0, stateFile: file }).then(
      (s) => {
        open.push(s);
        return undefined;
      },
      (error: unknown) => error,
    );
    assert.ok(refused instanceof PracticeStateError, String(refused));
    assert.equal(refused.code, 'locked');
    assert.equal(refused.pid, serving.pid);
  } finally {
    other.child.kill('SIGKILL');
    await other.exited;
  }
  // Killed: its lock (and any temporary file of a save it was making) is left behind.
  await writeFile(`${file}.${other.child.pid}.tmp`, '{"half":');
  const next = await start(file);
  assert.deepEqual(next.notices.map((n) => n.kind).sort(), ['staleLockTaken', 'temporaryFilesRemoved']);
  const taken = next.notices.find((n) => n.kind === 'staleLockTaken');
  assert.equal(taken?.kind === 'staleLockTaken' && taken.pid, other.child.pid);
  assert.deepEqual(
    (await readdir(dir)).filter((f) => f.startsWith('two-processes.json.') && f.endsWith('.tmp')),
    [],
  );
  assert.deepEqual(await instanceTags(next.endpoint), { Name: 'WebServer' }, 'the saved state is served');
  await next.close();
});

test("stale temporary files are removed at start; other files' are left alone", async () => {
  const file = path.join(dir, 'leftovers.json');
  await (await start(file)).close();
  await writeFile(`${file}.4242.tmp`, 'half a state');
  await writeFile(path.join(dir, 'unrelated.json.4242.tmp'), 'not ours');
  const server = await start(file);
  const removed = server.notices.find((n) => n.kind === 'temporaryFilesRemoved');
  assert.deepEqual(removed?.kind === 'temporaryFilesRemoved' && removed.files, [`${file}.4242.tmp`]);
  const names = await readdir(dir);
  assert.equal(names.includes('leftovers.json.4242.tmp'), false);
  assert.equal(names.includes('unrelated.json.4242.tmp'), true);
  await server.close();
});

test('an unwritable folder fails at start with a typed error, not at exit', async () => {
  const folder = path.join(dir, 'read-only');
  await mkdir(folder);
  const file = path.join(folder, 'practice-state.json');
  await chmod(folder, 0o555);
  await chmod(dir, 0o755); // the child (another user, when the tests run as root) must reach the folder
  try {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a student's read-only folder is tried as an ordinary user.
      const child = startChild(file, { uid: 65534, gid: 65534 });
      const answer = await child.answer.catch((error: Error) => ({ ok: false, name: error.message }) as ChildAnswer);
      await child.exited;
      assert.deepEqual([answer.ok, answer.name, answer.code], [false, 'PracticeStateError', 'notWritable']);
    } else {
      const refused = await startPracticeServer({ port: 0, stateFile: file }).then(
        (s) => {
          open.push(s);
          return undefined;
        },
        (error: unknown) => error,
      );
      assert.ok(refused instanceof PracticeStateError, String(refused));
      assert.equal(refused.code, 'notWritable');
    }
  } finally {
    await chmod(folder, 0o755);
  }
  assert.deepEqual(await readdir(folder), [], 'nothing was written');
});

test('close stops listening and is idempotent', async () => {
  const server = await start(path.join(dir, 'close.json'));
  await server.close();
  await server.close();
  await assert.rejects(fetch(server.endpoint), /fetch failed/);
});
