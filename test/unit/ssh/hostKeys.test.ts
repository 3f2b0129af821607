// Host-key fingerprints as OpenSSH prints them, the console's fingerprint block, the pin store, and the sudo
// save's one command.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleTranslator, translatorFromEnv } from '../../../src/present/l10n';
import { knownHostsResetMessage, sshProblemMessage } from '../../../src/present/sshMessages';
import { algorithmOf, fingerprintOf } from '../../../src/ssh/fingerprints';
import { HostKeyStore, parseConsoleFingerprints, type KnownHostsReset } from '../../../src/ssh/hostKeys';
import { shellQuote, sudoSaveCommand } from '../../../src/ssh/remoteFile';

// An ed25519 public key and the fingerprint `ssh-keygen -lf` prints for it.
const PUB = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe('host keys', () => {
  it('fingerprints a key blob as ssh-keygen does and names its algorithm', async () => {
    const blob = Buffer.from(PUB, 'base64');
    assert.equal(algorithmOf(blob), 'ssh-ed25519');
    assert.match(fingerprintOf(blob), /^SHA256:[A-Za-z0-9+/]{43}$/);
    const dir = await mkdtemp(join(tmpdir(), 'slt-fp-'));
    try {
      await writeFile(join(dir, 'k.pub'), `ssh-ed25519 ${PUB} test\n`);
      const printed = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'k.pub')], { encoding: 'utf8' }).split(
        /\s+/,
      )[1];
      assert.equal(fingerprintOf(blob), printed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("parses the console's fingerprint block (the last one; ec2: prefixes; padding dropped)", () => {
    const out = [
      'cloud-init: boot',
      '-----BEGIN SSH HOST KEY FINGERPRINTS-----',
      '256 SHA256:oldoldoldoldoldoldoldoldoldoldoldoldoldoldo root@ip-172-31-0-9 (ED25519)',
      '-----END SSH HOST KEY FINGERPRINTS-----',
      'reboot',
      'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----',
      'ec2: 256 SHA256:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcde= root@ip-172-31-0-9 (ECDSA)',
      'ec2: 256 SHA256:ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210+/zyxwv root@ip-172-31-0-9 (ED25519)',
      'ec2: -----END SSH HOST KEY FINGERPRINTS-----',
    ].join('\r\n');
    assert.deepEqual(parseConsoleFingerprints(out), [
      {
        bits: 256,
        fingerprint: 'SHA256:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcde',
        comment: 'root@ip-172-31-0-9',
        type: 'ECDSA',
      },
      {
        bits: 256,
        fingerprint: 'SHA256:ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210+/zyxwv',
        comment: 'root@ip-172-31-0-9',
        type: 'ED25519',
      },
    ]);
    assert.deepEqual(parseConsoleFingerprints('no block here'), []);
  });

  it('pins per instance ID: new, trusted, changed; accept re-pins; the file survives a new store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slt-kh-'));
    try {
      const file = join(dir, 'sub', 'known-hosts.json');
      const store = new HostKeyStore(file);
      const a = Buffer.from(PUB, 'base64');
      const b = Buffer.concat([a.subarray(0, a.length - 1), Buffer.from([a[a.length - 1]! ^ 1])]);
      assert.equal((await store.check('i-1', a)).status, 'new');
      await store.accept('i-1', { fingerprint: fingerprintOf(a), algorithm: 'ssh-ed25519', host: '203.0.113.5' });
      assert.equal((await store.check('i-1', a)).status, 'trusted');
      assert.equal((await store.check('i-2', a)).status, 'new', 'pinned to the instance, not the key or the address');
      const changed = await new HostKeyStore(file).check('i-1', b);
      assert.equal(changed.status, 'changed');
      assert.equal(changed.status === 'changed' && changed.pinned.fingerprint, fingerprintOf(a));
      await store.accept('i-1', { fingerprint: fingerprintOf(b) });
      const saved = JSON.parse(await readFile(file, 'utf8')) as Record<
        string,
        { fingerprint: string; algorithm: string; host: string; firstSeen: string }
      >;
      assert.deepEqual(
        [saved['i-1']?.fingerprint, saved['i-1']?.algorithm, saved['i-1']?.host],
        [fingerprintOf(b), 'ssh-ed25519', '203.0.113.5'],
      );
      assert.ok(!Number.isNaN(Date.parse(saved['i-1']?.firstSeen ?? '')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a damaged known-hosts.json', () => {
  for (const [what, text] of [
    ['not JSON', '{"i-1": {"fingerprint": "SHA256:abc"'],
    ['not pins', '["i-1"]'],
  ] as const) {
    it(`(${what}) is set aside once as known-hosts.json.corrupt-<time>, said, and the pins start over`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'slt-kh-bad-'));
      try {
        const file = join(dir, 'known-hosts.json');
        await writeFile(file, text);
        const resets: KnownHostsReset[] = [];
        const store = new HostKeyStore(file, (r) => resets.push(r));
        const a = Buffer.from(PUB, 'base64');
        // Two checks at once (two connections): one reset, not two files set aside.
        const [first, second] = await Promise.all([store.check('i-1', a), store.check('i-2', a)]);
        assert.deepEqual([first.status, second.status], ['new', 'new']);
        assert.equal(resets.length, 1);
        assert.equal(resets[0]?.file, file);
        assert.match(resets[0]?.keptAs ?? '', /known-hosts\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
        assert.equal(await readFile(resets[0]?.keptAs ?? '', 'utf8'), text, 'the old bytes are kept');
        await store.accept('i-1', { fingerprint: fingerprintOf(a), algorithm: 'ssh-ed25519', host: '203.0.113.5' });
        assert.equal((await new HostKeyStore(file).check('i-1', a)).status, 'trusted');
        assert.deepEqual((await readdir(dir)).sort(), ['known-hosts.json', resets[0]?.keptAs.slice(dir.length + 1)]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  it('is said in English and Japanese, naming both files', () => {
    const r = { file: '/h/.scale-out-lab/known-hosts.json', keptAs: '/h/.scale-out-lab/known-hosts.json.corrupt-x' };
    assert.match(
      knownHostsResetMessage(r, bundleTranslator()),
      /^The trusted host keys in \/h\/\.scale-out-lab\/known-hosts\.json could not be read .* kept as \/h\/\.scale-out-lab\/known-hosts\.json\.corrupt-x\.$/,
    );
    assert.match(
      knownHostsResetMessage(r, translatorFromEnv({ LANG: 'ja_JP.UTF-8' })),
      /^\/h\/\.scale-out-lab\/known-hosts\.json の信頼済みホスト鍵を読み取れなかった.*known-hosts\.json\.corrupt-x として残してあります。$/,
    );
  });
});

describe('a changed host key', () => {
  const p = {
    kind: 'hostKeyChanged',
    instanceId: 'i-0abc',
    host: '203.0.113.5',
    algorithm: 'ssh-ed25519',
    expected: 'SHA256:old',
    actual: 'SHA256:new',
  } as const;
  const ja = translatorFromEnv({ LANG: 'ja_JP.UTF-8' });

  it('says which entry of which file to remove when no button can accept the new key (the CLI)', () => {
    const withFile = { ...p, knownHostsFile: '/h/.scale-out-lab/known-hosts.json' };
    assert.match(
      sshProblemMessage(withFile, bundleTranslator()),
      /Nothing was sent\. If you know why it changed .* remove the entry "i-0abc" from \/h\/\.scale-out-lab\/known-hosts\.json, then connect again/,
    );
    assert.match(
      sshProblemMessage(withFile, ja),
      /\/h\/\.scale-out-lab\/known-hosts\.json からエントリ「i-0abc」を削除してから接続し直してください/,
    );
  });

  it('names the button that accepts it in the extension, in both languages', () => {
    assert.match(sshProblemMessage(p, bundleTranslator()), /connect again and choose "Accept the New Key"\.$/);
    assert.match(sshProblemMessage(p, ja), /「新しい鍵を受け入れる」を選んでください。$/);
  });
});

describe('the sudo save command', () => {
  it("quotes every path and chains every step with && so its status is the save's", () => {
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    const cmd = sudoSaveCommand('/tmp/.slt-aa', "/var/www/html/it's.html", true);
    const staged = /sudo -n cp -- '\/tmp\/\.slt-aa' '(\/var\/www\/html\/\.it'\\''s\.html\.slt-[0-9a-f]{12})'/.exec(
      cmd,
    )?.[1];
    assert.ok(staged, cmd);
    const target = `'/var/www/html/it'\\''s.html'`;
    assert.equal(
      cmd,
      `sudo -n cp -- '/tmp/.slt-aa' '${staged}' && sudo -n chown --reference=${target} -- '${staged}' && ` +
        `sudo -n chmod --reference=${target} -- '${staged}' && sudo -n mv -f -- '${staged}' ${target} && rm -f -- '/tmp/.slt-aa'`,
    );
    assert.match(
      sudoSaveCommand('/tmp/.slt-bb', '/var/www/html/new.html', false),
      /&& sudo -n chmod 0644 -- '\/var\/www\/html\/\.new\.html\.slt-[0-9a-f]{12}' && sudo -n mv -f/,
    );
  });
});
