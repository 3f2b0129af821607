// Step 1.5 through its runner against the practice account: over the practice SSH server (the route gives the
// key and the host key), index.html edited through sudo with root's owner and mode kept, the check passes,
// a rerun changes nothing; the CLI's `run 1.5 --yes` does the same.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main, type CliIo } from '../../../src/cli/main';
import { VISION, VISION2 } from '../../../src/lab/roles';
import { INDEX_HTML } from '../../../src/lab/run/edit';
import { runStep } from '../../../src/lab/run/runner';
import { StepError } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

describe('1.5: the clone page edited over SSH', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  const cloneFile = () => {
    const clone = lab.server.world
      .region(PRACTICE_REGION)
      .instances.find((i) => i.tags.Name === 'WebServer2' && i.state === 'running');
    return { id: clone?.id ?? '', file: clone?.files[INDEX_HTML] };
  };

  it('needs the clone first (with no AMI yet, no empty AMI name in the reason)', async () => {
    await assert.rejects(
      runStep('1.5', {}, lab.context()),
      (e: unknown) => e instanceof StepError && e.reason.code === 'clone.missing' && !('image' in e.reason.args),
    );
  });

  it('edits index.html on WebServer2 through sudo (owner root, 0644), the check passes, a rerun changes nothing', async () => {
    const ctx = lab.context();
    for (const step of ['1.1', '1.2', '1.3'] as const)
      assert.equal((await runStep(step, {}, ctx)).check.status, 'passed', step);
    const before = cloneFile();
    assert.ok(before.file?.content.includes(VISION) && !before.file.content.includes(VISION2));

    lab.progress.length = 0;
    const outcome = await runStep('1.5', {}, ctx);
    assert.equal(outcome.check.status, 'passed', JSON.stringify(outcome.check));
    const after = cloneFile();
    assert.equal(after.file?.content, before.file?.content.replace(VISION, VISION2));
    assert.deepEqual([after.file?.owner, after.file?.mode], ['root', 0o644]);
    assert.deepEqual(
      lab.progress
        .map((p) => p.code)
        .filter((c) => c.startsWith('progress.s') || c.startsWith('progress.r') || c === 'progress.pageAlreadyEdited'),
      ['progress.sshConnect', 'progress.readPage', 'progress.savePage'],
    );
    const pinned = JSON.parse(readFileSync(join(lab.home, '.scale-out-lab', 'known-hosts.json'), 'utf8')) as Record<
      string,
      { fingerprint: string }
    >;
    assert.match(pinned[after.id]?.fingerprint ?? '', /^SHA256:/, 'the clone host key pinned to its ID');

    lab.progress.length = 0;
    const again = await runStep('1.5', {}, ctx);
    assert.equal(again.check.status, 'passed');
    assert.deepEqual(again.reused, [after.id]);
    assert.ok(lab.progress.some((p) => p.code === 'progress.pageAlreadyEdited'));
    assert.ok(!lab.progress.some((p) => p.code === 'progress.savePage'));
    assert.equal(cloneFile().file?.content, after.file?.content);
  });

  it('scale-out-lab run 1.5 --yes against the same practice server', async () => {
    // Undo the edit so the CLI has something to do.
    const { file } = cloneFile();
    if (file) file.content = file.content.replace(VISION2, VISION);
    lab.server.world.changed();
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      env: { HOME: lab.home },
    };
    const code = await main(['run', '1.5', '--yes', '--practice', '--endpoint-url', lab.server.endpoint], io);
    assert.equal(code, 0, err);
    assert.match(out, /✓ 1\.5 /);
    assert.match(err, /Connecting to WebServer2 over SSH/);
    assert.match(err, /Saving \/var\/www\/html\/index\.html on WebServer2/);
    assert.ok(cloneFile().file?.content.includes(VISION2));
    assert.ok(existsSync(join(lab.home, '.scale-out-lab', 'known-hosts.json')));
  });

  /** `run 1.5 --yes` through the CLI on the lab's practice server, with extra arguments and environment. */
  async function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      env: { HOME: lab.home, ...env },
    };
    const code = await main(['run', '1.5', '--yes', '--endpoint-url', lab.server.endpoint, ...args], io);
    return { code, out, err };
  }
  const undoEdit = () => {
    const { file } = cloneFile();
    if (file) file.content = file.content.replace(VISION2, VISION);
    lab.server.world.changed();
  };

  it('--option keyFile is the key used on the practice account: a wrong .pem is refused, a 0644 one warned about (English and Japanese)', async () => {
    undoEdit();
    const wrong = join(lab.home, 'wrong.pem');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(wrong, other.privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    const refused = await cli(['--option', `keyFile=${wrong}`]);
    assert.equal(refused.code, 1, refused.err);
    assert.match(refused.err, new RegExp(`scale-out-lab: The server refused the key ${wrong} for user ec2-user`));
    assert.ok(cloneFile().file?.content.includes(VISION) && !cloneFile().file?.content.includes(VISION2));

    // The key pair's own key (the practice route hands it out), saved readable by everyone.
    const route = (await (await fetch(`${lab.server.endpoint}/__practice/ssh/${cloneFile().id}`)).json()) as {
      privateKey: string;
    };
    const open = join(lab.home, 'open.pem');
    writeFileSync(open, route.privateKey);
    chmodSync(open, 0o644);
    const warned = await cli(['--option', `keyFile=${open}`]);
    assert.equal(warned.code, 0, warned.err);
    assert.match(
      warned.err,
      new RegExp(
        `^ {2}Warning: The key file ${open} can be read by other users \\(mode 0644\\)\\. .*chmod 600 ${open}$`,
        'm',
      ),
    );
    assert.ok(cloneFile().file?.content.includes(VISION2));
    const ja = await cli(['--option', `keyFile=${open}`], { LANG: 'ja_JP.UTF-8' });
    assert.equal(ja.code, 0, ja.err);
    assert.match(ja.err, new RegExp(`^ {2}警告：鍵ファイル ${open} はほかのユーザーも読めます（モード 0644）。`, 'm'));
  });

  it('a changed host key says which entry to remove; a damaged known-hosts.json is set aside and said', async () => {
    undoEdit();
    const dir = join(lab.home, '.scale-out-lab');
    const file = join(dir, 'known-hosts.json');
    const { id } = cloneFile();
    const pins = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { fingerprint: string }>;
    writeFileSync(file, JSON.stringify({ ...pins, [id]: { ...pins[id], fingerprint: 'SHA256:someoneelse' } }));
    const changed = await cli([]);
    assert.equal(changed.code, 1, changed.err);
    assert.match(changed.err, /Nothing was sent\./);
    assert.ok(changed.err.includes(`remove the entry "${id}" from ${file}, then connect again`), changed.err);
    assert.ok(cloneFile().file?.content.includes(VISION) && !cloneFile().file?.content.includes(VISION2));

    writeFileSync(file, '{"i-');
    const reset = await cli([]);
    assert.equal(reset.code, 0, reset.err);
    const kept = readdirSync(dir).filter((f) => f.startsWith('known-hosts.json.corrupt-'));
    assert.equal(kept.length, 1, readdirSync(dir).join(' '));
    assert.equal(readFileSync(join(dir, kept[0] ?? ''), 'utf8'), '{"i-');
    assert.ok(
      reset.err.includes(`  Warning: The trusted host keys in ${file} could not be read`) &&
        reset.err.includes(`The old file is kept as ${join(dir, kept[0] ?? '')}.`),
      reset.err,
    );
    // The pins started over: the clone's key is pinned again, in a readable file.
    const repinned = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { fingerprint: string }>;
    assert.match(repinned[id]?.fingerprint ?? '', /^SHA256:/);
    assert.ok(cloneFile().file?.content.includes(VISION2));
  });
});
