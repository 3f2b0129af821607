// SSH in the editor: one pool of connections (one per instance, shared by file tabs and terminals, closed when
// idle), and everything a connection may need to ask the student: which .pem (remembered per key pair in
// `scaleOutLab.ssh.keyFiles`), which user (AMI family unknown), the key's passphrase (optionally kept in
// SecretStorage), whether to trust a host key nothing vouches for (TOFU), and whether to accept a changed one.
// The SSH modules load lazily (ssh2 is large): activation does not pay for them.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Instance } from '../../aws/types';
import { SshError } from '../../ssh/errors';
import type { HostKeyStore } from '../../ssh/hostKeys';
import type { SshTarget } from '../../ssh/connect';
import type { SshConnections } from '../../ssh/connections';
import type { SshSession } from '../../ssh/session';
import type { AccountService } from './accountService';
import { formatErrorForLog } from '../errorBoundary';
import { SETTING_KEYS } from '../settings/read';
import type { SettingsStore } from '../settings/store';
import { knownHostsResetMessage, sshProblemMessage } from '../../present/sshMessages';

const t = vscode.l10n.t;

export const KNOWN_HOSTS_FILE = 'known-hosts.json';
const PASSPHRASE_SECRET = 'scaleOutLab.ssh.passphrase:';

/** `~/x` -> the home folder's x. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

export class SshAccess implements vscode.Disposable {
  private pool: SshConnections | undefined;
  private hostKeys: HostKeyStore | undefined;
  /** User names typed for instances whose AMI family says nothing (kept for the session). */
  private readonly usernames = new Map<string, string>();
  /** Key files already warned about (mode wider than 0600) in this session. */
  private readonly warnedModes = new Set<string>();
  private disposed = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly accounts: AccountService,
    private readonly storageDir: string,
    private readonly secrets: vscode.SecretStorage,
    private readonly settings: SettingsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // The connections belong to the account they were opened in.
    this.subscription = accounts.onDidChangeAccount(() => this.closeAll());
  }

  /** The instance's session: the open one, or a new connection (asking what it must). */
  async session(instanceId: string): Promise<SshSession> {
    if (this.disposed) throw new vscode.CancellationError();
    return (await this.connections()).get(instanceId);
  }

  /** The instance as the latest inventory knows it (a fresh one if it is not there). */
  async instance(instanceId: string): Promise<Instance> {
    const known = this.accounts.inventory?.instances.find((i) => i.id === instanceId);
    if (known) return known;
    const fresh = (await this.accounts.fetchFresh()).instances.find((i) => i.id === instanceId);
    if (!fresh) throw new SshError({ kind: 'notRunning', instanceId, state: 'terminated' });
    return fresh;
  }

  /** Another account: its connections mean nothing now (the next use connects again). */
  closeAll(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.pool?.dispose();
    this.pool = undefined;
  }

  private async connections(): Promise<SshConnections> {
    if (this.pool) return this.pool;
    const { SshConnections } = await import('../sshDomain.js');
    const { HostKeyStore } = await import('../domain.js');
    // A damaged file of trusted keys is set aside, never silently emptied: say where it went.
    this.hostKeys ??= new HostKeyStore(join(this.storageDir, KNOWN_HOSTS_FILE), (reset) => {
      const message = knownHostsResetMessage(reset, t);
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
    });
    this.pool ??= new SshConnections({ connect: (id) => this.connect(id) });
    return this.pool;
  }

  private async connect(instanceId: string): Promise<SshSession> {
    const { SshSession } = await import('../sshDomain.js');
    const { resolveSshTarget } = await import('../domain.js');
    const hostKeys = this.hostKeys!;
    const instance = await this.instance(instanceId);
    if (instance.state !== 'running') throw new SshError({ kind: 'notRunning', instanceId, state: instance.state });
    const { account, clients } = await this.accounts.session();
    const keyPath = account.kind === 'aws' ? await this.keyFileFor(instance) : undefined;
    const images = this.accounts.inventory?.images;
    const resolved = await resolveSshTarget(account, instance, {
      clients,
      ...(images ? { images } : {}),
      ...(keyPath ? { keyPath } : {}),
    });
    const username = resolved.username ?? (await this.askUsername(instance));
    const target: SshTarget = { ...resolved, username };
    const name = instance.name ?? instance.id;
    const vouched = (target.expectedFingerprints?.length ?? 0) > 0;
    const prompted: { passphrase?: string; keyPath?: string } = {};
    const connect = () =>
      SshSession.connect(target, {
        hostKeys,
        passphrase: (request) => this.passphrase(request.keyPath, request.attempt, prompted),
        // A key nothing vouched for: the student sees its fingerprint and decides (trust on first use).
        ...(vouched || account.kind !== 'aws' ? {} : { confirmNewHostKey: (key) => this.confirmHostKey(name, key) }),
      });
    let session: SshSession;
    try {
      session = await connect();
    } catch (error) {
      if (!(error instanceof SshError) || error.problem.kind !== 'hostKeyChanged') throw error;
      const p = error.problem;
      if (!(await this.acceptChangedKey(name, error))) throw error;
      await hostKeys.accept(instanceId, { fingerprint: p.actual, algorithm: p.algorithm, host: p.host });
      this.log.warn(`Host key of ${instanceId} (${p.host}) replaced by the student: ${p.expected} -> ${p.actual}`);
      session = await connect();
    }
    this.log.info(
      `SSH ${target.username}@${target.host}:${target.port} (${instanceId}) connected; host key ${session.hostKey.algorithm} ` +
        `${session.hostKey.fingerprint}${session.hostKey.firstUse ? ' (pinned now)' : ''}`,
    );
    for (const w of session.warnings) if (w.kind === 'keyFileMode') this.warnKeyMode(w.path, sshProblemMessage(w, t));
    if (prompted.passphrase !== undefined && prompted.keyPath)
      void this.offerToRemember(prompted.keyPath, prompted.passphrase);
    return session;
  }

  /** The .pem of the instance's key pair: the remembered one, else ~/.ssh/<KeyName>.pem, else asked for once. */
  private async keyFileFor(instance: Instance): Promise<string | undefined> {
    const keyName = instance.keyName;
    if (!keyName) return undefined; // launched without a key pair: only the agent can help
    const remembered = this.settings.current.ssh.keyFiles[keyName];
    const path = expandHome(remembered ?? `~/.ssh/${keyName}.pem`);
    if (existsSync(path)) return path;
    const choose = t('Locate the Key File…');
    const answer = await vscode.window.showWarningMessage(
      t('The private key of key pair {0} is not at {1}.', keyName, path),
      {
        modal: true,
        detail: t(
          'Choose the .pem file you saved when you created the key pair. It is remembered for the next connections.',
        ),
      },
      choose,
    );
    if (answer !== choose) throw new vscode.CancellationError();
    const picked = await vscode.window.showOpenDialog({
      title: t('Private key of key pair {0}', keyName),
      canSelectMany: false,
      defaultUri: vscode.Uri.file(join(homedir(), '.ssh')),
      filters: { [t('Private keys')]: ['pem', 'key'], [t('All files')]: ['*'] },
    });
    const file = picked?.[0]?.fsPath;
    if (!file) throw new vscode.CancellationError();
    await this.settings.write(SETTING_KEYS.sshKeyFiles, { ...this.settings.current.ssh.keyFiles, [keyName]: file });
    return file;
  }

  private async askUsername(instance: Instance): Promise<string> {
    const known = this.usernames.get(instance.id);
    if (known) return known;
    const answer = await vscode.window.showInputBox({
      title: t('User name on {0}', instance.name ?? instance.id),
      prompt: t(
        'The image of this instance does not say which user to log in as (Amazon Linux: ec2-user, Ubuntu: ubuntu).',
      ),
      value: 'ec2-user',
      ignoreFocusOut: true,
      validateInput: (v) => (/^[a-z_][a-z0-9_.-]*$/i.test(v.trim()) ? undefined : t('A user name such as ec2-user')),
    });
    if (!answer) throw new vscode.CancellationError();
    this.usernames.set(instance.id, answer.trim());
    return answer.trim();
  }

  /** The kept passphrase first; then the student is asked (and told when the previous one was wrong). */
  private async passphrase(
    keyPath: string | undefined,
    attempt: number,
    prompted: { passphrase?: string; keyPath?: string },
  ): Promise<string | undefined> {
    const secret = keyPath ? PASSPHRASE_SECRET + keyPath : undefined;
    if (attempt === 1 && secret) {
      const kept = await this.secrets.get(secret);
      if (kept !== undefined) return kept;
    } else if (attempt === 2 && secret && prompted.passphrase === undefined) {
      await this.secrets.delete(secret); // the kept one was wrong
    }
    const answer = await vscode.window.showInputBox({
      title: t('Passphrase of {0}', keyPath ?? t('the private key')),
      prompt:
        prompted.passphrase !== undefined
          ? t('That passphrase was wrong. Try again.')
          : t('The private key is protected by a passphrase.'),
      password: true,
      ignoreFocusOut: true,
    });
    if (answer === undefined) return undefined;
    prompted.passphrase = answer;
    if (keyPath) prompted.keyPath = keyPath;
    return answer;
  }

  private async offerToRemember(keyPath: string, passphrase: string): Promise<void> {
    const remember = t('Remember');
    const answer = await vscode.window.showInformationMessage(
      t('Remember the passphrase of {0} in the editor’s secret storage?', keyPath),
      remember,
      t('Not Now'),
    );
    if (answer === remember) await this.secrets.store(PASSPHRASE_SECRET + keyPath, passphrase);
  }

  private async confirmHostKey(
    name: string,
    key: { instanceId: string; host: string; algorithm: string; fingerprint: string },
  ): Promise<boolean> {
    const trust = t('Trust and Connect');
    const answer = await vscode.window.showWarningMessage(
      t('First connection to {0} ({1}): check its host key.', name, key.host),
      {
        modal: true,
        detail: t(
          'The server says it is {0} with the {1} key {2}. Nothing from AWS vouches for it (the instance printed no fingerprints to its console). If it matches what you expect (EC2 › Instances › Actions › Monitor and troubleshoot › Get system log), trust it: it is pinned to {3} and checked on every connection.',
          key.host,
          key.algorithm,
          key.fingerprint,
          key.instanceId,
        ),
      },
      trust,
    );
    return answer === trust;
  }

  private async acceptChangedKey(name: string, error: SshError): Promise<boolean> {
    const accept = t('Accept the New Key');
    const answer = await vscode.window.showErrorMessage(
      t('The host key of {0} has changed. The connection was refused.', name),
      {
        modal: true,
        detail: `${sshProblemMessage(error.problem, t)}\n\n${t('Accept the new key only if you know why it changed (for example, you launched the instance again).')}`,
      },
      accept,
    );
    return answer === accept;
  }

  private warnKeyMode(path: string, message: string): void {
    if (this.warnedModes.has(path)) return;
    this.warnedModes.add(path);
    const copy = t('Copy the Command');
    void vscode.window.showWarningMessage(message, copy).then(async (choice) => {
      try {
        if (choice === copy) await vscode.env.clipboard.writeText(`chmod 600 '${path.replace(/'/g, `'\\''`)}'`);
      } catch (e) {
        this.log.warn(`Copying the chmod command: ${formatErrorForLog(e)}`);
      }
    });
  }
}
