// A terminal on an instance: a Pseudoterminal whose login shell (with a pty, so nano and vim work) is opened
// lazily in open(), when VS Code knows the terminal's size; keystrokes go to the shell, resizes to its pty
// (vscode-sshfs's pseudoTerminal.ts). When the shell ends, its exit status is shown; a shell that ended with 0
// closes the terminal, anything else leaves it open until a key is pressed, so the student can read why.
import * as vscode from 'vscode';
import { formatErrorForLog } from '../errorBoundary';
import { sshProblemMessage } from '../../present/sshMessages';
import type { Translate } from '../../present/translate';
import { SshError } from '../../ssh/errors';
import type { ShellOptions, SshShell } from '../../ssh/shell';

/** Opens the shell (connecting first if need be); rejects with an SshError. */
export type OpenShell = (options: ShellOptions) => Promise<SshShell>;

/** What the terminal showed, kept for the host tests (the last 64 KiB). */
const TRANSCRIPT_LIMIT = 64 * 1024;

export class SshPseudoterminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;

  private shell: SshShell | undefined;
  private ended = false;
  /** After a non-zero exit or a failure: the next key closes the terminal with this code. */
  private closeOnKey: number | undefined;
  private transcriptText = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly openShell: OpenShell,
    private readonly t: Translate,
    private readonly log: vscode.LogOutputChannel,
    private readonly label: string,
  ) {}

  /** Everything written to the terminal so far (capped), as text. */
  get transcript(): string {
    return this.transcriptText;
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.write(`${this.t('Connecting to {0}…', this.label)}\r\n`);
    const size = initialDimensions ? { cols: initialDimensions.columns, rows: initialDimensions.rows } : {};
    this.openShell({ ...size, term: 'xterm-256color' }).then(
      (shell) => this.attach(shell),
      (error: unknown) => this.fail(error),
    );
  }

  handleInput(data: string): void {
    if (this.closeOnKey !== undefined) {
      this.finish(this.closeOnKey);
      return;
    }
    this.shell?.stream.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.shell?.setWindow(dimensions.rows, dimensions.columns);
  }

  /** The student closed the terminal: end the shell (the connection stays for the other users of it). */
  close(): void {
    this.ended = true;
    this.shell?.close();
    this.shell = undefined;
  }

  private attach(shell: SshShell): void {
    if (this.ended) {
      shell.close();
      return;
    }
    this.shell = shell;
    shell.stream.on('data', (chunk: Buffer) => this.write(this.decoder.decode(chunk, { stream: true })));
    // The channel's errors come with its close (the exit promise); an 'error' listener keeps them from throwing.
    shell.stream.on('error', (e: Error) => this.log.warn(`SSH terminal ${this.label}: ${e.message}`));
    void shell.exit.then((status) => this.exited(status));
  }

  private exited(status: { code?: number; signal?: string }): void {
    this.shell = undefined;
    if (this.ended) return;
    const rest = this.decoder.decode();
    if (rest) this.write(rest);
    const code = status.code ?? (status.signal ? 128 : 1);
    const what =
      status.code !== undefined
        ? this.t('exit status {0}', status.code)
        : status.signal
          ? this.t('ended by signal {0}', status.signal)
          : this.t('connection lost');
    this.write(`\r\n[${what}]\r\n`);
    if (code === 0) this.finish(0);
    else this.waitForKey(code);
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    const message =
      error instanceof SshError
        ? sshProblemMessage(error.problem, this.t)
        : this.t('Could not open the terminal: {0}', error instanceof Error ? error.message : String(error));
    this.log.error(`SSH terminal ${this.label}:\n${formatErrorForLog(error)}`);
    this.write(`\x1b[31m${message.replace(/\n/g, '\r\n')}\x1b[0m\r\n`);
    this.waitForKey(1);
  }

  private waitForKey(code: number): void {
    this.closeOnKey = code;
    this.write(`${this.t('Press any key to close the terminal.')}\r\n`);
  }

  private finish(code: number): void {
    this.ended = true;
    this.closeOnKey = undefined;
    this.closed.fire(code);
  }

  private write(text: string): void {
    this.transcriptText = (this.transcriptText + text).slice(-TRANSCRIPT_LIMIT);
    this.written.fire(text);
  }
}

/** Terminals opened by us, with their pseudoterminals (the host tests read the transcripts). */
const opened = new WeakMap<vscode.Terminal, SshPseudoterminal>();

export function openSshTerminal(
  name: string,
  label: string,
  openShell: OpenShell,
  t: Translate,
  log: vscode.LogOutputChannel,
): vscode.Terminal {
  const pty = new SshPseudoterminal(openShell, t, log, label);
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('remote') });
  opened.set(terminal, pty);
  terminal.show();
  return terminal;
}

export function terminalTranscript(terminal: vscode.Terminal): string | undefined {
  return opened.get(terminal)?.transcript;
}
