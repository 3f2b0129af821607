// The practice MySQL server evaluating one parsed statement over a store (schemas -> tables -> rows, kept in the
// practice state file) for one session (its current database, its user variables). The server's identity — read
// only or not, host name, version, port — comes from the DB node the session reached: an Aurora reader answers
// `@@read_only` 1 and refuses writes with ERROR 1290, as MySQL does. Pure over its arguments (the store is changed
// in place; the caller saves it).
import type { DatabaseStoreRecord, DatabaseTableRecord, DatabaseValue } from '../../core/records';
import { sqlErrors } from './errors';
import { compare, evaluate, isNumeric, systemVariable, truthy, type Scope } from './expressions';
import {
  WRITES,
  type Expr,
  type ServerIdentity,
  type SessionState,
  type Statement,
  type TableName,
} from './statements';

/** The server a session is connected to, as its system variables show it. */
export type { ServerIdentity, SessionState } from './statements';

export type Result =
  | { kind: 'rows'; columns: string[]; rows: DatabaseValue[][] }
  | { kind: 'ok'; affected: number; warnings?: number; matched?: number; records?: number; databaseChanged?: boolean };

/** Schemas every MySQL server has; they are not kept in the store. */
export const SYSTEM_SCHEMAS = ['information_schema', 'mysql', 'performance_schema', 'sys'];

export class Server {
  constructor(
    private readonly store: DatabaseStoreRecord,
    readonly identity: ServerIdentity,
    private readonly now: Date,
  ) {}

  hasDatabase(name: string): boolean {
    return SYSTEM_SCHEMAS.includes(name) || Object.hasOwn(this.store.schemas, name);
  }

  execute(statement: Statement, session: SessionState): Result {
    if (this.identity.readOnly && WRITES.has(statement.kind)) throw sqlErrors.readOnly();
    const scope: Scope = { server: this.identity, session, now: this.now, where: 'field list' };
    switch (statement.kind) {
      case 'select':
        return this.select(statement, scope);
      case 'set':
        for (const { variable, expr } of statement.assignments) {
          if (variable.kind !== 'userVar') {
            if (variable.kind === 'systemVar') systemVariable(variable.name, this.identity);
            throw sqlErrors.superNeeded();
          }
          session.userVars.set(variable.name.toLowerCase(), evaluate(expr, scope));
        }
        return { kind: 'ok', affected: 0 };
      case 'showDatabases':
        return {
          kind: 'rows',
          columns: ['Database'],
          rows: [...SYSTEM_SCHEMAS, ...Object.keys(this.store.schemas)].sort().map((n) => [n]),
        };
      case 'showTables': {
        const database = this.currentDatabase(session);
        const tables = Object.keys(this.store.schemas[database]?.tables ?? {}).sort();
        return { kind: 'rows', columns: [`Tables_in_${database}`], rows: tables.map((t) => [t]) };
      }
      case 'use':
        if (!this.hasDatabase(statement.name)) throw sqlErrors.unknownDatabase(statement.name);
        session.database = statement.name;
        return { kind: 'ok', affected: 0, databaseChanged: true };
      case 'createDatabase':
        if (this.hasDatabase(statement.name)) {
          if (statement.ifNotExists) return { kind: 'ok', affected: 1, warnings: 1 };
          throw sqlErrors.databaseExists(statement.name);
        }
        this.store.schemas[statement.name] = { tables: {} };
        return { kind: 'ok', affected: 1 };
      case 'dropDatabase': {
        const schema = this.store.schemas[statement.name];
        if (SYSTEM_SCHEMAS.includes(statement.name))
          throw sqlErrors.accessDeniedToDatabase(session.user, statement.name);
        if (!schema) {
          if (statement.ifExists) return { kind: 'ok', affected: 0, warnings: 1 };
          throw sqlErrors.noSuchDatabase(statement.name);
        }
        delete this.store.schemas[statement.name];
        if (session.database === statement.name) delete session.database;
        return { kind: 'ok', affected: Object.keys(schema.tables).length };
      }
      case 'createTable': {
        const { schema, name } = this.place(statement.table, session);
        if (schema.tables[name]) {
          if (statement.ifNotExists) return { kind: 'ok', affected: 0, warnings: 1 };
          throw sqlErrors.tableExists(name);
        }
        schema.tables[name] = {
          columns: statement.columns.map((c) => ({
            name: c.name,
            type: c.type,
            ...(c.autoIncrement ? { autoIncrement: true } : {}),
          })),
          rows: [],
        };
        return { kind: 'ok', affected: 0 };
      }
      case 'dropTable': {
        for (const table of statement.tables) {
          const { schema, name, database } = this.place(table, session);
          if (!schema.tables[name]) {
            if (statement.ifExists) continue;
            throw sqlErrors.unknownTable(`${database}.${name}`);
          }
          delete schema.tables[name];
        }
        return { kind: 'ok', affected: 0 };
      }
      case 'insert':
        return this.insert(statement, scope);
      case 'update': {
        const table = this.table(statement.table, session);
        const indexes = statement.assignments.map((a) => this.columnIndex(table, a.column, 'field list'));
        let matched = 0;
        let changed = 0;
        for (const row of this.matching(table, statement.where, scope)) {
          matched++;
          const before = JSON.stringify(row);
          statement.assignments.forEach((a, n) => {
            const index = indexes[n] ?? 0;
            row[index] = coerce(
              evaluate(a.expr, { ...scope, row: rowMap(table, row) }),
              table.columns[index]?.type ?? '',
            );
          });
          if (JSON.stringify(row) !== before) changed++;
        }
        return { kind: 'ok', affected: changed, matched };
      }
      case 'delete': {
        const table = this.table(statement.table, session);
        const doomed = new Set(this.matching(table, statement.where, scope));
        table.rows = table.rows.filter((r) => !doomed.has(r));
        return { kind: 'ok', affected: doomed.size };
      }
    }
  }

  private currentDatabase(session: SessionState): string {
    if (!session.database) throw sqlErrors.noDatabase();
    return session.database;
  }

  private place(table: TableName, session: SessionState) {
    const database = table.schema ?? this.currentDatabase(session);
    const schema = this.store.schemas[database];
    if (!schema) throw sqlErrors.unknownDatabase(database);
    return { schema, name: table.name, database };
  }

  private table(table: TableName, session: SessionState): DatabaseTableRecord {
    const { schema, name, database } = this.place(table, session);
    const found = schema.tables[name];
    if (!found) throw sqlErrors.noSuchTable(`${database}.${name}`);
    return found;
  }

  private columnIndex(table: DatabaseTableRecord, column: string, where: Scope['where']): number {
    const index = table.columns.findIndex((c) => c.name.toLowerCase() === column.toLowerCase());
    if (index < 0) throw sqlErrors.unknownColumn(column, where);
    return index;
  }

  private matching(table: DatabaseTableRecord, where: Expr | undefined, scope: Scope): DatabaseValue[][] {
    if (!where) return [...table.rows];
    return table.rows.filter((row) =>
      truthy(evaluate(where, { ...scope, row: rowMap(table, row), where: 'where clause' })),
    );
  }

  private select(statement: Extract<Statement, { kind: 'select' }>, scope: Scope): Result {
    if (!statement.from) {
      return {
        kind: 'rows',
        columns: statement.items.map((i) => i.label),
        rows: [statement.items.map((i) => evaluate(i.expr, scope))],
      };
    }
    const table = this.table(statement.from, scope.session);
    let rows = this.matching(table, statement.where, scope);
    if (statement.orderBy) {
      const { expr, descending } = statement.orderBy;
      const keyed = rows.map((row) => ({ row, key: evaluate(expr, { ...scope, row: rowMap(table, row) }) }));
      keyed.sort((a, b) => (compare(a.key, b.key) ?? (a.key === null ? -1 : 1)) * (descending ? -1 : 1));
      rows = keyed.map((k) => k.row);
    }
    if (statement.limit !== undefined) rows = rows.slice(0, statement.limit);
    const columns = statement.items.flatMap((i) =>
      i.expr.kind === 'star' ? table.columns.map((c) => c.name) : [i.label],
    );
    if (statement.items.some((i) => i.expr.kind === 'call' && i.expr.name === 'count')) {
      const first = rows[0];
      const counted: Scope = { ...scope, count: rows.length, ...(first ? { row: rowMap(table, first) } : {}) };
      return { kind: 'rows', columns, rows: [statement.items.map((i) => evaluate(i.expr, counted))] };
    }
    return {
      kind: 'rows',
      columns,
      rows: rows.map((row) => {
        const rowScope: Scope = { ...scope, row: rowMap(table, row) };
        return statement.items.flatMap((i) => (i.expr.kind === 'star' ? [...row] : [evaluate(i.expr, rowScope)]));
      }),
    };
  }

  private insert(statement: Extract<Statement, { kind: 'insert' }>, scope: Scope): Result {
    const table = this.table(statement.table, scope.session);
    const indexes = (statement.columns ?? table.columns.map((c) => c.name)).map((c) =>
      this.columnIndex(table, c, 'field list'),
    );
    const added: DatabaseValue[][] = [];
    for (const values of statement.rows) {
      if (values.length !== indexes.length) throw sqlErrors.columnCount();
      const row: DatabaseValue[] = table.columns.map(() => null);
      values.forEach((expr, n) => {
        const index = indexes[n] ?? 0;
        row[index] = coerce(evaluate(expr, scope), table.columns[index]?.type ?? '');
      });
      table.columns.forEach((column, index) => {
        if (!column.autoIncrement) return;
        const given = row[index];
        if (given === null || given === 0) {
          const next = table.nextId ?? 1;
          row[index] = next;
          scope.session.lastInsertId = next;
        }
        table.nextId = Math.max(table.nextId ?? 1, Number(row[index]) + 1);
      });
      added.push(row);
    }
    table.rows.push(...added);
    return { kind: 'ok', affected: added.length, ...(added.length > 1 ? { records: added.length } : {}) };
  }
}

function rowMap(table: DatabaseTableRecord, row: DatabaseValue[]): Map<string, DatabaseValue> {
  return new Map(table.columns.map((c, i) => [c.name.toLowerCase(), row[i] ?? null]));
}

/** A value as the column keeps it: integers in int columns, text in the others. */
function coerce(value: DatabaseValue, type: string): DatabaseValue {
  if (value === null) return null;
  if (/int|decimal|float|double|bit/.test(type)) return isNumeric(value) ? Number(value) : 0;
  return String(value);
}
