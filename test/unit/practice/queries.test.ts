// How the practice account selects and pages: EC2 filters (wildcards, tags), ID lists with AWS's
// errors, page tokens, and the fault queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilters, notFoundMessage, selectByIds } from '../../../src/practice/ec2/filters';
import { ID_RULES } from '../../../src/practice/ec2/common';
import { PracticeError } from '../../../src/practice/core/errors';
import { FaultQueue, faultError } from '../../../src/practice/core/faults';
import { ec2Rules, paginate, rdsRules } from '../../../src/practice/core/pagination';

const items: { id: string; state: string; tags: Record<string, string> }[] = [
  { id: 'i-00000000000000001', state: 'running', tags: { Name: 'WebServer' } },
  { id: 'i-00000000000000002', state: 'stopped', tags: { Name: 'WebServer2', Env: 'lab' } },
  { id: 'i-00000000000000003', state: 'running', tags: {} },
];
const fields = {
  'instance-id': (r: (typeof items)[number]) => r.id,
  'instance-state-name': (r: (typeof items)[number]) => r.state,
};
const pick = (filters: { Name: string; Values: string[] }[]) =>
  applyFilters(items, filters, fields, (r) => r.tags).map((r) => r.id.slice(-1));

test('filters: values are alternatives, filters all apply, * and ? are wildcards, tag filters', () => {
  assert.deepEqual(pick([{ Name: 'instance-state-name', Values: ['running', 'pending'] }]), ['1', '3']);
  assert.deepEqual(
    pick([
      { Name: 'tag:Name', Values: ['WebServer*'] },
      { Name: 'instance-state-name', Values: ['stopped'] },
    ]),
    ['2'],
  );
  assert.deepEqual(pick([{ Name: 'tag:Name', Values: ['WebServer?'] }]), ['2']);
  assert.deepEqual(pick([{ Name: 'tag:Name', Values: ['Web.erver'] }]), [], 'a dot is a dot');
  assert.deepEqual(pick([{ Name: 'tag-key', Values: ['Env'] }]), ['2']);
  assert.deepEqual(pick([{ Name: 'tag-value', Values: ['lab'] }]), ['2']);
  assert.throws(
    () => pick([{ Name: 'colour', Values: ['x'] }]),
    (e: unknown) => e instanceof PracticeError && e.code === 'InvalidParameterValue',
  );
});

test("ID lists: malformed and missing IDs get AWS's codes and messages", () => {
  const select = (ids: string[]) => selectByIds(items, ids, (r) => r.id, ID_RULES.instance).map((r) => r.id);
  assert.deepEqual(select(['i-00000000000000003', 'i-00000000000000001']), [
    'i-00000000000000001',
    'i-00000000000000003',
  ]);
  assert.throws(() => select(['i-0123456789abcdef0']), {
    code: 'InvalidInstanceID.NotFound',
    message: "The instance ID 'i-0123456789abcdef0' does not exist",
  });
  assert.throws(() => select(['vol-0123456789abcdef0']), { code: 'InvalidInstanceID.Malformed' });
  assert.equal(notFoundMessage('volume', ['vol-1', 'vol-2']), "The volume IDs 'vol-1, vol-2' do not exist");
});

test('pages: a token resumes where the last page ended; sizes and tokens are checked', () => {
  const all = Array.from({ length: 12 }, (_, n) => n);
  const rules = ec2Rules('things', 5, 1000);
  const first = paginate(all, { size: 5 }, rules);
  const second = paginate(all, { size: 5, token: first.next }, rules);
  const third = paginate(all, { size: 5, token: second.next }, rules);
  assert.deepEqual(
    [first.items, second.items, third.items],
    [
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
      [10, 11],
    ],
  );
  assert.equal(third.next, undefined);
  assert.deepEqual(paginate(all, {}, rules).items, all, 'EC2 answers everything without MaxResults');
  assert.throws(() => paginate(all, { size: 4 }, rules), { code: 'InvalidParameterValue' });
  assert.throws(() => paginate(all, { token: first.next }, ec2Rules('other', 5, 1000)), {
    code: 'InvalidPaginationToken',
  });
  assert.equal(
    paginate(all, { size: 2000 }, ec2Rules('volumes', 5, 500, true)).items.length,
    12,
    'clamped, not refused',
  );
  assert.equal(
    paginate(
      Array.from({ length: 150 }, (_, n) => n),
      {},
      rdsRules('db'),
    ).items.length,
    100,
    'RDS pages by 100 by default',
  );
});

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
