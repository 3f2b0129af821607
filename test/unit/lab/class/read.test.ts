// replayingProbe: a second pass over a class's pages reuses the first pass's answers in order (a load balancer's
// samples stay its sequence) and fetches only what no pass asked before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayingProbe } from '../../../../src/lab/class/read';
import type { PageObservation, WebProbe } from '../../../../src/lab/types';

/** A web of numbered answers: the n-th request to a page answers `n` (what a load balancer's turns look like). */
function numberedWeb(): WebProbe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch: async (host, path): Promise<PageObservation> => {
      asked.push(`${host}${path}`);
      const n = asked.filter((k) => k === `${host}${path}`).length;
      return { host, path, status: 200, body: String(n) };
    },
  };
}

test('a later pass answers from the earlier one in order, and fetches only past it', async () => {
  const web = numberedWeb();
  const pages = replayingProbe(web);
  const first = pages.pass();
  const early = [await first.fetch('lb', '/'), await first.fetch('lb', '/'), await first.fetch('a', '/')];
  const second = pages.pass();
  const late = [
    await second.fetch('lb', '/'),
    await second.fetch('lb', '/'),
    await second.fetch('lb', '/'),
    await second.fetch('a', '/'),
    await second.fetch('b', '/health'),
  ];
  assert.deepEqual(
    early.map((o) => o.body),
    ['1', '2', '1'],
  );
  assert.deepEqual(
    late.map((o) => `${o.host}${o.path} ${o.body}`),
    ['lb/ 1', 'lb/ 2', 'lb/ 3', 'a/ 1', 'b/health 1'],
  );
  assert.deepEqual(web.asked, ['lb/', 'lb/', 'a/', 'lb/', 'b/health']);
});

test('passes at the same time share a fetch in flight', async () => {
  const web = numberedWeb();
  const pages = replayingProbe(web);
  const [x, y] = await Promise.all([pages.pass().fetch('a', '/'), pages.pass().fetch('a', '/')]);
  assert.equal(x, y);
  assert.deepEqual(web.asked, ['a/']);
});
