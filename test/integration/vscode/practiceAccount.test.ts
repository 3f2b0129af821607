// The extension's practice account without vscode (src/platform/practiceAccount.ts), over real state files and
// real SDK clients: two windows on one file share one account; when the serving window closes, the other one's
// next call fails with a network problem, the shared account is dropped, and the next open serves the file here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { toAwsProblem, type AwsProblem } from '../../../src/aws/errors';
import { PracticeHolder } from '../../../src/vscode/services/practiceAccount';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { openPracticeAccount, resetSharedPracticeAccount } from '../../../src/practice/core/share';
import { practiceClients } from '../../fixtures/practiceClients';

let dir: string;
const holders: PracticeHolder[] = [];
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'practice-holder-'));
});
after(async () => {
  await Promise.all(holders.map((h) => h.stop()));
  await rm(dir, { recursive: true, force: true });
});

function window(stateFile: string): PracticeHolder {
  const holder = new PracticeHolder({
    open: () => openPracticeAccount({ stateFile, speed: 'instant' }),
    resetShared: resetSharedPracticeAccount,
  });
  holders.push(holder);
  return holder;
}

/** What a refresh of that window sees: the VPC count, or the problem the call failed with. */
async function refresh(endpoint: string): Promise<number | AwsProblem> {
  const aws = practiceClients(endpoint, { maxAttempts: 1 });
  try {
    return (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length ?? 0;
  } catch (error) {
    return toAwsProblem(error, { action: 'ec2:DescribeVpcs', endpoint });
  } finally {
    aws.destroy();
  }
}

test('the second window shares; the first one closed, its next open after the network failure owns the file', async () => {
  const file = path.join(dir, 'two-windows.json');
  const first = window(file);
  const second = window(file);
  const owner = await first.get();
  const opened: string[] = [];
  const shared = await second.get((a) => opened.push(a.kind));
  assert.equal(owner.kind, 'own');
  assert.deepEqual([shared.kind, shared.endpoint, opened], ['shared', owner.endpoint, ['shared']]);

  // Reset from the sharing window goes through the owner's server: the VPC removed there is back.
  assert.ok(owner.kind === 'own');
  owner.server.world.writableRegion(PRACTICE_REGION).vpcs.length = 0;
  owner.server.world.changed();
  assert.equal(await refresh(shared.endpoint), 0);
  await second.reset();
  assert.equal(await refresh(shared.endpoint), 1);

  // A failure that is an answer (throttling) is not a server gone: the shared account is kept.
  owner.server.injectFault({ action: 'DescribeVpcs', kind: 'throttle', count: 1 });
  const throttled = await refresh(shared.endpoint);
  assert.equal(typeof throttled === 'object' && throttled.kind, 'throttled');
  assert.equal(second.forgetIfGone(throttled as AwsProblem), false);
  assert.equal((await second.get()).kind, 'shared');

  // The first window closes; the second one's next call cannot connect: dropped, then opened again as its own.
  await first.stop();
  const gone = await refresh(shared.endpoint);
  assert.equal(typeof gone === 'object' && gone.kind, 'network', JSON.stringify(gone));
  assert.equal(second.forgetIfGone(gone as AwsProblem), true);
  const again = await second.get();
  assert.equal(again.kind, 'own');
  assert.notEqual(again.endpoint, shared.endpoint);
  assert.equal(await refresh(again.endpoint), 1, 'the saved account is served');
  assert.equal(second.forgetIfGone(gone as AwsProblem), false, 'an own server is never dropped by a failure');
});

test('stopping a window that shares leaves the serving window’s server running', async () => {
  const file = path.join(dir, 'stop-shared.json');
  const first = window(file);
  const second = window(file);
  const owner = await first.get();
  assert.equal((await second.get()).kind, 'shared');
  await second.stop();
  assert.equal(await refresh(owner.endpoint), 1);
});
