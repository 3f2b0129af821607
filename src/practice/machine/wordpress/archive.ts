// A gzipped tar (ustar) as `tar zcf` writes it and `tar zxf` reads it: the practice's latest-ja.tar.gz is a real
// archive, so wget saves bytes a student can `ls -l`, and tar in the user data extracts what the archive holds.
import { gunzipSync, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  /** Relative path inside the archive (`wordpress/index.php`); directories end without `/`. */
  path: string;
  kind: 'file' | 'directory';
  mode: number;
  owner: string;
  data?: Buffer;
}

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value.slice(0, length), offset, length, 'utf8');
}

const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;

function headerOf(entry: ArchiveEntry, mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  const size = entry.kind === 'file' ? (entry.data?.length ?? 0) : 0;
  field(header, 0, 100, entry.kind === 'directory' ? `${entry.path}/` : entry.path);
  field(header, 100, 8, octal(entry.mode & 0o7777, 8));
  field(header, 108, 8, octal(65534, 8));
  field(header, 116, 8, octal(65534, 8));
  field(header, 124, 12, octal(size, 12));
  field(header, 136, 12, octal(mtime, 12));
  field(header, 148, 8, '        ');
  field(header, 156, 1, entry.kind === 'directory' ? '5' : '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  field(header, 265, 32, entry.owner);
  field(header, 297, 32, entry.owner === 'nobody' ? 'nogroup' : entry.owner);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** The entries as a .tar.gz. */
export function packTarGz(entries: readonly ArchiveEntry[], mtime = 0): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    blocks.push(headerOf(entry, mtime));
    if (entry.kind === 'file' && entry.data?.length) {
      blocks.push(entry.data, Buffer.alloc((BLOCK - (entry.data.length % BLOCK)) % BLOCK));
    }
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(blocks));
}

const text = (block: Buffer, offset: number, length: number) =>
  block
    .subarray(offset, offset + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');

/** The entries of a tar, gzipped or not; undefined when the bytes are no archive (tar: "not in gzip format"). */
export function unpackTar(bytes: Buffer): ArchiveEntry[] | undefined {
  let tar: Buffer;
  try {
    tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  } catch {
    return undefined;
  }
  const entries: ArchiveEntry[] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return entries;
    if (text(header, 257, 5) !== 'ustar') return undefined;
    const prefix = text(header, 345, 155);
    const name = text(header, 0, 100);
    const path = (prefix ? `${prefix}/${name}` : name).replace(/\/+$/, '');
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = text(header, 156, 1);
    const mode = parseInt(text(header, 100, 8).trim() || '644', 8);
    const owner = text(header, 265, 32) || 'root';
    at += BLOCK;
    if (type === '5') entries.push({ path, kind: 'directory', mode, owner });
    else if (type === '0' || type === '')
      entries.push({ path, kind: 'file', mode, owner, data: tar.subarray(at, at + size) });
    at += Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
