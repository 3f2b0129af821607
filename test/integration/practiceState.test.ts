// The state file: created with the starting state, survives a restart, restored by reset, and an
// unreadable file is kept aside rather than lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeInstancesCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../src/practice/constants';
import { startPracticeServer, type PracticeServer } from '../../src/practice/server';
import { practiceClients } from './practiceClients';

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
  await server.close();
});

test('close stops listening and is idempotent', async () => {
  const server = await start(path.join(dir, 'close.json'));
  await server.close();
  await server.close();
  await assert.rejects(fetch(server.endpoint), /fetch failed/);
});
