// Seed 003's own story for one student of a class, by the runners in the practice account: vpc-user05 (track 4),
// webserver#1-user05 in it, the AMI "sampleapp user05", webserver#2-user05, the ALB elb-user05 with alb-user05 and
// tg-elb-user05, web-user05 locked to it; every step of the handout passes on the student's view, and nothing is
// named for another student or left without their tag.
import { strict as assert } from 'node:assert';
import { after, before, it } from 'node:test';
import { fetchInventory } from '../../../src/aws/inventory';
import { STUDENT_TAG } from '../../../src/aws/student';
import { createWebProbe } from '../../../src/aws/web';
import { checkAll } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { runTrack } from '../../../src/lab/run/runner';
import { isLabTagged, type StepContext } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, withoutWebServer, type LabHarness } from '../../fixtures/labPractice';

let lab: LabHarness;
let ctx: StepContext;
before(async () => {
  lab = await startLab();
  await withoutWebServer(lab);
  ctx = { ...lab.context(undefined, 'user05'), layout: 'seed003' };
});
after(() => lab.close());

it('tracks 4 and 1 under seed 003 for user05: seed 003’s names, every step of the handout passing', async () => {
  for (const track of ['4', '1'] as const) {
    for (const o of await runTrack(track, ctx))
      assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
  }
  const r = lab.server.world.region(PRACTICE_REGION);
  const live = r.instances.filter((i) => i.state === 'running');
  assert.deepEqual(live.map((i) => i.tags.Name).sort(), ['webserver#1-user05', 'webserver#2-user05']);
  assert.deepEqual(
    r.vpcs.filter((v) => !v.isDefault).map((v) => v.tags.Name),
    ['vpc-user05'],
  );
  assert.deepEqual(
    r.loadBalancers.map((l) => l.name),
    ['elb-user05'],
  );
  assert.deepEqual(
    r.targetGroups.map((t) => t.name),
    ['tg-elb-user05'],
  );
  assert.ok(r.images.some((i) => i.name === 'sampleapp user05'));
  assert.ok(r.keyPairs.some((k) => k.name === '1day-user05'));
  for (const name of ['alb-user05', 'web-user05'])
    assert.ok(
      r.securityGroups.some((g) => g.name === name),
      name,
    );
  for (const i of live) assert.ok(isLabTagged(i.tags) && i.tags[STUDENT_TAG] === 'user05', i.tags.Name);

  const inventory = await fetchInventory(lab.clients, { student: 'user05' });
  const observations = await observe(inventory, createWebProbe(lab.clients.account, { timeoutMs: 1000 }));
  const results = checkAll({ inventory, observations, layout: 'seed003' }, ['1', '4']);
  assert.deepEqual(
    results.map((x) => x.step),
    ['1.1', '1.2', '1.3', '1.6', '1.7', '1.9', '4.1', '4.2', '4.3'],
  );
  for (const x of results) assert.equal(x.status, 'passed', `${x.step}: ${JSON.stringify(x)}`);
});
