// What cloud-init's run of seed 004's commands does to the instance's files: `wget URL -P DIR` (the practice
// internet answers only WordPress's archives; anything else downloads nothing, as a failed wget), `tar zxvf ARCHIVE
// -C DIR` (a real .tar.gz, archive.ts), `cp -r SRC... DEST` with a last-part glob (`/tmp/wordpress/*`) and
// `chown -R OWNER[:GROUP] PATH`. Commands run as root; files are the instance's records (path -> content).
import type { FileRecord } from '../../core/records';
import { fileBytes, storeBytes } from '../fileContent';
import { HTTPD_BINARY } from '../httpd';
import { WEB_ROOT } from '../../seed/webServerPage';
import { unpackTar } from './archive';
import { archiveAt } from './files';

type Files = Record<string, FileRecord>;

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir.replace(/\/+$/, '')}/${name}`);
const absolute = (path: string) => (path.startsWith('/') ? path : `/${path}`); // cloud-init runs scripts from /

function write(files: Files, path: string, data: Buffer, mode = 0o644, owner = 'root'): void {
  const file: FileRecord = { content: '', owner, mode };
  storeBytes(file, data);
  files[path] = file;
}

const isDirectory = (files: Files, path: string) =>
  !(path in files) && Object.keys(files).some((p) => p.startsWith(`${path.replace(/\/+$/, '')}/`));

/** `wget [-P DIR | --directory-prefix=DIR] [-O FILE] URL`. */
export function downloadTo(files: Files, args: readonly string[]): void {
  let dir = '/';
  let output: string | undefined;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-P' || a === '-O') {
      const value = args[++i] ?? '';
      if (a === '-P') dir = value;
      else output = value;
    } else if (a.startsWith('--directory-prefix=')) dir = a.slice('--directory-prefix='.length);
    else if (a.startsWith('--output-document=')) output = a.slice('--output-document='.length);
    else if (!a.startsWith('-')) urls.push(a);
  }
  for (const url of urls) {
    const found = archiveAt(url);
    if (found) write(files, absolute(output ?? join(dir, found.name)), found.bytes);
  }
}

/** `tar zxvf ARCHIVE [-C DIR]`, `tar -xzf ARCHIVE`, `tar xf ARCHIVE --directory=DIR`: extraction only. */
export function extractArchive(files: Files, args: readonly string[]): void {
  let extract = false;
  let archive: string | undefined;
  let dir = '/';
  const rest = [...args];
  const takeValue = () => rest.shift() ?? '';
  for (let first = true; rest.length; first = false) {
    const a = rest.shift() ?? '';
    if (a === '-C') dir = takeValue();
    else if (a.startsWith('--directory=')) dir = a.slice('--directory='.length);
    else if (a === '--file') archive = takeValue();
    else if (a.startsWith('--file=')) archive = a.slice('--file='.length);
    else if (a === '--extract' || a === '--get') extract = true;
    else if ((first && /^[A-Za-z]+$/.test(a)) || /^-[A-Za-z]+$/.test(a)) {
      const letters = a.replace(/^-/, '');
      if (letters.includes('x')) extract = true;
      if (letters.includes('f'))
        archive = letters.endsWith('f') ? takeValue() : letters.slice(letters.indexOf('f') + 1);
    }
  }
  if (!extract || !archive) return;
  const source = files[absolute(archive)];
  const entries = source ? unpackTar(fileBytes(source)) : undefined;
  for (const entry of entries ?? []) {
    if (entry.kind === 'file' && entry.data)
      write(files, join(absolute(dir), entry.path), entry.data, entry.mode, entry.owner);
  }
}

/** A path whose last part has `*` or `?`: the names there that match (not dot files), sorted; else the path. */
function expandGlob(files: Files, path: string): string[] {
  const name = baseName(path);
  if (!/[*?]/.test(name)) return [path];
  const dir = parentOf(path);
  const pattern = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>();
  for (const p of Object.keys(files)) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0] ?? '');
  const matched = [...names].filter((n) => n && !n.startsWith('.') && pattern.test(n)).sort();
  return matched.length ? matched.map((n) => join(dir, n)) : [path]; // bash leaves an unmatched glob as typed
}

/** `cp [-r] SRC... DEST`: into DEST when it is a directory (or there are several sources), else as DEST. */
export function copyTree(files: Files, operands: readonly string[], recursive: boolean): void {
  if (operands.length < 2) return;
  const typed = operands[operands.length - 1] ?? '';
  const dest = absolute(typed).replace(/(.)\/+$/, '$1');
  const sources = operands.slice(0, -1).flatMap((o) => expandGlob(files, absolute(o)));
  // The web root is a directory once httpd is installed (instanceFiles.ts derives it), though no file is there yet.
  const webRoot = dest === WEB_ROOT && HTTPD_BINARY in files;
  const into = sources.length > 1 || typed.endsWith('/') || webRoot || isDirectory(files, dest);
  for (const source of sources) {
    const target = into ? join(dest, baseName(source)) : dest;
    const file = files[source];
    if (file) {
      write(files, target, fileBytes(file), file.mode);
      continue;
    }
    if (!recursive) continue; // cp: -r not specified; omitting directory
    const prefix = `${source}/`;
    for (const [path, f] of Object.entries(files))
      if (path.startsWith(prefix)) write(files, target + path.slice(source.length), fileBytes(f), f.mode);
  }
}

/** `chown -R OWNER PATH...`: the path and everything under it. */
export function ownTree(files: Files, owner: string, paths: readonly string[]): void {
  if (!owner) return;
  for (const path of paths.map((p) => absolute(p).replace(/(.)\/+$/, '$1'))) {
    for (const [p, file] of Object.entries(files)) if (p === path || p.startsWith(`${path}/`)) file.owner = owner;
  }
}
