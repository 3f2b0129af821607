// Key pairs for the practice account: ed25519, derivable from a seed so the starting state's
// `ec2-key` is the same after every reset (a student's saved .pem keeps working).
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';

export interface KeyMaterial {
  /** OpenSSH public key line: "ssh-ed25519 AAAA... name". */
  publicKey: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** AWS's fingerprint for ed25519 keys: base64 SHA-256 of the public key blob. */
  fingerprint: string;
}

/** PKCS#8 DER header of an ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

function fromSeed(seed: Buffer, comment: string): KeyMaterial {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
  return {
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    fingerprint: createHash('sha256').update(blob).digest('base64'),
  };
}

/** The same key for the same seed text. */
export function seededKeyMaterial(seedText: string, comment: string): KeyMaterial {
  return fromSeed(createHash('sha256').update(seedText).digest(), comment);
}
