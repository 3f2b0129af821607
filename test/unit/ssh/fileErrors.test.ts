// SSH problems as the editor sees them: which FileSystemError kind each becomes, and a sentence in English and
// Japanese for every kind (the bundle's words, placeholders filled).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sshProblemMessage } from '../../../src/present/sshMessages';
import type { Translate } from '../../../src/present/translate';
import type { SshProblem } from '../../../src/ssh/errors';
import { fileErrorKind } from '../../../src/ssh/fileErrors';
import { repoRoot } from '../../fixtures/repo';

const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
const fill = (message: string, args: Array<string | number | boolean>) =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const english: Translate = (m, ...args) => fill(m, args);
const japanese: Translate = (m, ...args) => {
  const ja = bundle[m];
  if (ja === undefined) throw new Error(`no Japanese for: ${m}`);
  return fill(ja, args);
};

const every: SshProblem[] = [
  {
    kind: 'hostKeyChanged',
    instanceId: 'i-0abc',
    host: '13.112.0.10',
    algorithm: 'ssh-ed25519',
    expected: 'SHA256:old',
    actual: 'SHA256:new',
  },
  {
    kind: 'hostKeyMismatch',
    instanceId: 'i-0abc',
    host: '13.112.0.10',
    algorithm: 'ssh-ed25519',
    expected: ['SHA256:a'],
    actual: 'SHA256:b',
  },
  { kind: 'authFailed', host: '13.112.0.10', username: 'ec2-user', keyPath: '/home/s/.ssh/ec2-key.pem', agent: false },
  { kind: 'authFailed', host: '13.112.0.10', username: 'ec2-user', agent: true },
  { kind: 'keyFileMode', path: '/home/s/.ssh/ec2-key.pem', mode: 0o644 },
  { kind: 'keyFileMissing', path: '/home/s/.ssh/ec2-key.pem' },
  { kind: 'keyFileMissing' },
  { kind: 'keyInvalid', path: '/home/s/.ssh/ec2-key.pub' },
  { kind: 'keyInvalid' },
  { kind: 'passphraseNeeded', path: '/k.pem', wrong: true },
  { kind: 'passphraseNeeded', path: '/k.pem', wrong: false },
  { kind: 'connectFailed', host: '13.112.0.10', port: 22, code: 'ETIMEDOUT' },
  { kind: 'disconnected', host: '13.112.0.10' },
  { kind: 'permissionDenied', path: '/var/www/html/index.html' },
  { kind: 'notFound', path: '/var/www/html/nope.html' },
  { kind: 'exists', path: '/var/www/html' },
  { kind: 'failure', path: '/var/www', operation: 'rmdir', message: 'Failure' },
  { kind: 'failure', path: '/var/www', operation: 'rmdir' },
  { kind: 'sudoFailed', path: '/var/www/html/index.html', code: 1, stderr: 'sudo: a password is required\n' },
  { kind: 'sudoFailed', path: '/var/www/html/index.html', code: 1, stderr: '' },
  { kind: 'notRunning', instanceId: 'i-0abc', state: 'stopped' },
  { kind: 'noAddress', instanceId: 'i-0abc' },
];

describe('SSH problems in the editor', () => {
  it('map to the FileSystemError kind that makes VS Code do the right thing', () => {
    const kinds = Object.fromEntries(every.map((p) => [p.kind, fileErrorKind(p)]));
    assert.deepEqual(kinds, {
      hostKeyChanged: 'Unavailable',
      hostKeyMismatch: 'Unavailable',
      authFailed: 'Unavailable',
      keyFileMode: 'Unavailable',
      keyFileMissing: 'Unavailable',
      keyInvalid: 'Unavailable',
      passphraseNeeded: 'Unavailable',
      connectFailed: 'Unavailable',
      disconnected: 'Unavailable',
      permissionDenied: 'NoPermissions',
      notFound: 'FileNotFound',
      exists: 'FileExists',
      failure: 'Unavailable',
      sudoFailed: 'NoPermissions',
      notRunning: 'Unavailable',
      noAddress: 'Unavailable',
    });
  });

  it('read as one sentence in English and in Japanese for every kind, with the facts in it', () => {
    for (const p of every) {
      const en = sshProblemMessage(p, english);
      const ja = sshProblemMessage(p, japanese);
      assert.doesNotMatch(en, /\{\d\}/, en);
      assert.doesNotMatch(ja, /\{\d\}/, ja);
      assert.match(ja, /[ぁ-んァ-ン一-龯]/, ja);
      for (const fact of ['path', 'instanceId', 'host', 'username'] as const) {
        const value = (p as Partial<Record<typeof fact, string>>)[fact];
        if (value) {
          assert.ok(en.includes(value), `${p.kind}: ${en} lacks ${value}`);
          assert.ok(ja.includes(value), `${p.kind}: ${ja} lacks ${value}`);
        }
      }
    }
  });

  it('says what a changed host key means and gives the chmod fix for an open key file', () => {
    const [changed, , , , mode] = every;
    assert.match(sshProblemMessage(changed!, english), /instance was replaced.*someone is in the middle/s);
    assert.match(sshProblemMessage(changed!, english), /SHA256:old.*SHA256:new/);
    assert.match(sshProblemMessage(mode!, english), /mode 0644.*chmod 600 \/home\/s\/\.ssh\/ec2-key\.pem/);
    assert.match(sshProblemMessage(every.at(-2)!, japanese), /停止済み|停止/);
  });
});
