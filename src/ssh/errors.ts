// SSH failures reduced to the kinds a student can act on. Domain code throws these facts; the UI words them
// (English and Japanese). No user-facing sentences here; describeSshProblem is terse English for logs and the CLI.

export type SshProblem =
  /** The instance's host key is not the one pinned to its ID (re-launched, or someone in between). */
  | {
      readonly kind: 'hostKeyChanged';
      readonly instanceId: string;
      readonly host: string;
      readonly algorithm: string;
      /** The pinned fingerprint (SHA256:..., as OpenSSH prints it). */
      readonly expected: string;
      readonly actual: string;
      /** The pin file whose entry (the instance ID) to remove, when no button can accept the new key (the CLI). */
      readonly knownHostsFile?: string;
    }
  /** First connection: the key is none of those the instance's console output lists. */
  | {
      readonly kind: 'hostKeyMismatch';
      readonly instanceId: string;
      readonly host: string;
      readonly algorithm: string;
      readonly expected: readonly string[];
      readonly actual: string;
    }
  /** The server refused every key offered (the .pem, the agent's keys) for this user. */
  | {
      readonly kind: 'authFailed';
      readonly host: string;
      readonly username: string;
      readonly keyPath?: string;
      readonly agent: boolean;
    }
  /** The key file is readable by others (mode wider than 0600): OpenSSH refuses it; we warn and go on. */
  | { readonly kind: 'keyFileMode'; readonly path: string; readonly mode: number }
  | { readonly kind: 'keyFileMissing'; readonly path?: string }
  /** The file is not a private key ssh2 can read (or a public key). */
  | { readonly kind: 'keyInvalid'; readonly path?: string }
  /** The key is encrypted and no passphrase was given (prompt cancelled), or the one given was wrong. */
  | { readonly kind: 'passphraseNeeded'; readonly path?: string; readonly wrong: boolean }
  /** TCP or handshake failure: code is ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENOTFOUND, ECONNRESET, ... */
  | { readonly kind: 'connectFailed'; readonly host: string; readonly port: number; readonly code: string }
  /** The connection dropped while something was using it. */
  | { readonly kind: 'disconnected'; readonly host: string }
  | { readonly kind: 'permissionDenied'; readonly path: string }
  | { readonly kind: 'notFound'; readonly path: string }
  | { readonly kind: 'exists'; readonly path: string }
  /** SFTP FAILURE or another status the server gave no detail for (e.g. a non-empty directory). */
  | { readonly kind: 'failure'; readonly path: string; readonly operation: string; readonly message?: string }
  /** The sudo save failed: sudo wants a password, or cp/chown/chmod/mv said no. */
  | { readonly kind: 'sudoFailed'; readonly path: string; readonly code: number | null; readonly stderr: string }
  /** The instance is not running (stopped, pending, terminated): nothing to connect to. */
  | { readonly kind: 'notRunning'; readonly instanceId: string; readonly state: string }
  /** Running, but with no public address (no Elastic IP, public IP or DNS name). */
  | { readonly kind: 'noAddress'; readonly instanceId: string };

export class SshError extends Error {
  constructor(
    readonly problem: SshProblem,
    options?: { cause?: unknown },
  ) {
    super(describeSshProblem(problem), options);
    this.name = 'SshError';
  }

  /**
   * The extension's bundles (extension.js, domain.js, ssh.js) each carry this class: an error made in one is
   * caught in another, so `instanceof` judges by name and shape, not by which copy of the class made it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === 'SshError' && 'problem' in value;
  }
}

export function isSshError(e: unknown, kind?: SshProblem['kind']): e is SshError {
  return e instanceof SshError && (kind === undefined || e.problem.kind === kind);
}

/** Terse English for logs and the CLI (the UI localizes from the problem's facts). */
export function describeSshProblem(p: SshProblem): string {
  switch (p.kind) {
    case 'hostKeyChanged':
      return `Host key of ${p.instanceId} (${p.host}) changed: pinned ${p.expected}, offered ${p.algorithm} ${p.actual}`;
    case 'hostKeyMismatch':
      return `Host key of ${p.instanceId} (${p.host}) is not in its console output: offered ${p.algorithm} ${p.actual}, console lists ${p.expected.join(', ')}`;
    case 'authFailed':
      return `Authentication failed for ${p.username}@${p.host}${p.keyPath ? ` with ${p.keyPath}` : ''}${p.agent ? ' (and the ssh-agent keys)' : ''}`;
    case 'keyFileMode':
      return `Key file ${p.path} has mode 0${p.mode.toString(8)} (wider than 0600)`;
    case 'keyFileMissing':
      return p.path ? `Key file ${p.path} not found` : 'No private key and no ssh-agent';
    case 'keyInvalid':
      return `Not a usable private key${p.path ? `: ${p.path}` : ''}`;
    case 'passphraseNeeded':
      return `${p.wrong ? 'Wrong passphrase' : 'Passphrase needed'} for ${p.path ?? 'the private key'}`;
    case 'connectFailed':
      return `Cannot connect to ${p.host}:${p.port} (${p.code})`;
    case 'disconnected':
      return `Connection to ${p.host} lost`;
    case 'permissionDenied':
      return `Permission denied: ${p.path}`;
    case 'notFound':
      return `No such file: ${p.path}`;
    case 'exists':
      return `Already exists: ${p.path}`;
    case 'failure':
      return `${p.operation} failed: ${p.path}${p.message ? ` (${p.message})` : ''}`;
    case 'sudoFailed':
      return `sudo save of ${p.path} failed (exit ${p.code ?? 'none'})${p.stderr ? `: ${p.stderr.trim()}` : ''}`;
    case 'notRunning':
      return `Instance ${p.instanceId} is ${p.state}`;
    case 'noAddress':
      return `Instance ${p.instanceId} has no public address`;
  }
}
