// Tokens of the practice MySQL's SQL: words (keywords and identifiers, `backticked` too), numbers, strings ('…'
// and "…", with \' and '' escapes), @user and @@system variables, and punctuation. Each token keeps its place in
// the statement: a result column is named by the text as typed, and a syntax error quotes the rest from there.
import { sqlErrors } from './errors';

export type TokenKind = 'word' | 'quoted' | 'number' | 'string' | 'userVar' | 'systemVar' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words: as typed (compare with `upper`); strings: the value; variables: the name without @ / @@. */
  text: string;
  upper: string;
  start: number;
  end: number;
}

const PUNCT = [':=', '<=', '>=', '<>', '!=', '=', '<', '>', '(', ')', ',', '.', '*', '+', '-', '/', ';'];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number) =>
    tokens.push({ kind, text, upper: text.toUpperCase(), start, end: i });
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#' || (c === '-' && sql.startsWith('-- ', i))) {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw sqlErrors.syntax(sql.slice(start));
        const d = sql[i] ?? '';
        if (d === '\\' && i + 1 < sql.length) {
          const e = sql[i + 1] ?? '';
          value += { n: '\n', t: '\t', r: '\r', '0': '\0' }[e] ?? e;
          i += 2;
        } else if (d === c && sql[i + 1] === c) {
          value += c;
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      push('string', value, start);
    } else if (c === '`') {
      const close = sql.indexOf('`', i + 1);
      if (close < 0) throw sqlErrors.syntax(sql.slice(start));
      i = close + 1;
      tokens.push({ kind: 'quoted', text: sql.slice(start + 1, close), upper: '', start, end: i });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < sql.length && /[0-9.]/.test(sql[i] ?? '')) i++;
      push('number', sql.slice(start, i), start);
    } else if (c === '@') {
      const system = sql[i + 1] === '@';
      i += system ? 2 : 1;
      while (i < sql.length && /[A-Za-z0-9_$.]/.test(sql[i] ?? '')) i++;
      push(system ? 'systemVar' : 'userVar', sql.slice(start + (system ? 2 : 1), i), start);
    } else if (/[A-Za-z_$]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i] ?? '')) i++;
      push('word', sql.slice(start, i), start);
    } else {
      const op = PUNCT.find((p) => sql.startsWith(p, i));
      if (!op) throw sqlErrors.syntax(sql.slice(start));
      i += op.length;
      push('punct', op, start);
    }
  }
  return tokens;
}
