// The teacher's table as people and programs read it: the CLI's text (English and Japanese), its CSV (a column per
// step, `passed` or the reason code), and the extension's Class view nodes.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { classStatus } from '../../../../src/lab/class/status';
import { classCsv, classTableText } from '../../../../src/present/class/table';
import { buildClassTree, walkClass, type ClassNode } from '../../../../src/present/class/tree';
import { labSteps } from '../../../../src/lab/tracks';
import { classInventory } from '../../../fixtures/classStages';
import { en, ja } from '../../../fixtures/explorerWorld';

const { inventory, observations } = classInventory();
const status = classStatus(inventory, { layout: 'defaultVpc', observations });

describe('class table (CLI)', () => {
  it('has a line per student with a mark per step by track, the count passed, what runs and its cost', () => {
    const text = classTableText(status, en);
    const lines = text.split('\n');
    const user01 = lines.find((l) => l.startsWith('user01'));
    assert.ok(user01, text);
    // Tracks 0 and 1 done; the marks of each track stand apart.
    assert.match(user01, /^user01\s+✓✓ ✓{10} /);
    assert.match(user01, /\s12\/28\s+3\s+0\.0832 USD\/h$/);
    assert.match(text, /Class in ap-northeast-1: 5 students · one read of the account \(17 API calls\)/);
    // Under each row, the first thing wrong.
    const user03 = lines.findIndex((l) => l.startsWith('user03'));
    assert.match(
      lines[user03 + 1] ?? '',
      /^ {4}✗ 1\.6 .*WebServer-user03 in WebServers-user03 is unhealthy \(Target\.Timeout\)/,
    );
    assert.match(text, /Owned by no student: 2 resources, /);
    assert.match(text, /\n {2}i-0bastion {2}teacher-bastion {2}instance {2}0\.\d{4} USD\/h\n/);
  });

  it('reads in Japanese, with the columns still aligned', () => {
    const text = classTableText(status, ja);
    assert.match(text, /クラス（ap-northeast-1）：受講者 5 人/);
    const header = text.split('\n')[1] ?? '';
    assert.match(header, /^受講者 {2}トラック別のステップ/);
    assert.match(text, /どの受講者のものでもないリソース：2 件/);
    assert.match(text, /i-0bastion {2}teacher-bastion {2}インスタンス/);
    // The student column is as wide as its (double-width) header: the marks start in the same column.
    const rows = text.split('\n').filter((l) => /^user0\d/.test(l));
    const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\uffef]/.test(ch) ? 2 : 1), 0);
    const marksAt = (l: string) => width(l.slice(0, l.search(/[✓✗·!]/)));
    assert.ok(rows.every((l) => marksAt(l) === width(header.slice(0, header.indexOf('トラック')))));
  });

  it('writes CSV: a row per student, a column per step (passed or the reason code), running and USD/h', () => {
    const [header, ...rows] = classCsv(status).trimEnd().split('\n');
    const steps = labSteps('defaultVpc').map((s) => s.id);
    assert.equal(header, ['student', ...steps, 'running', 'usd_per_hour'].join(','));
    assert.equal(rows.length, 5);
    const cells = (student: string) => rows.find((r) => r.startsWith(`${student},`))?.split(',') ?? [];
    const at = (student: string, id: string) => cells(student)[1 + steps.indexOf(id as (typeof steps)[number])];
    assert.equal(at('user01', '1.10'), 'passed');
    assert.equal(at('user02', '1.9'), 'secure.openRule');
    assert.equal(at('user03', '1.6'), 'target.notHealthy');
    assert.equal(at('user05', '0.1'), 'webServer.notRunning');
    assert.deepEqual(cells('user01').slice(-2), ['3', '0.083248']);
    assert.deepEqual(cells('user05').slice(-2, -1), ['0']);
  });
});

describe('Class view (tree model)', () => {
  const roots = buildClassTree({ status: 'loaded', class: status }, en);
  const byId = (id: string): ClassNode => {
    const found = [...walkClass(roots)].find((n) => n.id === id);
    assert.ok(found, `no node ${id}`);
    return found;
  };

  it('has the class in a line, a node per student and one for what no student owns', () => {
    assert.deepEqual(
      roots.map((n) => n.kind),
      ['summary', 'student', 'student', 'student', 'student', 'student', 'unowned'],
    );
    assert.equal(roots[0]?.label, '5 students');
    const user01 = byId('class/student:user01');
    assert.equal(user01.description, '12/28 passed · 3 running · 0.0832 USD/h');
    assert.equal(user01.icon?.id, 'error', 'track 2 is not done');
    assert.equal(byId('class/unowned').description?.startsWith('2 resources · '), true);
    assert.deepEqual(
      byId('class/unowned').children.map((c) => c.label),
      ['teacher-bastion', 'teacher-ssh'],
    );
  });

  it('shows a student’s steps by track, each passed or why not, and what runs with its cost', () => {
    const track1 = byId('class/student:user03/track:1');
    assert.equal(track1.description, '✓✓✓✓✓✗✗✓✗✗');
    const s16 = byId('class/student:user03/step:1.6');
    assert.match(s16.description ?? '', /is unhealthy \(Target\.Timeout\)/);
    assert.equal(byId('class/student:user01/step:0.1').description, 'done');
    const running = byId('class/student:user01/running');
    assert.equal(running.label, 'Running: 3');
    assert.ok(
      running.children.some(
        (c) => c.label === 'LoadBalancer-user01' && /^load balancer · 0\.\d{4} USD\/h$/.test(c.description ?? ''),
      ),
    );
    assert.match(byId('class/student:user05').tooltip ?? '', /stopped/);
  });

  it('reads in Japanese', () => {
    const jaRoots = buildClassTree({ status: 'loaded', class: status }, ja);
    assert.equal(jaRoots[0]?.label, '受講者 5 人');
    const user01 = [...walkClass(jaRoots)].find((n) => n.id === 'class/student:user01');
    assert.equal(user01?.description, '12/28 完了 · 稼働中 3 · 0.0832 USD/時');
    assert.equal(jaRoots.at(-1)?.label, 'どの受講者のものでもない');
  });

  it('shows loading, and a failed read as an error above the last table', () => {
    assert.equal(buildClassTree({ status: 'loading' }, en)[0]?.kind, 'loading');
    const failed = buildClassTree(
      { status: 'failed', problem: { kind: 'throttled', action: 'ec2:DescribeInstances' }, previous: status },
      en,
    );
    assert.equal(failed[0]?.kind, 'error');
    assert.equal(failed.filter((n) => n.kind === 'student').length, 5);
    assert.deepEqual(buildClassTree({ status: 'idle' }, en), []);
  });
});
