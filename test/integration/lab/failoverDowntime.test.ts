// What the failover chart measures on a real practice WordPress (seed 004, built by hand through the real SDK): a
// single-AZ reboot and a Multi-AZ reboot with failover, each watched through the ALB at the chart's own pace; the
// downtime charted is the outage the practice account models, within the pace's resolution — the reboot's 75 s
// against the failover's 35 s is the lesson.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { RDS_DURATIONS } from '../../../src/practice/rds/transitions';
import { practiceClients, type PracticeClients } from '../../fixtures/practiceClients';
import { buildWordPressSite, makeMultiAz, watchedReboot, type WordPressSite } from '../../fixtures/wordPressSite';
import { ec2PracticeOn, type Ec2Practice } from '../practice/ec2/ec2Practice';

const SPEED = 100;
const WAIT = { minDelay: 1, maxDelay: 1, maxWaitTime: 60 };
let server: PracticeServer | undefined;
let aws: PracticeClients | undefined;
let practice: Ec2Practice | undefined;
let site: WordPressSite | undefined;

before(async () => {
  const s = (server = await startPracticeServer({ port: 0, speed: SPEED }));
  const a = (aws = practiceClients(s.endpoint));
  practice = ec2PracticeOn(
    () => s,
    () => a,
  );
  site = await buildWordPressSite(practice, WAIT);
});
after(async () => {
  aws?.destroy();
  await server?.close();
});

const within = (measuredMs: number, modelledAwsMs: number, tolerance: number) =>
  Math.abs(measuredMs - modelledAwsMs / SPEED) <= (tolerance * modelledAwsMs) / SPEED;

test('a single-AZ reboot, then a Multi-AZ failover: the chart measures each outage the practice account models', async () => {
  assert.ok(practice && site);
  const reboot = await watchedReboot(practice, site, { speed: SPEED, forceFailover: false, wait: WAIT });
  assert.ok(reboot.recovered, JSON.stringify(reboot));
  // A request held by WordPress (PHP waits 60 s for the SYN) outlasts the watch's 5 s: no answer, as on AWS.
  assert.ok(
    reboot.samples.some((s) => s.answer === 'noAnswer' || s.answer === 'dbError' || s.answer === 'gatewayTimeout'),
    `WordPress lost its database: ${JSON.stringify(reboot.samples.map((s) => [s.atMs, s.answer]))}`,
  );
  assert.ok(
    within(reboot.downtimeMs, RDS_DURATIONS.rebootOutage, 0.2),
    `reboot: ${reboot.downtimeMs} ms charted for ${RDS_DURATIONS.rebootOutage / SPEED} ms modelled`,
  );

  await makeMultiAz(practice, site, WAIT);
  const failover = await watchedReboot(practice, site, { speed: SPEED, forceFailover: true, wait: WAIT });
  assert.ok(failover.recovered, JSON.stringify(failover));
  assert.ok(
    within(failover.downtimeMs, RDS_DURATIONS.failoverOutage, 0.2),
    `failover: ${failover.downtimeMs} ms charted for ${RDS_DURATIONS.failoverOutage / SPEED} ms modelled`,
  );
  assert.ok(failover.downtimeMs < reboot.downtimeMs, 'the failover is the shorter outage');
  assert.equal(failover.samples.at(-1)?.answer, 'site', 'the site from the same database after the failover');
});
