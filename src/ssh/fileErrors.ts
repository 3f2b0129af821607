// Which `vscode.FileSystemError` an SSH problem becomes (fileSystem.ts builds it with the localized reason).
// The kind matters to VS Code: FileNotFound lets "open" offer to create, FileExists drives overwrite
// questions, NoPermissions and Unavailable fail the operation with the message. No `vscode` import.
import type { SshProblem } from './errors';

export type FileErrorKind = 'FileNotFound' | 'FileExists' | 'NoPermissions' | 'Unavailable';

export function fileErrorKind(problem: SshProblem): FileErrorKind {
  switch (problem.kind) {
    case 'notFound':
      return 'FileNotFound';
    case 'exists':
      return 'FileExists';
    case 'permissionDenied':
    case 'sudoFailed':
      return 'NoPermissions';
    // The file may be fine: the way to it is not (connection, keys, host key, instance state).
    case 'failure':
    case 'hostKeyChanged':
    case 'hostKeyMismatch':
    case 'authFailed':
    case 'keyFileMode':
    case 'keyFileMissing':
    case 'keyInvalid':
    case 'passphraseNeeded':
    case 'connectFailed':
    case 'disconnected':
    case 'notRunning':
    case 'noAddress':
      return 'Unavailable';
  }
}
