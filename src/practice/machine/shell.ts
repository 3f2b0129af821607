// The practice instance's shell: a small bash for ec2-user over the instance's files. It runs command lines
// (shellSyntax.ts parses them: `;`, `&&`, `||`, newlines, quotes, `\`, `~`, `>`/`>>`; pipes, input and other
// redirections, here-documents and background jobs other than the CPU burners are refused) with the commands a student
// and the editor's sudo save need (shellSession.ts, shellFiles.ts, shellText.ts, shellNetwork.ts, shellDatabase.ts,
// shellLoad.ts: burners, jobs, kill, uptime, top), with coreutils' wording of errors and their exit
// statuses. `$VAR` and `$(...)` stay as typed. `sudo` is passwordless for ec2-user, as on Amazon Linux.
import { HOME, baseName, resolvePath, type User } from './instanceFiles';
import { reason, type Command, type ShellHost, type ShellInput, type ShellOutput } from './shellCommon';
import { DATABASE_COMMANDS } from './shellDatabase';
import { FILE_COMMANDS } from './shellFiles';
import { BACKGROUND_COMMANDS, LOAD_COMMANDS } from './shellLoad';
import { NETWORK_COMMANDS } from './shellNetwork';
import { SESSION_COMMANDS } from './shellSession';
import { parseScript, type ListItem } from './shellSyntax';
import { ShellSyntaxError, expandWord, type Expansions, type Word } from './shellWords';
import { TEXT_COMMANDS } from './shellText';

const COMMANDS: Record<string, Command> = {
  ...SESSION_COMMANDS,
  ...FILE_COMMANDS,
  ...TEXT_COMMANDS,
  ...NETWORK_COMMANDS,
  ...DATABASE_COMMANDS,
  ...LOAD_COMMANDS,
};

interface Simple {
  words: string[];
  redirect?: { append: boolean; path: string };
  /** Output to /dev/null: discarded. */
  discarded?: boolean;
  /** Sent to the background with `&`: the job's text. */
  background?: string;
}

interface Step {
  command: Simple;
  /** How this step joins the previous one. */
  after: ';' | '&&' | '||';
}

/** Only `~` expands; variables and command substitutions stay as typed. */
const AS_TYPED: Expansions = { variable: (_name, raw) => raw, command: (_script, raw) => raw, tilde: () => HOME };

const text = (word: Word) => expandWord(word, AS_TYPED);

/** A parsed line as this shell runs it; what it cannot run is refused as a syntax error, before anything runs. */
function steps(list: readonly ListItem[]): Step[] {
  return list.map((item) => {
    const [command] = item.commands;
    if (!command || item.commands.length > 1) throw new ShellSyntaxError('pipes are not supported here');
    const words = command.words.map(text);
    const program = words[0] === 'sudo' ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0];
    // Background jobs: the CPU burners only (shellLoad.ts), which is what a student sends there.
    if (item.background && !BACKGROUND_COMMANDS.has(program ?? ''))
      throw new ShellSyntaxError('background jobs (&) are not supported here');
    let redirect: Simple['redirect'];
    for (const r of command.redirections) {
      if (r.kind === 'hereDoc' || (r.kind === 'file' && r.op === '<'))
        throw new ShellSyntaxError('input redirection are not supported here');
      if (r.kind !== 'file' || r.fd !== 1)
        throw new ShellSyntaxError('redirections other than > and >> of the output are not supported here');
      redirect = { append: r.op === '>>', path: text(r.target) };
    }
    const discarded = redirect?.path === '/dev/null';
    const typed = [...words, ...(redirect ? [redirect.append ? '>>' : '>', redirect.path] : [])].join(' ');
    if (discarded) redirect = undefined;
    return {
      command: {
        words,
        ...(redirect ? { redirect } : {}),
        ...(discarded ? { discarded } : {}),
        ...(item.background ? { background: typed } : {}),
      },
      after: item.after,
    };
  });
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

  /** Runs a command line (or lines); resolves with its exit status (the last command's, as bash). */
  async run(
    line: string,
    out: ShellOutput,
    signal: AbortSignal = new AbortController().signal,
    input?: ShellInput,
  ): Promise<number> {
    const script = parseScript(line);
    let status = 0;
    for (const list of script.lists) {
      let planned: Step[];
      try {
        planned = steps(list);
      } catch (error) {
        return this.syntaxError(error, out);
      }
      for (const step of planned) {
        if (signal.aborted) return 130;
        if ((step.after === '&&' && status !== 0) || (step.after === '||' && status === 0)) continue;
        status = await this.simple(step.command, out, signal, input);
        if (this.exitStatus !== undefined) return this.exitStatus;
      }
    }
    return script.error ? this.syntaxError(script.error, out) : status;
  }

  private syntaxError(error: unknown, out: ShellOutput): number {
    if (!(error instanceof ShellSyntaxError)) throw error;
    out.stderr(`bash: ${error.message}\n`);
    return 2;
  }

  private async simple(command: Simple, out: ShellOutput, signal: AbortSignal, input?: ShellInput): Promise<number> {
    const words = [...command.words];
    let user: User = 'ec2-user';
    const target = command.redirect ? redirected(this, user, command.redirect, out) : undefined;
    const output = command.discarded
      ? { stdout: () => undefined, stderr: (t: string) => out.stderr(t) }
      : (target?.output ?? out);
    if (words.length === 0) return target && !target.finish() ? 1 : 0; // `> file` alone: an empty file
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
    const status = await run(this, {
      user,
      args,
      out: output,
      signal,
      ...(input ? { input } : {}),
      ...(command.background !== undefined ? { background: { text: command.background } } : {}),
      ...(command.redirect || command.discarded ? { redirected: true } : {}),
    });
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
