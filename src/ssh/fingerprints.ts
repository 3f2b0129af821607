// Host key fingerprints as OpenSSH prints them. Apart from hostKeys.ts so the SSH bundle (ssh2, the session) does
// not carry the EC2 client that hostKeys.ts needs for the console's fingerprints.
import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint of a public key blob (the SSH wire encoding): SHA256: + unpadded base64 of its digest. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name a key blob starts with (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa). */
export function algorithmOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return len > 0 && len < 64 && 4 + len <= keyBlob.length ? keyBlob.subarray(4, 4 + len).toString('latin1') : 'unknown';
}
