// How the practice account selects EC2 records: filters (alternatives, wildcards, tags) and ID lists
// with AWS's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilters, notFoundMessage, selectByIds } from '../../../../src/practice/ec2/filters';
import { ID_RULES } from '../../../../src/practice/ec2/common';
import { PracticeError } from '../../../../src/practice/core/errors';

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
