// What the MariaDB 10.5 client (`mariadb105`, Amazon Linux 2023's `mysql`) prints: its boxed tables (numbers
// right-aligned, NULL as NULL), "N rows in set (0.001 sec)", "Query OK, …", "ERROR errno (state): message", and
// the monitor's banner. These are the client program's own English output, shown as the real tool shows it.
import type { DatabaseValue } from '../../core/records';
import type { Result } from './engine';
import type { MySqlError } from './errors';

const cell = (v: DatabaseValue) => (v === null ? 'NULL' : String(v));

/** The client's table: a rule, the header, a rule, the rows, a rule. */
export function boxedTable(columns: readonly string[], rows: readonly DatabaseValue[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => cell(r[i] ?? null).length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const line = (values: string[], right: boolean[]) =>
    `|${values.map((v, i) => ` ${right[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)} `).join('|')}|\n`;
  const header = line(
    [...columns],
    columns.map(() => false),
  );
  const body = rows
    .map((r) =>
      line(
        r.map(cell),
        r.map((v) => typeof v === 'number'),
      ),
    )
    .join('');
  return rule + header + rule + body + rule;
}

const seconds = (ms: number) => `(${(ms / 1000).toFixed(3)} sec)`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `\G`: each row as `column: value` lines under a row banner, the names right-aligned. */
export function verticalRows(columns: readonly string[], rows: readonly DatabaseValue[][]): string {
  const width = Math.max(0, ...columns.map((c) => c.length));
  const stars = '*'.repeat(27);
  return rows
    .map(
      (row, n) =>
        `${stars} ${n + 1}. row ${stars}\n` +
        columns.map((c, i) => `${c.padStart(width)}: ${cell(row[i] ?? null)}\n`).join(''),
    )
    .join('');
}

/** A result as the interactive monitor prints it (with its summary line and the blank line after). */
export function resultText(result: Result, elapsedMs: number, vertical = false): string {
  if (result.kind === 'rows') {
    if (result.rows.length === 0) return `Empty set ${seconds(elapsedMs)}\n\n`;
    const table = vertical ? verticalRows(result.columns, result.rows) : boxedTable(result.columns, result.rows);
    return `${table}${plural(result.rows.length, 'row')} in set ${seconds(elapsedMs)}\n\n`;
  }
  if (result.databaseChanged) return 'Database changed\n';
  const warnings = result.warnings ? `, ${plural(result.warnings, 'warning')}` : '';
  let text = `Query OK, ${plural(result.affected, 'row')} affected${warnings} ${seconds(elapsedMs)}\n`;
  if (result.matched !== undefined)
    text += `Rows matched: ${result.matched}  Changed: ${result.affected}  Warnings: ${result.warnings ?? 0}\n`;
  if (result.records !== undefined) text += `Records: ${result.records}  Duplicates: 0  Warnings: 0\n`;
  return `${text}\n`;
}

/** A result as `mysql -e` prints it: on a terminal the table alone; otherwise (a pipe, `ssh host cmd`) tab-separated. */
export function batchResultText(result: Result, terminal: boolean): string {
  if (result.kind !== 'rows' || result.rows.length === 0) return '';
  if (terminal) return boxedTable(result.columns, result.rows);
  return [result.columns, ...result.rows.map((r) => r.map(cell))].map((line) => `${line.join('\t')}\n`).join('');
}

/** `ERROR 1046 (3D000): No database selected` (`-e`: `… at line 1: …`). */
export function errorText(error: Pick<MySqlError, 'errno' | 'sqlState' | 'message'>, atLine?: number): string {
  return `ERROR ${error.errno} (${error.sqlState})${atLine !== undefined ? ` at line ${atLine}` : ''}: ${error.message}\n`;
}

/** The monitor's greeting after a login. */
export function bannerText(connectionId: number, serverVersion: string): string {
  return [
    'Welcome to the MariaDB monitor.  Commands end with ; or \\g.',
    `Your MySQL connection id is ${connectionId}`,
    `Server version: ${serverVersion} Source distribution`,
    '',
    'Copyright (c) 2000, 2018, Oracle, MariaDB Corporation Ab and others.',
    '',
    "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.",
    '',
    '',
  ].join('\n');
}

/** `MySQL [(none)]> `: the MariaDB client names a MySQL server "MySQL", then the current database. */
export const monitorPrompt = (database: string | undefined) => `MySQL [${database ?? '(none)'}]> `;
export const CONTINUATION_PROMPT = '    -> ';

/** Splits typed input at `;` (and `\g`) outside quotes: the complete statements, and what is still open. */
export function splitStatements(buffer: string): { statements: string[]; rest: string; quote: string | undefined } {
  const statements: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === ';' || (c === '\\' && (buffer[i + 1] === 'g' || buffer[i + 1] === 'G'))) {
      // `\G` ends a statement whose result prints vertically: it stays on the statement for the client to see.
      statements.push(buffer.slice(start, i).trim() + (c === '\\' && buffer[i + 1] === 'G' ? '\\G' : ''));
      if (c === '\\') i++;
      start = i + 1;
    }
  }
  return { statements, rest: buffer.slice(start), quote };
}
