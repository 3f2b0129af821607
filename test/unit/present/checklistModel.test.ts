// The lab checklist as a student reads it: CheckResults (as src/lab/checks.ts returns them) -> tracks > steps
// with their status, the reason in words, the causes and the one-click fixes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../../src/vscode/commands/ids';
import { fix, reason } from '../../../src/lab/codes';
import { stepTitle } from '../../../src/present/lab/steps';
import { reasonText } from '../../../src/present/lab/reasons';
import { fixTitle } from '../../../src/present/lab/fixes';
import { STEPS } from '../../../src/lab/tracks';
import type { CheckResult, StepId } from '../../../src/lab/types';
import type { Translate } from '../../../src/present/translate';
import {
  buildChecklist,
  IDLE_CHECKLIST,
  walkChecklist,
  type ChecklistNode,
  type ChecklistState,
} from '../../../src/present/checklistModel';
import { repoRoot } from '../../fixtures/repo';

const en: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const jaBundle = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
const ja: Translate = (message, ...args) => en(jaBundle[message] ?? message, ...args);

const pass = (step: StepId): CheckResult => ({ step, status: 'passed', facts: {} });
const noClone = reason('clone.missing', { image: 'ami-0abc' });
const stopped = reason('diagnosis.instanceStopped', { id: 'i-0b2', instance: 'WebServer2', state: 'stopped' });
const blocked = reason('diagnosis.securityGroup', {
  id: 'i-0a1',
  instance: 'WebServer',
  port: 80,
  groupId: 'sg-0web',
  groupName: 'launch-wizard-1',
  sourceGroupId: 'sg-0alb',
  sourceGroupName: 'alb-sg',
});
const start = fix('startInstance', { instanceId: 'i-0b2', name: 'WebServer2' });
const admit = fix('authorizeIngress', {
  groupId: 'sg-0web',
  groupName: 'launch-wizard-1',
  protocol: 'tcp',
  port: 80,
  sourceGroupId: 'sg-0alb',
  sourceGroupName: 'alb-sg',
});

/** The practice account's start after step 1.1: track 0 done, 1.1 done, 1.2 next, the rest waiting. */
function state(overrides: Partial<ChecklistState> = {}, extra: CheckResult[] = []): ChecklistState {
  const results: CheckResult[] = [
    pass('0.1'),
    pass('0.2'),
    pass('1.1'),
    { step: '1.2', status: 'failed', reason: reason('image.missing', { webServer: 'WebServer' }), fixes: [] },
    { step: '1.3', status: 'failed', reason: noClone, fixes: [] },
    { step: '1.7', status: 'failed', reason: stopped, fixes: [start, admit], details: [stopped, blocked] },
    { step: '1.8', status: 'waiting', on: '1.6', reason: reason('alb.missing', { name: 'LoadBalancer' }) },
    ...extra,
  ];
  return { status: 'ready', results: new Map(results.map((r) => [r.step, r])), pending: new Set(), ...overrides };
}

const rows = (roots: readonly ChecklistNode[]) => [...walkChecklist(roots)];
const stepRow = (roots: readonly ChecklistNode[], id: StepId) =>
  rows(roots).find((n) => n.kind === 'step' && n.step === id)!;
const tokens = (n: ChecklistNode) => n.contextValue.split(' ');

describe('checklist model', () => {
  it('lists the tracks with every step in the lab order, and counts what is done', () => {
    const roots = buildChecklist(state(), STEPS, en);
    assert.deepEqual(
      roots.map((r) => r.label),
      [
        'Track 0 · The starting web server',
        'Track 1 · Scale out with a load balancer',
        'Track 2 · A redundant database',
        'Track 3 · Auto Scaling',
        'Track 4 · A network from scratch',
      ],
    );
    assert.deepEqual(
      roots.map((r) => r.description),
      ['2 of 2 done', '1 of 10 done', '0 of 7 done', '0 of 5 done', '0 of 4 done'],
    );
    assert.deepEqual(roots[0]!.icon, { id: 'pass-filled', color: 'charts.green' });
    assert.deepEqual(
      roots.flatMap((r) => r.children.map((c) => c.step)),
      STEPS.map((s) => s.id),
    );
    assert.equal(stepRow(roots, '1.3').label, stepTitle('1.3', en));
  });

  it('shows a passed step green, with a run button still offered (runs are idempotent)', () => {
    const row = stepRow(buildChecklist(state(), STEPS, en), '1.1');
    assert.deepEqual(row.icon, { id: 'pass-filled', color: 'charts.green' });
    assert.equal(row.description, 'done');
    assert.deepEqual(tokens(row), ['step', 'passed', 'runnable']);
    assert.equal(row.children.length, 0);
  });

  it('shows a failing step red with the reason in words (1.3: no WebServer2 yet) as description and tooltip', () => {
    const row = stepRow(buildChecklist(state(), STEPS, en), '1.3');
    assert.deepEqual(row.icon, { id: 'error', color: 'charts.red' });
    assert.equal(row.description, reasonText(noClone, en));
    assert.match(row.description ?? '', /There is no WebServer2/);
    assert.ok(row.tooltip?.includes('There is no WebServer2'), row.tooltip);
    assert.deepEqual(tokens(row), ['step', 'failed', 'runnable']);
  });

  it('lists every cause and every fix under a failing step; a fix row runs applyFix with the step and the fix', () => {
    const row = stepRow(buildChecklist(state(), STEPS, en), '1.7');
    assert.equal(row.expand, 'expanded');
    const causes = row.children.filter((c) => c.kind === 'cause');
    assert.deepEqual(
      causes.map((c) => c.label),
      [reasonText(stopped, en), reasonText(blocked, en)],
    );
    const fixes = row.children.filter((c) => c.kind === 'fix');
    assert.deepEqual(
      fixes.map((f) => f.label),
      [fixTitle(start, en), fixTitle(admit, en)],
    );
    assert.equal(fixes[1]!.label, 'Allow TCP 80 from alb-sg in launch-wizard-1');
    assert.deepEqual(fixes[1]!.command, {
      id: COMMANDS.applyFix,
      title: fixes[1]!.label,
      args: [{ step: '1.7', fix: admit }],
    });
    assert.deepEqual(tokens(fixes[1]!), ['fix']);
    assert.ok(row.tooltip?.includes(fixTitle(admit, en)));
  });

  it('shows a step waiting on an earlier one grey, saying what it waits for', () => {
    const row = stepRow(buildChecklist(state(), STEPS, en), '1.8');
    assert.deepEqual(row.icon, { id: 'circle-large-outline', color: 'disabledForeground' });
    assert.equal(row.description, reasonText(reason('alb.missing', { name: 'LoadBalancer' }), en));
    assert.ok(row.tooltip?.includes('waits for 1.6'));
  });

  it('offers no run button on 1.5 (edited over SSH) and none anywhere while a step runs', () => {
    const idle = buildChecklist(state(), STEPS, en);
    assert.ok(!tokens(stepRow(idle, '1.5')).includes('runnable'));
    const running = buildChecklist(state({ running: '1.2' }), STEPS, en);
    assert.deepEqual(stepRow(running, '1.2').icon, { id: 'sync~spin', color: 'charts.blue' });
    assert.equal(
      stepRow(running, '1.2').description,
      reasonText(reason('image.missing', { webServer: 'WebServer' }), en),
    );
    assert.ok(rows(running).every((n) => !tokens(n).includes('runnable')));
  });

  it('keeps showing the previous result while a step is checked again, and spins only where there is none', () => {
    const roots = buildChecklist(
      state({ status: 'checking', pending: new Set(['1.8', '1.9'] as StepId[]) }),
      STEPS,
      en,
    );
    const again = stepRow(roots, '1.8');
    assert.deepEqual(again.icon, { id: 'circle-large-outline', color: 'disabledForeground' });
    assert.ok(again.tooltip?.includes('checking again'));
    const first = stepRow(roots, '1.9');
    assert.deepEqual(first.icon, { id: 'loading~spin' });
    assert.equal(first.description, 'checking…');
    assert.ok(
      rows(buildChecklist(IDLE_CHECKLIST, STEPS, en))
        .filter((n) => n.kind === 'step')
        .every((n) => n.icon?.id === 'loading~spin'),
    );
  });

  it('opens the step in the walkthrough when a row is clicked', () => {
    const row = stepRow(buildChecklist(state(), STEPS, en), '1.10');
    assert.deepEqual(row.command?.args, [
      {
        category: 'cps-research-center.aws-scale-out-lab#scaleOutLab.scaleOut',
        step: 'step1_10',
      },
      false,
    ]);
  });

  it('says why nothing can be checked when the account cannot be read', () => {
    const roots = buildChecklist(
      { ...IDLE_CHECKLIST, status: 'failed', problem: { kind: 'noCredentials' } },
      STEPS,
      en,
    );
    assert.equal(roots.length, 1);
    assert.equal(roots[0]!.kind, 'message');
    assert.match(roots[0]!.label, /^Cannot check the lab: No AWS credentials found/);
  });

  it('shows a step whose section could not be read in yellow, saying which and why, never as "not yet"', () => {
    const unread: CheckResult = {
      step: '1.2',
      status: 'unknown',
      reason: reason('account.unreadable', {
        section: 'storage',
        action: 'ec2:DescribeImages',
        problem: 'throttled',
        detail: '',
      }),
      problems: [
        {
          section: 'storage',
          action: 'ec2:DescribeImages',
          error: { kind: 'throttled', action: 'ec2:DescribeImages' },
        },
      ],
    };
    const roots = buildChecklist(state({}, [unread]), STEPS, en);
    const row = stepRow(roots, '1.2');
    assert.deepEqual(row.icon, { id: 'warning', color: 'charts.yellow' });
    assert.deepEqual(tokens(row), ['step', 'unknown', 'runnable']);
    assert.match(
      row.description ?? '',
      /volumes, snapshots and AMIs could not be read \(ec2:DescribeImages: AWS throttled/,
    );
    assert.notEqual(row.description, 'not yet');
    assert.equal(row.expand, 'expanded');
    assert.equal(row.children.length, 1);
    assert.equal(row.children[0]!.kind, 'cause');
    assert.match(stepRow(buildChecklist(state({}, [unread]), STEPS, ja), '1.2').description ?? '', /読み取れなかった/);
  });

  it('lists the notes of a passed step (another lab-like load balancer) under it, the step still done', () => {
    const note = reason('note.otherLoadBalancer', { name: 'LoadBalancer', dnsName: 'lb.example', judged: 'my-alb' });
    const six: CheckResult = { step: '1.6', status: 'passed', facts: {}, notes: [note] };
    const row = stepRow(buildChecklist(state({}, [six]), STEPS, en), '1.6');
    assert.deepEqual(row.icon, { id: 'pass-filled', color: 'charts.green' });
    assert.deepEqual(
      row.children.map((c) => [c.kind, c.label]),
      [['note', reasonText(note, en)]],
    );
    assert.match(row.children[0]!.label, /LoadBalancer.*cleanup removes it/);
    assert.ok(row.tooltip?.includes('cleanup removes it'));
  });

  it('has stable, unique ids', () => {
    const ids = rows(buildChecklist(state(), STEPS, en)).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('track:1/step:1.3'));
    assert.ok(
      ids.includes('track:1/step:1.7:fixing/fix:1:authorizeIngress'),
      'a row with fixes has its own id (shown expanded)',
    );
  });

  it('reads in Japanese', () => {
    const roots = buildChecklist(state(), STEPS, ja);
    assert.deepEqual(
      roots.map((r) => r.label),
      [
        'トラック 0 · 最初の Web サーバー',
        'トラック 1 · ELB でスケールアウト',
        'トラック 2 · 冗長なデータベース',
        'トラック 3 · Auto Scaling',
        'トラック 4 · ネットワークを一から',
      ],
    );
    assert.equal(roots[1]!.description, '10 ステップ中 1 完了');
    assert.equal(stepRow(roots, '1.1').description, '完了');
    assert.match(stepRow(roots, '1.3').description ?? '', /WebServer2/);
    assert.match(stepRow(roots, '1.3').description ?? '', /[ぁ-ん]/);
  });
});
