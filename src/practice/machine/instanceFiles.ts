// An instance's file system as its SSH users see it: the record's files (path -> content, owner, mode),
// directories derived from the paths (Amazon Linux's usual owners and modes) plus explicit ones, and
// Unix permission checks for `ec2-user` (uid 1000) and `root` (uid 0). Every change goes through the
// world (writableRegion + changed), so the web serves a new page at once and the state file keeps it.
// Errors are errno codes; the SFTP server and the shell word them as OpenSSH and coreutils do.
import { fileBytes, fileSize, storeBytes } from './fileContent';
import { HTTPD_BINARY } from './httpd';
import type { DirectoryRecord, FileRecord, InstanceRecord, RegionState } from '../core/records';
import type { Speed, World } from '../core/world';
import { instanceNetwork, resolvConfText, type InstanceNetwork } from './network';

export const RESOLV_CONF = '/etc/resolv.conf';

export type User = 'root' | 'ec2-user';
export type Errno = 'ENOENT' | 'EACCES' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL';

export class FsError extends Error {
  constructor(
    readonly code: Errno,
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

export const UIDS: Record<string, number> = { root: 0, 'ec2-user': 1000, apache: 48 };
export const HOME = '/home/ec2-user';
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export interface Node {
  path: string;
  kind: 'file' | 'directory';
  owner: string;
  /** Permission bits (with setuid/setgid/sticky), no type bits. */
  mode: number;
  size: number;
  modified: Date;
  /** The record, for files. */
  file?: FileRecord;
}

/** Directories every Amazon Linux instance has, with their owners and modes. */
const SYSTEM_DIRECTORIES: Record<string, DirectoryRecord> = {
  '/': { owner: 'root', mode: 0o555 },
  '/etc': { owner: 'root', mode: 0o755 },
  '/home': { owner: 'root', mode: 0o755 },
  [HOME]: { owner: 'ec2-user', mode: 0o700 },
  [`${HOME}/.ssh`]: { owner: 'ec2-user', mode: 0o700 },
  '/run': { owner: 'root', mode: 0o755 },
  '/tmp': { owner: 'root', mode: 0o1777 },
  '/usr': { owner: 'root', mode: 0o755 },
  '/usr/sbin': { owner: 'root', mode: 0o755 },
  '/var': { owner: 'root', mode: 0o755 },
  '/var/log': { owner: 'root', mode: 0o755 },
};
/** What `dnf install httpd` adds: /var/log/httpd is root's alone, so `tail` of the access log needs sudo. */
const HTTPD_DIRECTORIES: Record<string, DirectoryRecord> = {
  '/var/www': { owner: 'root', mode: 0o755 },
  '/var/www/html': { owner: 'root', mode: 0o755 },
  '/var/log/httpd': { owner: 'root', mode: 0o700 },
};

/** `a/../b/./c` -> `/b/c`, relative to `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export const parentOf = (path: string) => (path === '/' ? '/' : path.slice(0, path.lastIndexOf('/')) || '/');
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** `-rw-r--r--` */
export function modeString(node: Pick<Node, 'kind' | 'mode'>): string {
  const m = node.mode;
  const bit = (mask: number, c: string) => (m & mask ? c : '-');
  const exec = (x: number, special: number, on: string, off: string) =>
    m & special ? (m & x ? on : off) : bit(x, 'x');
  return (
    (node.kind === 'directory' ? 'd' : '-') +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    exec(0o100, 0o4000, 's', 'S') +
    bit(0o40, 'r') +
    bit(0o20, 'w') +
    exec(0o10, 0o2000, 's', 'S') +
    bit(0o4, 'r') +
    bit(0o2, 'w') +
    exec(0o1, 0o1000, 't', 'T')
  );
}

export function typeBits(node: Pick<Node, 'kind'>): number {
  return node.kind === 'directory' ? S_IFDIR : S_IFREG;
}

/** One instance's files, looked up afresh on every call (a reset or reload replaces the records). */
export class InstanceFiles {
  constructor(
    private readonly world: World,
    readonly region: string,
    readonly instanceId: string,
  ) {}

  /** The instance record, for changing; undefined once it is gone. */
  instance(): InstanceRecord | undefined {
    return this.world.writableRegion(this.region).instances.find((i) => i.id === this.instanceId);
  }

  private need(): InstanceRecord {
    const instance = this.instance();
    if (!instance) throw new FsError('ENOENT', '/');
    return instance;
  }

  changed(): void {
    this.world.changed();
  }

  now(): Date {
    return this.world.clock.now();
  }

  /** The region's records, for the shell's database client (its data lives there) and DNS. */
  records(): RegionState {
    return this.world.writableRegion(this.region);
  }

  /** The clock's speed: how long a connection timeout takes here. */
  speed(): Speed {
    return this.world.clock.speed;
  }

  /** The instance's network as DHCP set it up (network.ts); undefined once its subnet or VPC is gone. */
  network(): InstanceNetwork | undefined {
    return instanceNetwork(this.world.region(this.region), this.region, this.need(), this.now());
  }

  /** A file the system writes at boot from the network (/etc/resolv.conf), while the instance has no copy of its own. */
  private generated(path: string): FileRecord | undefined {
    if (path !== RESOLV_CONF) return undefined;
    const network = this.network();
    return network ? { content: resolvConfText(network), owner: 'root', mode: 0o644 } : undefined;
  }

  /** The node at an absolute path, or undefined. */
  lookup(path: string): Node | undefined {
    const instance = this.need();
    const file = instance.files[path] ?? this.generated(path);
    const launched = new Date(instance.launchTime);
    if (file) {
      return {
        path,
        kind: 'file',
        owner: file.owner,
        mode: file.mode & 0o7777,
        size: fileSize(file),
        modified: new Date(file.modifiedAt ?? launched),
        file,
      };
    }
    const directory = this.directory(instance, path);
    return directory
      ? {
          path,
          kind: 'directory',
          owner: directory.owner,
          mode: directory.mode & 0o7777,
          size: 4096,
          modified: launched,
        }
      : undefined;
  }

  private directory(instance: InstanceRecord, path: string): DirectoryRecord | undefined {
    const explicit = instance.directories?.[path];
    if (explicit) return explicit;
    const system = SYSTEM_DIRECTORIES[path] ?? (HTTPD_BINARY in instance.files ? HTTPD_DIRECTORIES[path] : undefined);
    if (system) return system;
    const prefix = `${path}/`;
    const derived =
      Object.keys(instance.files).some((p) => p.startsWith(prefix)) ||
      Object.keys(instance.directories ?? {}).some((p) => p.startsWith(prefix));
    if (!derived) return undefined;
    return { owner: path.startsWith(`${HOME}/`) ? 'ec2-user' : 'root', mode: 0o755 };
  }

  /** May `user` read/write/search this node? (Group = the owner's own group, as Amazon Linux's users.) */
  allowed(user: User, node: Pick<Node, 'owner' | 'mode' | 'kind'>, access: 'r' | 'w' | 'x'): boolean {
    const shift = { r: 2, w: 1, x: 0 }[access];
    if (user === 'root') return access !== 'x' || node.kind === 'directory' || (node.mode & 0o111) !== 0;
    const bits = node.owner === user ? node.mode >> 6 : node.mode;
    return ((bits >> shift) & 1) === 1;
  }

  /** The node, after checking search permission on every ancestor. */
  stat(user: User, path: string): Node {
    this.searchable(user, path);
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    return node;
  }

  private searchable(user: User, path: string): void {
    const parts = path.split('/').filter(Boolean);
    let at = '';
    for (let n = 0; n < parts.length; n++) {
      const dir = at || '/';
      const node = this.lookup(dir);
      if (!node) throw new FsError('ENOENT', path);
      if (node.kind !== 'directory') throw new FsError('ENOTDIR', path);
      if (!this.allowed(user, node, 'x')) throw new FsError('EACCES', path);
      at += `/${parts[n]}`;
    }
  }

  /** The parent directory of `path`, checked for writing (create, remove, rename in it). */
  private writableParent(user: User, path: string): Node {
    const parent = this.stat(user, parentOf(path));
    if (parent.kind !== 'directory') throw new FsError('ENOTDIR', path);
    if (!this.allowed(user, parent, 'w') || !this.allowed(user, parent, 'x')) throw new FsError('EACCES', path);
    return parent;
  }

  /** The sticky bit (/tmp): only the owner of the entry (or the directory, or root) removes or renames it. */
  private stickyAllows(user: User, parent: Node, node: Node): boolean {
    return !(parent.mode & 0o1000) || user === 'root' || node.owner === user || parent.owner === user;
  }

  readDirectory(user: User, path: string): Node[] {
    const dir = this.stat(user, path);
    if (dir.kind !== 'directory') throw new FsError('ENOTDIR', path);
    if (!this.allowed(user, dir, 'r')) throw new FsError('EACCES', path);
    const instance = this.need();
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    const candidates = [
      ...Object.keys(instance.files),
      ...Object.keys(instance.directories ?? {}),
      ...Object.keys(SYSTEM_DIRECTORIES),
      ...Object.keys(HTTPD_DIRECTORIES),
      RESOLV_CONF,
    ];
    for (const p of candidates)
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0] ?? '');
    return [...names]
      .sort()
      .map((name) => this.lookup(`${prefix}${name}`))
      .filter((n): n is Node => n !== undefined);
  }

  /** The content of a file the user may read. */
  read(user: User, path: string): Buffer {
    const node = this.stat(user, path);
    if (node.kind === 'directory') throw new FsError('EISDIR', path);
    if (!this.allowed(user, node, 'r')) throw new FsError('EACCES', path);
    return node.file ? fileBytes(node.file) : Buffer.alloc(0);
  }

  /**
   * Opens a file for writing (O_CREAT with `create`, O_EXCL with `exclusive`): the record, created
   * empty (owned by the user, `mode` & ~022) when missing. The caller sets its content and calls changed().
   */
  openForWrite(user: User, path: string, how: { create: boolean; exclusive?: boolean; mode?: number }): FileRecord {
    this.searchable(user, path);
    const node = this.lookup(path);
    if (node) {
      if (how.exclusive) throw new FsError('EEXIST', path);
      if (node.kind === 'directory') throw new FsError('EISDIR', path);
      if (!this.allowed(user, node, 'w')) throw new FsError('EACCES', path);
      return this.kept(node);
    }
    if (!how.create) throw new FsError('ENOENT', path);
    this.writableParent(user, path);
    const file: FileRecord = {
      content: '',
      owner: user,
      mode: (how.mode ?? 0o666) & 0o7777 & ~0o022,
      modifiedAt: this.now().toISOString(),
    };
    this.need().files[path] = file;
    this.changed();
    return file;
  }

  /** Replaces a file's content (the file record from openForWrite or an earlier lookup). */
  setContent(file: FileRecord, content: Buffer | string): void {
    storeBytes(file, content);
    file.modifiedAt = this.now().toISOString();
    this.changed();
  }

  /** Creates or truncates a file and writes `content` (shell redirection, cp). */
  writeFile(user: User, path: string, content: Buffer | string, append = false): void {
    const file = this.openForWrite(user, path, { create: true });
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.setContent(file, append ? Buffer.concat([fileBytes(file), bytes]) : bytes);
  }

  remove(user: User, path: string): void {
    const node = this.stat(user, path);
    if (node.kind === 'directory') throw new FsError('EISDIR', path);
    const parent = this.writableParent(user, path);
    if (!this.stickyAllows(user, parent, node)) throw new FsError('EACCES', path);
    delete this.need().files[path];
    this.changed();
  }

  makeDirectory(user: User, path: string, mode = 0o777): void {
    this.searchable(user, path);
    if (this.lookup(path)) throw new FsError('EEXIST', path);
    this.writableParent(user, path);
    const instance = this.need();
    (instance.directories ??= {})[path] = { owner: user, mode: mode & 0o7777 & ~0o022 };
    this.changed();
  }

  removeDirectory(user: User, path: string): void {
    const node = this.stat(user, path);
    if (node.kind !== 'directory') throw new FsError('ENOTDIR', path);
    const parent = this.writableParent(user, path);
    if (!this.stickyAllows(user, parent, node)) throw new FsError('EACCES', path);
    const instance = this.need();
    const prefix = `${path}/`;
    if ([...Object.keys(instance.files), ...Object.keys(instance.directories ?? {})].some((p) => p.startsWith(prefix)))
      throw new FsError('ENOTEMPTY', path);
    if (!instance.directories?.[path]) throw new FsError('EACCES', path); // a system directory stays
    delete instance.directories[path];
    this.changed();
  }

  /** rename(2): replaces an existing file at `to` atomically (POSIX semantics). */
  rename(user: User, from: string, to: string, options: { noReplace?: boolean } = {}): void {
    const node = this.stat(user, from);
    const fromParent = this.writableParent(user, from);
    if (!this.stickyAllows(user, fromParent, node)) throw new FsError('EACCES', from);
    const toParent = this.writableParent(user, to);
    const existing = this.lookup(to);
    if (existing && options.noReplace) throw new FsError('EEXIST', to);
    if (existing && !this.stickyAllows(user, toParent, existing)) throw new FsError('EACCES', to);
    if (from === to) return;
    const instance = this.need();
    if (node.kind === 'directory') {
      if (existing) throw new FsError(existing.kind === 'directory' ? 'ENOTEMPTY' : 'ENOTDIR', to);
      if (to.startsWith(`${from}/`)) throw new FsError('EINVAL', to);
      const move = <T>(records: Record<string, T>) => {
        for (const p of Object.keys(records)) {
          if (p === from || p.startsWith(`${from}/`)) {
            records[to + p.slice(from.length)] = records[p] as T;
            delete records[p];
          }
        }
      };
      move(instance.files);
      const dirs = (instance.directories ??= {});
      dirs[from] ??= { owner: node.owner, mode: node.mode };
      move(dirs);
    } else {
      if (existing?.kind === 'directory') throw new FsError('EISDIR', to);
      instance.files[to] = node.file as FileRecord;
      delete instance.files[from];
    }
    this.changed();
  }

  /** chmod(2): owner or root. */
  chmod(user: User, path: string, mode: number): void {
    const node = this.stat(user, path);
    if (user !== 'root' && node.owner !== user) throw new FsError('EACCES', path);
    this.setMeta(node, { mode: mode & 0o7777 });
  }

  /** chown(2): root only (a user may "give" a file to themselves). */
  chown(user: User, path: string, owner: string): void {
    const node = this.stat(user, path);
    if (user !== 'root' && owner !== node.owner) throw new FsError('EACCES', path);
    this.setMeta(node, { owner });
  }

  /** A node's file record, stored if it was generated: a change makes it the instance's own. */
  private kept(node: Node): FileRecord {
    const file = node.file as FileRecord;
    this.need().files[node.path] ??= file;
    return file;
  }

  private setMeta(node: Node, change: Partial<DirectoryRecord>): void {
    if (node.file) Object.assign(this.kept(node), change);
    else {
      const dirs = (this.need().directories ??= {});
      dirs[node.path] = { owner: node.owner, mode: node.mode, ...dirs[node.path], ...change };
    }
    this.changed();
  }
}
