// A check that could not be read ('unknown': a section of the account failed to load) is neither done nor failed,
// wherever a result is read: the checklist, the walkthrough's ticks, the notifications, the CLI, the runners.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AwsError } from '../../../src/aws/errors';
import type { InventoryProblem } from '../../../src/aws/types';
import { checkLine } from '../../../src/cli/lab';
import { unknown } from '../../../src/lab/checks/kit';
import { fix, reason } from '../../../src/lab/codes';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { knownCheck } from '../../../src/lab/run/kit';
import { reasonText } from '../../../src/present/lab/reasons';
import { STEPS } from '../../../src/lab/tracks';
import type { CheckResult, Reason, StepId } from '../../../src/lab/types';
import {
  buildChecklist,
  IDLE_CHECKLIST,
  isDone,
  newlyPassing,
  resultMessage,
  type ChecklistNode,
} from '../../../src/present/checklistModel';

const en = bundleTranslator();
const ja = bundleTranslator(loadBundle('ja'));

const throttled: InventoryProblem = {
  section: 'storage',
  action: 'ec2:DescribeImages',
  error: { kind: 'throttled', action: 'ec2:DescribeImages' },
};
const unread = (step: StepId) => unknown(step, [throttled]) as Extract<CheckResult, { status: 'unknown' }>;
const pass = (step: StepId, notes: Reason[] = []): CheckResult => ({
  step,
  status: 'passed',
  facts: {},
  ...(notes.length > 0 ? { notes } : {}),
});
const otherLb = reason('note.otherLoadBalancer', { name: 'LoadBalancer', dnsName: 'lb.example', judged: 'my-alb' });

function stepRow(roots: readonly ChecklistNode[], id: StepId): ChecklistNode {
  const row = roots.flatMap((t) => t.children).find((n) => n.step === id);
  assert.ok(row, id);
  return row;
}

describe("'unknown' is never done", () => {
  it('isDone and newlyPassing (the walkthrough context keys) count passes only', () => {
    assert.equal(isDone(unread('1.2')), false);
    assert.equal(isDone(pass('1.1')), true);
    assert.equal(isDone(undefined), false);
    const results = [pass('1.1'), unread('1.2'), pass('1.3')];
    assert.deepEqual(newlyPassing(results, new Set<StepId>(['1.3'])), ['1.1']);
    assert.deepEqual(newlyPassing([unread('1.1')], new Set()), []);
  });

  it("the checklist: a warning row reading 'could not be checked' and why; the track does not count it", () => {
    const results = new Map<StepId, CheckResult>([
      ['1.1', pass('1.1')],
      ['1.2', unread('1.2')],
    ]);
    const roots = buildChecklist({ ...IDLE_CHECKLIST, status: 'ready', results }, STEPS, en);
    const row = stepRow(roots, '1.2');
    assert.deepEqual(row.icon, { id: 'warning', color: 'charts.yellow' });
    assert.match(row.description ?? '', /^could not be checked: The account's volumes, snapshots and AMIs could not/);
    assert.match(row.tooltip ?? '', /could not be checked/);
    const track = roots.find((t) => t.id === 'track:1');
    assert.equal(track?.description, `1 of ${STEPS.filter((s) => s.track === '1').length} done`);
    const jaRow = stepRow(buildChecklist({ ...IDLE_CHECKLIST, status: 'ready', results }, STEPS, ja), '1.2');
    assert.match(jaRow.description ?? '', /^チェックできませんでした：/);
  });
});

describe('the notification after a run or a fix', () => {
  it("'unknown' says the step could not be checked, with the reason; it is not 'done'", () => {
    const m = resultMessage(unread('1.2'), en);
    assert.equal(m.done, false);
    assert.equal(
      m.text,
      `1.2 Create an AMI from the snapshot: could not be checked: ${reasonText(unread('1.2').reason, en)}`,
    );
    assert.match(resultMessage(unread('1.2'), ja).text, /チェックできませんでした：/);
  });

  it('shows the notes of a passed or failed result', () => {
    const done = resultMessage(pass('1.6', [otherLb]), en);
    assert.equal(done.done, true);
    assert.equal(done.text, `1.6 Create the Application Load Balancer: done. Note: ${reasonText(otherLb, en)}`);
    const failed: CheckResult = {
      step: '1.7',
      status: 'failed',
      reason: reason('targets.none', { targetGroup: 'tg-web' }),
      fixes: [],
      notes: [otherLb],
    };
    assert.match(resultMessage(failed, en).text, /has no targets\..* Note: .*LoadBalancer/);
    assert.match(resultMessage(pass('1.6', [otherLb]), ja).text, /注：/);
  });
});

describe('the CLI check line', () => {
  it("'unknown' is marked ! (not ✗) and reads 'could not be checked' with the reason", () => {
    const line = checkLine(unread('1.2'), en);
    assert.equal(line.split('\n')[0], '! 1.2 Create an AMI from the snapshot');
    assert.match(line, /\n {4}could not be checked: The account's volumes, snapshots and AMIs could not be read/);
    assert.ok(!line.includes('✗'));
    assert.match(checkLine(unread('1.2'), ja), /チェックできませんでした：/);
  });

  it('prints the notes of a passed and of a failed step; a failure keeps its ✗', () => {
    assert.equal(
      checkLine(pass('1.6', [otherLb]), en),
      `✓ 1.6 Create the Application Load Balancer\n      Note: ${reasonText(otherLb, en)}`,
    );
    const failed: CheckResult = {
      step: '1.7',
      status: 'failed',
      reason: reason('diagnosis.instanceStopped', { id: 'i-0b2', instance: 'WebServer2', state: 'stopped' }),
      fixes: [fix('startInstance', { instanceId: 'i-0b2', name: 'WebServer2' })],
      notes: [otherLb],
    };
    const lines = checkLine(failed, en).split('\n');
    assert.match(lines[0] ?? '', /^✗ 1\.7/);
    assert.match(lines.at(-1) ?? '', /^ {6}Note: .*LoadBalancer/);
  });
});

describe('a runner deciding from a check', () => {
  it("fails with the unreadable section's AwsError on 'unknown', instead of taking it as nothing to do", () => {
    assert.throws(
      () => knownCheck(unread('1.7')),
      (e: unknown) => e instanceof AwsError && e.problem.kind === 'throttled' && e.problem === throttled.error,
    );
    const failed: CheckResult = { step: '1.9', status: 'failed', reason: reason('alb.missing'), fixes: [] };
    assert.equal(knownCheck(failed), failed);
    assert.equal(knownCheck(pass('1.7')).status, 'passed');
  });
});
