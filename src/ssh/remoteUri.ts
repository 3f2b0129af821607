// The URIs of files on instances: `scaleoutlab-ssh://<instance id>/<absolute remote path>`. The authority is the
// instance ID (not an address: an Elastic IP can move, a stopped instance gets a new public IP), so a tab stays
// bound to its instance. No `vscode` import: fileSystem.ts wraps these in vscode.Uri.
import { posix } from 'node:path';

export const SSH_SCHEME = 'scaleoutlab-ssh';

/** Where step 1.5 edits, and what "Edit index.html on …" opens. */
export const INDEX_HTML_PATH = '/var/www/html/index.html';

export interface RemoteFile {
  readonly instanceId: string;
  /** Absolute, normalized POSIX path on the instance. */
  readonly path: string;
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/** What a URI's parts name, or undefined when they are not one of ours (wrong scheme, not an instance ID). */
export function parseRemoteUri(uri: {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
}): RemoteFile | undefined {
  if (uri.scheme !== SSH_SCHEME) return undefined;
  const instanceId = uri.authority.toLowerCase();
  if (!INSTANCE_ID.test(instanceId)) return undefined;
  return { instanceId, path: normalizeRemotePath(uri.path) };
}

/** The parts of the URI of a remote file (vscode.Uri.from takes them as they are). */
export function remoteUriParts(file: RemoteFile): { scheme: string; authority: string; path: string } {
  return { scheme: SSH_SCHEME, authority: file.instanceId, path: normalizeRemotePath(file.path) };
}

/** `/a/./b/../c/` -> `/a/c`; an empty path is the root. Never climbs above `/`. */
export function normalizeRemotePath(path: string): string {
  const normalized = posix.normalize(`/${path}`);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}
