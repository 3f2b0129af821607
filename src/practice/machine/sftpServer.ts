// The SFTP subsystem of the practice SSH server: OpenSSH's sftp-server over an instance's files as
// ec2-user, with Unix permissions (a root-owned 0755 /var/www/html refuses a new file: PERMISSION_DENIED)
// and the extensions an atomic save uses: posix-rename@openssh.com and fsync@openssh.com, advertised
// in the VERSION answer as OpenSSH does (ssh2's server sends none by itself).
// Writes through a handle are kept in the handle and land in the record on fsync or close, the way a
// file's pages reach the disk: a save cut off half way leaves the temporary file short, never the page.
import { utils, type Attributes, type FileEntry, type SFTPWrapper } from 'ssh2';
import {
  FsError,
  HOME,
  type InstanceFiles,
  UIDS,
  modeString,
  resolvePath,
  typeBits,
  type Node,
  type User,
} from './instanceFiles';
import { fileBytes } from './fileContent';
import type { FileRecord } from '../core/records';

const { OPEN_MODE, STATUS_CODE } = utils.sftp;
const USER: User = 'ec2-user';
const EXTENSIONS: readonly [string, string][] = [
  ['posix-rename@openssh.com', '1'],
  ['fsync@openssh.com', '1'],
];

interface FileHandle {
  kind: 'file';
  file: FileRecord;
  path: string;
  readable: boolean;
  writable: boolean;
  append: boolean;
  data: Buffer;
  /** The record's content `data` was read from (reloaded when the record changes and nothing is pending). */
  loadedFrom: string;
  dirty: boolean;
}

interface DirectoryHandle {
  kind: 'directory';
  path: string;
  done: boolean;
}

function sshString(value: Buffer | string): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

function readStrings(data: Buffer | undefined): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; data && at + 4 <= data.length;) {
    const length = data.readUInt32BE(at);
    out.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

/** The VERSION packet with OpenSSH's extension pairs. */
function versionPacket(): Buffer {
  const body = Buffer.concat([
    Buffer.from([2, 0, 0, 0, 3]),
    ...EXTENSIONS.flatMap(([name, version]) => [sshString(name), sshString(version)]),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

/** Makes ssh2's server answer INIT with our extensions: its VERSION packet is swapped as it goes out. */
function advertiseExtensions(sftp: SFTPWrapper): void {
  const internal = sftp as unknown as { _protocol: { channelData(id: number, data: Buffer): void } };
  const protocol = internal._protocol;
  let sent = false;
  internal._protocol = new Proxy(protocol, {
    get(target, key, receiver) {
      if (key === 'channelData' && !sent) {
        return (id: number, data: Buffer) => {
          sent = true;
          const isVersion = data.length === 9 && data[4] === 2;
          target.channelData(id, isVersion ? versionPacket() : data);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function attributes(node: Node): Attributes {
  const uid = UIDS[node.owner] ?? 1000;
  const time = Math.floor(node.modified.getTime() / 1000);
  return { mode: typeBits(node) | node.mode, uid, gid: uid, size: node.size, atime: time, mtime: time };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `ls -l`'s line, as sftp-server writes `longname`. */
export function longName(node: Node, name: string): string {
  const d = node.modified;
  const date = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${modeString(node)}    1 ${node.owner.padEnd(8)} ${node.owner.padEnd(8)} ${String(node.size).padStart(8)} ${date} ${name}`;
}

/** Serves one SFTP session over an instance's files as ec2-user. */
export function serveSftp(sftp: SFTPWrapper, files: InstanceFiles): void {
  advertiseExtensions(sftp);
  const handles = new Map<string, FileHandle | DirectoryHandle>();
  let nextHandle = 0;
  const path = (p: string) => resolvePath(HOME, p);

  const newHandle = (entry: FileHandle | DirectoryHandle): Buffer => {
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(nextHandle++);
    handles.set(handle.toString('hex'), entry);
    return handle;
  };
  const fileHandle = (handle: Buffer) => {
    const entry = handles.get(handle.toString('hex'));
    return entry?.kind === 'file' ? entry : undefined;
  };
  const fail = (id: number, error: unknown) => {
    if (!(error instanceof FsError)) return sftp.status(id, STATUS_CODE.FAILURE, String(error));
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      return sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    if (error.code === 'EACCES') return sftp.status(id, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    if (error.code === 'EINVAL') return sftp.status(id, STATUS_CODE.BAD_MESSAGE, 'Bad message');
    return sftp.status(id, STATUS_CODE.FAILURE, 'Failure');
  };
  /** Runs a request; FsErrors (and anything else) become status answers. */
  const run = (id: number, action: () => void) => {
    try {
      action();
    } catch (error) {
      fail(id, error);
    }
  };
  const ok = (id: number) => sftp.status(id, STATUS_CODE.OK);

  const current = (entry: FileHandle): Buffer => {
    if (!entry.dirty && entry.loadedFrom !== entry.file.content) {
      entry.data = fileBytes(entry.file);
      entry.loadedFrom = entry.file.content;
    }
    return entry.data;
  };
  const flush = (entry: FileHandle) => {
    if (!entry.dirty) return;
    files.setContent(entry.file, entry.data);
    entry.loadedFrom = entry.file.content;
    entry.dirty = false;
  };
  /** Where a handle's file is now (a rename moves the record). */
  const pathOf = (entry: FileHandle) =>
    Object.entries(files.instance()?.files ?? {}).find(([, f]) => f === entry.file)?.[0] ?? entry.path;

  const setAttributes = (target: string, attrs: Attributes, entry?: FileHandle) => {
    const node = files.stat(USER, target);
    if (attrs.uid !== undefined && attrs.uid !== (UIDS[node.owner] ?? -1)) throw new FsError('EACCES', target);
    if (attrs.size !== undefined) {
      if (node.kind === 'directory') throw new FsError('EISDIR', target);
      const file = files.openForWrite(USER, target, { create: false });
      const data = entry ? current(entry) : fileBytes(file);
      const resized = Buffer.alloc(attrs.size);
      data.copy(resized, 0, 0, Math.min(data.length, attrs.size));
      if (entry) {
        entry.data = resized;
        entry.dirty = true;
        flush(entry);
      } else files.setContent(file, resized);
    }
    if (attrs.mode !== undefined) files.chmod(USER, target, attrs.mode & 0o7777);
  };

  sftp.on('REALPATH', (id, p) =>
    run(id, () => {
      const resolved = path(p);
      sftp.name(id, [{ filename: resolved, longname: resolved, attrs: {} as Attributes }]);
    }),
  );
  const statRequest = (id: number, p: string) => run(id, () => sftp.attrs(id, attributes(files.stat(USER, path(p)))));
  sftp.on('STAT', statRequest);
  sftp.on('LSTAT', statRequest);

  sftp.on('OPEN', (id, filename, flags, attrs) =>
    run(id, () => {
      const target = path(filename);
      const readable = (flags & OPEN_MODE.READ) !== 0;
      const writable = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
      let file: FileRecord;
      if (writable) {
        file = files.openForWrite(USER, target, {
          create: (flags & OPEN_MODE.CREAT) !== 0,
          exclusive: (flags & OPEN_MODE.EXCL) !== 0,
          mode: attrs?.mode ?? 0o644,
        });
        if (readable) files.read(USER, target);
        if (flags & OPEN_MODE.TRUNC && file.content !== '') files.setContent(file, '');
      } else {
        files.read(USER, target);
        file = files.stat(USER, target).file as FileRecord;
      }
      const data = fileBytes(file);
      sftp.handle(
        id,
        newHandle({
          kind: 'file',
          file,
          path: target,
          readable,
          writable,
          append: (flags & OPEN_MODE.APPEND) !== 0,
          data,
          loadedFrom: file.content,
          dirty: false,
        }),
      );
    }),
  );

  sftp.on('READ', (id, handle, offset, length) =>
    run(id, () => {
      const entry = fileHandle(handle);
      if (!entry?.readable)
        return void sftp.status(id, STATUS_CODE.FAILURE, entry ? 'Permission denied' : 'Invalid handle');
      const data = current(entry);
      if (offset >= data.length) return void sftp.status(id, STATUS_CODE.EOF);
      sftp.data(id, data.subarray(offset, Math.min(data.length, offset + length)));
    }),
  );

  sftp.on('WRITE', (id, handle, offset, chunk) =>
    run(id, () => {
      const entry = fileHandle(handle);
      if (!entry?.writable)
        return void sftp.status(id, STATUS_CODE.FAILURE, entry ? 'Permission denied' : 'Invalid handle');
      const data = current(entry);
      const at = entry.append ? data.length : offset;
      const end = at + chunk.length;
      const target = end > data.length ? Buffer.concat([data, Buffer.alloc(end - data.length)]) : data;
      chunk.copy(target, at);
      entry.data = target;
      entry.dirty = true;
      ok(id);
    }),
  );

  sftp.on('FSTAT', (id, handle) =>
    run(id, () => {
      const entry = fileHandle(handle);
      if (!entry) return void sftp.status(id, STATUS_CODE.FAILURE, 'Invalid handle');
      const node = files.lookup(pathOf(entry));
      const size = current(entry).length;
      sftp.attrs(
        id,
        node
          ? { ...attributes(node), size }
          : {
              mode: 0o100000 | entry.file.mode,
              uid: UIDS[entry.file.owner] ?? 1000,
              gid: UIDS[entry.file.owner] ?? 1000,
              size,
              atime: 0,
              mtime: 0,
            },
      );
    }),
  );

  sftp.on('FSETSTAT', (id, handle, attrs) =>
    run(id, () => {
      const entry = fileHandle(handle);
      if (!entry) return void sftp.status(id, STATUS_CODE.FAILURE, 'Invalid handle');
      setAttributes(pathOf(entry), attrs, entry);
      ok(id);
    }),
  );
  sftp.on('SETSTAT', (id, p, attrs) =>
    run(id, () => {
      setAttributes(path(p), attrs);
      ok(id);
    }),
  );

  sftp.on('CLOSE', (id, handle) =>
    run(id, () => {
      const key = handle.toString('hex');
      const entry = handles.get(key);
      if (!entry) return void sftp.status(id, STATUS_CODE.FAILURE, 'Invalid handle');
      handles.delete(key);
      if (entry.kind === 'file') flush(entry);
      ok(id);
    }),
  );

  sftp.on('OPENDIR', (id, p) =>
    run(id, () => {
      const target = path(p);
      files.readDirectory(USER, target);
      sftp.handle(id, newHandle({ kind: 'directory', path: target, done: false }));
    }),
  );
  sftp.on('READDIR', (id, handle) =>
    run(id, () => {
      const entry = handles.get(handle.toString('hex'));
      if (entry?.kind !== 'directory') return void sftp.status(id, STATUS_CODE.FAILURE, 'Invalid handle');
      if (entry.done) return void sftp.status(id, STATUS_CODE.EOF);
      entry.done = true;
      const self = files.stat(USER, entry.path);
      const parent = files.stat(USER, resolvePath(entry.path, '..'));
      const listed: FileEntry[] = [
        { filename: '.', longname: longName(self, '.'), attrs: attributes(self) },
        { filename: '..', longname: longName(parent, '..'), attrs: attributes(parent) },
        ...files.readDirectory(USER, entry.path).map((node) => {
          const name = node.path.slice(node.path.lastIndexOf('/') + 1);
          return { filename: name, longname: longName(node, name), attrs: attributes(node) };
        }),
      ];
      sftp.name(id, listed);
    }),
  );

  sftp.on('REMOVE', (id, p) =>
    run(id, () => {
      files.remove(USER, path(p));
      ok(id);
    }),
  );
  sftp.on('MKDIR', (id, p, attrs) =>
    run(id, () => {
      files.makeDirectory(USER, path(p), attrs?.mode ?? 0o777);
      ok(id);
    }),
  );
  sftp.on('RMDIR', (id, p) =>
    run(id, () => {
      files.removeDirectory(USER, path(p));
      ok(id);
    }),
  );
  // Plain SFTP rename, as OpenSSH's sftp-server does it: an existing target is refused.
  sftp.on('RENAME', (id, from, to) =>
    run(id, () => {
      files.rename(USER, path(from), path(to), { noReplace: true });
      ok(id);
    }),
  );

  sftp.on('EXTENDED', (id, name, data) =>
    run(id, () => {
      const args = readStrings(data);
      if (name === 'posix-rename@openssh.com') {
        files.rename(USER, path(args[0]?.toString('utf8') ?? ''), path(args[1]?.toString('utf8') ?? ''));
        return ok(id);
      }
      if (name === 'fsync@openssh.com') {
        const entry = fileHandle(args[0] ?? Buffer.alloc(0));
        if (!entry) return sftp.status(id, STATUS_CODE.FAILURE, 'Invalid handle');
        flush(entry);
        return ok(id);
      }
      sftp.status(id, STATUS_CODE.OP_UNSUPPORTED);
    }),
  );

  // A session cut off: what its open handles wrote still lands, as the kernel keeps written pages.
  const flushAll = () => {
    for (const entry of handles.values()) if (entry.kind === 'file') flush(entry);
    handles.clear();
  };
  sftp.on('close', flushAll);
  // The client closed its side (sftp -b and scp at the end of their work): sftp-server exits on EOF,
  // and sshd reports its status and closes the channel; without that the client waits forever.
  sftp.on('end', () => {
    flushAll();
    const channel = sftp as unknown as {
      outgoing: { id: number; state: string };
      _protocol: { exitStatus(id: number, status: number): void; channelEOF(id: number): void };
    };
    if (channel.outgoing.state === 'open') {
      channel._protocol.exitStatus(channel.outgoing.id, 0);
      channel._protocol.channelEOF(channel.outgoing.id);
      channel.outgoing.state = 'eof';
    }
    sftp.end();
  });
}
