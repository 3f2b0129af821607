// An interactive shell channel. With a pty: bash's prompt, echo and line editing (printable text,
// backspace, Ctrl-U, Ctrl-C, Ctrl-D, Ctrl-L; arrow keys are ignored), \n written as \r\n, Ctrl-C
// interrupting a running command (tail -f); a running command may read lines (mysql's password and monitor). Without one (`ssh -T`): lines run as a script, no prompt.
import { StringDecoder } from 'node:string_decoder';
import type { ServerChannel } from 'ssh2';
import type { Shell } from './shell';
import type { ShellInput, ShellOutput } from './shellCommon';

export interface TerminalSize {
  cols: number;
  rows: number;
  term: string;
}

/** East Asian wide characters take two columns (backspace erases both). */
const isWide = (c: string) =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
    c,
  );

export function serveTerminal(shell: Shell, stream: ServerChannel, pty: TerminalSize | undefined): void {
  const open = () => stream.writable && !stream.destroyed;
  const write = (text: string) => {
    if (open()) stream.write(pty ? text.replace(/\r?\n/g, '\r\n') : text);
  };
  const out: ShellOutput = pty
    ? { stdout: write, stderr: write }
    : { stdout: write, stderr: (t) => open() && stream.stderr.write(t) };
  const decoder = new StringDecoder('utf8');
  let line = '';
  let running: AbortController | undefined;
  let lastStatus = 0;
  let escape: '' | 'esc' | 'csi' = '';
  const pending: string[] = [];
  // A running command reading a line (mysql's prompts): keys go to it, with its own echo and editing.
  let reader: { line: string; echo: boolean; done(text: string | null): void } | undefined;
  const readKey = (c: string) => {
    if (!reader) return;
    const r = reader;
    if (escape) {
      if (escape === 'esc') escape = c === '[' || c === 'O' ? 'csi' : '';
      else if (/[@-~]/.test(c)) escape = '';
      return;
    }
    if (c === '\x1b') return void (escape = 'esc');
    const finish = (text: string | null) => {
      reader = undefined;
      r.done(text);
    };
    if (c === '\r' || c === '\n') {
      write('\n');
      finish(r.line);
    } else if (c === '\x04') {
      if (r.line === '') finish(null);
    } else if (c === '\x7f' || c === '\b') {
      const chars = [...r.line];
      const last = chars.pop();
      if (last === undefined) return;
      r.line = chars.join('');
      if (r.echo) write(isWide(last) ? '\b\b  \b\b' : '\b \b');
    } else if (c === '\x15') {
      if (r.echo) write('\b \b'.repeat([...r.line].reduce((n, ch) => n + (isWide(ch) ? 2 : 1), 0)));
      r.line = '';
    } else if (c >= ' ' || c === '\t') {
      r.line += c;
      if (r.echo) write(c);
    }
  };
  const input: ShellInput = {
    readLine: (echo) =>
      new Promise((resolve) => {
        if (!open() || running?.signal.aborted) return resolve(null);
        reader = { line: '', echo, done: resolve };
        // Keys typed ahead while the command ran are its input.
        while (reader && pending.length) readKey(pending.shift() ?? '');
      }),
  };

  const finish = (status: number) => {
    if (!open()) return;
    stream.exit(status);
    stream.end();
  };

  const execute = async (text: string) => {
    running = new AbortController();
    lastStatus = await shell.run(text, out, running.signal, pty ? input : undefined);
    running = undefined;
    if (shell.exitStatus !== undefined) {
      if (pty) write('logout\n');
      finish(shell.exitStatus);
      return false;
    }
    return true;
  };

  const promptNow = () => write(shell.prompt());

  const onKey = async (c: string) => {
    if (escape) {
      if (escape === 'esc') escape = c === '[' || c === 'O' ? 'csi' : '';
      else if (/[@-~]/.test(c)) escape = '';
      return;
    }
    if (c === '\x1b') return void (escape = 'esc');
    if (c === '\r' || c === '\n') {
      write('\n');
      const text = line;
      line = '';
      if (text.trim() && !(await execute(text))) return;
      promptNow();
    } else if (c === '\x7f' || c === '\b') {
      const chars = [...line];
      const last = chars.pop();
      if (last === undefined) return;
      line = chars.join('');
      write(isWide(last) ? '\b\b  \b\b' : '\b \b');
    } else if (c === '\x03') {
      line = '';
      write('^C\n');
      promptNow();
    } else if (c === '\x04') {
      if (line !== '') return;
      write('logout\n');
      finish(lastStatus);
    } else if (c === '\x15') {
      write('\b \b'.repeat([...line].reduce((n, ch) => n + (isWide(ch) ? 2 : 1), 0)));
      line = '';
    } else if (c === '\x0c') {
      write(`\x1b[H\x1b[2J${shell.prompt()}${line}`);
    } else if (c >= ' ' || c === '\t') {
      line += c === '\t' ? ' ' : c;
      write(c === '\t' ? ' ' : c);
    }
  };

  // Keys are handled one at a time, in order; while a command runs only Ctrl-C acts (the rest waits).
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (pending.length && open()) await onKey(pending.shift() ?? '');
    draining = false;
  };

  if (pty) {
    promptNow();
    stream.on('data', (data: Buffer) => {
      for (const c of decoder.write(data)) {
        if (c === '\x03' && running) {
          write('^C\n');
          running.abort();
          reader?.done(null);
          reader = undefined;
          continue;
        }
        if (reader && running) readKey(c);
        else pending.push(c);
      }
      void drain();
    });
    stream.on('close', () => {
      running?.abort();
      reader?.done(null);
    });
    return;
  }

  // No pty: a script on stdin, one line at a time; its end ends the session with the last status.
  let buffered = '';
  let chain = Promise.resolve(true);
  stream.on('data', (data: Buffer) => {
    buffered += decoder.write(data);
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) chain = chain.then((go) => (go && text.trim() ? execute(text) : go));
  });
  stream.on('end', () => {
    const rest = buffered;
    chain = chain
      .then((go) => (go && rest.trim() ? execute(rest) : go))
      .then((go) => {
        if (go) finish(lastStatus);
        return false;
      });
  });
  stream.on('close', () => running?.abort());
}
