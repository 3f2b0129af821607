// `scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant] [--class N] [--throttle aws|off]`: the
// practice account on 127.0.0.1 for other terminals (the AWS CLI, SDKs, scale-out-lab --endpoint-url) until a stop
// signal; the state is saved on exit. `--class N` seeds a class of N students in the one account (seed 003) and
// always throttles as AWS does; `--throttle aws` does for any account. `practice` has no other command.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from '../practice/core/constants';
import { classRoster, startPracticeServer, type Throttling } from '../practice/core/server';
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';
import { defaultStateFile, parseSpeed } from './account';
import { untilSignal, type CliCommand } from './io';
import { practiceNoticeLine } from '../present/practiceWords';
import { UsageError } from './words';

export const PRACTICE_USAGE = `  scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant] [--class N] [--throttle aws|off]
      Run the practice account on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM; the state is saved on exit.
      --class N: a class of N students (1-60, user01...) at different stages in the one account, replacing what
      the state file held (default ~/.scale-out-lab/practice-class.json); throttled as AWS throttles.
      --throttle aws: AWS's API rate limits (token buckets) for any account; off by default.
`;

function parsePort(text: string | undefined, t: Translate): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(t('--port must be 0-65535: {0}', text));
  return n;
}

function parseClass(text: string | undefined, t: Translate): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 60) throw new UsageError(t('--class must be 1-60 students: {0}', text));
  return n;
}

function parseThrottle(text: string | undefined, size: number | undefined, t: Translate): Throttling | undefined {
  if (text === undefined) return size !== undefined ? 'aws' : undefined;
  if (text !== 'aws' && text !== 'off') throw new UsageError(t('--throttle must be aws or off: {0}', text));
  if (text === 'off' && size !== undefined)
    throw new UsageError(t('A class is always throttled as AWS throttles: leave out --throttle off.'));
  return text;
}

const serveCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      speed: { type: 'string' },
      class: { type: 'string' },
      throttle: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const port = parsePort(values.port, t);
  const speed = parseSpeed(values.speed, t);
  const size = parseClass(values.class, t);
  const throttling = parseThrottle(values.throttle, size, t);
  // A class replaces what its state file held: by default not the student's own practice account's file.
  const stateFile =
    values.state ??
    (size !== undefined ? join(dirname(defaultStateFile(env)), 'practice-class.json') : defaultStateFile(env));
  mkdirSync(dirname(stateFile), { recursive: true });
  // Listen for the stop signal before starting, so a signal during startup still stops cleanly.
  const stopped = io.untilStopped ?? untilSignal();
  const server = await startPracticeServer({
    stateFile,
    ...(port !== undefined ? { port } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(size !== undefined ? { class: size } : {}),
    ...(throttling !== undefined ? { throttling } : {}),
  });
  for (const notice of server.notices) io.stderr.write(`${practiceNoticeLine(notice, t)}\n`);
  const exports =
    `export AWS_ENDPOINT_URL=${server.endpoint} AWS_ACCESS_KEY_ID=${PRACTICE_CREDENTIALS.accessKeyId} ` +
    `AWS_SECRET_ACCESS_KEY=${PRACTICE_CREDENTIALS.secretAccessKey} AWS_REGION=${PRACTICE_REGION}`;
  io.stdout.write(
    [
      t('Practice account listening on {0}', server.endpoint),
      t('State file: {0}', stateFile),
      ...(size !== undefined ? [classLine(size, t)] : []),
      ...(server.throttling === 'aws'
        ? [t("Throttled as AWS throttles: above its API rate limits, AWS's errors.")]
        : []),
      t('Use it from another terminal (AWS CLI, SDKs, scale-out-lab inventory):'),
      `  ${exports}`,
      t('Press Ctrl+C to stop.'),
      '',
    ].join('\n'),
  );
  await stopped;
  await server.close();
  io.stdout.write(`${t('Practice account stopped; state saved.')}\n`);
  return 0;
};

/** What a class was seeded with: how many students at each stage. */
function classLine(size: number, t: Translate): string {
  const students = classRoster(size).students;
  const done = students.filter((s) => s.stage === 'done').length;
  const last = students[students.length - 1]?.student ?? '';
  return t(
    'A class of {0} students ({1}-{2}), {3} of them done through track 1.',
    size,
    students[0]?.student ?? '',
    last,
    done,
  );
}

/** `practice SUBCOMMAND`: serve, or its help. */
export const practiceCommand: CliCommand = async (args, io, env, usage) => {
  const [sub, ...rest] = args;
  if (sub === 'serve') return await serveCommand(rest, io, env, usage);
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  throw new UsageError(sub ? t('unknown practice command: {0}', sub) : t('practice needs a command: serve'));
};
