// Step 1.5 through its runner against the practice account: over the practice SSH server (the route gives the
// key and the host key), index.html edited through sudo with root's owner and mode kept, the check passes,
// a rerun changes nothing; the CLI's `run 1.5 --yes` does the same.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main, type CliIo } from '../../src/cli';
import { VISION, VISION2 } from '../../src/lab/roles';
import { INDEX_HTML } from '../../src/lab/runEdit';
import { runStep } from '../../src/lab/runner';
import { StepError } from '../../src/lab/types';
import { PRACTICE_REGION } from '../../src/practice/constants';
import { startLab, type LabHarness } from './labPractice';

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
});
