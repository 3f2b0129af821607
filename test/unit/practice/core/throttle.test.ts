// AWS's token buckets in the practice account over a fake clock: a bucket's burst and refill, which bucket an
// action draws on (EC2 per action and category, the unfiltered DescribeInstances bucket, the resource buckets of a
// launch; ELB's categories and account-level bucket; RDS's account; CloudWatch's per-action rates), all or nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountBuckets, TokenBucket } from '../../../../src/practice/core/throttle';
import { drawsFor } from '../../../../src/practice/core/throttleRules';

const none = new URLSearchParams();
const query = (entries: Record<string, string>) => new URLSearchParams(entries);

function fakeClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** How many of `count` requests in a row (no time passing) are admitted. */
function burst(buckets: AccountBuckets, count: number, service: string, action: string, params = none): number {
  let admitted = 0;
  for (let n = 0; n < count; n++) if (buckets.request(service, action, 'ap-northeast-1', params)) admitted++;
  return admitted;
}

test('a bucket starts full, empties by its burst, refills continuously at its rate up to its capacity', () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ capacity: 100, refillPerSecond: 20 }, clock.now());
  for (let n = 0; n < 100; n++) assert.ok(bucket.take(1, clock.now()), `request ${n + 1} of the burst`);
  assert.equal(bucket.take(1, clock.now()), false, 'the 101st in the same instant');
  clock.advance(49);
  assert.equal(bucket.take(1, clock.now()), false, '0.98 of a token after 49 ms');
  clock.advance(1);
  assert.ok(bucket.take(1, clock.now()), 'one token after 50 ms at 20/s');
  clock.advance(60_000);
  assert.equal(bucket.available(clock.now()), 100, 'never more than its capacity');
  const slow = new TokenBucket({ capacity: 10, refillPerSecond: 0.2 }, clock.now());
  assert.ok(slow.take(10, clock.now()));
  clock.advance(4_999);
  assert.equal(slow.take(1, clock.now()), false, 'a fractional rate: under one token in 5 s at 0.2/s');
  clock.advance(1);
  assert.ok(slow.take(1, clock.now()));
});

test('EC2: one bucket per action; unfiltered and unpaginated DescribeInstances draw on the smaller one', () => {
  const clock = fakeClock();
  const buckets = new AccountBuckets(clock.now);
  assert.equal(burst(buckets, 60, 'ec2', 'DescribeInstances'), 50, 'unfiltered: 50');
  const filtered = query({ 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'webserver#1-user05' });
  assert.equal(burst(buckets, 120, 'ec2', 'DescribeInstances', filtered), 100, 'filtered: the standard 100');
  assert.equal(burst(buckets, 5, 'ec2', 'DescribeInstances', query({ MaxResults: '1000' })), 0, 'paginated: the same');
  assert.equal(burst(buckets, 120, 'ec2', 'DescribeVpcs'), 100, 'another action has its own bucket');
  assert.equal(burst(buckets, 1, 'ec2', 'DescribeVpcs', none), 0);
  assert.equal(
    buckets.request('ec2', 'DescribeVpcs', 'us-east-1', none),
    true,
    'per account and region: another region has its own',
  );
  clock.advance(1_000);
  assert.equal(burst(buckets, 30, 'ec2', 'DescribeInstances'), 10, 'unfiltered refills 10/s');
  assert.equal(burst(buckets, 30, 'ec2', 'DescribeInstances', filtered), 20, 'non-mutating refills 20/s');
  assert.deepEqual(buckets.throttled(), { 'ec2:DescribeInstances': 10 + 20 + 5 + 20 + 10, 'ec2:DescribeVpcs': 21 });
  buckets.clear();
  assert.deepEqual(buckets.throttled(), {});
  assert.equal(burst(buckets, 60, 'ec2', 'DescribeInstances'), 50, 'cleared: full again');
});

test("EC2's categories and uncategorized actions, and the resource buckets a launch draws on per instance", () => {
  const size = (action: string, params = none) => drawsFor('ec2', action, params).map((d) => [d.size, d.cost]);
  assert.deepEqual(size('DescribeRouteTables'), [[{ capacity: 100, refillPerSecond: 20 }, 1]]);
  assert.deepEqual(size('CreateVpc'), [[{ capacity: 50, refillPerSecond: 5 }, 1]], 'mutating');
  assert.deepEqual(size('AuthorizeSecurityGroupIngress'), [[{ capacity: 50, refillPerSecond: 5 }, 1]]);
  assert.deepEqual(size('CreateTags'), [[{ capacity: 100, refillPerSecond: 10 }, 1]], 'uncategorized');
  assert.deepEqual(size('RunInstances', query({ MinCount: '1', MaxCount: '3' })), [
    [{ capacity: 5, refillPerSecond: 2 }, 1],
    [{ capacity: 1000, refillPerSecond: 2 }, 3],
  ]);
  assert.deepEqual(size('StopInstances', query({ 'InstanceId.1': 'i-1', 'InstanceId.2': 'i-2' })), [
    [{ capacity: 50, refillPerSecond: 5 }, 1],
    [{ capacity: 1000, refillPerSecond: 20 }, 2],
  ]);

  const clock = fakeClock();
  const buckets = new AccountBuckets(clock.now);
  const launch = query({ MinCount: '1', MaxCount: '1' });
  assert.equal(burst(buckets, 8, 'ec2', 'RunInstances', launch), 5, 'RunInstances: 5 requests in a burst');
  clock.advance(500);
  assert.equal(burst(buckets, 3, 'ec2', 'RunInstances', launch), 1, 'then 2 per second');
  clock.advance(10_000);
  const big = query({ MinCount: '1', MaxCount: '999' });
  assert.equal(burst(buckets, 1, 'ec2', 'RunInstances', big), 1, '999 instances in one request');
  assert.equal(burst(buckets, 1, 'ec2', 'RunInstances', query({ MaxCount: '2' })), 0, 'the resource bucket is short');
  assert.equal(
    burst(buckets, 1, 'ec2', 'RunInstances', launch),
    1,
    'all or nothing: the refusal took no request token',
  );
});

test("ELB: every action shares the API's account bucket (40, 10/s); each version its own; registration 20", () => {
  const clock = fakeClock();
  const buckets = new AccountBuckets(clock.now);
  let admitted = 0;
  for (const action of ['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeTargetHealth', 'DescribeListeners'])
    admitted += burst(buckets, 15, 'elasticloadbalancing', action);
  assert.equal(admitted, 40, 'four Describe* actions, 60 requests: 40 admitted');
  assert.equal(burst(buckets, 5, 'elb', 'DescribeLoadBalancers'), 5, "ELB v1's buckets are its own");
  clock.advance(1_000);
  assert.equal(burst(buckets, 20, 'elasticloadbalancing', 'DescribeTargetHealth'), 10, 'refilled 10 in a second');
  clock.advance(10_000);
  assert.equal(burst(buckets, 30, 'elasticloadbalancing', 'RegisterTargets'), 20, 'registration: 20');
  assert.equal(burst(buckets, 30, 'elasticloadbalancing', 'CreateLoadBalancer'), 10, 'resource-intensive: 10');
  clock.advance(4_999);
  assert.equal(burst(buckets, 1, 'elasticloadbalancing', 'CreateLoadBalancer'), 0, 'refills at 0.2/s');
  assert.deepEqual(drawsFor('elasticloadbalancing', 'ModifyTargetGroup', none)[0]?.size, {
    capacity: 20,
    refillPerSecond: 3,
  });
});

test("RDS's account bucket (300, 12/s), CloudWatch's per-action rates, Auto Scaling's assumed bucket, STS unthrottled", () => {
  const clock = fakeClock();
  const buckets = new AccountBuckets(clock.now);
  assert.equal(
    burst(buckets, 200, 'rds', 'DescribeDBInstances') + burst(buckets, 200, 'rds', 'DescribeDBClusters'),
    300,
  );
  assert.equal(burst(buckets, 20, 'monitoring', 'DescribeAlarms'), 9);
  assert.equal(burst(buckets, 20, 'monitoring', 'PutMetricAlarm'), 3);
  assert.equal(burst(buckets, 60, 'autoscaling', 'DescribeAutoScalingGroups'), 40);
  assert.equal(burst(buckets, 1000, 'sts', 'GetCallerIdentity'), 1000);
  clock.advance(1_000);
  assert.equal(burst(buckets, 20, 'rds', 'DescribeEvents'), 12);
});
