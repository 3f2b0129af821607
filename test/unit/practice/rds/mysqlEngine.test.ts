// The practice MySQL's SQL engine over a store: parsing (result columns named as typed, ERROR 1064 quoting the
// rest), system variables vs user variables (seed 003's `select @read_only` is NULL), a read-only server refusing
// writes with ERROR 1290, schemas/tables/rows, and one store shared by two servers (Aurora members).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatabaseStoreRecord } from '../../../../src/practice/core/records';
import { Server, type Result, type ServerIdentity, type SessionState } from '../../../../src/practice/rds/mysql/engine';
import { MySqlError } from '../../../../src/practice/rds/mysql/errors';
import { parseStatement } from '../../../../src/practice/rds/mysql/parser';

const now = new Date('2026-12-01T10:00:05Z');
const writer: ServerIdentity = {
  hostname: 'ip-10-0-2-226',
  port: 3306,
  version: '8.0.32',
  auroraVersion: '3.05.2',
  readOnly: false,
};
const reader: ServerIdentity = { ...writer, hostname: 'ip-10-0-3-217', readOnly: true };

const session = (database?: string): SessionState => ({
  user: 'admin',
  clientHost: '10.0.0.65',
  connectionId: 8,
  userVars: new Map(),
  lastInsertId: 0,
  ...(database ? { database } : {}),
});

function run(server: Server, s: SessionState, sql: string): Result {
  return server.execute(parseStatement(sql), s);
}

function rows(result: Result) {
  assert.equal(result.kind, 'rows');
  return result.kind === 'rows' ? { columns: result.columns, rows: result.rows } : { columns: [], rows: [] };
}

function error(f: () => unknown): MySqlError {
  try {
    f();
  } catch (e) {
    if (e instanceof MySqlError) return e;
    throw e;
  }
  assert.fail('no MySQL error');
}

test('system variables: the writer is read_only 0, a reader 1; @@hostname is the instance; columns as typed', () => {
  const store: DatabaseStoreRecord = { schemas: {} };
  const s = session();
  assert.deepEqual(rows(run(new Server(store, writer, now), s, 'select @@read_only;')), {
    columns: ['@@read_only'],
    rows: [[0]],
  });
  assert.deepEqual(rows(run(new Server(store, reader, now), s, 'SELECT @@innodb_read_only, @@hostname')), {
    columns: ['@@innodb_read_only', '@@hostname'],
    rows: [[1, 'ip-10-0-3-217']],
  });
  assert.deepEqual(
    rows(run(new Server(store, writer, now), s, 'select @@global.read_only, @@version, @@port, @@aurora_version')).rows,
    [[0, '8.0.32', 3306, '3.05.2']],
  );
  assert.deepEqual(rows(run(new Server(store, writer, now), s, 'select 1, now(), database(), user(), 1+1 as two')), {
    columns: ['1', 'now()', 'database()', 'user()', 'two'],
    rows: [[1, '2026-12-01 10:00:05', null, 'admin@10.0.0.65', 2]],
  });
  const unknown = error(() => run(new Server(store, writer, now), s, 'select @@read_onyl'));
  assert.deepEqual(
    [unknown.errno, unknown.sqlState, unknown.message],
    [1193, 'HY000', "Unknown system variable 'read_onyl'"],
  );
});

test("user variables: seed 003's @read_only is NULL until set; SET @x keeps it for the session only", () => {
  const server = new Server({ schemas: {} }, writer, now);
  const s = session();
  assert.deepEqual(rows(run(server, s, 'select @read_only;')), { columns: ['@read_only'], rows: [[null]] });
  assert.deepEqual(run(server, s, 'set @Read_Only = 5'), { kind: 'ok', affected: 0 });
  assert.deepEqual(rows(run(server, s, 'select @read_only, @@read_only')).rows, [[5, 0]]);
  assert.deepEqual(rows(run(server, session(), 'select @read_only')).rows, [[null]]);
  const refused = error(() => run(server, s, 'set global read_only = 1'));
  assert.equal(refused.errno, 1227);
});

test('databases, tables and rows: create, use, insert, select where, update, delete, drop', () => {
  const store: DatabaseStoreRecord = { schemas: { wordpress: { tables: {} } } };
  const server = new Server(store, writer, now);
  const s = session();
  assert.deepEqual(rows(run(server, s, 'show databases')).rows, [
    ['information_schema'],
    ['mysql'],
    ['performance_schema'],
    ['sys'],
    ['wordpress'],
  ]);
  assert.equal(error(() => run(server, s, 'show tables')).errno, 1046);
  assert.deepEqual(run(server, s, 'create database if not exists shop'), { kind: 'ok', affected: 1 });
  assert.deepEqual(run(server, s, 'create database if not exists shop'), { kind: 'ok', affected: 1, warnings: 1 });
  assert.equal(
    error(() => run(server, s, 'create database shop')).message,
    "Can't create database 'shop'; database exists",
  );
  assert.equal(error(() => run(server, s, 'use nothere')).message, "Unknown database 'nothere'");
  assert.deepEqual(run(server, s, 'use shop'), { kind: 'ok', affected: 0, databaseChanged: true });
  run(
    server,
    s,
    'CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT, name VARCHAR(50), price int, PRIMARY KEY (id)) ENGINE=InnoDB',
  );
  assert.deepEqual(run(server, s, "insert into items (name, price) values ('apple', 100), ('pear', '120')"), {
    kind: 'ok',
    affected: 2,
    records: 2,
  });
  assert.deepEqual(rows(run(server, s, "select * from items where name = 'PEAR'")), {
    columns: ['id', 'name', 'price'],
    rows: [[2, 'pear', 120]],
  });
  assert.deepEqual(run(server, s, 'update items set price = price + 1 where id = 1'), {
    kind: 'ok',
    affected: 1,
    matched: 1,
  });
  assert.deepEqual(rows(run(server, s, 'select name, price from items order by price desc limit 1')).rows, [
    ['pear', 120],
  ]);
  assert.deepEqual(rows(run(server, s, 'select count(*) from items')).rows, [[2]]);
  assert.deepEqual(run(server, s, 'delete from items where price > 110'), { kind: 'ok', affected: 1 });
  assert.deepEqual(rows(run(server, s, 'show tables')), { columns: ['Tables_in_shop'], rows: [['items']] });
  assert.equal(error(() => run(server, s, 'select nope from items')).message, "Unknown column 'nope' in 'field list'");
  assert.equal(
    error(() => run(server, s, 'select * from items where nope = 1')).message,
    "Unknown column 'nope' in 'where clause'",
  );
  assert.equal(error(() => run(server, s, 'select * from missing')).message, "Table 'shop.missing' doesn't exist");
  assert.equal(error(() => run(server, s, "insert into items values (1, 'x')")).errno, 1136);
  assert.deepEqual(run(server, s, 'drop database shop'), { kind: 'ok', affected: 1 });
  assert.equal(s.database, undefined);
  assert.deepEqual(Object.keys(store.schemas), ['wordpress']);
});

test('a read-only server (Aurora reader) refuses writes with ERROR 1290 and reads the shared store', () => {
  const store: DatabaseStoreRecord = { schemas: { wordpress: { tables: {} } } };
  const s = session('wordpress');
  run(new Server(store, writer, now), s, 'create table posts (id int auto_increment, title text)');
  run(new Server(store, writer, now), s, "insert into posts (title) values ('Hello world!')");
  const onReader = new Server(store, reader, now);
  assert.deepEqual(rows(run(onReader, s, 'select title from posts')).rows, [['Hello world!']]);
  for (const sql of [
    "insert into posts (title) values ('x')",
    'update posts set title = 1',
    'delete from posts',
    'create database x',
    'drop table posts',
  ]) {
    const refused = error(() => run(onReader, s, sql));
    assert.deepEqual(
      [refused.errno, refused.sqlState, refused.message],
      [1290, 'HY000', 'The MySQL server is running with the --read-only option so it cannot execute this statement'],
      sql,
    );
  }
  assert.equal(store.schemas.wordpress?.tables.posts?.rows.length, 1);
});

test('syntax errors: ERROR 1064 quoting the text from where it stopped', () => {
  const e = error(() => parseStatement('selec @@read_only'));
  assert.equal(e.errno, 1064);
  assert.equal(
    e.message,
    "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'selec @@read_only' at line 1",
  );
  assert.match(error(() => parseStatement('select 1 2 3')).message, /near '2 3' at line 1$/);
  assert.match(error(() => parseStatement("select 'open")).message, /near ''open' at line 1$/);
});
