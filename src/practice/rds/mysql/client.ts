// The `mysql` program of a practice instance: Amazon Linux 2023's MariaDB 10.5 client (`dnf install mariadb105`),
// its options (-u/-p/-h/-P/-D/-e in their short, joined and long forms), the password prompt without echo, the
// monitor (banner, `MySQL [db]>` prompt, `    ->` continuation, exit/quit/\q/Ctrl-D, Ctrl-C exits) and how it
// words a failed connection (TCP failures are ERROR 2002 in this client; a timeout comes after the connect
// timeout) and a dropped one (a failover: ERROR 2006, then it reconnects — to the new writer — as it does).
import type { ConnectError, DatabaseSession, DatabaseTarget } from './session';
import type { QueryOutcome } from './session';
import {
  CONTINUATION_PROMPT,
  bannerText,
  batchResultText,
  errorText,
  monitorPrompt,
  resultText,
  splitStatements,
  verticalRows,
} from './format';

export interface ClientIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The terminal's next line; undefined without a terminal (`ssh host cmd`), where `-e` prints tab-separated. */
  readLine?: (echo: boolean) => Promise<string | null>;
  signal: AbortSignal;
  /** Waits out an unanswered connection attempt; false when interrupted (Ctrl-C). */
  waitTimeout(): Promise<boolean>;
}

export type Open = (target: DatabaseTarget) => { session: DatabaseSession } | { error: ConnectError };

interface Options {
  target: DatabaseTarget;
  prompt: boolean;
  execute?: string;
}

export const CLIENT_VERSION = 'mysql  Ver 15.1 Distrib 10.5.25-MariaDB, for Linux (x86_64) using  EditLine wrapper\n';

/** Options as the client's getopt reads them; a string is its complaint (exit status 7). */
function parseOptions(args: string[], defaultUser: string): Options | string {
  const target: DatabaseTarget = { host: 'localhost', user: defaultUser, password: '' };
  let prompt = false;
  let execute: string | undefined;
  const valued: Record<string, (v: string) => void> = {
    u: (v) => (target.user = v),
    user: (v) => (target.user = v),
    h: (v) => (target.host = v),
    host: (v) => (target.host = v),
    P: (v) => (target.port = Number(v)),
    port: (v) => (target.port = Number(v)),
    D: (v) => (target.database = v),
    database: (v) => (target.database = v),
    e: (v) => (execute = v),
    execute: (v) => (execute = v),
  };
  const ignored = new Set(['A', 's', 'N', 't', 'v', 'B', 'n', 'skip-auto-rehash', 'no-auto-rehash', 'silent', 'table']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const [name = '', value] = arg.slice(2).split(/=(.*)/s, 2);
      if (name === 'password') {
        if (value === undefined) prompt = true;
        else target.password = value;
      } else if (valued[name]) {
        const v = value ?? args[++i];
        if (v === undefined) return `mysql: option '--${name}' requires an argument\n`;
        valued[name](v);
      } else if (!ignored.has(name) && !name.startsWith('ssl')) return `mysql: unknown option '--${name}'\n`;
    } else if (arg.startsWith('-') && arg.length > 1) {
      const flag = arg[1] ?? '';
      const rest = arg.slice(2);
      if (flag === 'p') {
        if (rest === '') prompt = true;
        else target.password = rest;
      } else if (valued[flag]) {
        const v = rest !== '' ? rest : args[++i];
        if (v === undefined) return `mysql: option '-${flag}' requires an argument\n`;
        valued[flag](v);
      } else if (!ignored.has(flag)) return `mysql: unknown option '-${flag}'\n`;
    } else if (target.database === undefined) target.database = arg;
  }
  return { target, prompt, ...(execute !== undefined ? { execute } : {}) };
}

/** What the client prints for a connection that failed, after waiting when the SYN went unanswered. */
async function connectErrorText(error: ConnectError, io: ClientIo): Promise<string | undefined> {
  switch (error.code) {
    case 'unknownHost':
      return `ERROR 2005 (HY000): Unknown MySQL server host '${error.host}' (-2)\n`;
    case 'timeout':
      if (!(await io.waitTimeout())) return undefined;
      return `ERROR 2002 (HY000): Can't connect to MySQL server on '${error.host}' (115)\n`;
    case 'refused':
      return `ERROR 2002 (HY000): Can't connect to MySQL server on '${error.host}' (111)\n`;
    case 'noLocalServer':
      return "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/lib/mysql/mysql.sock' (2)\n";
    case 'accessDenied':
    case 'unknownDatabase':
      return errorText(error.error);
    case 'lost':
      return 'ERROR 2013 (HY000): Lost connection to MySQL server during query\n';
  }
}

/** `mysql …`: resolves with the client's exit status. */
export async function mysqlClient(args: string[], io: ClientIo, open: Open, defaultUser: string): Promise<number> {
  if (args.includes('-V') || args.includes('--version')) return (io.stdout(CLIENT_VERSION), 0);
  const options = parseOptions(args, defaultUser);
  if (typeof options === 'string') return (io.stderr(options), 7);
  const { target } = options;
  if (options.prompt) {
    io.stdout('Enter password: ');
    target.password = (io.readLine ? await io.readLine(false) : '') ?? '';
    if (io.signal.aborted) return 1;
  }
  const opened = open(target);
  if ('error' in opened) {
    const text = await connectErrorText(opened.error, io);
    if (text) io.stderr(text);
    return 1;
  }
  if (options.execute !== undefined) return batch(opened.session, options.execute, io);
  if (!io.readLine) return 0; // no terminal and nothing on stdin: the client reads an empty script
  return monitor(opened.session, target, io, open);
}

/** `-e "SQL"`: each statement's table, no summaries; the first error ends it (`ERROR … at line 1`). */
function batch(session: DatabaseSession, sql: string, io: ClientIo): number {
  const { statements, rest } = splitStatements(sql);
  for (const typed of [...statements, rest.trim()].filter((s) => s !== '')) {
    const vertical = typed.endsWith('\\G');
    const outcome = session.query(vertical ? typed.slice(0, -2) : typed);
    if (outcome.kind === 'lost')
      return (io.stderr('ERROR 2013 (HY000) at line 1: Lost connection to MySQL server during query\n'), 1);
    if (outcome.kind === 'error') return (io.stderr(errorText(outcome.error, 1)), 1);
    const { result } = outcome;
    if (vertical && result.kind === 'rows') io.stdout(verticalRows(result.columns, result.rows));
    else io.stdout(batchResultText(result, io.readLine !== undefined));
  }
  return 0;
}

const CLIENT_EXIT = /^(exit|quit|\\q)\s*;?$/i;

async function monitor(first: DatabaseSession, target: DatabaseTarget, io: ClientIo, open: Open): Promise<number> {
  const readLine = io.readLine ?? (() => Promise.resolve(null));
  let session: DatabaseSession | undefined = first;
  let database = target.database;
  io.stdout(bannerText(first.connectionId, first.identity.version));
  let buffer = '';
  for (;;) {
    const { quote } = splitStatements(buffer);
    io.stdout(
      buffer.trim() === ''
        ? session
          ? monitorPrompt(database)
          : `unknown [${database ?? '(none)'}]> `
        : quote
          ? `    ${quote}> `
          : CONTINUATION_PROMPT,
    );
    const line = await readLine(true);
    if (io.signal.aborted) return (io.stdout('Ctrl-C -- exit!\nAborted\n'), 1);
    if (line === null) return (io.stdout('Bye\n'), 0);
    if (buffer.trim() === '' && CLIENT_EXIT.test(line.trim())) return (io.stdout('Bye\n'), 0);
    if (line.trim().endsWith('\\c')) {
      buffer = '';
      continue;
    }
    // `use db` is the client's own command: it needs no `;`.
    const use = buffer.trim() === '' ? /^use\s+`?([^`;\s]+)`?\s*;?\s*$/i.exec(line.trim()) : null;
    const split = use ? { statements: [`use \`${use[1] ?? ''}\``], rest: '' } : splitStatements(`${buffer}${line}\n`);
    buffer = split.rest.trim() === '' ? '' : split.rest;
    for (const typed of split.statements) {
      const vertical = typed.endsWith('\\G');
      const statement = vertical ? typed.slice(0, -2).trim() : typed;
      if (statement === '') {
        io.stdout('ERROR: No query specified\n\n');
        continue;
      }
      if (CLIENT_EXIT.test(statement)) return (io.stdout('Bye\n'), 0);
      const started = Date.now();
      let outcome: QueryOutcome = session ? session.query(statement) : { kind: 'lost' };
      if (outcome.kind === 'lost') {
        // The server went away (a reboot, a failover): the client says so and reconnects once, by name.
        io.stderr('ERROR 2006 (HY000): MySQL server has gone away\nNo connection. Trying to reconnect...\n');
        const again = open({ ...target, ...(database !== undefined ? { database } : {}) });
        if ('error' in again) {
          session = undefined;
          const text = await connectErrorText(again.error, io);
          if (text === undefined) return (io.stdout('Ctrl-C -- exit!\nAborted\n'), 1);
          io.stderr(`${text}ERROR: Can't connect to the server\n\n`);
          break;
        }
        session = again.session;
        io.stdout(`Connection id:    ${session.connectionId}\nCurrent database: ${database ?? '*** NONE ***'}\n\n`);
        outcome = session.query(statement);
      }
      if (outcome.kind === 'error') io.stderr(errorText(outcome.error));
      else if (outcome.kind === 'result') {
        io.stdout(resultText(outcome.result, Date.now() - started, vertical));
        database = session?.state.database;
      }
    }
  }
}
