// Issue 11's third figure: the downtime the failover chart measures on a practice WordPress (seed 004, built by hand
// through the real SDK) against the outage the practice account models — a single-AZ reboot (75 s) and a Multi-AZ
// reboot with failover (35 s) — at speed 60, each watched through the ALB at the chart's own pace (goal: within
// 10%). Median of a few runs, each on a fresh account.
import { PRACTICE_REGION } from '../src/practice/core/constants';
import { startPracticeServer } from '../src/practice/core/server';
import { RDS_DURATIONS } from '../src/practice/rds/transitions';
import { practiceClients } from '../test/fixtures/practiceClients';
import { buildWordPressSite, makeMultiAz, watchedReboot } from '../test/fixtures/wordPressSite';
import { ec2PracticeOn } from '../test/integration/practice/ec2/ec2Practice';
import { log, median, round } from './lab';

const WAIT = { minDelay: 1, maxDelay: 1, maxWaitTime: 120 };

async function oneRun(speed: number) {
  const server = await startPracticeServer({ port: 0, speed });
  const aws = practiceClients(server.endpoint);
  try {
    const practice = ec2PracticeOn(
      () => server,
      () => aws,
    );
    const site = await buildWordPressSite(practice, WAIT);
    const reboot = await watchedReboot(practice, site, { speed, forceFailover: false, wait: WAIT });
    await makeMultiAz(practice, site, WAIT);
    const failover = await watchedReboot(practice, site, { speed, forceFailover: true, wait: WAIT });
    const moved = server.world.region(PRACTICE_REGION).dbInstances.find((d) => d.id === site.dbId);
    return { reboot, failover, primaryAz: moved?.az };
  } finally {
    aws.destroy();
    await server.close();
  }
}

const figure = (measured: number[], modelledAwsMs: number, speed: number, requests: number[]) => {
  const chartedMs = median(measured);
  const modelledMs = modelledAwsMs / speed;
  return {
    modelledAwsSeconds: modelledAwsMs / 1000,
    modelledMs: round(modelledMs),
    chartedMs: round(chartedMs),
    chartedAwsSeconds: round((chartedMs * speed) / 1000),
    error: Math.round((Math.abs(chartedMs - modelledMs) / modelledMs) * 1000) / 1000,
    goalError: 0.1,
    runsMs: measured,
    requestsPerWatch: requests,
  };
};

export async function measureFailoverDowntime(options: { speed?: number; runs?: number } = {}) {
  const speed = options.speed ?? 60;
  const runs = [];
  for (let i = 0; i < (options.runs ?? 3); i++) {
    log(`downtime: WordPress on test-rds-1, a reboot then a failover at speed ${speed} (${i + 1})`);
    runs.push(await oneRun(speed));
  }
  return {
    speed,
    singleAzReboot: figure(
      runs.map((r) => r.reboot.downtimeMs),
      RDS_DURATIONS.rebootOutage,
      speed,
      runs.map((r) => r.reboot.samples.length),
    ),
    multiAzFailover: figure(
      runs.map((r) => r.failover.downtimeMs),
      RDS_DURATIONS.failoverOutage,
      speed,
      runs.map((r) => r.failover.samples.length),
    ),
    everyWatchRecovered: runs.every((r) => r.reboot.recovered && r.failover.recovered),
  };
}

if (require.main === module) {
  measureFailoverDowntime().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
