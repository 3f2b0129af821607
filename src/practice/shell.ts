// The practice instance's shell: a small bash for ec2-user over the instance's files. It runs command
// lines with `;`, `&&`, `||`, single and double quotes, `>`/`>>`, `~`, and the commands a student and the
// editor's sudo save need (see COMMANDS), with coreutils' wording of errors and their exit statuses.
// `sudo` is passwordless for ec2-user, as on Amazon Linux. `tail -f` follows the file through the
// world's change events until the command is interrupted.
import {
  FsError,
  HOME,
  InstanceFiles,
  UIDS,
  baseName,
  modeString,
  resolvePath,
  typeBits,
  type Node,
  type User,
} from './instanceFiles';
import { longName } from './sftpServer';

export interface ShellOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ShellHost {
  files: InstanceFiles;
  /** `ip-172-31-36-12.ap-northeast-1.compute.internal` */
  hostname: string;
  /** Subscribes to the world's changes (tail -f); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

type Token = { kind: 'word'; text: string } | { kind: 'op'; text: ';' | '&&' | '||' | '|' | '>' | '>>' | '<' };

export class ShellSyntaxError extends Error {}

/** Splits a command line into words (quotes removed, `~` expanded) and operators. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word: string | undefined;
  const flush = () => {
    if (word !== undefined) tokens.push({ kind: 'word', text: word });
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === '#' && word === undefined) break;
    if (/\s/.test(c)) {
      flush();
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) j++;
        text += line[j];
      }
      if (j >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (c === '~' && word === undefined && /^(\/|\s|$)/.test(line.slice(i + 1, i + 2))) {
      word = HOME;
    } else if (c === ';' || c === '&' || c === '|' || c === '>' || c === '<') {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === '>>') {
        tokens.push({ kind: 'op', text: two });
        i++;
      } else if (c === '&') {
        throw new ShellSyntaxError('background jobs (&) are not supported here');
      } else tokens.push({ kind: 'op', text: c });
    } else {
      word = (word ?? '') + c;
    }
  }
  flush();
  return tokens;
}

interface Simple {
  words: string[];
  redirect?: { append: boolean; path: string };
}

interface Step {
  command: Simple;
  /** How this step joins the previous one. */
  after: ';' | '&&' | '||';
}

function parse(line: string): Step[] {
  const steps: Step[] = [];
  let current: Simple = { words: [] };
  let after: Step['after'] = ';';
  const tokens = tokenize(line);
  const end = (next: Step['after'], op: string) => {
    if (current.words.length === 0) {
      if (op === ';' && !current.redirect) return void (after = next);
      throw new ShellSyntaxError(`syntax error near unexpected token \`${op}'`);
    }
    steps.push({ command: current, after });
    current = { words: [] };
    after = next;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'word') current.words.push(token.text);
    else if (token.text === '>' || token.text === '>>') {
      const target = tokens[i + 1];
      if (target?.kind !== 'word')
        throw new ShellSyntaxError(`syntax error near unexpected token \`${target?.text ?? 'newline'}'`);
      current.redirect = { append: token.text === '>>', path: target.text };
      i++;
    } else if (token.text === '|' || token.text === '<')
      throw new ShellSyntaxError(`${token.text === '|' ? 'pipes' : 'input redirection'} are not supported here`);
    else end(token.text, token.text);
  }
  if (current.words.length) steps.push({ command: current, after });
  else if (after !== ';') throw new ShellSyntaxError('syntax error: unexpected end of file');
  return steps;
}

/** What coreutils prints after the path for an errno. */
function reason(error: unknown): string {
  if (!(error instanceof FsError)) throw error;
  return {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EEXIST: 'File exists',
    ENOTDIR: 'Not a directory',
    EISDIR: 'Is a directory',
    ENOTEMPTY: 'Directory not empty',
    EINVAL: 'Invalid argument',
  }[error.code];
}

interface Context {
  user: User;
  args: string[];
  out: ShellOutput;
  signal: AbortSignal;
}

type Command = (shell: Shell, context: Context) => number | Promise<number>;

/** Options before `--` or the first operand; `--` ends them. */
function splitOptions(args: string[]): { options: string[]; operands: string[] } {
  const options: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    options.push(arg);
  }
  return { options, operands: args.slice(i) };
}

const hasFlag = (options: string[], flag: string) =>
  options.some((o) => (o.startsWith('--') ? o === `--${flag}` : flag.length === 1 && o.slice(1).includes(flag)));

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

function lastLines(text: string, count: number): string {
  if (count <= 0 || text === '') return '';
  const lines = text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  const kept = lines.slice(-count).join('\n');
  return trailing ? `${kept}\n` : kept;
}

const COMMANDS: Record<string, Command> = {
  true: () => 0,
  false: () => 1,
  pwd: (shell, { out }) => (out.stdout(`${shell.cwd}\n`), 0),
  whoami: (_shell, { user, out }) => (out.stdout(`${user}\n`), 0),
  hostname: (shell, { out }) => (out.stdout(`${shell.host.hostname}\n`), 0),
  clear: (_shell, { out }) => (out.stdout('\x1b[H\x1b[2J\x1b[3J'), 0),
  id: (_shell, { user, out }) => {
    out.stdout(
      user === 'root'
        ? 'uid=0(root) gid=0(root) groups=0(root)\n'
        : 'uid=1000(ec2-user) gid=1000(ec2-user) groups=1000(ec2-user),4(adm),10(wheel),190(systemd-journal)\n',
    );
    return 0;
  },
  echo: (_shell, { args, out }) => {
    const newline = args[0] !== '-n';
    out.stdout(args.slice(newline ? 0 : 1).join(' ') + (newline ? '\n' : ''));
    return 0;
  },
  cd: (shell, { user, args, out }) => {
    const target = resolvePath(shell.cwd, args[0] ?? HOME);
    try {
      const node = shell.host.files.stat(user, target);
      if (node.kind !== 'directory') throw new FsError('ENOTDIR', target);
      if (!shell.host.files.allowed(user, node, 'x')) throw new FsError('EACCES', target);
      shell.cwd = target;
      return 0;
    } catch (error) {
      out.stderr(`bash: cd: ${args[0] ?? HOME}: ${reason(error)}\n`);
      return 1;
    }
  },
  cat: (shell, { user, args, out }) => {
    let status = 0;
    for (const name of splitOptions(args).operands) {
      try {
        out.stdout(shell.host.files.read(user, resolvePath(shell.cwd, name)).toString('utf8'));
      } catch (error) {
        out.stderr(`cat: ${name}: ${reason(error)}\n`);
        status = 1;
      }
    }
    return status;
  },
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
  tail: (shell, context) => tail(shell, context),
};

/** chmod and chown, with `--reference=FILE` or a mode/owner operand. */
function metaCommand(shell: Shell, { user, args, out }: Context, name: 'chmod' | 'chown'): number {
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

async function tail(shell: Shell, { user, args, out, signal }: Context): Promise<number> {
  let count = 10;
  let follow = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-f' || arg === '-F' || arg === '--follow') follow = true;
    else if (arg === '-n') count = Number(args[++i]);
    else if (/^-n\d+$/.test(arg)) count = Number(arg.slice(2));
    else if (/^-\d+$/.test(arg)) count = Number(arg.slice(1));
    else if (/^-[fF]n\d+$/.test(arg)) {
      follow = true;
      count = Number(arg.slice(3));
    } else if (arg !== '--') names.push(arg);
  }
  if (!Number.isInteger(count) || count < 0) return (out.stderr(`tail: invalid number of lines\n`), 1);
  const [name] = names;
  if (name === undefined) return 0;
  const path = resolvePath(shell.cwd, name);
  let seen: string;
  try {
    seen = shell.host.files.read(user, path).toString('utf8');
  } catch (error) {
    return (out.stderr(`tail: cannot open '${name}' for reading: ${reason(error)}\n`), 1);
  }
  out.stdout(lastLines(seen, count));
  if (!follow) return 0;
  await new Promise<void>((resolve) => {
    const check = () => {
      let now: string;
      try {
        now = shell.host.files.read(user, path).toString('utf8');
      } catch {
        return;
      }
      if (now === seen) return;
      if (now.startsWith(seen)) out.stdout(now.slice(seen.length));
      else {
        out.stderr(`tail: ${name}: file truncated\n`);
        out.stdout(now);
      }
      seen = now;
    };
    const stop = shell.host.onChange(check);
    const done = () => {
      stop();
      resolve();
    };
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
  return 130;
}

/** Output that a `>`/`>>` redirection sends to a file. */
function redirected(
  shell: Shell,
  user: User,
  redirect: NonNullable<Simple['redirect']>,
  out: ShellOutput,
): { output: ShellOutput; finish(): boolean } {
  let text = '';
  const finish = (): boolean => {
    try {
      shell.host.files.writeFile(user, resolvePath(shell.cwd, redirect.path), text, redirect.append);
      return true;
    } catch (error) {
      out.stderr(`bash: ${redirect.path}: ${reason(error)}\n`);
      return false;
    }
  };
  return { output: { stdout: (t) => void (text += t), stderr: (t) => out.stderr(t) }, finish };
}

export class Shell {
  cwd = HOME;
  /** Set by `exit`: the session ends with this status. */
  exitStatus: number | undefined;

  constructor(readonly host: ShellHost) {}

  /** Runs one command line; resolves with its exit status (the last command's, as bash). */
  async run(line: string, out: ShellOutput, signal: AbortSignal = new AbortController().signal): Promise<number> {
    let steps: Step[];
    try {
      steps = parse(line);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      out.stderr(`bash: ${error.message}\n`);
      return 2;
    }
    let status = 0;
    for (const step of steps) {
      if (signal.aborted) return 130;
      if ((step.after === '&&' && status !== 0) || (step.after === '||' && status === 0)) continue;
      status = await this.simple(step.command, out, signal);
      if (this.exitStatus !== undefined) return this.exitStatus;
    }
    return status;
  }

  private async simple(command: Simple, out: ShellOutput, signal: AbortSignal): Promise<number> {
    const words = [...command.words];
    let user: User = 'ec2-user';
    const target = command.redirect ? redirected(this, user, command.redirect, out) : undefined;
    const output = target?.output ?? out;
    if (words[0] === 'sudo') {
      words.shift();
      while (words[0]?.startsWith('-')) {
        const option = words.shift();
        if (option === '--') break;
        if (option !== '-n' && option !== '-E' && option !== '-H') {
          out.stderr(`sudo: the practice instance's sudo supports -n only (got ${option})\n`);
          return 1;
        }
      }
      if (words.length === 0) {
        out.stderr('usage: sudo [-n] command\n');
        return 1;
      }
      user = 'root';
      const program: string = words[0] ?? '';
      if (!Object.hasOwn(COMMANDS, program)) {
        out.stderr(`sudo: ${program}: command not found\n`);
        return 1;
      }
    }
    const [name = '', ...args] = words;
    if (name === 'exit') {
      this.exitStatus = args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) & 255 : 0;
      return this.exitStatus;
    }
    const run = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!run) {
      out.stderr(`bash: ${name}: command not found\n`);
      return 127;
    }
    const status = await run(this, { user, args, out: output, signal });
    if (target && !target.finish()) return 1;
    return status;
  }

  /** bash's `\W`: `~` at home, else the last part of the working directory. */
  promptDirectory(): string {
    return this.cwd === HOME ? '~' : this.cwd === '/' ? '/' : baseName(this.cwd);
  }

  prompt(): string {
    return `[ec2-user@${this.host.hostname.split('.')[0]} ${this.promptDirectory()}]$ `;
  }
}

/** The commands the practice shell knows (besides `sudo`, `exit`). */
export const SHELL_COMMANDS: readonly string[] = Object.keys(COMMANDS).sort();
