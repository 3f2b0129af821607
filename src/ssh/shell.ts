// The session's command channels: one command without a pty (exec, also the sudo path of a save) and a login
// shell on a pty (the terminal). A drop mid-way is `disconnected`, not a plain channel error.
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { SshError } from './errors';
import type { ExecResult } from './remoteFile';
import { sshErrorFrom } from './sftp';

export interface ShellOptions {
  readonly cols?: number;
  readonly rows?: number;
  /** Default xterm-256color. */
  readonly term?: string;
}

export interface SshShell {
  /** The pty's bytes both ways (stderr is merged by the pty). */
  readonly stream: Duplex;
  setWindow(rows: number, cols: number): void;
  /** Resolves when the shell ends: its exit status, or the signal that ended it, or neither after a drop. */
  readonly exit: Promise<{ code?: number; signal?: string }>;
  close(): void;
}

/** What a channel needs of its session. */
export interface ChannelHost {
  readonly client: Client;
  readonly host: string;
  /** The connection dropped or was closed. */
  readonly ended: boolean;
  disconnected(cause?: unknown): SshError;
  /** Counts an open shell as activity; the returned function ends it. */
  hold(): () => void;
}

/** Runs one command (no pty); stdout and stderr as UTF-8. */
export function execChannel(on: ChannelHost, command: string, signal?: AbortSignal): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    on.client.exec(command, (err, channel) => {
      if (err) return reject(on.ended ? on.disconnected(err) : err);
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let code: number | null = null;
      let sig: string | undefined;
      const onAbort = () => channel.close();
      signal?.addEventListener('abort', onAbort, { once: true });
      channel.on('data', (d: Buffer) => out.push(d));
      channel.stderr.on('data', (d: Buffer) => errOut.push(d));
      channel.on('exit', (c: number | null, s?: string) => {
        code = c ?? null;
        if (s) sig = s;
      });
      channel.on('close', () => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return reject(signal.reason);
        if (code === null && sig === undefined && on.ended) return reject(on.disconnected());
        resolve({
          code,
          ...(sig ? { signal: sig } : {}),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(errOut).toString('utf8'),
        });
      });
    });
  });
}

/** A login shell on a pty; the session counts it as busy until it closes. */
export function shellChannel(on: ChannelHost, options: ShellOptions = {}): Promise<SshShell> {
  if (on.ended) return Promise.reject(on.disconnected());
  return new Promise((resolve, reject) => {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    on.client.shell(
      { term: options.term ?? 'xterm-256color', cols, rows, width: 0, height: 0 },
      (err, channel: ClientChannel) => {
        if (err) return reject(on.ended ? on.disconnected(err) : sshErrorFrom(err, '', 'shell', on.host));
        const release = on.hold();
        // Ends at the exit status, or at the channel's close when none comes (a drop); 'close' alone would wait
        // for a reader to drain the stream.
        const exit = new Promise<{ code?: number; signal?: string }>((done) => {
          let finished = false;
          const finish = (status: { code?: number; signal?: string }) => {
            if (finished) return;
            finished = true;
            release();
            done(status);
          };
          channel.on('exit', (code: number | null, signal?: string) =>
            finish({ ...(code !== null && code !== undefined ? { code } : {}), ...(signal ? { signal } : {}) }),
          );
          channel.on('close', () => finish({}));
        });
        resolve({
          stream: channel,
          setWindow: (r, c) => channel.setWindow(r, c, 0, 0),
          exit,
          close: () => channel.close(),
        });
      },
    );
  });
}
