// The CPU burners in the instance's shell over a real SSH session (ssh2 client, the practice route, speed 120: a
// minute lasts 0.5 s): `stress` is not on Amazon Linux 2023 until `sudo dnf install -y stress`, then runs as a job
// that ends with its timeout; `yes &` jobs killed by %N, PID, killall and pkill with bash's and procps' words;
// uptime and top -bn1 show the load a burner makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from 'ssh2';
import { cloudWatchPractice, ptyShell } from '../cloudwatch/cloudWatchPractice';
import { sshExec } from './testVpcWeb';

const practice = cloudWatchPractice(120);
const MINUTE_MS = 60 * practice.msPerSecond;

async function webServerShell(): Promise<{ client: Client; id: string }> {
  const id = (await practice.webServer()).InstanceId ?? '';
  return { client: await practice.ssh(id), id };
}

const live = (id: string) =>
  (practice.records().cpu?.burners ?? []).filter(
    (b) => b.instanceId === id && (b.endedAt === undefined || b.endedAt > Date.now()),
  );

test('uptime and top -bn1 show the load (first: no burner yet): about 1.00 after a minute of one yes on the t2.micro, yes at 100 %', async () => {
  const { client } = await webServerShell();
  const idle = await sshExec(client, 'uptime');
  assert.match(idle.stdout, /^ \d{2}:\d{2}:\d{2} up .+, {2}1 user, {2}load average: 0\.0\d, 0\.0\d, 0\.0\d\n$/);
  const started = await sshExec(client, 'yes > /dev/null &');
  const pid = /\[1\] (\d+)/.exec(started.stderr)?.[1];
  await new Promise((r) => setTimeout(r, MINUTE_MS + 100));
  const busy = await sshExec(client, 'uptime');
  const [one] = /load average: (\d+\.\d\d)/.exec(busy.stdout)?.slice(1) ?? [];
  assert.ok(Number(one) >= 0.95 && Number(one) <= 1.05, busy.stdout);
  const top = await sshExec(client, 'top -bn1');
  assert.equal(top.code, 0, top.stderr);
  assert.match(top.stdout, /^top - \d{2}:\d{2}:\d{2} up /);
  assert.match(top.stdout, /\n%Cpu\(s\): *\d+\.\d us,/);
  assert.match(top.stdout, new RegExp(`\\n *${pid} ec2-user .* R +100\\.0 .* yes\\n`));
  assert.equal((await sshExec(client, `kill ${pid}`)).code, 0);
});

test('stress: not found until `sudo dnf install -y stress`, then a job that ends with its --timeout', async () => {
  const { client, id } = await webServerShell();
  const before = await sshExec(client, 'stress --cpu 1 --timeout 60s');
  assert.deepEqual([before.code, before.stderr], [127, 'bash: stress: command not found\n']);
  const sudo = await sshExec(client, 'sudo stress --cpu 1');
  assert.deepEqual([sudo.code, sudo.stderr], [127, 'sudo: stress: command not found\n']);
  const install = await sshExec(client, 'sudo dnf install -y stress');
  assert.equal(install.code, 0, install.stderr);
  assert.match(install.stdout, /Installing {7}: stress-1\.0\.4-29\.amzn2023\.x86_64\n/);
  assert.match(install.stdout, /Complete!\n$/);

  const shell = await ptyShell(client);
  const started = await shell.waitFor(
    /dispatching hogs: 2 cpu, 0 io, 0 vm, 0 hdd/,
    shell.send('stress --cpu 2 --timeout 60s &'),
  );
  const pid = /\[1\] (\d+)/.exec(started)?.[1];
  assert.ok(pid, started);
  assert.match(started, new RegExp(`stress: info: \\[${pid}\\] dispatching hogs`));
  assert.deepEqual(
    live(id).map((b) => [b.pid, b.vcpus, b.command]),
    [[Number(pid), 2, 'stress --cpu 2 --timeout 60s']],
  );
  await shell.waitFor(/\[1\]\+ {2}Running {17}stress --cpu 2 --timeout 60s &/, shell.send('jobs'));
  await new Promise((r) => setTimeout(r, MINUTE_MS + 100));
  await shell.waitFor(/\[1\]\+ {2}Done {20}stress --cpu 2 --timeout 60s/, shell.send('jobs'));
  assert.deepEqual(live(id), [], 'its 60 s of scaled time are over');
  shell.close();
});

test('yes jobs: kill %N and kill PID, killall and pkill; the words of bash and procps when nothing matches', async () => {
  const { client, id } = await webServerShell();
  const shell = await ptyShell(client);
  const one = await shell.waitFor(/\[1\] \d+/, shell.send('yes > /dev/null &'));
  const two = await shell.waitFor(/\[2\] \d+/, shell.send('yes > /dev/null &'));
  const pid2 = Number(/\[2\] (\d+)/.exec(two)?.[1]);
  assert.ok(/\[1\] \d+/.test(one));
  assert.equal(live(id).length, 2);
  await shell.waitFor(/bash: kill: %5: no such job/, shell.send('kill %5'));
  await shell.waitFor(/bash: kill: \(99999\) - No such process/, shell.send('kill 99999'));
  shell.send(`kill ${pid2}`);
  await shell.waitFor(
    /\[1\]- {2}Running {17}yes > \/dev\/null &\r?\n\[2\]\+ {2}Terminated {14}yes > \/dev\/null/,
    shell.send('jobs'),
  );
  shell.send('kill %1');
  await shell.waitFor(/\[1\]\+ {2}Terminated {14}yes > \/dev\/null/, shell.send('jobs'));
  assert.deepEqual(live(id), []);
  shell.close();

  // Over exec (a session each, as a runner sends commands): background jobs outlive the session that started them.
  for (let i = 0; i < 3; i++) {
    const started = await sshExec(client, 'yes > /dev/null &');
    assert.equal(started.code, 0);
    assert.match(started.stderr, /^\[1\] \d+\n$/);
  }
  assert.equal(live(id).length, 3);
  assert.deepEqual(await sshExec(client, 'killall yes'), { stdout: '', stderr: '', code: 0 });
  assert.deepEqual(live(id), []);
  assert.deepEqual(await sshExec(client, 'killall yes'), { stdout: '', stderr: 'yes: no process found\n', code: 1 });
  await sshExec(client, 'yes > /dev/null &');
  assert.deepEqual(await sshExec(client, 'pkill yes'), { stdout: '', stderr: '', code: 0 });
  assert.deepEqual(await sshExec(client, 'pkill yes'), { stdout: '', stderr: '', code: 1 });
  const refused = await sshExec(client, 'sleep 10 &');
  assert.deepEqual([refused.code, refused.stderr], [2, 'bash: background jobs (&) are not supported here\n']);
});
