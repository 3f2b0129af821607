// The walkthrough and the lab's steps agree: every step of src/lab/tracks.ts has a walkthrough step that
// completes on its context key, a markdown page in English and Japanese, and a command the page's button runs.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  COMMANDS,
  EXTENSION_ID,
  stepCommandId,
  stepDoneContextKey,
  stepKey,
  WALKTHROUGH_ID,
  walkthroughStepId,
} from '../../../src/vscode/commands/ids';
import { STEPS } from '../../../src/lab/tracks';
import { repoRoot } from '../../fixtures/repo';

const root = repoRoot;
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pkg = json('package.json');
const en = json('package.nls.json') as Record<string, string>;
const ja = json('package.nls.ja.json') as Record<string, string>;

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}
const walkthrough = (
  pkg.contributes.walkthroughs as Array<{ id: string; title: string; steps: WalkthroughStep[] }>
)[0]!;
const nls = (value: string, bundle: Record<string, string>) => bundle[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? '';

describe('context keys and command ids', () => {
  it('name each step with its dots replaced, so the dots still separate the parts', () => {
    assert.equal(stepKey('1.10'), '1_10');
    assert.equal(stepDoneContextKey('1.1'), 'scaleOutLab.step.1_1.done');
    assert.equal(stepDoneContextKey('1.10'), 'scaleOutLab.step.1_10.done');
    assert.equal(stepCommandId('0.2'), 'scaleOutLab.runStep.0_2');
    assert.equal(walkthroughStepId('1.3'), 'cps-research-center.aws-scale-out-lab#scaleOutLab.scaleOut#step1_3');
    assert.equal(EXTENSION_ID, `${pkg.publisher}.${pkg.name}`);
    assert.equal(new Set(STEPS.map((s) => stepDoneContextKey(s.id))).size, STEPS.length);
  });
});

describe('walkthrough', () => {
  it('is "Scale out with a load balancer", in both languages', () => {
    assert.equal(walkthrough.id, WALKTHROUGH_ID);
    assert.equal(nls(walkthrough.title, en), 'Scale out with a load balancer');
    assert.equal(nls(walkthrough.title, ja), 'ロードバランサーでスケールアウト');
  });

  it('has one step per lab step, in the lab order', () => {
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      STEPS.map((s) => `step${stepKey(s.id)}`),
    );
  });

  for (const step of STEPS) {
    describe(`step ${step.id}`, () => {
      const w = walkthrough.steps.find((s) => s.id === `step${stepKey(step.id)}`)!;

      it('completes when its check passes (onContext: its done key)', () => {
        assert.deepEqual(w.completionEvents, [`onContext:${stepDoneContextKey(step.id)}`]);
      });

      it('has a title and a description in English and Japanese, the description with a Do (or Check) button and a Check button', () => {
        for (const bundle of [en, ja]) {
          assert.match(nls(w.title, bundle), new RegExp(`^${step.id.replace('.', '\\.')} \\S`));
          const description = nls(w.description, bundle);
          assert.ok(description.includes(`](command:${stepCommandId(step.id)})`), description);
          // A step done by hand (1.5) has one button: its command explains and checks.
          if (step.runnable) assert.ok(description.includes(`](command:${COMMANDS.checkLab})`), description);
          // A step that is not runnable (1.5, 4.2, track 2 for now) offers no "Do it for me": its one button checks.
          else {
            assert.equal(description.split(`](command:${stepCommandId(step.id)})`).length, 2, description);
            assert.ok(!description.includes(`](command:${COMMANDS.checkLab})`), description);
          }
        }
        assert.notEqual(nls(w.title, en), nls(w.title, ja));
        assert.match(nls(w.description, ja), /[ぁ-んァ-ン一-龯]/);
      });

      it('has a markdown page in English and its Japanese sibling (.nls.ja.md, as VS Code looks them up)', () => {
        const md = w.media.markdown ?? '';
        assert.equal(md, `walkthroughs/${stepKey(step.id)}.md`);
        const english = readFileSync(join(root, md), 'utf8');
        const japanese = readFileSync(join(root, md.replace(/\.md$/, '.nls.ja.md')), 'utf8');
        // Headed by the step's title, as the walkthrough and the checklist name it.
        assert.equal(english.split('\n')[0], `# ${nls(w.title, en)}`);
        assert.equal(japanese.split('\n')[0], `# ${nls(w.title, ja)}`);
        // Where it is in the console, named both ways on both pages.
        assert.match(english, /## In the AWS console/);
        assert.match(japanese, /## AWS マネジメントコンソールでは/);
        assert.match(english, /[ぁ-んァ-ン一-龯]/, 'the English page also names the Japanese console’s menus');
        // Track 2's pages lead through the RDS console; the others through EC2's or VPC's.
        assert.match(japanese, step.track === '2' ? /RDS ›/ : /(EC2|VPC) ›/);
        if (step.track === '2') assert.match(english, /RDS ›/);
      });

      it('has a command, declared with a title in both languages', () => {
        const declared = (pkg.contributes.commands as Array<{ command: string; title: string }>).find(
          (c) => c.command === stepCommandId(step.id),
        );
        assert.ok(declared, `${stepCommandId(step.id)} is not declared`);
        assert.match(nls(declared.title, en), new RegExp(`^${step.id.replace('.', '\\.')} .+…$`));
        assert.match(nls(declared.title, ja), new RegExp(`^${step.id.replace('.', '\\.')} .+…$`));
      });
    });
  }

  it('ships its pages in the VSIX', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!walkthroughs\/\*\*$/m);
    for (const step of STEPS) assert.ok(existsSync(join(root, 'walkthroughs', `${stepKey(step.id)}.nls.ja.md`)));
  });
});

describe('checklist view', () => {
  it('sits in the extension’s container next to the explorer, with its own welcome text', () => {
    const views = pkg.contributes.views.scaleOutLab as Array<{ id: string; name: string; when?: string }>;
    assert.deepEqual(
      views.map((v) => v.id),
      ['scaleOutLab.explorer', 'scaleOutLab.checklist', 'scaleOutLab.class'],
    );
    // The teacher's Class view shows only once asked for (Show Class Status).
    assert.equal(views[2]?.when, 'scaleOutLab.classShown');
    assert.equal(nls(views[2]!.name, ja), 'クラス');
    assert.equal(nls(views[1]!.name, ja), '演習チェックリスト');
    assert.ok(
      (pkg.contributes.viewsWelcome as Array<{ view: string }>).some((w) => w.view === 'scaleOutLab.checklist'),
    );
  });

  it('has a run button on runnable steps and a fix button on fixes, inline', () => {
    const menu = pkg.contributes.menus['view/item/context'] as Array<{ command: string; when: string; group: string }>;
    const inline = (command: string, token: string) =>
      menu.some(
        (m) =>
          m.command === command &&
          m.group === 'inline' &&
          m.when.includes('scaleOutLab.checklist') &&
          m.when.includes(token),
      );
    assert.ok(inline(COMMANDS.runStep, 'runnable'));
    assert.ok(inline(COMMANDS.applyFix, '\\bfix\\b'));
    assert.ok(
      menu.some(
        (m) => m.command === COMMANDS.applyFix && m.when.includes('scaleOutLab.explorer') && m.when.includes('hasFix'),
      ),
    );
  });
});
