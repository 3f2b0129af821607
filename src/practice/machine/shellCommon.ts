// What the practice shell's commands share: their output, the instance they run on, their arguments, and
// coreutils' wording of errors.
import { FsError, type InstanceFiles, type User } from './instanceFiles';

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

/** The shell as its commands see it (`cd` changes the working directory). */
export interface ShellState {
  cwd: string;
  readonly host: ShellHost;
}

/** The terminal's keyboard while a command runs (mysql's password prompt and monitor); absent without a pty. */
export interface ShellInput {
  /** The next line typed, echoed unless `echo` is false; null at the end of input (Ctrl-D, Ctrl-C, the session closing). */
  readLine(echo: boolean): Promise<string | null>;
}

export interface Context {
  user: User;
  args: string[];
  out: ShellOutput;
  signal: AbortSignal;
  input?: ShellInput;
  /** Started with `&`: the job's text as `jobs` shows it (only the commands of BACKGROUND_COMMANDS). */
  background?: { text: string };
  /** Its output goes to a file (or /dev/null), not the terminal. */
  redirected?: boolean;
}

export type Command = (shell: ShellState, context: Context) => number | Promise<number>;

/** What coreutils prints after the path for an errno. */
export function reason(error: unknown): string {
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

/** Options before `--` or the first operand; `--` ends them. */
export function splitOptions(args: string[]): { options: string[]; operands: string[] } {
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

export const hasFlag = (options: string[], flag: string) =>
  options.some((o) => (o.startsWith('--') ? o === `--${flag}` : flag.length === 1 && o.slice(1).includes(flag)));
