// The practice account's fault queue (which request a fault hits, first in first out, counted down) and
// the errors a fault answers in each dialect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PracticeError } from '../../../../src/practice/core/errors';
import { FaultQueue, faultError } from '../../../../src/practice/core/faults';

test('faults: matched by action, service:action, service:* or *, first in first out, counted down', () => {
  const queue = new FaultQueue();
  queue.add({ action: 'ec2:DescribeInstances', kind: 'throttle', count: 2 });
  queue.add({ action: '*', kind: 'drop' });
  queue.add({ action: 'rds:*', kind: 'internal' });
  assert.equal(queue.take('rds', 'DescribeDBInstances')?.kind, 'drop');
  assert.equal(queue.take('rds', 'DescribeDBInstances')?.kind, 'internal');
  assert.equal(queue.take('rds', 'DescribeDBInstances'), undefined);
  assert.equal(queue.take('ec2', 'DescribeInstances')?.kind, 'throttle');
  assert.equal(queue.take('ec2', 'DescribeVpcs'), undefined);
  assert.equal(queue.take('ec2', 'DescribeInstances')?.kind, 'throttle');
  assert.equal(queue.take('ec2', 'DescribeInstances'), undefined);
  queue.add({ action: 'DescribeVpcs', kind: 'latency', count: 0 });
  assert.equal(queue.take('ec2', 'DescribeVpcs'), undefined, 'a count of 0 injects nothing');
});

test('fault errors in each dialect', () => {
  const shape = (e: PracticeError) => [e.code, e.status];
  assert.deepEqual(shape(faultError('throttle', 'ec2', 'ec2', 'DescribeVpcs')), ['RequestLimitExceeded', 503]);
  assert.deepEqual(shape(faultError('throttle', 'query', 'rds', 'DescribeDBInstances')), ['Throttling', 400]);
  assert.deepEqual(shape(faultError('internal', 'ec2', 'ec2', 'DescribeVpcs')), ['InternalError', 500]);
  assert.deepEqual(shape(faultError('internal', 'query', 'sts', 'GetCallerIdentity')), ['InternalFailure', 500]);
  const denied = faultError('accessDenied', 'query', 'elasticloadbalancing', 'DescribeTargetHealth');
  assert.deepEqual(shape(denied), ['AccessDenied', 403]);
  assert.match(denied.message, /is not authorized to perform: elasticloadbalancing:DescribeTargetHealth because/);
});
