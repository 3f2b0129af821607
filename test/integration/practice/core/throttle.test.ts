// AWS's throttling in the practice account through the real SDK (one attempt per call, so the SDK's retries do not
// hide it): off by default; with `throttling: 'aws'` a burst of unfiltered DescribeInstances above its bucket (50)
// is answered RequestLimitExceeded (503) as EC2 answers it, a paced rate below the refill (10/s) is not, even with
// the bucket emptied; ELB's account-level bucket (40) answers Throttling (400), CloudWatch's JSON too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', throttling: 'aws' });
  aws = practiceClients(server.endpoint, { maxAttempts: 1 });
});
after(async () => {
  aws.destroy();
  await server.close();
});

type Failure = { name?: string; $metadata?: { httpStatusCode?: number } };

/** Runs `count` calls at once; the failures' names and HTTP statuses. */
async function burstOf(count: number, call: () => Promise<unknown>): Promise<string[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, call));
  return settled.flatMap((s) =>
    s.status === 'rejected' ? [`${(s.reason as Failure).name} ${(s.reason as Failure).$metadata?.httpStatusCode}`] : [],
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('off by default: 120 unfiltered DescribeInstances at once all answer', async () => {
  const plain = await startPracticeServer({ port: 0, speed: 'instant' });
  const clients = practiceClients(plain.endpoint, { maxAttempts: 1 });
  try {
    assert.equal(plain.throttling, 'off');
    assert.deepEqual(await burstOf(120, () => clients.ec2.send(new DescribeInstancesCommand({}))), []);
    assert.deepEqual(plain.throttled(), {});
  } finally {
    clients.destroy();
    await plain.close();
  }
});

test('EC2: a burst above the bucket gets RequestLimitExceeded (503); paced under the refill, none does', async () => {
  await server.reset();
  const failures = await burstOf(120, () => aws.ec2.send(new DescribeInstancesCommand({})));
  // 50 in the bucket, and whatever refilled (10/s) while the 120 were answered: at most 70 throttled.
  assert.ok(failures.length >= 1 && failures.length <= 70, `${failures.length} of 120 throttled`);
  assert.deepEqual(new Set(failures), new Set(['RequestLimitExceeded 503']));
  assert.deepEqual(server.throttled(), { 'ec2:DescribeInstances': failures.length });

  // The bucket is empty now: 8 calls a second (under its 10/s refill) for three seconds all answer.
  for (let n = 0; n < 24; n++) {
    await sleep(125);
    await aws.ec2.send(new DescribeInstancesCommand({}));
  }
  assert.deepEqual(server.throttled(), { 'ec2:DescribeInstances': failures.length }, 'no paced call was throttled');

  // Filtered, the same action draws on the standard bucket (100): untouched by the unfiltered burst.
  const filtered = new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] });
  assert.deepEqual(await burstOf(90, () => aws.ec2.send(filtered)), []);
});

test("ELBv2: the account-level bucket (40) answers Throttling (400); CloudWatch's DescribeAlarms (9/s) too, in JSON", async () => {
  await server.reset();
  const elb = await burstOf(100, () => aws.elb.send(new DescribeTargetGroupsCommand({})));
  assert.ok(elb.length >= 1 && elb.length <= 60, `${elb.length} of 100 throttled`);
  assert.deepEqual(new Set(elb), new Set(['Throttling 400']));
  const alarms = await burstOf(30, () => aws.cloudWatch.send(new DescribeAlarmsCommand({})));
  assert.ok(alarms.length >= 1 && alarms.length <= 21, `${alarms.length} of 30 throttled`);
  assert.deepEqual(new Set(alarms), new Set(['Throttling 400']));
  await server.reset();
  assert.deepEqual(server.throttled(), {}, 'reset fills the buckets and forgets the count');
});
