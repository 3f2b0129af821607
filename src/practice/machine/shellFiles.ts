// The practice shell's file commands: ls, cp, mv, rm, stat, chmod and chown, over the instance's files with
// coreutils' messages and exit statuses.
import { FsError, UIDS, baseName, modeString, resolvePath, typeBits, type Node } from './instanceFiles';
import { longName } from './sftpServer';
import { hasFlag, reason, splitOptions, type Command, type Context, type ShellState } from './shellCommon';

function parseMode(spec: string, current: number): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([+=-])([rwxXst]*)$/.exec(clause);
    if (!match) return undefined;
    const who = match[1] || 'a';
    let bits = 0;
    for (const p of match[3] ?? '') bits |= { r: 0o444, w: 0o222, x: 0o111, X: 0o111, s: 0o6000, t: 0o1000 }[p] ?? 0;
    let mask = 0;
    if (/[ua]/.test(who)) mask |= 0o4700;
    if (/[ga]/.test(who)) mask |= 0o2070;
    if (/[oa]/.test(who)) mask |= 0o1007;
    bits &= mask;
    if (match[2] === '+') mode |= bits;
    else if (match[2] === '-') mode &= ~bits;
    else mode = (mode & ~mask) | bits;
  }
  return mode;
}

/** `stat -c` formats. */
function statFormat(format: string, node: Node, shown: string): string {
  const uid = UIDS[node.owner] ?? 1000;
  const time = node.modified;
  return format.replace(/%(.)/g, (all, c: string) => {
    switch (c) {
      case 'a':
        return node.mode.toString(8);
      case 'A':
        return modeString(node);
      case 'f':
        return (typeBits(node) | node.mode).toString(16);
      case 'F':
        return node.kind === 'directory' ? 'directory' : node.size === 0 ? 'regular empty file' : 'regular file';
      case 'U':
      case 'G':
        return node.owner;
      case 'u':
      case 'g':
        return String(uid);
      case 's':
        return String(node.size);
      case 'n':
        return shown;
      case 'Y':
        return String(Math.floor(time.getTime() / 1000));
      case 'y':
        return `${time.toISOString().replace('T', ' ').replace('Z', '000000')} +0000`;
      case '%':
        return '%';
      default:
        return all;
    }
  });
}

export const FILE_COMMANDS: Record<string, Command> = {
  ls: (shell, { user, args, out }) => {
    const { options, operands } = splitOptions(args);
    const long = hasFlag(options, 'l');
    const all = hasFlag(options, 'a') || hasFlag(options, 'all');
    const files = shell.host.files;
    let status = 0;
    const names = operands.length ? operands : ['.'];
    names.forEach((name, n) => {
      const path = resolvePath(shell.cwd, name);
      try {
        const node = files.stat(user, path);
        if (node.kind === 'file') return out.stdout(long ? `${longName(node, name)}\n` : `${name}\n`);
        let entries: Node[];
        try {
          entries = files.readDirectory(user, path);
        } catch (error) {
          out.stderr(`ls: cannot open directory '${name}': ${reason(error)}\n`);
          status = 2;
          return;
        }
        if (!all) entries = entries.filter((e) => !baseName(e.path).startsWith('.'));
        if (names.length > 1) out.stdout(`${n > 0 ? '\n' : ''}${name}:\n`);
        if (long) {
          out.stdout(`total ${entries.reduce((sum, e) => sum + Math.ceil(e.size / 4096) * 4, 0)}\n`);
          for (const entry of entries) out.stdout(`${longName(entry, baseName(entry.path))}\n`);
        } else if (entries.length) out.stdout(`${entries.map((e) => baseName(e.path)).join('  ')}\n`);
      } catch (error) {
        out.stderr(`ls: cannot access '${name}': ${reason(error)}\n`);
        status = 2;
      }
    });
    return status;
  },
  cp: (shell, { user, args, out }) => {
    const { operands } = splitOptions(args);
    const files = shell.host.files;
    if (operands.length !== 2) return (out.stderr(`cp: missing file operand\n`), 1);
    const [from = '', to = ''] = operands;
    const source = resolvePath(shell.cwd, from);
    let target = resolvePath(shell.cwd, to);
    let content: Buffer;
    let mode: number;
    try {
      const node = files.stat(user, source);
      if (node.kind === 'directory') return (out.stderr(`cp: -r not specified; omitting directory '${from}'\n`), 1);
      mode = node.mode;
      try {
        content = files.read(user, source);
      } catch (error) {
        return (out.stderr(`cp: cannot open '${from}' for reading: ${reason(error)}\n`), 1);
      }
    } catch (error) {
      return (out.stderr(`cp: cannot stat '${from}': ${reason(error)}\n`), 1);
    }
    if (files.lookup(target)?.kind === 'directory') target = `${target === '/' ? '' : target}/${baseName(source)}`;
    try {
      const file = files.openForWrite(user, target, { create: true, mode });
      files.setContent(file, content);
      return 0;
    } catch (error) {
      out.stderr(`cp: cannot create regular file '${to}': ${reason(error)}\n`);
      return 1;
    }
  },
  mv: (shell, { user, args, out }) => {
    const { operands } = splitOptions(args);
    if (operands.length !== 2) return (out.stderr(`mv: missing file operand\n`), 1);
    const [from = '', to = ''] = operands;
    const files = shell.host.files;
    const source = resolvePath(shell.cwd, from);
    let target = resolvePath(shell.cwd, to);
    try {
      files.stat(user, source);
    } catch (error) {
      return (out.stderr(`mv: cannot stat '${from}': ${reason(error)}\n`), 1);
    }
    if (files.lookup(target)?.kind === 'directory') target = `${target === '/' ? '' : target}/${baseName(source)}`;
    try {
      files.rename(user, source, target);
      return 0;
    } catch (error) {
      out.stderr(`mv: cannot move '${from}' to '${to}': ${reason(error)}\n`);
      return 1;
    }
  },
  rm: (shell, { user, args, out }) => {
    const { options, operands } = splitOptions(args);
    const force = hasFlag(options, 'f') || hasFlag(options, 'force');
    if (operands.length === 0 && !force) return (out.stderr(`rm: missing operand\n`), 1);
    let status = 0;
    for (const name of operands) {
      try {
        shell.host.files.remove(user, resolvePath(shell.cwd, name));
      } catch (error) {
        if (force && error instanceof FsError && error.code === 'ENOENT') continue;
        const why = error instanceof FsError && error.code === 'EISDIR' ? 'Is a directory' : reason(error);
        out.stderr(`rm: cannot remove '${name}': ${why}\n`);
        status = 1;
      }
    }
    return status;
  },
  chmod: (shell, context) => metaCommand(shell, context, 'chmod'),
  chown: (shell, context) => metaCommand(shell, context, 'chown'),
  stat: (shell, { user, args, out }) => {
    let format: string | undefined;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      if (arg === '-c' || arg === '--format') format = args[++i];
      else if (arg.startsWith('--format=')) format = arg.slice(9);
      else if (arg.startsWith('-c') && arg.length > 2) format = arg.slice(2);
      else if (arg !== '--') operands.push(arg);
    }
    if (operands.length === 0) return (out.stderr(`stat: missing operand\n`), 1);
    let status = 0;
    for (const name of operands) {
      try {
        const node = shell.host.files.stat(user, resolvePath(shell.cwd, name));
        out.stdout(
          format !== undefined
            ? `${statFormat(format, node, name)}\n`
            : statFormat(
                `  File: %n\n  Size: %s\t\tBlocks: 8          IO Block: 4096   %F\nAccess: (0%a/%A)  Uid: ( %u/ %U)   Gid: ( %g/ %G)\nModify: %y\n`,
                node,
                name,
              ),
        );
      } catch (error) {
        out.stderr(`stat: cannot statx '${name}': ${reason(error)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

/** chmod and chown, with `--reference=FILE` or a mode/owner operand. */
function metaCommand(shell: ShellState, { user, args, out }: Context, name: 'chmod' | 'chown'): number {
  const files = shell.host.files;
  const { options, operands } = splitOptions(args);
  const reference = options.find((o) => o.startsWith('--reference='))?.slice('--reference='.length);
  let spec: string | undefined;
  let names = operands;
  if (reference !== undefined) {
    try {
      const node = files.stat(user, resolvePath(shell.cwd, reference));
      spec = name === 'chmod' ? node.mode.toString(8) : node.owner;
    } catch (error) {
      return (out.stderr(`${name}: failed to get attributes of '${reference}': ${reason(error)}\n`), 1);
    }
  } else {
    spec = operands[0];
    names = operands.slice(1);
  }
  if (spec === undefined || names.length === 0) return (out.stderr(`${name}: missing operand\n`), 1);
  let status = 0;
  for (const file of names) {
    const path = resolvePath(shell.cwd, file);
    try {
      if (name === 'chmod') {
        const mode = parseMode(spec, files.stat(user, path).mode);
        if (mode === undefined) return (out.stderr(`chmod: invalid mode: '${spec}'\n`), 1);
        files.chmod(user, path, mode);
      } else {
        const owner = spec.split(/[:.]/)[0] || files.stat(user, path).owner;
        if (!(owner in UIDS)) return (out.stderr(`chown: invalid user: '${spec}'\n`), 1);
        files.chown(user, path, owner);
      }
    } catch (error) {
      const what = name === 'chmod' ? 'changing permissions of' : 'changing ownership of';
      const why =
        error instanceof FsError && error.code === 'EACCES' && files.lookup(path)
          ? 'Operation not permitted'
          : undefined;
      out.stderr(why ? `${name}: ${what} '${file}': ${why}\n` : `${name}: cannot access '${file}': ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
}
