// The failover chart's contrast against the practice account through the real SDK: test-rds-1 rebooted without
// failover stays in its AZ and comes back available; its events say it rebooted (no failover); a database still
// being made is waited for first, and no database at all is the check's own reason.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, it } from 'node:test';
import { runStep } from '../../../src/lab/run/runner';
import { runReboot } from '../../../src/lab/run/reboot';
import { StepError, type StepContext } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: 1200 });
});
after(() => lab.close());
beforeEach(() => lab.server.reset());

const context = (): StepContext => ({
  ...lab.context(),
  secrets: { databasePassword: () => Promise.resolve('Wp-Secret-2026!') },
});
const db = () => lab.server.world.region(PRACTICE_REGION).dbInstances.find((d) => d.id === 'test-rds-1');

it('reboots test-rds-1 without failover: the same AZ, available again, restarted in its events, no failover', async () => {
  await runStep('2.1', {}, context());
  await runStep('2.2', {}, context());
  const before = db()?.az;
  const outcome = await runReboot(context());
  assert.deepEqual(outcome, { name: 'test-rds-1', az: before, multiAz: false });
  assert.equal(db()?.status, 'available');
  const events = (lab.server.world.region(PRACTICE_REGION).dbEvents ?? []).map((e) => e.message);
  assert.ok(events.includes('DB instance restarted'), JSON.stringify(events));
  assert.ok(!events.some((m) => /failover/i.test(m)), JSON.stringify(events));
});

it("without a database it says so in the check's words", async () => {
  await assert.rejects(runReboot(context()), (e: unknown) => e instanceof StepError && e.reason.code === 'db.missing');
});
