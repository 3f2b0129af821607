// EC2's timed transitions, applied by advancing the world's clock: pending -> running, status checks,
// snapshot progress, stopping -> stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import {
  EC2_DURATIONS,
  advanceEc2,
  beginTransition,
  snapshotDuration,
  snapshotProgress,
  statusChecks,
} from '../../../../src/practice/ec2/transitions';
import { HTTPD_ENABLED_LINK, HTTPD_PID_FILE } from '../../../../src/practice/machine/httpd';
import { createStartingWorld } from '../../../../src/practice/seed/startingState';
import type { Clock } from '../../../../src/practice/core/world';

test('transitions: a launch is pending for 30 s, status checks ok at 2 min, a snapshot completes after 60 s + 10 s/GiB', () => {
  let now = Date.parse('2026-11-23T10:00:00Z');
  const clock: Clock = { speed: 1, now: () => new Date(now), after: (ms) => new Date(now + ms) };
  const world = createStartingWorld(clock);
  const region = world.writableRegion(PRACTICE_REGION);
  const [instance] = region.instances;
  assert.ok(instance);
  instance.state = 'stopped';
  beginTransition(instance, 'pending', 'running', clock, EC2_DURATIONS.instancePending);
  instance.statusOkAt = new Date(now + EC2_DURATIONS.statusChecks).toISOString();
  const snapshot = {
    id: 'snap-1',
    volumeId: 'vol-1',
    sizeGiB: 8,
    state: 'pending' as const,
    progress: 0,
    description: '',
    startTime: new Date(now).toISOString(),
    encrypted: false,
    tags: {},
    completeAt: new Date(now + snapshotDuration(8)).toISOString(),
  };
  region.snapshots.push(snapshot);

  now += 29_000;
  assert.equal(advanceEc2(region, new Date(now)), false);
  assert.equal(instance.state, 'pending');
  now += 1_000;
  assert.equal(advanceEc2(region, new Date(now)), true);
  assert.equal(instance.state, 'running');
  assert.equal(statusChecks(instance, new Date(now)), 'initializing');
  assert.equal(snapshotProgress(snapshot, new Date(now)), Math.floor((30 / 140) * 100));
  now += 90_000;
  assert.equal(statusChecks(instance, new Date(now)), 'ok');
  now += 20_000;
  advanceEc2(region, new Date(now));
  assert.deepEqual([snapshot.state, snapshot.progress], ['completed', 100]);

  // Stopping: at `stopped` the auto-assigned IP goes and /run empties.
  instance.autoPublicIp = '13.112.0.9';
  beginTransition(instance, 'stopping', 'stopped', clock, EC2_DURATIONS.instanceStopping);
  now += EC2_DURATIONS.instanceStopping;
  advanceEc2(region, new Date(now));
  assert.equal(instance.state, 'stopped');
  assert.equal(instance.autoPublicIp, undefined);
  assert.ok(!(HTTPD_PID_FILE in instance.files) && HTTPD_ENABLED_LINK in instance.files);
  assert.equal(statusChecks(instance, new Date(now)), 'not-applicable');
});
