// How the practice account pages: a token resumes where the last page ended; sizes and tokens are
// checked as each service checks them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Rules, paginate, rdsRules } from '../../../../src/practice/core/pagination';

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
