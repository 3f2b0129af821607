import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { tokenBucket } from '../../../src/aws/pacing';

it('lets a burst through at once, then one request per refill, in the order asked', async () => {
  const take = tokenBucket({ burst: 3, perSecond: 20 });
  const started = Date.now();
  const done: [number, number][] = [];
  await Promise.all([0, 1, 2, 3, 4].map((i) => take().then(() => done.push([i, Date.now() - started]))));
  assert.deepEqual(
    done.map(([i]) => i),
    [0, 1, 2, 3, 4],
  );
  for (const [i, ms] of done.slice(0, 3)) assert.ok(ms < 25, `request ${i} of the burst waited ${ms} ms`);
  // Two beyond the burst at 20 a second: about 50 and 100 ms.
  assert.ok(done[3]![1] >= 40, `the 4th went at ${done[3]![1]} ms`);
  assert.ok(done[4]![1] >= 90, `the 5th went at ${done[4]![1]} ms`);
});

it('fills up again while idle, to the burst and no more', async () => {
  const take = tokenBucket({ burst: 2, perSecond: 100 });
  await take();
  await take();
  await new Promise((r) => setTimeout(r, 60));
  const started = Date.now();
  await Promise.all([take(), take()]);
  assert.ok(Date.now() - started < 20, 'two tokens were back');
  const third = Date.now();
  await take();
  assert.ok(Date.now() - third >= 5, 'the bucket held two, not six');
});
