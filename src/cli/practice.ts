// `scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant]`: the practice account on 127.0.0.1
// for other terminals (the AWS CLI, SDKs, scale-out-lab --endpoint-url) until a stop signal; the state is saved on
// exit. `practice` has no other command.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from '../practice/core/constants';
import { startPracticeServer } from '../practice/core/server';
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';
import { defaultStateFile, parseSpeed } from './account';
import { untilSignal, type CliCommand } from './io';
import { practiceNoticeLine } from '../present/practiceWords';
import { UsageError } from './words';

export const PRACTICE_USAGE = `  scale-out-lab practice serve [--port N] [--state FILE] [--speed X|instant]
      Run the practice account on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM; the state is saved on exit.
`;

function parsePort(text: string | undefined, t: Translate): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(t('--port must be 0-65535: {0}', text));
  return n;
}

const serveCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      speed: { type: 'string' },
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
  const stateFile = values.state ?? defaultStateFile(env);
  mkdirSync(dirname(stateFile), { recursive: true });
  // Listen for the stop signal before starting, so a signal during startup still stops cleanly.
  const stopped = io.untilStopped ?? untilSignal();
  const server = await startPracticeServer({
    stateFile,
    ...(port !== undefined ? { port } : {}),
    ...(speed !== undefined ? { speed } : {}),
  });
  for (const notice of server.notices) io.stderr.write(`${practiceNoticeLine(notice, t)}\n`);
  const exports =
    `export AWS_ENDPOINT_URL=${server.endpoint} AWS_ACCESS_KEY_ID=${PRACTICE_CREDENTIALS.accessKeyId} ` +
    `AWS_SECRET_ACCESS_KEY=${PRACTICE_CREDENTIALS.secretAccessKey} AWS_REGION=${PRACTICE_REGION}`;
  io.stdout.write(
    [
      t('Practice account listening on {0}', server.endpoint),
      t('State file: {0}', stateFile),
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
