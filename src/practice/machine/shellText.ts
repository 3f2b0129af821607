// The practice shell's text commands: cat, echo, and tail (`-f` follows the file through the world's change
// events until the command is interrupted).
import { resolvePath } from './instanceFiles';
import { reason, splitOptions, type Command, type Context, type ShellState } from './shellCommon';

function lastLines(text: string, count: number): string {
  if (count <= 0 || text === '') return '';
  const lines = text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  const kept = lines.slice(-count).join('\n');
  return trailing ? `${kept}\n` : kept;
}

export const TEXT_COMMANDS: Record<string, Command> = {
  echo: (_shell, { args, out }) => {
    const newline = args[0] !== '-n';
    out.stdout(args.slice(newline ? 0 : 1).join(' ') + (newline ? '\n' : ''));
    return 0;
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
  tail: (shell, context) => tail(shell, context),
};

async function tail(shell: ShellState, { user, args, out, signal }: Context): Promise<number> {
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
