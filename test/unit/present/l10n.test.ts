// Localization and manifest consistency: every message the code translates has its Japanese, every %key% in
// package.json has both languages, and the manifest's commands are the command table's.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, stepCommandId } from '../../../src/vscode/commands/ids';
import { STEPS } from '../../../src/lab/tracks';
import { repoRoot } from '../../fixtures/repo';

const root = repoRoot;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const json = (path: string) => JSON.parse(read(path));

/** Every TypeScript file under `dir` (relative to the root), subfolders included. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
  );
}

/**
 * Every t('…') / vscode.l10n.t('…') call with a literal message in src/ — the extension, the CLI and the words they
 * share — except the practice account, which answers in AWS's own (English) words.
 */
function messagesInCode(): Map<string, string> {
  const files = sourcesUnder('src').filter((f) => !f.startsWith('src/practice/'));
  const found = new Map<string, string>();
  const call = /\bt\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const file of files) {
    for (const m of read(file).matchAll(call)) found.set((m[2] ?? '').replace(/\\(.)/g, '$1'), file);
  }
  return found;
}

const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

describe('l10n bundle', () => {
  const bundle = json('l10n/bundle.l10n.ja.json') as Record<string, string>;
  const messages = messagesInCode();

  it('finds the messages (sanity check of the scan)', () => {
    assert.ok(messages.size > 100, `only ${messages.size} messages found`);
    assert.ok(messages.has('running'));
    assert.ok(messages.has('No AWS credentials found. Sign in with the AWS CLI or choose the practice account.'));
  });

  it('has a Japanese translation for every message, with the same placeholders', () => {
    const missing = [...messages.keys()].filter((m) => !(m in bundle));
    assert.deepEqual(missing, []);
    for (const [english, japanese] of Object.entries(bundle)) {
      assert.ok(japanese.trim() !== '', `empty translation for ${english}`);
      assert.deepEqual(placeholders(japanese), placeholders(english), english);
    }
  });

  it('has no stale entries', () => {
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !messages.has(k)),
      [],
    );
  });

  it('the CLI writes no English sentence to stdout/stderr outside t()', () => {
    const cli = sourcesUnder('src/cli');
    assert.ok(cli.includes('src/cli/main.ts') && cli.includes('src/cli/words.ts'));
    // A write whose text starts with a literal word ("created: ", 'warning: ') is English nobody translates.
    const literal = /\.write\(\s*(['"`])\s*[A-Za-z][a-z]+[ :]/;
    for (const f of cli) {
      const offenders = read(f)
        .split('\n')
        .filter((line) => literal.test(line));
      assert.deepEqual(offenders, [], f);
    }
    assert.ok(messages.has('Account: the practice account {0} in {1}'), 'the CLI is scanned');
  });

  it('uses the Japanese console’s terms', () => {
    assert.equal(bundle['Security groups'], 'セキュリティグループ');
    assert.equal(bundle['Availability Zone'], 'アベイラビリティーゾーン');
    assert.equal(bundle['running'], '実行中');
    assert.equal(bundle['Subnet'], 'サブネット');
    assert.match(bundle['not used by a load balancer'] ?? '', /ロードバランサー/);
  });
});

describe('package.json contributions', () => {
  const pkg = json('package.json');
  const en = json('package.nls.json') as Record<string, string>;
  const ja = json('package.nls.ja.json') as Record<string, string>;

  it('localizes every %key% in both languages, with no unused keys', () => {
    const used = new Set([...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1] ?? ''));
    assert.deepEqual(
      [...used].filter((k) => !(k in en)),
      [],
      'missing in package.nls.json',
    );
    assert.deepEqual(
      [...used].filter((k) => !(k in ja)),
      [],
      'missing in package.nls.ja.json',
    );
    assert.deepEqual(Object.keys(en).sort(), Object.keys(ja).sort());
    assert.deepEqual(
      Object.keys(en).filter((k) => !used.has(k)),
      [],
      'unused keys',
    );
  });

  it('declares exactly the commands of the command table, each titled and categorized through nls', () => {
    const declared = pkg.contributes.commands as Array<{ command: string; title: string; category: string }>;
    const expected = [...Object.values(COMMANDS), ...STEPS.map((s) => stepCommandId(s.id))];
    assert.deepEqual(declared.map((c) => c.command).sort(), expected.sort());
    for (const c of declared) {
      assert.match(c.title, /^%.+%$/, c.command);
      assert.equal(c.category, '%command.category%');
    }
    // Started after start-up (never before the workbench is up): the start-up reminder and the cost meter need it;
    // and for a restored `scaleoutlab-ssh:` tab, whose file system must be there before the tab asks.
    assert.deepEqual(pkg.activationEvents, ['onFileSystem:scaleoutlab-ssh', 'onStartupFinished']);
  });

  it('refers only to declared commands in menus and hides item-only commands from the palette', () => {
    const ids = new Set([...Object.values(COMMANDS), ...STEPS.map((s) => stepCommandId(s.id))] as string[]);
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string; when?: string }>>;
    for (const [menu, entries] of Object.entries(menus)) {
      for (const e of entries) assert.ok(ids.has(e.command), `${menu} names ${e.command}`);
    }
    const hidden = menus.commandPalette
      ?.filter((e) => e.when === 'false')
      .map((e) => e.command)
      .sort();
    assert.deepEqual(
      hidden,
      [
        COMMANDS.copyArn,
        COMMANDS.copyDnsName,
        COMMANDS.copyId,
        COMMANDS.openInConsole,
        COMMANDS.ssoLogin,
        COMMANDS.runStep,
        COMMANDS.applyFix,
      ].sort(),
    );
    const open = menus['view/item/context']?.find((e) => e.command === COMMANDS.openInConsole);
    assert.match(open?.when ?? '', /scaleOutLab\.onAws/);
  });

  it('has the activity-bar container, the view, its welcome text and a monochrome 24×24 icon', () => {
    const c = pkg.contributes;
    assert.equal(c.viewsContainers.activitybar[0].id, 'scaleOutLab');
    assert.equal(c.views.scaleOutLab[0].id, 'scaleOutLab.explorer');
    assert.equal(c.views.scaleOutLab[1].id, 'scaleOutLab.checklist');
    assert.equal(c.viewsWelcome[0].view, 'scaleOutLab.explorer');
    const iconPath = c.viewsContainers.activitybar[0].icon as string;
    assert.ok(existsSync(join(root, iconPath)));
    const svg = read(iconPath);
    assert.match(svg, /viewBox="0 0 24 24"/);
    assert.match(svg, /currentColor/);
    assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i, 'no fixed colours');
  });
});
