// SshProblem -> the sentence a student reads (English source, Japanese in the l10n bundle). Pure: takes the
// translator, so the unit tests check every kind in both languages.
import type { SshProblem } from '../ssh/errors';
import type { KnownHostsReset } from '../ssh/hostKeys';
import { stateText } from './explorer/text';
import type { Translate } from './translate';

export function sshProblemMessage(p: SshProblem, t: Translate): string {
  switch (p.kind) {
    case 'hostKeyChanged': {
      const changed = t(
        'The host key of {0} ({1}) has changed since you first connected (was {2}, now {3}). Either the instance was replaced (launched again, or its address now belongs to another instance), or someone is in the middle of the connection. Nothing was sent.',
        p.instanceId,
        p.host,
        p.expected,
        p.actual,
      );
      // How to go on once the student knows why: the entry to remove (CLI), or the button (the extension).
      const recover = p.knownHostsFile
        ? t(
            'If you know why it changed (for example, you launched the instance again), remove the entry "{0}" from {1}, then connect again: the new key is trusted on that connection.',
            p.instanceId,
            p.knownHostsFile,
          )
        : t(
            'If you know why it changed (for example, you launched the instance again), connect again and choose "Accept the New Key".',
          );
      return `${changed} ${recover}`;
    }
    case 'hostKeyMismatch':
      return t(
        'The host key of {0} ({1}) is {2}, which is not one of the fingerprints the instance printed to its console. Someone may be in the middle of the connection: nothing was sent.',
        p.instanceId,
        p.host,
        p.actual,
      );
    case 'authFailed':
      return p.keyPath
        ? t(
            'The server refused the key {0} for user {1} on {2}. Check that it is the key pair the instance was launched with, and the user name.',
            p.keyPath,
            p.username,
            p.host,
          )
        : t('The server refused every key for user {0} on {1}. Choose the key pair’s .pem file.', p.username, p.host);
    case 'keyFileMode':
      return t(
        'The key file {0} can be read by other users (mode {1}). OpenSSH refuses such a key; fix it with: chmod 600 {0}',
        p.path,
        `0${p.mode.toString(8)}`,
      );
    case 'keyFileMissing':
      return p.path
        ? t('The key file {0} was not found.', p.path)
        : t('No private key file was given and no ssh-agent is running.');
    case 'keyInvalid':
      return p.path
        ? t('{0} is not a private key (choose the .pem file you saved when you created the key pair).', p.path)
        : t('The key is not a private key.');
    case 'passphraseNeeded':
      return p.wrong
        ? t('The passphrase for {0} is wrong.', p.path ?? '.pem')
        : t('The key {0} needs its passphrase.', p.path ?? '.pem');
    case 'connectFailed':
      return t(
        'Could not connect to {0} port {1} ({2}). Check that the instance is running and that its security group allows SSH (port 22) from your address.',
        p.host,
        p.port,
        p.code,
      );
    case 'disconnected':
      return t('The connection to {0} was lost. Try again.', p.host);
    case 'permissionDenied':
      return t('Permission denied: {0}', p.path);
    case 'notFound':
      return t('No such file or folder: {0}', p.path);
    case 'exists':
      return t('{0} already exists.', p.path);
    case 'failure':
      return p.message
        ? t('The server could not complete {0} on {1}: {2}', p.operation, p.path, p.message)
        : t('The server could not complete {0} on {1}.', p.operation, p.path);
    case 'sudoFailed':
      return p.stderr.trim()
        ? t('Saving {0} with sudo failed: {1}', p.path, p.stderr.trim())
        : t('Saving {0} with sudo failed (exit status {1}).', p.path, String(p.code ?? '?'));
    case 'notRunning':
      return t('Instance {0} is {1}: start it first.', p.instanceId, stateText(p.state, t));
    case 'noAddress':
      return t(
        'Instance {0} has no public address (no Elastic IP or public IP), so it cannot be reached over SSH.',
        p.instanceId,
      );
  }
}

/** A known-hosts.json that could not be read, set aside: said once, because every pin starts over. */
export function knownHostsResetMessage(r: KnownHostsReset, t: Translate): string {
  return t(
    'The trusted host keys in {0} could not be read (the file is damaged), so they start over: the next connection to each instance trusts its key again. The old file is kept as {1}.',
    r.file,
    r.keptAs,
  );
}
