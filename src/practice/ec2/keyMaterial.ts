// Key pairs for the practice account: the seeded ed25519 key, derivable from a seed so the starting
// state's `ec2-key` is the same after every reset (a student's saved .pem keeps working); new keys in
// the formats CreateKeyPair hands out; public keys ImportKeyPair accepts.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

export interface KeyMaterial {
  /** OpenSSH public key line: "ssh-ed25519 AAAA... name". */
  publicKey: string;
  /** The private key: PKCS#8 PEM (seeded), or what CreateKeyPair returns as KeyMaterial. */
  privateKeyPem: string;
  /** AWS's fingerprint (ed25519: base64 SHA-256 of the public key blob; created RSA: SHA-1 of the PKCS#8 DER). */
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
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
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

// ---- CreateKeyPair and ImportKeyPair --------------------------------------------------------------

function readSshStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let offset = 0; offset < blob.length;) {
    if (offset + 4 > blob.length) throw new Error('truncated');
    const length = blob.readUInt32BE(offset);
    if (offset + 4 + length > blob.length) throw new Error('truncated');
    out.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return out;
}

/** An SSH mpint: big-endian, with a zero byte when the top bit is set. */
function mpint(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

const colonHex = (digest: Buffer) => digest.toString('hex').match(/../g)?.join(':') ?? '';
const base64url = (value: string) => Buffer.from(value, 'base64url');

function rsaPublicBlob(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    mpint(base64url(jwk.e ?? '')),
    mpint(base64url(jwk.n ?? '')),
  ]);
}

function ed25519PublicBlob(publicKey: KeyObject): Buffer {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
}

/** OpenSSH's own private key format (unencrypted), as AWS hands out ed25519 keys and ssh/ssh2 read them. */
function openSshPrivateKey(
  privateKey: KeyObject,
  publicBlob: Buffer,
  comment: string,
  check: Buffer = randomBytes(4),
): string {
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const publicRaw = publicBlob.subarray(-32);
  let section = Buffer.concat([
    check,
    check,
    sshString(Buffer.from('ssh-ed25519')),
    sshString(publicRaw),
    sshString(Buffer.concat([seed, publicRaw])),
    sshString(Buffer.from(comment)),
  ]);
  const padding = Buffer.from(Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1));
  section = Buffer.concat([section, padding]);
  const none = sshString(Buffer.from('none'));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    none,
    none,
    sshString(Buffer.alloc(0)),
    Buffer.from([0, 0, 0, 1]),
    sshString(publicBlob),
    sshString(section),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/**
 * A new key pair as CreateKeyPair answers it: RSA 2048 as a PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"),
 * fingerprint the SHA-1 of the PKCS#8 DER; ed25519 in OpenSSH's format, fingerprint the base64 SHA-256
 * of the public key blob. Both load in OpenSSH and ssh2; the RSA one in node:crypto too.
 */
export function createKeyMaterial(type: 'rsa' | 'ed25519', comment: string): KeyMaterial {
  if (type === 'rsa') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const blob = rsaPublicBlob(publicKey);
    return {
      publicKey: `ssh-rsa ${blob.toString('base64')} ${comment}`,
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
      fingerprint: colonHex(
        createHash('sha1')
          .update(privateKey.export({ format: 'der', type: 'pkcs8' }))
          .digest(),
      ),
    };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const blob = ed25519PublicBlob(publicKey);
  return {
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
    privateKeyPem: openSshPrivateKey(privateKey, blob, comment),
    fingerprint: createHash('sha256').update(blob).digest('base64'),
  };
}

export interface ImportedKey {
  type: 'rsa' | 'ed25519';
  /** OpenSSH public key line, with the key pair's name as its comment. */
  publicKey: string;
  /** AWS's fingerprint of an imported key: MD5 of the DER public key (RSA), base64 SHA-256 of the blob (ed25519). */
  fingerprint: string;
}

/** The SSH public key blob in an OpenSSH line ("ssh-rsa AAAA... comment") or an RFC 4716 block. */
function publicKeyBlob(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const rfc4716 = /^---- BEGIN SSH2 PUBLIC KEY ----\r?\n([\s\S]*?)\r?\n---- END SSH2 PUBLIC KEY ----$/.exec(trimmed);
  if (rfc4716) {
    const body = (rfc4716[1] ?? '')
      .split(/\r?\n/)
      .filter((line) => !/^[A-Za-z-]+:/.test(line))
      .join('');
    return Buffer.from(body, 'base64');
  }
  const line = /^(ssh-rsa|ssh-ed25519)\s+([A-Za-z0-9+/]+=*)(?:\s.*)?$/.exec(trimmed);
  return line ? Buffer.from(line[2] ?? '', 'base64') : undefined;
}

/** Reads a public key for ImportKeyPair; undefined when it is not one AWS accepts (RSA or ed25519). */
export function importPublicKey(text: string, comment: string): ImportedKey | undefined {
  const blob = publicKeyBlob(text);
  if (!blob) return undefined;
  try {
    const [name, first, second] = readSshStrings(blob);
    if (name?.toString() === 'ssh-rsa' && first && second) {
      const strip = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);
      const key = createPublicKey({
        key: { kty: 'RSA', e: strip(first).toString('base64url'), n: strip(second).toString('base64url') },
        format: 'jwk',
      });
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) return undefined;
      return {
        type: 'rsa',
        publicKey: `ssh-rsa ${blob.toString('base64')} ${comment}`,
        fingerprint: colonHex(
          createHash('md5')
            .update(key.export({ format: 'der', type: 'spki' }))
            .digest(),
        ),
      };
    }
    if (name?.toString() === 'ssh-ed25519' && first?.length === 32 && !second) {
      return {
        type: 'ed25519',
        publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
        fingerprint: createHash('sha256').update(blob).digest('base64'),
      };
    }
  } catch {
    // malformed blob: refused below
  }
  return undefined;
}

/**
 * A private key as a student's .pem would hold it, in a format ssh2 and OpenSSH read: an ed25519
 * PKCS#8 PEM (the seeded key's record) becomes OpenSSH's format (the same for the same key); others
 * (CreateKeyPair's OpenSSH or PKCS#1 answers) are returned as they are.
 */
export function sshPrivateKey(pem: string, comment: string): string {
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) return pem;
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') return pem;
  const blob = ed25519PublicBlob(createPublicKey(privateKey));
  const check = createHash('sha256')
    .update(privateKey.export({ format: 'der', type: 'pkcs8' }))
    .digest()
    .subarray(0, 4);
  return openSshPrivateKey(privateKey, blob, comment, check);
}

/** An ed25519 key in OpenSSH's formats, the same for the same seed text (a practice instance's host key). */
export function seededOpenSshKey(
  seedText: string,
  comment: string,
): { privateKey: string; publicKey: string; fingerprint: string } {
  const material = seededKeyMaterial(seedText, comment);
  return {
    privateKey: sshPrivateKey(material.privateKeyPem, comment),
    publicKey: material.publicKey,
    fingerprint: `SHA256:${material.fingerprint.replace(/=+$/, '')}`,
  };
}
