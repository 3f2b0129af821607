// Public keys ImportKeyPair accepts: OpenSSH lines and RFC 4716 blocks of RSA and ed25519 keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createKeyMaterial, importPublicKey } from '../../../../src/practice/ec2/keyMaterial';

test('ImportKeyPair accepts OpenSSH lines and RFC 4716 blocks of RSA and ed25519 keys, nothing else', () => {
  const ed = createKeyMaterial('ed25519', 'a');
  const line = importPublicKey(ed.publicKey, 'laptop');
  assert.equal(line?.type, 'ed25519');
  assert.equal(line?.fingerprint, ed.fingerprint);
  assert.match(line?.publicKey ?? '', / laptop$/);
  const body = ed.publicKey.split(' ')[1] ?? '';
  const rfc4716 = `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "laptop"\n${body.match(/.{1,70}/g)?.join('\n')}\n---- END SSH2 PUBLIC KEY ----\n`;
  assert.equal(importPublicKey(rfc4716, 'laptop')?.fingerprint, ed.fingerprint);
  assert.equal(importPublicKey('ssh-dss AAAAB3NzaC1kc3MAAACBAP== me', 'x'), undefined);
  assert.equal(importPublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== short', 'x'), undefined);
  const rsa = createKeyMaterial('rsa', 'b');
  assert.equal(importPublicKey(rsa.publicKey, 'b')?.type, 'rsa');
  // AWS refuses RSA keys under 1024 bits.
  const jwk = generateKeyPairSync('rsa', { modulusLength: 512 }).publicKey.export({ format: 'jwk' });
  const sshString = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const mpint = (b64url: string) => {
    const bytes = Buffer.from(b64url, 'base64url');
    return sshString((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const weak = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e ?? ''), mpint(jwk.n ?? '')]);
  assert.equal(importPublicKey(`ssh-rsa ${weak.toString('base64')}`, 'weak'), undefined);
});
