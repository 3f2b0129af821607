// The terminal a CLI command talks to: its streams and environment (CliIo, replaceable in tests), the yes/no
// prompt, and the stop signals (Ctrl+C for `run` and `cleanup`, SIGINT/SIGTERM for `practice serve`).
import { setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
  /** `practice serve` runs until this settles; by default until SIGINT or SIGTERM. */
  readonly untilStopped?: Promise<unknown>;
  /**
   * Asks a yes/no question (`run` and `cleanup` without --yes). Default: a prompt when stdin is a terminal;
   * undefined answers "not a terminal" and the command asks for --yes instead.
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /**
   * Asks for a secret, not echoed (2.2's and 2.6's database password when SCALE_OUT_LAB_DB_PASSWORD is not set).
   * Default: a prompt when stdin is a terminal; undefined when not (the step then says how to give it).
   */
  readonly askSecret?: (question: string) => Promise<string>;
  /** `run` and `cleanup` stop when this aborts; default: on the first SIGINT. */
  readonly signal?: AbortSignal;
}

/** One command: the arguments after its name; the usage its --help prints; the exit code. */
export type CliCommand = (args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, usage: string) => Promise<number>;

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

async function terminalConfirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|はい)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** A line read from the terminal with what is typed not shown (the question is). */
async function terminalSecret(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = true;
    const typed = await answer;
    process.stderr.write('\n');
    return typed;
  } finally {
    rl.close();
  }
}

/** How to ask for a secret: the io's own way, else an unechoed prompt when stdin is a terminal; else undefined. */
export function secretAsker(io: CliIo): ((question: string) => Promise<string>) | undefined {
  return io.askSecret ?? (process.stdin.isTTY ? terminalSecret : undefined);
}

/** How to ask yes/no: the io's own way, else a prompt when stdin is a terminal; undefined when neither. */
export function confirmer(io: CliIo): ((question: string) => Promise<boolean>) | undefined {
  return io.confirm ?? (process.stdin.isTTY ? terminalConfirm : undefined);
}

/**
 * The signal a long command (`run`, `cleanup`) stops on: io.signal's abort, else the first SIGINT. `listeners`
 * bounds what may hang on it at once (0: no bound). Call release() when the command ends.
 */
export function interruptSignal(io: CliIo, listeners: number): { signal: AbortSignal; release: () => void } {
  const stop = new AbortController();
  setMaxListeners(listeners, stop.signal);
  const onSigint = () => stop.abort(new Error('interrupted'));
  if (!io.signal) process.once('SIGINT', onSigint);
  io.signal?.addEventListener('abort', () => stop.abort(io.signal?.reason), { once: true });
  return { signal: stop.signal, release: () => process.off('SIGINT', onSigint) };
}

/** Resolves on the first SIGINT or SIGTERM, and stops listening for them. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
