// The practice SSH server with the real OpenSSH clients a student uses (`sftp -b`, `scp`) and with
// ssh2's SFTP: each command exits on its own (within a timeout) and binary files come back byte-exact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, type SFTPWrapper } from 'ssh2';
import { fileBytes } from '../../../../src/practice/machine/fileContent';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import type { PracticeSshTarget } from '../../../../src/practice/machine/sshd';
import { instanceNamed } from '../../../fixtures/practiceLab';

const CLIENT_TIMEOUT_MS = 15_000;
let server: PracticeServer;
let dir: string;
let target: PracticeSshTarget;
let keyFile: string;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', world: createStartingWorld() });
  dir = await mkdtemp(path.join(tmpdir(), 'practice-sftp-'));
  const id = instanceNamed(server.world, 'WebServer').id;
  target = (await (await fetch(`${server.endpoint}/__practice/ssh/${id}`)).json()) as PracticeSshTarget;
  keyFile = path.join(dir, 'ec2-key.pem');
  await writeFile(keyFile, target.privateKey ?? '', { mode: 0o600 });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const homeFile = (name: string) => instanceNamed(server.world, 'WebServer').files[`/home/ec2-user/${name}`];

/** OpenSSH's options for the practice host: its key, no prompts, a throwaway known_hosts. */
function sshOptions(portFlag: '-P' | '-p'): string[] {
  return [
    '-i',
    keyFile,
    portFlag,
    String(target.port),
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    `UserKnownHostsFile=${path.join(dir, 'known_hosts')}`,
    '-o',
    'LogLevel=ERROR',
  ];
}

/** Runs an OpenSSH client; a client still running after the timeout is killed and reported as hung. */
function runClient(command: string, args: string[]): Promise<{ code: number | null; hung: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let hung = false;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, CLIENT_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, hung, output });
    });
  });
}

test('sftp -b uploads and downloads a binary file byte-exact and exits 0 on its own', async () => {
  const picture = randomBytes(4096);
  const local = path.join(dir, 'picture.bin');
  const back = path.join(dir, 'picture.back');
  await writeFile(local, picture);
  const batch = path.join(dir, 'batch');
  await writeFile(batch, `put ${local} picture.bin\nget picture.bin ${back}\n`);

  const run = await runClient('sftp', [...sshOptions('-P'), '-b', batch, `${target.username}@${target.host}`]);
  assert.equal(run.hung, false, `sftp -b did not exit: ${run.output}`);
  assert.equal(run.code, 0, run.output);
  const file = homeFile('picture.bin');
  assert.ok(file, 'the upload is on the instance');
  assert.deepEqual(fileBytes(file), picture);
  assert.deepEqual(await readFile(back), picture);
});

test('scp copies a binary file up and down byte-exact and exits 0 on its own', async () => {
  const archive = randomBytes(65_536 + 123);
  const local = path.join(dir, 'archive.tgz');
  const back = path.join(dir, 'archive.back');
  await writeFile(local, archive);
  const remote = `${target.username}@${target.host}`;

  const up = await runClient('scp', [...sshOptions('-P'), local, `${remote}:archive.tgz`]);
  assert.equal(up.hung, false, `scp upload did not exit: ${up.output}`);
  assert.equal(up.code, 0, up.output);
  const file = homeFile('archive.tgz');
  assert.ok(file);
  assert.deepEqual(fileBytes(file), archive);

  const down = await runClient('scp', [...sshOptions('-P'), `${remote}:archive.tgz`, back]);
  assert.equal(down.hung, false, `scp download did not exit: ${down.output}`);
  assert.equal(down.code, 0, down.output);
  assert.deepEqual(await readFile(back), archive);
});

function connect(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.on('ready', () => resolve(client));
    client.on('error', reject);
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      privateKey: target.privateKey,
      readyTimeout: 5000,
    });
  });
}

const call = <T>(run: (cb: (error: Error | null | undefined, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));

test("ssh2's SFTP: random bytes written in chunks read back byte-exact, with their size", async () => {
  const client = await connect();
  try {
    const sftp = await call<SFTPWrapper>((cb) => client.sftp(cb));
    // Every byte value, including invalid UTF-8 sequences, across several WRITE packets.
    const data = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0x80]), randomBytes(100_000)]);
    await call<void>((cb) => sftp.writeFile('/home/ec2-user/blob.bin', data, (e) => cb(e, undefined)));
    const stats = await call<{ size: number }>((cb) => sftp.stat('/home/ec2-user/blob.bin', cb));
    assert.equal(stats.size, data.length);
    const back = await call<Buffer>((cb) => sftp.readFile('/home/ec2-user/blob.bin', cb));
    assert.equal(back.length, data.length);
    assert.ok(back.equals(data), 'the bytes read back are the bytes written');
    sftp.end();
  } finally {
    client.end();
  }
});
