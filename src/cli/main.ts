// `scale-out-lab`: the extension's engine from a terminal (no vscode). Bundled to dist/cli.js. This file turns
// argv into a command (one file each: inventory, check, run, cleanup, cost, class, practice), prints the usage, maps
// errors to exit codes, and exits only once stdout has drained.
import { ACCOUNT_USAGE } from './account';
import { CHECK_USAGE, checkCommand } from './check';
import { CLASS_USAGE, classCommand } from './class';
import { CLEANUP_USAGE, cleanupCommand } from './cleanup';
import { COST_USAGE, costCommand } from './cost';
import { INVENTORY_USAGE, inventoryCommand } from './inventory';
import { LOAD_USAGE, loadCommand, watchScalingCommand } from './load';
import { processIo, type CliCommand, type CliIo } from './io';
import { PRACTICE_USAGE, practiceCommand } from './practice';
import { RUN_USAGE, runCommand } from './run';
import { errorLine, usageHint, UsageError } from './words';
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';

export type { CliIo } from './io';

const USAGE = `Usage:
${INVENTORY_USAGE}${CHECK_USAGE}${RUN_USAGE}${LOAD_USAGE}${CLEANUP_USAGE}${COST_USAGE}${CLASS_USAGE}${ACCOUNT_USAGE}      Messages are in Japanese when LANG (or LC_ALL) starts with ja.
${PRACTICE_USAGE}  scale-out-lab --help
`;

/** The commands by name (a Map: a name like "constructor" is no command). */
const COMMANDS = new Map<string, CliCommand>([
  ['inventory', inventoryCommand],
  ['check', checkCommand],
  ['run', runCommand],
  ['load', loadCommand],
  ['watch-scaling', watchScalingCommand],
  ['cleanup', cleanupCommand],
  ['cost', costCommand],
  ['class', classCommand],
  ['practice', practiceCommand],
]);

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 usage, 3 a check that does not pass). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const env = io.env ?? process.env;
  const t = translatorFromEnv(env);
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr.write(USAGE);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    const run = COMMANDS.get(command);
    if (run) return await run(rest, io, env, USAGE);
    throw new UsageError(t('unknown command: {0}', command));
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const message = error instanceof UsageError ? error.message : parseArgsText(error as Error, t);
      io.stderr.write(`scale-out-lab: ${message}\n${usageHint(t)}\n`);
      return 2;
    }
    io.stderr.write(`scale-out-lab: ${errorLine(error, t)}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** node:util's parseArgs messages, in the student's language (the option named as given). */
function parseArgsText(error: Error, t: Translate): string {
  const code = (error as { code?: string }).code;
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t('unknown option: {0}', option);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t('unexpected argument: {0}', option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return t('option {0} needs a value', option.split(' ')[0] ?? option);
  return error.message.split('\n')[0] ?? error.message;
}

/**
 * Exits once stdout and stderr have drained: process.exit() right after a large write to a pipe cuts it at the
 * pipe's buffer (64 KiB), so `inventory --json | wc -c` lost the rest. An empty write's callback runs after
 * every write queued before it.
 */
function exitWhenDrained(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (require.main === module) {
  // The SDK warns on every Node < 22 run; a student reading one-line errors cannot act on it (engines: node >= 20).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then(exitWhenDrained, (error: unknown) => {
    process.stderr.write(`scale-out-lab: ${errorLine(error, translatorFromEnv(process.env))}\n`);
    exitWhenDrained(1);
  });
}
