// The practice SSH server, through its route on the API port and the ssh2 CLIENT: host key as the
// route says, SFTP over WebServer's files with Unix permissions, the editor's atomic save (posix-rename
// in a writable directory; the exact sudo command line for root-owned /var/www/html) changing what
// the web endpoint serves at once, the shell (pty, cd, sudo tail -f following web requests), exit
// statuses, a refused key and user, and a stopped instance (409, connections dropped).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Client, utils, type ClientChannel, type SFTPWrapper } from 'ssh2';
import { GetConsoleOutputCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import type { PracticeSshTarget } from '../../../../src/practice/machine/sshd';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import { addLabResources, eventually, instanceNamed, webRequest } from '../../../fixtures/practiceLab';
import { sshExec } from './testVpcWeb';

let server: PracticeServer;
let aws: PracticeClients;
const clients: Client[] = [];

before(async () => {
  const world = createStartingWorld();
  addLabResources(world); // WebServer2: a clone whose page says 私たちのビジョン2
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  for (const client of clients) client.end();
  aws.destroy();
  await server.close();
});

const webServer = () => instanceNamed(server.world, 'WebServer');
const elasticIp = () => server.world.region(PRACTICE_REGION).addresses[0]?.publicIp ?? '';
const PAGE = '/var/www/html/index.html';

async function route(
  instanceId: string,
): Promise<{ status: number; body: PracticeSshTarget & { error?: string; state?: string } }> {
  const response = await fetch(`${server.endpoint}/__practice/ssh/${instanceId}`);
  return { status: response.status, body: (await response.json()) as PracticeSshTarget & { error?: string } };
}

function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Connects as the route says; rejects with ssh2's error (level client-authentication for a refused key). */
function connect(
  target: PracticeSshTarget,
  override: { username?: string; privateKey?: string } = {},
): Promise<{ client: Client; hostKey: string }> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    clients.push(client);
    let hostKey = '';
    client.on('ready', () => resolve({ client, hostKey }));
    client.on('error', reject);
    client.connect({
      host: target.host,
      port: target.port,
      username: override.username ?? target.username,
      privateKey: override.privateKey ?? target.privateKey,
      hostVerifier: (key: Buffer) => {
        hostKey = fingerprintOf(key);
        return true;
      },
      readyTimeout: 5000,
    });
  });
}

function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
}

const call = <T>(run: (cb: (error: Error | null | undefined, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));

/** Opens, writes and closes a file as the editor's atomic save does (O_CREAT|O_EXCL, fsync, setstat). */
async function writeNew(sftp: SFTPWrapper, path: string, content: string, mode: number): Promise<void> {
  const flags = utils.sftp.OPEN_MODE.WRITE | utils.sftp.OPEN_MODE.CREAT | utils.sftp.OPEN_MODE.EXCL;
  const handle = await call<Buffer>((cb) => sftp.open(path, flags, { mode }, cb));
  const data = Buffer.from(content);
  await call<void>((cb) => sftp.write(handle, data, 0, data.length, 0, (e) => cb(e, undefined)));
  await call<void>((cb) => sftp.ext_openssh_fsync(handle, (e) => cb(e, undefined)));
  await call<void>((cb) => sftp.fsetstat(handle, { mode }, (e) => cb(e, undefined)));
  await call<void>((cb) => sftp.close(handle, (e) => cb(e, undefined)));
}

const quote = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;

/** A shell with a pty and a reader that waits for text in what it printed. */
function shellOf(client: Client): Promise<{
  stream: ClientChannel;
  output: () => string;
  waitFor: (pattern: RegExp, from?: number) => Promise<string>;
}> {
  return new Promise((resolve, reject) => {
    client.shell({ term: 'xterm-256color', cols: 100, rows: 30 }, (error, stream) => {
      if (error) return reject(error);
      let output = '';
      stream.on('data', (d: Buffer) => (output += d.toString()));
      const waitFor = (pattern: RegExp, from = 0) =>
        eventually(
          async () => output.slice(from),
          (text) => pattern.test(text),
          5000,
        );
      resolve({ stream, output: () => output, waitFor });
    });
  });
}

test('the route answers where to connect; the host key is the one it names; unknown instances are 404', async () => {
  const { status, body } = await route(webServer().id);
  assert.equal(status, 200);
  assert.equal(body.host, '127.0.0.1');
  assert.equal(body.username, 'ec2-user');
  assert.equal(body.keyName, 'ec2-key');
  assert.match(body.privateKey ?? '', /^-----BEGIN OPENSSH PRIVATE KEY-----/);
  assert.match(body.hostKeyFingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
  const { hostKey } = await connect(body);
  assert.equal(hostKey, body.hostKeyFingerprint);
  assert.equal(
    webServer().sshHostKey?.fingerprint,
    body.hostKeyFingerprint,
    'the host key is kept in the instance record',
  );
  const again = await route(webServer().id);
  assert.deepEqual(
    [again.body.port, again.body.hostKeyFingerprint, again.body.privateKey],
    [body.port, body.hostKeyFingerprint, body.privateKey],
  );

  const missing = await route('i-0123456789abcdef0');
  assert.equal(missing.status, 404);
  assert.match(missing.body.error ?? '', /does not exist/);
});

test('each instance has its own server and host key: WebServer2 serves its own files', async () => {
  const first = await route(webServer().id);
  const clone = await route(instanceNamed(server.world, 'WebServer2').id);
  assert.equal(clone.status, 200);
  assert.notEqual(clone.body.port, first.body.port);
  assert.notEqual(clone.body.hostKeyFingerprint, first.body.hostKeyFingerprint);
  const { client, hostKey } = await connect(clone.body);
  assert.equal(hostKey, clone.body.hostKeyFingerprint);
  const page = (
    await call<Buffer>((cb) => client.sftp((e, sftp) => (e ? cb(e, Buffer.alloc(0)) : sftp.readFile(PAGE, cb))))
  ).toString('utf8');
  assert.match(page, /私たちのビジョン2</);
});

test('GetConsoleOutput carries the host key fingerprints block with the key the server presents', async () => {
  const consoleOutput = await aws.ec2.send(new GetConsoleOutputCommand({ InstanceId: webServer().id }));
  const text = Buffer.from(consoleOutput.Output ?? '', 'base64').toString('utf8');
  const block =
    /-----BEGIN SSH HOST KEY FINGERPRINTS-----\r?\n([\s\S]*?)\r?\n-----END SSH HOST KEY FINGERPRINTS-----/.exec(text);
  const { body } = await route(webServer().id);
  assert.match(
    block?.[1] ?? '',
    new RegExp(
      `^256 ${body.hostKeyFingerprint.replace(/[+/]/g, '\\$&')} root@ip-[\\d-]+\\.ap-northeast-1\\.compute\\.internal \\(ED25519\\)$`,
    ),
  );
  const { hostKey } = await connect(body);
  assert.equal(hostKey, body.hostKeyFingerprint);
  await assert.rejects(
    aws.ec2.send(new GetConsoleOutputCommand({ InstanceId: 'i-0123456789abcdef0' })),
    (error: Error) => error.name === 'InvalidInstanceID.NotFound',
  );
});

test('a wrong key or user is refused as OpenSSH refuses it', async () => {
  const { body } = await route(webServer().id);
  const stranger = utils.generateKeyPairSync('ed25519');
  await assert.rejects(
    connect(body, { privateKey: stranger.private }),
    (error: Error & { level?: string }) => error.level === 'client-authentication',
  );
  await assert.rejects(
    connect(body, { username: 'root' }),
    (error: Error & { level?: string }) => error.level === 'client-authentication',
  );
  // A key the student adds to authorized_keys works too.
  const { client } = await connect(body);
  const sftp = await sftpOf(client);
  const authorized = (await call<Buffer>((cb) => sftp.readFile('/home/ec2-user/.ssh/authorized_keys', cb))).toString();
  await call<void>((cb) =>
    sftp.writeFile('/home/ec2-user/.ssh/authorized_keys', `${authorized}${stranger.public}\n`, (e) => cb(e, undefined)),
  );
  const { client: second } = await connect(body, { privateKey: stranger.private });
  assert.equal((await sshExec(second, 'whoami')).stdout, 'ec2-user\n');
});

test('SFTP reads the page with its owner and mode; ec2-user cannot create in root-owned /var/www/html', async () => {
  const { body } = await route(webServer().id);
  const { client } = await connect(body);
  const sftp = await sftpOf(client);
  assert.equal(await call<string>((cb) => sftp.realpath('.', cb)), '/home/ec2-user');
  const page = (await call<Buffer>((cb) => sftp.readFile(PAGE, cb))).toString('utf8');
  assert.match(page, /私たちのビジョン</);
  const stats = await call<{ mode: number; uid: number; gid: number; size: number }>((cb) => sftp.stat(PAGE, cb));
  assert.deepEqual([stats.mode & 0o7777, stats.uid, stats.gid, stats.size], [0o644, 0, 0, Buffer.byteLength(page)]);
  const dir = await call<{ mode: number; uid: number }>((cb) => sftp.stat('/var/www/html', cb));
  assert.deepEqual([dir.mode & 0o170000, dir.mode & 0o7777, dir.uid], [0o040000, 0o755, 0]);
  const listing = await call<{ filename: string }[]>((cb) => sftp.readdir('/var/www/html', cb));
  assert.ok(listing.some((e) => e.filename === 'index.html'));

  await assert.rejects(
    writeNew(sftp, '/var/www/html/.index.html.slt-direct', 'x', 0o644),
    (error: Error & { code?: number }) => error.code === utils.sftp.STATUS_CODE.PERMISSION_DENIED,
  );
  await assert.rejects(
    call<void>((cb) => sftp.writeFile(PAGE, 'x', (e) => cb(e, undefined))),
    (error: Error & { code?: number }) => error.code === utils.sftp.STATUS_CODE.PERMISSION_DENIED,
  );
  await assert.rejects(
    call<Buffer>((cb) => sftp.readFile('/var/log/httpd/access_log', cb)),
    (error: Error & { code?: number }) => error.code === utils.sftp.STATUS_CODE.PERMISSION_DENIED,
  );
  assert.equal(webServer().files['/var/www/html/.index.html.slt-direct'], undefined);
  assert.match(webServer().files[PAGE]?.content ?? '', /私たちのビジョン</);
});

test("the editor's sudo save: the exact command line replaces the page, owner and mode kept, and the web serves it at once", async () => {
  const { body } = await route(webServer().id);
  const { client } = await connect(body);
  const sftp = await sftpOf(client);
  const edited = (webServer().files[PAGE]?.content ?? '').replace('私たちのビジョン<', '私たちのビジョン2<');
  const temp = '/tmp/.slt-4f2a9c';
  await writeNew(sftp, temp, edited, 0o600);
  assert.equal(webServer().files[temp]?.owner, 'ec2-user');
  const staged = '/var/www/html/.index.html.slt-4f2a9c';
  const command =
    `sudo -n cp -- ${quote(temp)} ${quote(staged)} && sudo -n chown --reference=${quote(PAGE)} -- ${quote(staged)} && ` +
    `sudo -n chmod --reference=${quote(PAGE)} -- ${quote(staged)} && sudo -n mv -f -- ${quote(staged)} ${quote(PAGE)}; rm -f -- ${quote(temp)}`;
  const result = await sshExec(client, command);
  assert.deepEqual(result, { stdout: '', stderr: '', code: 0 });
  const page = webServer().files[PAGE];
  assert.deepEqual([page?.content, page?.owner, page?.mode], [edited, 'root', 0o644]);
  assert.equal(webServer().files[temp], undefined);
  assert.equal(webServer().files[staged], undefined);
  const stats = await call<{ mode: number; uid: number }>((cb) => sftp.stat(PAGE, cb));
  assert.deepEqual([stats.mode & 0o7777, stats.uid], [0o644, 0]);

  const answer = await webRequest(server.endpoint, elasticIp());
  assert.equal(answer.kind === 'answer' && answer.status, 200);
  assert.match(answer.kind === 'answer' ? answer.body : '', /私たちのビジョン2</);

  // A failing step's status and stderr reach the caller (a new file: no --reference, chmod 0644).
  const failed = await sshExec(
    client,
    `sudo -n cp -- ${quote('/tmp/.slt-missing')} ${quote('/var/www/html/.new.html.slt-1')} && sudo -n chmod 0644 -- ${quote('/var/www/html/.new.html.slt-1')}; rm -f -- ${quote('/tmp/.slt-missing')}`,
  );
  assert.equal(failed.code, 0, 'the trailing rm -f decides the status of the whole line, as bash');
  assert.equal(failed.stderr, "cp: cannot stat '/tmp/.slt-missing': No such file or directory\n");
  const denied = await sshExec(client, `cp -- ${quote(PAGE)} ${quote('/var/www/html/copy.html')}`);
  assert.deepEqual(
    [denied.code, denied.stderr],
    [1, "cp: cannot create regular file '/var/www/html/copy.html': Permission denied\n"],
  );
});

test('posix-rename@openssh.com replaces a file in /home/ec2-user atomically; plain rename refuses an existing target', async () => {
  const { body } = await route(webServer().id);
  const { client } = await connect(body);
  const sftp = await sftpOf(client);
  const target = '/home/ec2-user/notes.txt';
  await call<void>((cb) => sftp.writeFile(target, 'first\n', { mode: 0o640 }, (e) => cb(e, undefined)));
  assert.deepEqual([webServer().files[target]?.owner, webServer().files[target]?.mode], ['ec2-user', 0o640]);
  await writeNew(sftp, '/home/ec2-user/.notes.txt.slt-1', 'second\n', 0o640);
  await assert.rejects(
    call<void>((cb) => sftp.rename('/home/ec2-user/.notes.txt.slt-1', target, (e) => cb(e, undefined))),
    (error: Error & { code?: number }) => error.code === utils.sftp.STATUS_CODE.FAILURE,
  );
  await call<void>((cb) => sftp.ext_openssh_rename('/home/ec2-user/.notes.txt.slt-1', target, (e) => cb(e, undefined)));
  assert.equal((await call<Buffer>((cb) => sftp.readFile(target, cb))).toString(), 'second\n');
  assert.deepEqual(
    [webServer().files[target]?.mode, webServer().files['/home/ec2-user/.notes.txt.slt-1']],
    [0o640, undefined],
  );
  // mkdir, readdir, rmdir, remove.
  await call<void>((cb) => sftp.mkdir('/home/ec2-user/site', (e) => cb(e, undefined)));
  assert.ok(
    (await call<{ filename: string }[]>((cb) => sftp.readdir('/home/ec2-user', cb))).some((e) => e.filename === 'site'),
  );
  await call<void>((cb) => sftp.rmdir('/home/ec2-user/site', (e) => cb(e, undefined)));
  await call<void>((cb) => sftp.unlink(target, (e) => cb(e, undefined)));
  await assert.rejects(
    call<unknown>((cb) => sftp.stat(target, cb)),
    (error: Error & { code?: number }) => error.code === utils.sftp.STATUS_CODE.NO_SUCH_FILE,
  );
});

test('exec: statuses and words as bash and coreutils give them', async () => {
  const { body } = await route(webServer().id);
  const { client } = await connect(body);
  assert.deepEqual(await sshExec(client, 'nosuch --flag'), {
    stdout: '',
    stderr: 'bash: nosuch: command not found\n',
    code: 127,
  });
  assert.deepEqual(await sshExec(client, 'whoami; sudo whoami'), { stdout: 'ec2-user\nroot\n', stderr: '', code: 0 });
  const hostname = await sshExec(client, 'hostname');
  assert.equal(hostname.stdout, `ip-${webServer().privateIp.replace(/\./g, '-')}.ap-northeast-1.compute.internal\n`);
  const stat = await sshExec(client, `stat -c '%a %U %G %s' ${PAGE}`);
  assert.equal(stat.stdout, `644 root root ${Buffer.byteLength(webServer().files[PAGE]?.content ?? '')}\n`);
  const echo = await sshExec(
    client,
    "cd /tmp && echo 'it''s here' > note.txt && echo more >> note.txt && cat note.txt && ls -l note.txt",
  );
  assert.equal(echo.code, 0);
  assert.match(echo.stdout, /^its here\nmore\n-rw-r--r-- +1 ec2-user +ec2-user +14 .* note\.txt\n$/);
  assert.deepEqual(await sshExec(client, 'tail -n 1 /var/log/httpd/access_log'), {
    stdout: '',
    stderr: "tail: cannot open '/var/log/httpd/access_log' for reading: Permission denied\n",
    code: 1,
  });
  assert.deepEqual(await sshExec(client, 'exit 3'), { stdout: '', stderr: '', code: 3 });
});

test('a shell with a pty: prompt, whoami, cd, sudo tail -f following web requests, Ctrl-C, exit', async () => {
  const { body } = await route(webServer().id);
  const { client } = await connect(body);
  const shell = await shellOf(client);
  const host = `ip-${webServer().privateIp.replace(/\./g, '-')}`;
  await shell.waitFor(new RegExp(`\\[ec2-user@${host} ~\\]\\$ $`));
  let mark = shell.output().length;
  shell.stream.write('whoamx\x7fi\r');
  await shell.waitFor(/\r\nec2-user\r\n\[ec2-user@[^\]]+ ~\]\$ $/, mark);
  mark = shell.output().length;
  shell.stream.write('cd /var/www/html && pwd\r');
  await shell.waitFor(new RegExp(`\\r\\n/var/www/html\\r\\n\\[ec2-user@${host} html\\]\\$ $`), mark);
  mark = shell.output().length;
  shell.stream.write('tail -f /var/log/httpd/access_log\r');
  await shell.waitFor(/Permission denied\r\n\[ec2-user@[^\]]+ html\]\$ $/, mark);
  mark = shell.output().length;
  shell.stream.write('sudo tail -f /var/log/httpd/access_log\r');
  await shell.waitFor(/sudo tail -f \/var\/log\/httpd\/access_log\r\n/, mark);
  await new Promise((r) => setTimeout(r, 100));
  mark = shell.output().length;
  await webRequest(server.endpoint, elasticIp(), '/followed-by-tail');
  await shell.waitFor(/"GET \/followed-by-tail HTTP\/1\.1" 404 \d+ "-" "practice-test\/1\.0"\r\n/, mark);
  mark = shell.output().length;
  shell.stream.write('\x03');
  await shell.waitFor(/\^C\r\n\[ec2-user@[^\]]+ html\]\$ $/, mark);
  mark = shell.output().length;
  shell.stream.write('nosuch\r');
  await shell.waitFor(/bash: nosuch: command not found\r\n/, mark);
  const closed = new Promise<number>((resolve) => shell.stream.on('exit', (code: number) => resolve(code)));
  shell.stream.write('exit\r');
  assert.equal(await closed, 0);
});

test('a stopped instance: its connections drop and the route answers 409', async () => {
  const { body } = await route(webServer().id);
  const { client } = await connect(body);
  const dropped = new Promise<void>((resolve) => client.on('close', () => resolve()));
  await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [webServer().id] }));
  await dropped;
  const stopped = await route(webServer().id);
  assert.equal(stopped.status, 409);
  assert.match(stopped.body.error ?? '', /not running/);
  await assert.rejects(connect(body));
});
