// The statements and expressions of the practice MySQL's SQL subset, as the parser (parser.ts) gives them to the
// engine (engine.ts).
import type { DatabaseValue } from '../../core/records';

export type Expr =
  | { kind: 'literal'; value: DatabaseValue }
  | { kind: 'userVar'; name: string }
  | { kind: 'systemVar'; name: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'column'; name: string }
  | { kind: 'star' }
  | { kind: 'not'; expr: Expr }
  | { kind: 'negate'; expr: Expr }
  | { kind: 'isNull'; expr: Expr; negated: boolean }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

export interface TableName {
  schema?: string;
  name: string;
}

export interface ColumnDefinition {
  name: string;
  type: string;
  autoIncrement: boolean;
}

export type Statement =
  | {
      kind: 'select';
      items: { expr: Expr; label: string }[];
      from?: TableName;
      where?: Expr;
      orderBy?: { expr: Expr; descending: boolean };
      limit?: number;
    }
  | { kind: 'set'; assignments: { variable: Expr; expr: Expr }[] }
  | { kind: 'showDatabases' }
  | { kind: 'showTables' }
  | { kind: 'createDatabase'; name: string; ifNotExists: boolean }
  | { kind: 'dropDatabase'; name: string; ifExists: boolean }
  | { kind: 'use'; name: string }
  | { kind: 'createTable'; table: TableName; ifNotExists: boolean; columns: ColumnDefinition[] }
  | { kind: 'dropTable'; tables: TableName[]; ifExists: boolean }
  | { kind: 'insert'; table: TableName; columns?: string[]; rows: Expr[][] }
  | { kind: 'update'; table: TableName; assignments: { column: string; expr: Expr }[]; where?: Expr }
  | { kind: 'delete'; table: TableName; where?: Expr };

/** Statements that change data or schemas: a read-only server refuses them. */
export const WRITES: ReadonlySet<Statement['kind']> = new Set([
  'createDatabase',
  'dropDatabase',
  'createTable',
  'dropTable',
  'insert',
  'update',
  'delete',
]);

/** Who the server is (what its system variables answer). */
export interface ServerIdentity {
  hostname: string;
  port: number;
  /** `8.0.35` (RDS MySQL) or `8.0.32` (Aurora MySQL 3); the handshake's "Server version". */
  version: string;
  /** Aurora MySQL's own version (`3.05.2`), undefined for RDS MySQL. */
  auroraVersion?: string;
  readOnly: boolean;
}

export interface SessionState {
  user: string;
  /** The client's address, as the server sees it (`user()` is `admin@10.0.1.23`). */
  clientHost: string;
  connectionId: number;
  database?: string;
  /** User variables (`@name`: case-insensitive, NULL until set). */
  userVars: Map<string, DatabaseValue>;
  lastInsertId: number;
}
