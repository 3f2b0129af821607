// Opening one SSH connection to one instance: key from text or a .pem (mode checked as OpenSSH would), ssh-agent
// when there is one, a passphrase asked through the caller, keepalive, and the host key checked against the pin for
// the instance ID (and, on a first connection, the console's fingerprints). Problems come back as SshError.
import { readFile, stat } from 'node:fs/promises';
import { Client, utils, type ConnectConfig } from 'ssh2';
import { SshError, type SshProblem } from './errors';
import { algorithmOf, fingerprintOf } from './fingerprints';
import type { HostKeyStore } from './hostKeys';

/** Where to connect for one instance (src/ssh/target.ts builds it). */
export interface SshTarget {
  readonly instanceId: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The key's text (practice route, SecretStorage); wins over keyPath. */
  readonly privateKey?: string | Buffer;
  /** A .pem file (mode checked; missing is an error unless an agent may have the key). */
  readonly keyPath?: string;
  /** SHA256:... fingerprints from the console output: a first connection must offer one of them. */
  readonly expectedFingerprints?: readonly string[];
}

export interface PassphraseRequest {
  readonly keyPath?: string;
  /** 1 first; more after a wrong one. */
  readonly attempt: number;
}

export interface SshSessionOptions {
  readonly hostKeys: HostKeyStore;
  /** Asked when the key is encrypted; undefined = cancelled. The UI may keep the answer in SecretStorage. */
  readonly passphrase?: (request: PassphraseRequest) => Promise<string | undefined>;
  /** ssh-agent socket; default SSH_AUTH_SOCK; false = no agent. */
  readonly agent?: string | false;
  /** Default 15 s; three unanswered keepalives drop the connection. */
  readonly keepaliveIntervalMs?: number;
  /** TCP + handshake + auth; default 20 s. */
  readonly readyTimeoutMs?: number;
  /** Asked before pinning a key never seen for this instance; default: trust on first use. */
  readonly confirmNewHostKey?: (key: {
    instanceId: string;
    host: string;
    algorithm: string;
    fingerprint: string;
  }) => Promise<boolean>;
  readonly signal?: AbortSignal;
}

const MAX_PASSPHRASE_ATTEMPTS = 3;

interface LoadedKey {
  privateKey?: Buffer;
  passphrase?: string;
  keyPath?: string;
  warnings: SshProblem[];
  missing?: SshProblem;
}

async function loadKey(target: SshTarget, options: SshSessionOptions, haveAgent: boolean): Promise<LoadedKey> {
  const warnings: SshProblem[] = [];
  let data: Buffer | undefined;
  const keyPath = target.keyPath;
  if (target.privateKey !== undefined) {
    data = Buffer.isBuffer(target.privateKey) ? target.privateKey : Buffer.from(target.privateKey);
  } else if (keyPath) {
    try {
      const st = await stat(keyPath);
      if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
        warnings.push({ kind: 'keyFileMode', path: keyPath, mode: st.mode & 0o777 });
      data = await readFile(keyPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
      const missing: SshProblem = { kind: 'keyFileMissing', path: keyPath };
      // The agent may hold the key: go on, and say the file was missing if the server refuses the agent's keys.
      if (haveAgent) return { warnings, missing, keyPath };
      throw new SshError(missing, { cause: e });
    }
  } else {
    if (haveAgent) return { warnings };
    throw new SshError({ kind: 'keyFileMissing' });
  }

  let passphrase: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const parsed = utils.parseKey(data, passphrase);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key && !(key instanceof Error)) {
      if (!key.isPrivateKey()) throw new SshError({ kind: 'keyInvalid', ...(keyPath ? { path: keyPath } : {}) });
      return {
        privateKey: data,
        ...(passphrase !== undefined ? { passphrase } : {}),
        ...(keyPath ? { keyPath } : {}),
        warnings,
      };
    }
    const message = key instanceof Error ? key.message : '';
    const encrypted = /no passphrase given|bad passphrase|integrity check failed|decrypt/i.test(message);
    if (!encrypted) throw new SshError({ kind: 'keyInvalid', ...(keyPath ? { path: keyPath } : {}) }, { cause: key });
    const wrong = passphrase !== undefined;
    if (!options.passphrase || attempt > MAX_PASSPHRASE_ATTEMPTS)
      throw new SshError({ kind: 'passphraseNeeded', ...(keyPath ? { path: keyPath } : {}), wrong });
    passphrase = await options.passphrase({ ...(keyPath ? { keyPath } : {}), attempt });
    if (passphrase === undefined)
      throw new SshError({ kind: 'passphraseNeeded', ...(keyPath ? { path: keyPath } : {}), wrong });
  }
}

function connectProblem(
  err: Error & { level?: string; code?: string },
  target: SshTarget,
  key: LoadedKey,
  agent: boolean,
): SshProblem {
  if (err.level === 'client-authentication') {
    if (key.missing) return key.missing;
    return {
      kind: 'authFailed',
      host: target.host,
      username: target.username,
      ...(key.keyPath ? { keyPath: key.keyPath } : {}),
      agent,
    };
  }
  if (err.level === 'client-timeout')
    return { kind: 'connectFailed', host: target.host, port: target.port, code: 'ETIMEDOUT' };
  return { kind: 'connectFailed', host: target.host, port: target.port, code: err.code ?? err.level ?? 'EPROTO' };
}

/** The host key this connection was offered, and whether it pinned it (first use). */
export interface HostKeySeen {
  readonly algorithm: string;
  readonly fingerprint: string;
  readonly firstUse: boolean;
}

export interface ConnectedClient {
  readonly client: Client;
  /** Non-fatal findings: keyFileMode (the .pem is readable by others), keyFileMissing (the agent's key served). */
  readonly warnings: readonly SshProblem[];
  readonly hostKey: HostKeySeen;
}

/** The host key against the pin for the instance, the console's fingerprints, and the caller's say on a new one. */
async function checkHostKey(
  target: SshTarget,
  options: SshSessionOptions,
  blob: Buffer,
): Promise<{ seen: HostKeySeen; problem?: undefined } | { problem: SshProblem; seen?: undefined }> {
  const fingerprint = fingerprintOf(blob);
  const algorithm = algorithmOf(blob);
  const check = await options.hostKeys.check(target.instanceId, blob);
  if (check.status === 'trusted') {
    return { seen: { algorithm, fingerprint, firstUse: false } };
  }
  if (check.status === 'changed') {
    return {
      problem: {
        kind: 'hostKeyChanged',
        instanceId: target.instanceId,
        host: target.host,
        algorithm,
        expected: check.pinned.fingerprint,
        actual: fingerprint,
      },
    };
  }
  const expected = target.expectedFingerprints?.map((f) => f.replace(/=+$/, ''));
  if (expected && expected.length > 0 && !expected.includes(fingerprint)) {
    return {
      problem: {
        kind: 'hostKeyMismatch',
        instanceId: target.instanceId,
        host: target.host,
        algorithm,
        expected,
        actual: fingerprint,
      },
    };
  }
  if (
    options.confirmNewHostKey &&
    !(await options.confirmNewHostKey({
      instanceId: target.instanceId,
      host: target.host,
      algorithm,
      fingerprint,
    }))
  ) {
    return {
      problem: {
        kind: 'hostKeyMismatch',
        instanceId: target.instanceId,
        host: target.host,
        algorithm,
        expected: expected ?? [],
        actual: fingerprint,
      },
    };
  }
  await options.hostKeys.accept(target.instanceId, { fingerprint, algorithm, host: target.host });
  return { seen: { algorithm, fingerprint, firstUse: true } };
}

/** Authenticates and checks the host key; resolves once the connection is ready. */
export async function connectClient(target: SshTarget, options: SshSessionOptions): Promise<ConnectedClient> {
  const agentSocket = options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK ?? undefined);
  const agent = Boolean(agentSocket);
  const key = await loadKey(target, options, agent);
  options.signal?.throwIfAborted();

  const client = new Client();
  // Errors are handled per phase (connect below, the session after): never an unhandled 'error' event.
  client.on('error', () => undefined);
  let hostProblem: SshProblem | undefined;
  let seen: HostKeySeen | undefined;
  const hostVerifier = (blob: Buffer, verify: (ok: boolean) => void): void => {
    checkHostKey(target, options, blob).then(
      (check) => {
        ({ seen, problem: hostProblem } = check);
        verify(check.problem === undefined);
      },
      () => verify(false),
    );
  };

  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    ...(key.privateKey ? { privateKey: key.privateKey } : {}),
    ...(key.passphrase !== undefined ? { passphrase: key.passphrase } : {}),
    ...(agentSocket ? { agent: agentSocket } : {}),
    keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
    keepaliveCountMax: 3,
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    hostVerifier: hostVerifier as ConnectConfig['hostVerifier'],
  };

  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      client.end();
      reject(options.signal?.reason ?? new Error('aborted'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (err?: Error) => {
      options.signal?.removeEventListener('abort', onAbort);
      client.removeListener('ready', onReady);
      client.removeListener('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => settle();
    const onError = (err: Error & { level?: string; code?: string }) => {
      client.end();
      settle(new SshError(hostProblem ?? connectProblem(err, target, key, agent), { cause: err }));
    };
    client.on('ready', onReady);
    client.on('error', onError);
    client.connect(config);
  });
  const warnings = key.missing ? [...key.warnings, key.missing] : key.warnings;
  return { client, warnings, hostKey: seen ?? { algorithm: 'unknown', fingerprint: '', firstUse: false } };
}
