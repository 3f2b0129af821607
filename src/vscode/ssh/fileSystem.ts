// Files on instances in editor tabs: one FileSystemProvider for the `scaleoutlab-ssh` scheme, routing each URI
// by its authority (the instance ID) to the shared connection of that instance (vscode-sshfs's
// fileSystemRouter + sshFileSystem, with host keys verified by the session). SFTP problems become
// `vscode.FileSystemError`s carrying the localized reason; a failed save throws, so VS Code keeps the tab
// dirty and offers to retry. Saves are atomic (remoteFile.ts), through sudo where the login user cannot write.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { sshProblemMessage } from '../../present/sshMessages';
import type { Translate } from '../../present/translate';
import { SshError } from '../../ssh/errors';
import { fileErrorKind } from '../../ssh/fileErrors';
import { parseRemoteUri, remoteUriParts, SSH_SCHEME, type RemoteFile } from '../../ssh/remoteUri';
import type { SshSession } from '../../ssh/session';
import type { RemoteFileType } from '../../ssh/sftp';

/** What the provider needs of an instance's session (src/ssh/session.ts). */
export type RemoteFiles = Pick<
  SshSession,
  'stat' | 'readDirectory' | 'readFile' | 'writeFile' | 'delete' | 'rename' | 'createDirectory'
>;

/** The session of an instance (connecting, asking for a key or a passphrase and checking its host key if need be). */
export type SessionFor = (instanceId: string) => Promise<RemoteFiles>;

export function remoteUri(file: RemoteFile): vscode.Uri {
  return vscode.Uri.from(remoteUriParts(file));
}

function fileType(type: RemoteFileType): vscode.FileType {
  switch (type) {
    case 'file':
      return vscode.FileType.File;
    case 'directory':
      return vscode.FileType.Directory;
    case 'symlink':
      return vscode.FileType.SymbolicLink;
    case 'other':
      return vscode.FileType.Unknown;
  }
}

/** The FileSystemError VS Code acts on, with the sentence the student reads. */
export function toFileSystemError(error: unknown, uri: vscode.Uri, t: Translate): Error {
  if (error instanceof vscode.FileSystemError) return error;
  if (!(error instanceof SshError)) {
    const text = error instanceof Error ? error.message : String(error);
    return vscode.FileSystemError.Unavailable(`${uri.path}: ${text}`);
  }
  const message = sshProblemMessage(error.problem, t);
  switch (fileErrorKind(error.problem)) {
    case 'FileNotFound':
      return vscode.FileSystemError.FileNotFound(message);
    case 'FileExists':
      return vscode.FileSystemError.FileExists(message);
    case 'NoPermissions':
      return vscode.FileSystemError.NoPermissions(message);
    case 'Unavailable':
      return vscode.FileSystemError.Unavailable(message);
  }
}

export class SshFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  /** Fired after our own writes, deletes and renames (the instance's files are not watched). */
  readonly onDidChangeFile = this.changed.event;

  constructor(
    private readonly sessionFor: SessionFor,
    private readonly t: Translate,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Remote changes made by others are not watched: a tab shows what was read, a save overwrites. */
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, 'stat', async (files, path) => {
      const s = await files.stat(path);
      return { type: fileType(s.type), ctime: s.mtimeMs, mtime: s.mtimeMs, size: s.size };
    });
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.run(uri, 'readDirectory', async (files, path) =>
      // A symlink reads as its target's type with the SymbolicLink bit, as VS Code expects.
      (await files.readDirectory(path)).map((e): [string, vscode.FileType] => [
        e.name,
        e.symlink ? fileType(e.type) | vscode.FileType.SymbolicLink : fileType(e.type),
      ]),
    );
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, 'readFile', (files, path) => files.readFile(path));
  }

  writeFile(
    uri: vscode.Uri,
    content: Uint8Array,
    options: { readonly create: boolean; readonly overwrite: boolean },
  ): Promise<void> {
    return this.run(uri, 'writeFile', async (files, path) => {
      const existing = await files.stat(path).catch((e: unknown) => {
        if (e instanceof SshError && e.problem.kind === 'notFound') return undefined;
        throw e;
      });
      if (existing?.type === 'directory') throw vscode.FileSystemError.FileIsADirectory(uri);
      if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      if (existing && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      await files.writeFile(path, content);
      this.fire(existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri);
    });
  }

  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): Promise<void> {
    return this.run(uri, 'delete', async (files, path) => {
      await files.delete(path, { recursive: options.recursive });
      this.fire(vscode.FileChangeType.Deleted, uri);
    });
  }

  rename(from: vscode.Uri, to: vscode.Uri, options: { readonly overwrite: boolean }): Promise<void> {
    const target = this.route(to);
    return this.run(from, 'rename', async (files, path) => {
      if (target.instanceId !== this.route(from).instanceId)
        throw vscode.FileSystemError.Unavailable(this.t('Files can only be moved within one instance.'));
      await files.rename(path, target.path, { overwrite: options.overwrite });
      this.changed.fire([
        { type: vscode.FileChangeType.Deleted, uri: from },
        { type: vscode.FileChangeType.Created, uri: to },
      ]);
    });
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.run(uri, 'createDirectory', async (files, path) => {
      await files.createDirectory(path);
      this.fire(vscode.FileChangeType.Created, uri);
    });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private fire(type: vscode.FileChangeType, uri: vscode.Uri): void {
    const parent = uri.with({ path: posix.dirname(uri.path) });
    this.changed.fire([
      { type, uri },
      ...(uri.path !== '/' ? [{ type: vscode.FileChangeType.Changed, uri: parent }] : []),
    ]);
  }

  private route(uri: vscode.Uri): RemoteFile {
    const file = parseRemoteUri(uri);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }

  /** Routes to the instance's session and turns whatever goes wrong into a FileSystemError. */
  private async run<T>(
    uri: vscode.Uri,
    operation: string,
    work: (files: RemoteFiles, path: string) => Promise<T>,
  ): Promise<T> {
    try {
      const file = this.route(uri);
      return await work(await this.sessionFor(file.instanceId), file.path);
    } catch (error) {
      const mapped = toFileSystemError(error, uri, this.t);
      // Not found is routine (VS Code probes for files); anything else is worth a line in the log.
      if (!(error instanceof SshError && error.problem.kind === 'notFound'))
        this.log.warn(`SSH ${operation} ${uri.toString()}: ${mapped.message}`);
      throw mapped;
    }
  }
}

/** Registers the provider for the scheme; file names on Linux are case-sensitive. */
export function registerSshFileSystem(
  sessionFor: SessionFor,
  t: Translate,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const provider = new SshFileSystemProvider(sessionFor, t, log);
  return vscode.Disposable.from(
    provider,
    vscode.workspace.registerFileSystemProvider(SSH_SCHEME, provider, { isCaseSensitive: true }),
  );
}
