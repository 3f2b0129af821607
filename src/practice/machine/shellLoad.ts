// The practice shell's CPU tools (Contract 4): burners — `yes` (one vCPU), `stress --cpu N [--timeout S]` and
// `stress-ng` (neither on Amazon Linux 2023 until `sudo dnf install -y stress` / `stress-ng`) — in the foreground
// (until Ctrl-C or the timeout) or as background jobs (`&`, `[1] 2401`), `jobs`, `kill %N` / `kill PID`,
// `killall`, `pkill`, and the load they make: `uptime`, `top -bn1`. Burners are records (cpu.ts): the CPU model
// counts them, and they die with the instance. Jobs belong to the shell session that started them.
import type { BurnerRecord, InstanceRecord } from '../core/records';
import { endBurner, instanceLoad, liveBurners, scaledMs, startBurner } from './cpu';
import type { Command, Context, ShellState } from './shellCommon';

export const STRESS_BINARY = '/usr/bin/stress';
export const STRESS_NG_BINARY = '/usr/bin/stress-ng';

interface Job {
  number: number;
  pids: number[];
  text: string;
  /** Told once in `jobs` after it ended, then forgotten (as bash tells it at the next prompt). */
  ended?: 'Terminated' | 'Done';
}

const JOBS = new WeakMap<ShellState, Job[]>();

function jobsOf(shell: ShellState): Job[] {
  let jobs = JOBS.get(shell);
  if (!jobs) JOBS.set(shell, (jobs = []));
  return jobs;
}

function place(
  shell: ShellState,
):
  | { instance: InstanceRecord; now: Date; speed: { speed: ReturnType<ShellState['host']['files']['speed']> } }
  | undefined {
  const instance = shell.host.files.instance();
  return instance ? { instance, now: shell.host.files.now(), speed: { speed: shell.host.files.speed() } } : undefined;
}

function burnersOf(shell: ShellState): BurnerRecord[] {
  const instance = shell.host.files.instance();
  return instance ? liveBurners(shell.host.files.records(), instance.id, shell.host.files.now()) : [];
}

/** Waits until the signal aborts (Ctrl-C) or `ms` pass; true when aborted. */
function waitFor(signal: AbortSignal, ms = Infinity): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(true);
    const timer = Number.isFinite(ms) ? setTimeout(() => done(false), ms) : undefined;
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    signal.addEventListener('abort', onAbort);
  });
}

/** Starts the burners of one command; in the background a job (`[1] 2401`), else it runs until Ctrl-C or done. */
async function burn(
  shell: ShellState,
  context: Context,
  spec: {
    command: string;
    vcpus: number;
    awsSeconds?: number;
    banner?: (pid: number) => string;
    done?: (pid: number) => string;
  },
): Promise<number> {
  const here = place(shell);
  if (!here) return 1;
  const records = shell.host.files.records();
  const burner = startBurner(
    records,
    {
      instanceId: here.instance.id,
      command: spec.command,
      vcpus: spec.vcpus,
      now: here.now,
      awsSeconds: spec.awsSeconds,
    },
    here.speed,
  );
  shell.host.files.changed();
  const { out, background } = context;
  if (background) {
    const jobs = jobsOf(shell);
    const number = Math.max(0, ...jobs.map((j) => j.number)) + 1;
    jobs.push({ number, pids: [burner.pid], text: background.text });
    burner.job = number;
    out.stderr(`[${number}] ${burner.pid}\n`);
    if (spec.banner) out.stdout(spec.banner(burner.pid));
    return 0;
  }
  if (spec.banner) out.stdout(spec.banner(burner.pid));
  const wall = spec.awsSeconds === undefined ? Infinity : scaledMs(spec.awsSeconds, here.speed);
  const aborted = await waitFor(context.signal, wall);
  if (aborted) {
    endBurner(burner, shell.host.files.now());
    shell.host.files.changed();
    return 130;
  }
  if (spec.done) out.stdout(spec.done(burner.pid));
  return 0;
}

const yes: Command = (shell, context) => {
  if (!context.background && !context.redirected) context.out.stdout('y\ny\ny\ny\ny\ny\ny\ny\n'); // the terminal's flood, in short: Ctrl-C stops it
  return burn(shell, context, { command: context.args.length ? `yes ${context.args.join(' ')}` : 'yes', vcpus: 1 });
};

/** `300s`, `5m`, `1h`, `300` -> seconds; undefined when not a duration. */
function seconds(text: string | undefined): number | undefined {
  const match = /^(\d+)([smhd]?)$/.exec(text ?? '');
  if (!match) return undefined;
  return Number(match[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? ''] ?? 1);
}

function option(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === short || arg === long) return args[i + 1];
    if (arg.startsWith(`${long}=`)) return arg.slice(long.length + 1);
  }
  return undefined;
}

function stressCommand(program: 'stress' | 'stress-ng', binary: string): Command {
  return (shell, context) => {
    const { args, out, user } = context;
    if (!(binary in (shell.host.files.instance()?.files ?? {}))) {
      out.stderr(user === 'root' ? `sudo: ${program}: command not found\n` : `bash: ${program}: command not found\n`);
      return 127;
    }
    const cpus = Number(option(args, '-c', '--cpu') ?? 'NaN');
    const timeoutText = option(args, '-t', '--timeout');
    const timeout = timeoutText === undefined ? undefined : seconds(timeoutText);
    if (!Number.isInteger(cpus) || cpus < 1) {
      out.stderr(
        program === 'stress'
          ? `\`${program}' imposes certain types of compute stress on your system\n\nUsage: ${program} [OPTION [ARG]] ...\n -c, --cpu N        spawn N workers spinning on sqrt()\n -t, --timeout N    timeout after N seconds\n`
          : `stress-ng: error: [${2400}] no stress workers invoked (give --cpu N)\n`,
      );
      return 1;
    }
    if (timeoutText !== undefined && timeout === undefined) {
      out.stderr(`${program}: FAIL: [1] (${program === 'stress' ? 'invalid' : 'error'} timeout: ${timeoutText})\n`);
      return 1;
    }
    const banner =
      program === 'stress'
        ? (pid: number) => `stress: info: [${pid}] dispatching hogs: ${cpus} cpu, 0 io, 0 vm, 0 hdd\n`
        : (pid: number) =>
            `stress-ng: info:  [${pid}] ${timeout !== undefined ? `setting to a ${timeout} second run per stressor\nstress-ng: info:  [${pid}] ` : ''}dispatching hogs: ${cpus} cpu\n`;
    const done =
      program === 'stress'
        ? (pid: number) => `stress: info: [${pid}] successful run completed in ${timeout ?? 0}s\n`
        : (pid: number) => `stress-ng: info:  [${pid}] successful run completed in ${timeout ?? 0}.00s\n`;
    return burn(shell, context, {
      command: `${program} ${args.join(' ')}`,
      vcpus: cpus,
      ...(timeout !== undefined ? { awsSeconds: timeout } : {}),
      banner,
      done,
    });
  };
}

const jobs: Command = (shell, { out }) => {
  const live = new Set(burnersOf(shell).map((b) => b.pid));
  const list = jobsOf(shell);
  for (const job of list) if (!job.ended && !job.pids.some((p) => live.has(p))) job.ended = 'Done';
  list.forEach((job, i) => {
    const mark = i === list.length - 1 ? '+' : i === list.length - 2 ? '-' : ' ';
    const state = job.ended ?? 'Running';
    out.stdout(`[${job.number}]${mark}  ${state.padEnd(24)}${job.text}${job.ended ? '' : ' &'}\n`);
  });
  JOBS.set(
    shell,
    list.filter((j) => !j.ended),
  );
  return 0;
};

const kill: Command = (shell, { args, out }) => {
  const targets = args.filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a) && a !== 'TERM' && a !== 'KILL');
  if (!targets.length) {
    out.stderr('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  const live = burnersOf(shell);
  const now = shell.host.files.now();
  let status = 0;
  for (const target of targets) {
    if (target.startsWith('%')) {
      const list = jobsOf(shell);
      const job =
        target === '%%' || target === '%+' ? list[list.length - 1] : list.find((j) => `%${j.number}` === target);
      const burners = live.filter((b) => job?.pids.includes(b.pid));
      if (!job || job.ended || !burners.length) {
        out.stderr(`bash: kill: ${target}: no such job\n`);
        status = 1;
        continue;
      }
      burners.forEach((b) => endBurner(b, now));
      job.ended = 'Terminated';
    } else if (/^\d+$/.test(target)) {
      const burner = live.find((b) => b.pid === Number(target));
      if (!burner) {
        out.stderr(`bash: kill: (${target}) - No such process\n`);
        status = 1;
        continue;
      }
      endBurner(burner, now);
      for (const job of jobsOf(shell)) if (job.pids.includes(burner.pid)) job.ended = 'Terminated';
    } else {
      out.stderr(`bash: kill: ${target}: arguments must be process or job IDs\n`);
      status = 1;
    }
  }
  shell.host.files.changed();
  return status;
};

function killByName(program: 'killall' | 'pkill'): Command {
  return (shell, { args, out }) => {
    const names = args.filter((a) => !a.startsWith('-'));
    if (!names.length) {
      out.stderr(
        program === 'killall' ? 'Usage: killall [OPTION]... [--] NAME...\n' : 'pkill: no matching criteria specified\n',
      );
      return program === 'killall' ? 1 : 2;
    }
    const now = shell.host.files.now();
    let status = 0;
    for (const name of names) {
      const hits = burnersOf(shell).filter((b) => b.command.split(' ')[0] === name);
      if (!hits.length) {
        if (program === 'killall') out.stderr(`${name}: no process found\n`);
        status = 1;
      }
      for (const burner of hits) {
        endBurner(burner, now);
        for (const job of jobsOf(shell)) if (job.pids.includes(burner.pid)) job.ended = 'Terminated';
      }
    }
    shell.host.files.changed();
    return status;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function clockTime(now: Date): string {
  return `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
}

function upFor(instance: InstanceRecord, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(instance.launchTime)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const clock = `${Math.floor((minutes % 1440) / 60)}:${pad(minutes % 60)}`;
  return days ? `${days} day${days > 1 ? 's' : ''}, ${clock}` : clock;
}

function loads(shell: ShellState): [string, string, string] | undefined {
  const here = place(shell);
  if (!here) return undefined;
  const records = shell.host.files.records();
  const load = (minutes: number) => instanceLoad(records, here.instance.id, here.now, minutes, here.speed).toFixed(2);
  return [load(1), load(5), load(15)];
}

const uptime: Command = (shell, { out }) => {
  const here = place(shell);
  const l = loads(shell);
  if (!here || !l) return 1;
  out.stdout(` ${clockTime(here.now)} up ${upFor(here.instance, here.now)},  1 user,  load average: ${l.join(', ')}\n`);
  return 0;
};

const top: Command = (shell, { args, out }) => {
  if (!args.some((a) => /^-\w*b/.test(a)) || !args.some((a) => /n\s*1|^-n$/.test(a) || a === '1')) {
    out.stderr('top: the practice instance runs `top -bn1` (batch mode, one iteration) only\n');
    return 1;
  }
  const here = place(shell);
  const l = loads(shell);
  if (!here || !l) return 1;
  const records = shell.host.files.records();
  const burners = burnersOf(shell);
  const busy = Math.min(100, instanceLoad(records, here.instance.id, here.now, 1, here.speed) * 100);
  const us = Math.min(100, busy).toFixed(1);
  const id = Math.max(0, 100 - busy).toFixed(1);
  const tasks = 96 + burners.length;
  const lines = [
    `top - ${clockTime(here.now)} up ${upFor(here.instance, here.now)},  1 user,  load average: ${l.join(', ')}`,
    `Tasks: ${tasks} total,   ${1 + burners.length} running,  ${tasks - 1 - burners.length} sleeping,   0 stopped,   0 zombie`,
    `%Cpu(s): ${us.padStart(4)} us,  0.0 sy,  0.0 ni, ${id.padStart(4)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st`,
    'MiB Mem :    949.4 total,    412.6 free,    168.2 used,    368.6 buff/cache',
    'MiB Swap:      0.0 total,      0.0 free,      0.0 used.    640.1 avail Mem',
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
    ...burners.map(
      (b) =>
        `${String(b.pid).padStart(7)} ec2-user  20   0  ${b.command.startsWith('yes') ? '221712' : '  3512'}   1792   1664 R ${(100 * Math.min(1, b.vcpus)).toFixed(1).padStart(5)}   0.2   0:00.00 ${b.command.split(' ')[0]}`,
    ),
    '      1 root      20   0  105248  16256   9856 S   0.0   1.7   0:01.52 systemd',
    '',
  ];
  out.stdout(lines.join('\n'));
  return 0;
};

export const LOAD_COMMANDS: Record<string, Command> = {
  yes,
  stress: stressCommand('stress', STRESS_BINARY),
  'stress-ng': stressCommand('stress-ng', STRESS_NG_BINARY),
  jobs,
  kill,
  killall: killByName('killall'),
  pkill: killByName('pkill'),
  uptime,
  top,
};

/** The commands that may run as background jobs (`&`) in the practice shell. */
export const BACKGROUND_COMMANDS = new Set(['yes', 'stress', 'stress-ng']);
