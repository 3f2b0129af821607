// The live tally of 1.8 and 1.10 (the extension's load-balancing chart): the runners report the tally so far
// through the context's onTally after each answer of the load balancer, and the last report is the outcome's.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { runTrack } from '../../../src/lab/run/runner';
import type { Tally } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { editClonePage, startLab, withoutWebServer, type LabHarness } from '../../fixtures/labPractice';

describe('the live tally of 1.8 and 1.10', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await withoutWebServer(lab);
  });
  after(() => lab.close());

  it('reports each answer with the host asked, 1.10 only while the server is stopped', async () => {
    const seen: { tally: Tally; host: string }[] = [];
    const ctx = { ...lab.context(), onTally: (tally: Tally, host: string) => seen.push({ tally, host }) };
    await runTrack('0', ctx);
    const one = await runTrack('1', ctx, { editClonePage: async (id) => editClonePage(lab, id) });
    const lb = lab.server.world.region(PRACTICE_REGION).loadBalancers[0];
    assert.ok(lb);

    const tallied = one.find((o) => o.step === '1.8')?.tally;
    const exercise = one.find((o) => o.step === '1.10')?.exercise;
    assert.ok(tallied && exercise);
    assert.equal(seen.length, 20 + 10, 'one report per request: 20 for 1.8, 10 while the server is stopped');
    assert.deepEqual(
      seen.map((s) => s.tally.requests),
      [...Array.from({ length: 20 }, (_, i) => i + 1), ...Array.from({ length: 10 }, (_, i) => i + 1)],
    );
    assert.ok(seen.every((s) => s.host === lb.dnsName));
    assert.deepEqual(seen[19]?.tally, tallied, "1.8's last report is its outcome's tally");
    assert.deepEqual(seen.at(-1)?.tally, exercise.whileStopped, "1.10's last report is the tally while stopped");
  });
});
