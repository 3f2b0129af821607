// Evaluating the practice MySQL's expressions: literals, @user and @@system variables (the server's identity:
// read_only, hostname, version…), columns of the row at hand, MySQL's comparisons (numbers when either side is one,
// strings without case), and the few functions a student types (now(), database(), user(), version(), count(*)…).
import type { DatabaseValue } from '../../core/records';
import { sqlErrors } from './errors';
import type { Expr, ServerIdentity, SessionState } from './statements';

const pad = (n: number) => String(n).padStart(2, '0');
const dateTime = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

export function systemVariable(name: string, server: ServerIdentity): DatabaseValue {
  const values: Record<string, DatabaseValue> = {
    read_only: server.readOnly ? 1 : 0,
    innodb_read_only: server.readOnly ? 1 : 0,
    super_read_only: 0,
    hostname: server.hostname,
    version: server.version,
    version_comment: 'Source distribution',
    port: server.port,
    autocommit: 1,
    time_zone: 'SYSTEM',
    system_time_zone: 'UTC',
    character_set_server: 'utf8mb4',
    transaction_isolation: 'REPEATABLE-READ',
    wait_timeout: 28800,
    ...(server.auroraVersion ? { aurora_version: server.auroraVersion } : {}),
  };
  const key = name.toLowerCase();
  if (!Object.hasOwn(values, key)) throw sqlErrors.unknownVariable(name);
  return values[key] ?? null;
}

export const isNumeric = (v: DatabaseValue) =>
  typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v));

/** MySQL's comparison: numbers when either side is a number, else strings without case (utf8mb4_0900_ai_ci). */
export function compare(a: DatabaseValue, b: DatabaseValue): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' || typeof b === 'number')
    return (isNumeric(a) ? Number(a) : 0) - (isNumeric(b) ? Number(b) : 0);
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export const truthy = (v: DatabaseValue) => v !== null && Number(isNumeric(v) ? v : 0) !== 0;

export interface Scope {
  server: ServerIdentity;
  session: SessionState;
  now: Date;
  /** The row being evaluated (WHERE, SELECT … FROM), by lower-cased column name. */
  row?: Map<string, DatabaseValue>;
  where: 'field list' | 'where clause';
  /** Rows of the table, for count(*). */
  count?: number;
}

export function evaluate(expr: Expr, scope: Scope): DatabaseValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'userVar':
      return scope.session.userVars.get(expr.name.toLowerCase()) ?? null;
    case 'systemVar':
      return systemVariable(expr.name, scope.server);
    case 'column': {
      const key = expr.name.toLowerCase();
      if (!scope.row?.has(key)) throw sqlErrors.unknownColumn(expr.name, scope.where);
      return scope.row.get(key) ?? null;
    }
    case 'star':
      throw sqlErrors.noTables();
    case 'not': {
      const v = evaluate(expr.expr, scope);
      return v === null ? null : truthy(v) ? 0 : 1;
    }
    case 'negate': {
      const v = evaluate(expr.expr, scope);
      return v === null ? null : -Number(v);
    }
    case 'isNull':
      return (evaluate(expr.expr, scope) === null) !== expr.negated ? 1 : 0;
    case 'binary':
      return binary(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'call':
      return call(expr.name, expr.args, scope);
  }
}

function binary(op: string, a: DatabaseValue, b: DatabaseValue): DatabaseValue {
  if (op === 'AND')
    return a !== null && !truthy(a) ? 0 : b !== null && !truthy(b) ? 0 : a === null || b === null ? null : 1;
  if (op === 'OR') return truthy(a) || truthy(b) ? 1 : a === null || b === null ? null : 0;
  if (a === null || b === null) return null;
  if (op === 'LIKE') {
    const pattern = String(b)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.');
    return new RegExp(`^${pattern}$`, 'is').test(String(a)) ? 1 : 0;
  }
  const x = Number(isNumeric(a) ? a : 0);
  const y = Number(isNumeric(b) ? b : 0);
  if (op === '+') return x + y;
  if (op === '-') return x - y;
  if (op === '*') return x * y;
  if (op === '/') return y === 0 ? null : (x / y).toFixed(4);
  const c = compare(a, b) ?? 0;
  return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[op] ? 1 : 0;
}

function call(name: string, args: Expr[], scope: Scope): DatabaseValue {
  const { session, server } = scope;
  const values = () => args.map((a) => evaluate(a, scope));
  switch (name) {
    case 'now':
    case 'current_timestamp':
    case 'sysdate':
      return dateTime(scope.now);
    case 'database':
    case 'schema':
      return session.database ?? null;
    case 'user':
    case 'session_user':
    case 'system_user':
      return `${session.user}@${session.clientHost}`;
    case 'current_user':
      return `${session.user}@%`;
    case 'version':
      return server.version;
    case 'connection_id':
      return session.connectionId;
    case 'last_insert_id':
      return session.lastInsertId;
    case 'concat': {
      const vs = values();
      return vs.some((v) => v === null) ? null : vs.join('');
    }
    case 'upper':
    case 'lower': {
      const [v = null] = values();
      return v === null ? null : name === 'upper' ? String(v).toUpperCase() : String(v).toLowerCase();
    }
    case 'count':
      if (scope.count === undefined)
        return args[0]?.kind === 'star'
          ? 1
          : evaluate(args[0] ?? { kind: 'literal', value: null }, scope) === null
            ? 0
            : 1;
      return scope.count;
    default:
      if (!session.database) throw sqlErrors.noDatabase();
      throw sqlErrors.unknownFunction(`${session.database}.${name}`);
  }
}
