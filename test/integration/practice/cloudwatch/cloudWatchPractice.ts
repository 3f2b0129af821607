// What the CloudWatch tests share: a practice account at a fixed speed (periods last period/speed wall seconds),
// the real SDK clients, the seeded WebServer, a shell on it over the practice SSH route, and polling of an alarm.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Client, ClientChannel } from 'ssh2';
import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import type { RegionState } from '../../../../src/practice/core/records';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import type { PracticeSshTarget } from '../../../../src/practice/machine/sshd';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import { eventually } from '../../../fixtures/practiceLab';
import { sshConnect } from '../machine/testVpcWeb';

export interface CloudWatchPractice {
  readonly server: PracticeServer;
  readonly aws: PracticeClients;
  /** Wall milliseconds one second of AWS time lasts. */
  readonly msPerSecond: number;
  records(): RegionState;
  webServer(): Promise<Instance>;
  /** The alarm as DescribeAlarms answers it. */
  alarm(name: string): Promise<MetricAlarm>;
  /** Polls the alarm until it is in `state`; the wall milliseconds it took. */
  until(name: string, state: string, withinMs: number): Promise<{ alarm: MetricAlarm; ms: number }>;
  /** An SSH client on the instance (closed after the file's tests). */
  ssh(instanceId: string): Promise<Client>;
}

/** Starts a practice account at `speed` for this file's tests (before them) and closes it after them. */
export function cloudWatchPractice(speed: number): CloudWatchPractice {
  let server: PracticeServer | undefined;
  let aws: PracticeClients | undefined;
  const clients: Client[] = [];
  before(async () => {
    server = await startPracticeServer({ port: 0, speed });
    aws = practiceClients(server.endpoint);
  });
  after(async () => {
    for (const client of clients) client.end();
    aws?.destroy();
    await server?.close();
  });
  const practice: CloudWatchPractice = {
    get server() {
      assert.ok(server, 'the practice account is started');
      return server;
    },
    get aws() {
      assert.ok(aws, 'the practice account is started');
      return aws;
    },
    msPerSecond: 1000 / speed,
    records: () => practice.server.world.region(PRACTICE_REGION),
    webServer: async () => {
      const out = await practice.aws.ec2.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
      );
      const instance = out.Reservations?.[0]?.Instances?.[0];
      assert.ok(instance);
      return instance;
    },
    alarm: async (name) => {
      const out = await practice.aws.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      const alarm = out.MetricAlarms?.[0];
      assert.ok(alarm, `alarm ${name} is described`);
      return alarm;
    },
    until: async (name, state, withinMs) => {
      const started = Date.now();
      const alarm = await eventually(
        () => practice.alarm(name),
        (a) => a.StateValue === state,
        withinMs,
      );
      return { alarm, ms: Date.now() - started };
    },
    ssh: async (instanceId) => {
      const response = await fetch(`${practice.server.endpoint}/__practice/ssh/${instanceId}`);
      assert.equal(response.status, 200);
      const attempt = await sshConnect((await response.json()) as PracticeSshTarget, 5000);
      assert.equal(attempt.kind, 'ready');
      const client = (attempt as { client: Client }).client;
      clients.push(client);
      return client;
    },
  };
  return practice;
}

/** A shell with a pty (one session: its jobs stay its own) and a reader that waits for text it printed. */
export function ptyShell(client: Client): Promise<{
  send: (line: string) => number;
  waitFor: (pattern: RegExp, from?: number) => Promise<string>;
  close: () => void;
}> {
  return new Promise((resolve, reject) => {
    client.shell({ term: 'xterm-256color', cols: 120, rows: 30 }, (error, stream: ClientChannel) => {
      if (error) return reject(error);
      let output = '';
      stream.on('data', (d: Buffer) => (output += d.toString()));
      resolve({
        send: (line) => {
          const mark = output.length;
          stream.write(`${line}\r`);
          return mark;
        },
        waitFor: (pattern, from = 0) =>
          eventually(
            async () => output.slice(from),
            (text) => pattern.test(text),
            5000,
          ),
        close: () => stream.end('exit\r'),
      });
    });
  });
}
