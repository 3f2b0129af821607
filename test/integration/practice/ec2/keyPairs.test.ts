// EC2 key pairs through the real EC2Client: RSA material loads in node:crypto, ed25519 in ssh2 and
// matches its public key; duplicates, imports, deletes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  CreateKeyPairCommand,
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  ImportKeyPairCommand,
  waitUntilKeyPairExists,
} from '@aws-sdk/client-ec2';
import { utils as sshUtils } from 'ssh2';
import { WAIT, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { records } = practice;

test('key pairs: RSA material loads in node:crypto, ed25519 in ssh2 and matches its public key; duplicates, imports, deletes', async () => {
  const rsa = await practice.aws.ec2.send(
    new CreateKeyPairCommand({
      KeyName: 'lab-rsa',
      TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'Name', Value: 'lab-rsa' }] }],
    }),
  );
  assert.match(rsa.KeyMaterial ?? '', /^-----BEGIN RSA PRIVATE KEY-----\n/);
  const rsaKey = createPrivateKey(rsa.KeyMaterial ?? '');
  assert.equal(rsaKey.asymmetricKeyType, 'rsa');
  assert.equal(rsaKey.asymmetricKeyDetails?.modulusLength, 2048);
  assert.match(rsa.KeyFingerprint ?? '', /^([0-9a-f]{2}:){19}[0-9a-f]{2}$/); // SHA-1 of the PKCS#8 DER, as AWS
  assert.match(rsa.KeyPairId ?? '', /^key-[0-9a-f]{17}$/);
  assert.deepEqual(rsa.Tags, [{ Key: 'Name', Value: 'lab-rsa' }]);
  await waitUntilKeyPairExists({ client: practice.aws.ec2, ...WAIT }, { KeyNames: ['lab-rsa'] });

  const ed = await practice.aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-ed25519', KeyType: 'ed25519' }));
  assert.match(ed.KeyMaterial ?? '', /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  const parsed = sshUtils.parseKey(ed.KeyMaterial ?? '');
  assert.ok(!(parsed instanceof Error), 'ssh2 reads the ed25519 key');
  const listed = await practice.aws.ec2.send(
    new DescribeKeyPairsCommand({ KeyNames: ['lab-ed25519'], IncludePublicKey: true }),
  );
  const publicKey = listed.KeyPairs?.[0]?.PublicKey ?? '';
  assert.equal(listed.KeyPairs?.[0]?.KeyType, 'ed25519');
  assert.equal(listed.KeyPairs?.[0]?.KeyFingerprint, ed.KeyFingerprint);
  const parsedKey = Array.isArray(parsed) ? parsed[0] : parsed;
  assert.equal(
    parsedKey?.getPublicSSH().toString('base64'),
    publicKey.split(' ')[1],
    'the private key belongs to the listed public key',
  );
  assert.equal(
    records().keyPairs.find((k) => k.name === 'lab-ed25519')?.privateKeyPem,
    ed.KeyMaterial,
    'the practice account keeps the key for its SSH server',
  );

  await fails(practice.aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-rsa' })), 'InvalidKeyPair.Duplicate');

  const { publicKey: spki } = generateKeyPairSync('ed25519');
  const raw = spki.export({ format: 'der', type: 'spki' }).subarray(-32);
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), raw]);
  const imported = await practice.aws.ec2.send(
    new ImportKeyPairCommand({
      KeyName: 'laptop',
      PublicKeyMaterial: Buffer.from(`ssh-ed25519 ${blob.toString('base64')} me@laptop\n`),
    }),
  );
  assert.match(imported.KeyFingerprint ?? '', /^[A-Za-z0-9+/]{43}=$/);
  const rsaPublic = createPublicKey(rsaKey).export({ format: 'jwk' });
  const mp = (b64url: string) => {
    const bytes = Buffer.from(b64url, 'base64url');
    const body = (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, body]);
  };
  const rsaBlob = Buffer.concat([
    Buffer.from([0, 0, 0, 7]),
    Buffer.from('ssh-rsa'),
    mp(rsaPublic.e ?? ''),
    mp(rsaPublic.n ?? ''),
  ]);
  const importedRsa = await practice.aws.ec2.send(
    new ImportKeyPairCommand({
      KeyName: 'laptop-rsa',
      PublicKeyMaterial: Buffer.from(`ssh-rsa ${rsaBlob.toString('base64')}`),
    }),
  );
  assert.match(importedRsa.KeyFingerprint ?? '', /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/); // MD5 of the DER public key, as AWS
  await fails(
    practice.aws.ec2.send(new ImportKeyPairCommand({ KeyName: 'junk', PublicKeyMaterial: Buffer.from('not a key') })),
    'InvalidKey.Format',
  );
  await fails(
    practice.aws.ec2.send(
      new ImportKeyPairCommand({
        KeyName: 'laptop',
        PublicKeyMaterial: Buffer.from(`ssh-ed25519 ${blob.toString('base64')}`),
      }),
    ),
    'InvalidKeyPair.Duplicate',
  );

  const deleted = await practice.aws.ec2.send(new DeleteKeyPairCommand({ KeyName: 'laptop' }));
  assert.equal(deleted.KeyPairId, imported.KeyPairId);
  await practice.aws.ec2.send(new DeleteKeyPairCommand({ KeyName: 'laptop' })); // a missing name succeeds, as on AWS
  await fails(
    practice.aws.ec2.send(new DeleteKeyPairCommand({ KeyPairId: imported.KeyPairId })),
    'InvalidKeyPair.NotFound',
  );
  await fails(practice.aws.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['laptop'] })), 'InvalidKeyPair.NotFound');
  await fails(practice.aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'x', DryRun: true })), 'DryRunOperation', 412);
});
