// Host keys trusted on first use and pinned to the instance ID (an Elastic IP moves between instances; the ID
// does not), kept in a JSON file; fingerprints as OpenSSH prints them; the fingerprints an EC2 instance writes to
// its console at first boot, which check a first connection when AWS has them.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { algorithmOf, fingerprintOf } from './fingerprints';
import { GetConsoleOutputCommand, type EC2Client } from '@aws-sdk/client-ec2';

export interface PinnedHostKey {
  readonly algorithm: string;
  /** SHA256:base64 (unpadded), as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** ISO 8601. */
  readonly firstSeen: string;
  readonly host: string;
}

export type HostKeyCheck =
  | { readonly status: 'trusted'; readonly algorithm: string; readonly fingerprint: string }
  | { readonly status: 'new'; readonly algorithm: string; readonly fingerprint: string }
  | {
      readonly status: 'changed';
      readonly algorithm: string;
      readonly fingerprint: string;
      readonly pinned: PinnedHostKey;
    };

/** A known-hosts.json that could not be read was set aside (kept as `keptAs`) and the store started empty. */
export interface KnownHostsReset {
  readonly file: string;
  readonly keptAs: string;
}

/** The file's entries when it is what save() writes (an object of pins); undefined when it is not. */
function entriesIn(text: string): Record<string, PinnedHostKey> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const pins = Object.values(parsed as Record<string, unknown>);
  const valid = pins.every((p) => typeof (p as Partial<PinnedHostKey> | null)?.fingerprint === 'string');
  return valid ? (parsed as Record<string, PinnedHostKey>) : undefined;
}

/** The known-hosts.json file: instance ID -> pinned key. Writes are serialized and atomic (temp file + rename). */
export class HostKeyStore {
  private entries: Record<string, PinnedHostKey> | undefined;
  private loading: Promise<Record<string, PinnedHostKey>> | undefined;
  private writing: Promise<void> = Promise.resolve();

  /** `onReset`: told when an unreadable file was set aside, so the student hears that the pins start over. */
  constructor(
    readonly file: string,
    private readonly onReset?: (reset: KnownHostsReset) => void,
  ) {}

  private load(): Promise<Record<string, PinnedHostKey>> {
    if (this.entries) return Promise.resolve(this.entries);
    // One read for concurrent callers (two host-key checks at once), so a corrupt file is set aside once.
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<Record<string, PinnedHostKey>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      return (this.entries = {});
    }
    const entries = entriesIn(text);
    if (entries) return (this.entries = entries);
    // Not silently: the pins are gone (every key is new again), and the old file stays for a look.
    const keptAs = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, keptAs);
    this.onReset?.({ file: this.file, keptAs });
    return (this.entries = {});
  }

  async get(instanceId: string): Promise<PinnedHostKey | undefined> {
    return (await this.load())[instanceId];
  }

  async check(instanceId: string, keyBlob: Buffer): Promise<HostKeyCheck> {
    const fingerprint = fingerprintOf(keyBlob);
    const algorithm = algorithmOf(keyBlob);
    const pinned = await this.get(instanceId);
    if (!pinned) return { status: 'new', algorithm, fingerprint };
    if (pinned.fingerprint === fingerprint) return { status: 'trusted', algorithm, fingerprint };
    return { status: 'changed', algorithm, fingerprint, pinned };
  }

  /** Pins (or re-pins, the explicit accept of a changed key) this fingerprint to the instance. */
  async accept(instanceId: string, key: { fingerprint: string; algorithm?: string; host?: string }): Promise<void> {
    const entries = await this.load();
    const previous = entries[instanceId];
    entries[instanceId] = {
      algorithm: key.algorithm ?? previous?.algorithm ?? 'unknown',
      fingerprint: key.fingerprint,
      firstSeen: new Date().toISOString(),
      host: key.host ?? previous?.host ?? '',
    };
    await this.save();
  }

  async forget(instanceId: string): Promise<void> {
    const entries = await this.load();
    delete entries[instanceId];
    await this.save();
  }

  private save(): Promise<void> {
    const next = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, `${JSON.stringify(this.entries ?? {}, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.file);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}

export interface ConsoleFingerprint {
  readonly bits: number;
  readonly fingerprint: string;
  readonly comment: string;
  /** ED25519, ECDSA, RSA as the console prints it. */
  readonly type: string;
}

/**
 * The block cloud-init prints at first boot:
 * -----BEGIN SSH HOST KEY FINGERPRINTS-----
 * 256 SHA256:abc... root@ip-172-31-0-1 (ED25519)
 * -----END SSH HOST KEY FINGERPRINTS-----
 * Console lines may carry a "ec2: " prefix (older Amazon Linux); the last block wins (a reboot prints it again).
 */
export function parseConsoleFingerprints(output: string): ConsoleFingerprint[] {
  const blocks = output.split(/-----BEGIN SSH HOST KEY FINGERPRINTS-----/).slice(1);
  const last = blocks[blocks.length - 1];
  if (last === undefined) return [];
  const body = last.split(/-----END SSH HOST KEY FINGERPRINTS-----/)[0] ?? '';
  const found: ConsoleFingerprint[] = [];
  for (const line of body.split(/\r?\n/)) {
    const m = /(\d+)\s+(SHA256:[A-Za-z0-9+/]+=*)\s+(.*?)\s*\(([A-Za-z0-9-]+)\)\s*$/.exec(line);
    if (m) found.push({ bits: Number(m[1]), fingerprint: m[2]!.replace(/=+$/, ''), comment: m[3] ?? '', type: m[4]! });
  }
  return found;
}

/**
 * The instance's console fingerprints, or undefined when the console has none (not written yet, rotated
 * away, or an image that does not print them). Latest output first (Nitro); older types do not support it.
 */
export async function fetchConsoleFingerprints(
  ec2: EC2Client,
  instanceId: string,
  signal?: AbortSignal,
): Promise<ConsoleFingerprint[] | undefined> {
  const read = async (latest: boolean) => {
    const out = await ec2.send(
      new GetConsoleOutputCommand({ InstanceId: instanceId, ...(latest ? { Latest: true } : {}) }),
      { abortSignal: signal },
    );
    return out.Output ? Buffer.from(out.Output, 'base64').toString('utf8') : '';
  };
  let text: string;
  try {
    text = await read(true);
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (!/Unsupported|InvalidParameter/i.test(name)) throw e;
    text = await read(false);
  }
  const found = parseConsoleFingerprints(text);
  return found.length ? found : undefined;
}
