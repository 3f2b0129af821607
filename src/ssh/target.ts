// Where to connect for an instance. AWS: its Elastic IP, public IP or public DNS name on port 22, the user its
// AMI family logs in as, the key pair's .pem (default ~/.ssh/<KeyName>.pem) and, when the console output has
// them, the host key fingerprints a first connection must match. Practice account: the practice server's
// GET /__practice/ssh/<instance-id> says all of it (its own loopback port, the key pair's key, the host key).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../aws/account';
import type { Image, Instance } from '../aws/types';
import { SshError } from './errors';
import { fetchConsoleFingerprints } from './hostKeys';
import type { SshTarget } from './connect';

export interface SshTargetOptions {
  /**
   * The key pair's .pem; default ~/.ssh/<KeyName>.pem (AWS). On the practice account the route's key serves
   * only when none is given: a given file is the one used, as on AWS (a wrong one is refused, a 0644 one warned).
   */
  readonly keyPath?: string;
  /** The login user when the caller knows it (a setting, an answer): wins over the AMI family. */
  readonly username?: string;
  /** The account's images (the inventory's), to read the instance's AMI name and description. */
  readonly images?: readonly Image[];
  /** AWS: reads the console's host key fingerprints with it (GetConsoleOutput); without it, TOFU alone. */
  readonly ec2?: EC2Client;
  /** The account's clients: their ec2 serves when `ec2` is not given. */
  readonly clients?: { readonly ec2: EC2Client };
  readonly home?: string;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

/** A target whose user may be unknown (an AMI family we cannot tell): the caller asks, then fills it in. */
export type ResolvedSshTarget = Omit<SshTarget, 'username'> & {
  readonly username: string | undefined;
  readonly keyName?: string;
  readonly account: 'aws' | 'practice';
};

/** The practice server's answer to GET /__practice/ssh/<id>. */
interface PracticeSshAnswer {
  host: string;
  port: number;
  username: string;
  keyName?: string;
  privateKey?: string;
  hostKeyFingerprint?: string;
  error?: string;
}

/** The login user of an AMI family, from its name, description or platform details; undefined when unknown. */
export function usernameForImage(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (/ubuntu/i.test(text)) return 'ubuntu';
  if (/debian/i.test(text)) return 'admin';
  if (/amzn|amazon linux|al20\d\d|\bal2\b/i.test(text)) return 'ec2-user';
  if (/\b(rhel|red hat|suse|sles|fedora)\b/i.test(text)) return 'ec2-user';
  if (/centos/i.test(text)) return 'centos';
  return undefined;
}

function awsUsername(
  instance: Instance,
  images: readonly Image[] | undefined,
  given: string | undefined,
): string | undefined {
  if (given) return given;
  const image = images?.find((i) => i.id === instance.imageId);
  // The lab's own AMIs (CreateImage of WebServer) carry no family: their description or tags may, else ask.
  return (
    usernameForImage(image?.name) ??
    usernameForImage(image?.description) ??
    usernameForImage(instance.platform === 'Linux/UNIX' ? undefined : instance.platform)
  );
}

async function askPractice(
  endpoint: string,
  instance: Instance,
  options: SshTargetOptions,
): Promise<ResolvedSshTarget | undefined> {
  const url = `${endpoint.replace(/\/+$/, '')}/__practice/ssh/${encodeURIComponent(instance.id)}`;
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, { ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    const u = new URL(endpoint);
    throw new SshError(
      {
        kind: 'connectFailed',
        host: u.hostname,
        port: Number(u.port) || 80,
        code: (e as { cause?: { code?: string } }).cause?.code ?? 'EFETCH',
      },
      { cause: e },
    );
  }
  if (res.status === 404 && !/json/.test(res.headers.get('content-type') ?? '')) return undefined; // not a practice server
  const body = (await res.json().catch(() => ({}))) as Partial<PracticeSshAnswer>;
  if (res.status === 404) throw new SshError({ kind: 'notRunning', instanceId: instance.id, state: 'terminated' });
  if (res.status === 409)
    throw new SshError({
      kind: 'notRunning',
      instanceId: instance.id,
      state: instance.state === 'running' ? 'pending' : instance.state,
    });
  if (!res.ok || !body.host || !body.port) return undefined;
  return {
    account: 'practice',
    instanceId: instance.id,
    host: body.host,
    port: body.port,
    username: options.username ?? body.username,
    ...(options.keyPath ? { keyPath: options.keyPath } : body.privateKey ? { privateKey: body.privateKey } : {}),
    ...(body.keyName ? { keyName: body.keyName } : {}),
    ...(body.hostKeyFingerprint ? { expectedFingerprints: [body.hostKeyFingerprint] } : {}),
  };
}

export async function resolveSshTarget(
  account: ResolvedAccount,
  instance: Instance,
  options: SshTargetOptions = {},
): Promise<ResolvedSshTarget> {
  if (instance.state !== 'running')
    throw new SshError({ kind: 'notRunning', instanceId: instance.id, state: instance.state });
  if (account.endpoint) {
    // The practice account, or an endpoint (moto, LocalStack) that may be one: it answers the route or 404s.
    const practice = await askPractice(account.endpoint, instance, options);
    if (practice) return practice;
    if (account.kind === 'practice')
      throw new SshError({ kind: 'notRunning', instanceId: instance.id, state: 'unknown' });
  }

  const host = instance.elasticIp ?? instance.publicIp ?? instance.publicDnsName;
  if (!host) throw new SshError({ kind: 'noAddress', instanceId: instance.id });
  const keyPath =
    options.keyPath ??
    (instance.keyName ? join(options.home ?? homedir(), '.ssh', `${instance.keyName}.pem`) : undefined);
  let expected: string[] | undefined;
  const ec2 = options.ec2 ?? options.clients?.ec2;
  if (ec2) {
    // Best effort: no console output yet, or no permission for it, leaves trust on first use.
    const found = await fetchConsoleFingerprints(ec2, instance.id, options.signal).catch(() => undefined);
    expected = found?.map((f) => f.fingerprint);
  }
  return {
    account: 'aws',
    instanceId: instance.id,
    host,
    port: 22,
    username: awsUsername(instance, options.images, options.username),
    ...(keyPath ? { keyPath } : {}),
    ...(instance.keyName ? { keyName: instance.keyName } : {}),
    ...(expected?.length ? { expectedFingerprints: expected } : {}),
  };
}
