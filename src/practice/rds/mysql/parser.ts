// The SQL subset the practice MySQL understands, parsed into statements: SELECT (expressions, variables,
// functions; FROM one table, WHERE, ORDER BY, LIMIT), SET @var, SHOW DATABASES/TABLES, CREATE/DROP DATABASE,
// USE, CREATE/DROP TABLE, INSERT, UPDATE, DELETE. Anything else is MySQL's ERROR 1064, quoting the text from
// where it stopped understanding, as the server does.
import { sqlErrors } from './errors';
import { tokenize, type Token } from './lexer';
import type { ColumnDefinition, Expr, Statement, TableName } from './statements';

export { WRITES, type Expr, type Statement, type TableName } from './statements';

class Parser {
  private i = 0;
  constructor(
    private readonly sql: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  /** ERROR 1064 quoting the statement from the token it stopped at (or `''` at its end). */
  fail(): never {
    const at = this.peek();
    throw sqlErrors.syntax(at ? this.sql.slice(at.start).trimEnd() : '');
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'word' && t.upper === word;
  }

  private accept(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  private expect(word: string): void {
    if (!this.accept(word)) this.fail();
  }

  private acceptPunct(p: string): boolean {
    const t = this.peek();
    if (t?.kind !== 'punct' || t.text !== p) return false;
    this.i++;
    return true;
  }

  private expectPunct(p: string): void {
    if (!this.acceptPunct(p)) this.fail();
  }

  identifier(): string {
    const t = this.peek();
    if (t?.kind !== 'word' && t?.kind !== 'quoted') this.fail();
    this.i++;
    return t.text;
  }

  private tableName(): TableName {
    const first = this.identifier();
    if (!this.acceptPunct('.')) return { name: first };
    return { schema: first, name: this.identifier() };
  }

  end(): void {
    this.acceptPunct(';');
    if (this.peek()) this.fail();
  }

  statement(): Statement {
    const t = this.peek();
    if (t?.kind !== 'word') this.fail();
    this.i++;
    switch (t.upper) {
      case 'SELECT':
        return this.select();
      case 'SET':
        return this.set();
      case 'SHOW':
        if (this.accept('DATABASES') || this.accept('SCHEMAS')) return { kind: 'showDatabases' };
        this.accept('FULL');
        this.expect('TABLES');
        return { kind: 'showTables' };
      case 'USE':
        return { kind: 'use', name: this.identifier() };
      case 'CREATE':
        return this.create();
      case 'DROP':
        return this.drop();
      case 'INSERT':
        return this.insert();
      case 'UPDATE':
        return this.update();
      case 'DELETE':
        this.expect('FROM');
        return { kind: 'delete', table: this.tableName(), ...this.where() };
      default:
        this.i--;
        return this.fail();
    }
  }

  private where(): { where?: Expr } {
    return this.accept('WHERE') ? { where: this.expr() } : {};
  }

  private select(): Statement {
    const items: { expr: Expr; label: string }[] = [];
    do {
      const first = this.peek();
      if (!first) this.fail();
      const expr = this.expr();
      const last = this.tokens[this.i - 1] ?? first;
      let label = this.sql.slice(first.start, last.end);
      if (this.accept('AS')) label = this.aliasName();
      else if (this.peek()?.kind === 'quoted' || this.peek()?.kind === 'string') label = this.aliasName();
      else if (this.peek()?.kind === 'word' && !KEYWORDS.has(this.peek()?.upper ?? '')) label = this.aliasName();
      items.push({ expr, label });
    } while (this.acceptPunct(','));
    const statement: Extract<Statement, { kind: 'select' }> = { kind: 'select', items };
    if (this.accept('FROM')) {
      statement.from = this.tableName();
      Object.assign(statement, this.where());
    }
    if (this.accept('ORDER')) {
      this.expect('BY');
      const expr = this.expr();
      const descending = this.accept('DESC');
      if (!descending) this.accept('ASC');
      statement.orderBy = { expr, descending };
    }
    if (this.accept('LIMIT')) {
      const n = this.peek();
      if (n?.kind !== 'number') this.fail();
      this.i++;
      statement.limit = Number(n.text);
    }
    return statement;
  }

  private aliasName(): string {
    const t = this.peek();
    if (t?.kind === 'string') {
      this.i++;
      return t.text;
    }
    return this.identifier();
  }

  private set(): Statement {
    const assignments: { variable: Expr; expr: Expr }[] = [];
    do {
      const t = this.peek();
      let variable: Expr;
      if (t?.kind === 'userVar') variable = { kind: 'userVar', name: t.text };
      else if (t?.kind === 'systemVar') variable = { kind: 'systemVar', name: t.text };
      else if (t?.kind === 'word' && (t.upper === 'GLOBAL' || t.upper === 'SESSION')) {
        this.i++;
        variable = { kind: 'systemVar', name: this.peek()?.text ?? '' };
      } else return this.fail();
      this.i++;
      if (!this.acceptPunct('=') && !this.acceptPunct(':=')) this.fail();
      assignments.push({ variable, expr: this.expr() });
    } while (this.acceptPunct(','));
    return { kind: 'set', assignments };
  }

  private ifExists(not: boolean): boolean {
    if (!this.accept('IF')) return false;
    if (not) this.expect('NOT');
    this.expect('EXISTS');
    return true;
  }

  private create(): Statement {
    if (this.accept('DATABASE') || this.accept('SCHEMA')) {
      const ifNotExists = this.ifExists(true);
      const name = this.identifier();
      this.skipOptions();
      return { kind: 'createDatabase', name, ifNotExists };
    }
    this.expect('TABLE');
    const ifNotExists = this.ifExists(true);
    const table = this.tableName();
    this.expectPunct('(');
    const columns: ColumnDefinition[] = [];
    do {
      if (this.isWord('PRIMARY') || this.isWord('KEY') || this.isWord('UNIQUE') || this.isWord('INDEX')) {
        this.skipDefinition();
        continue;
      }
      const name = this.identifier();
      const typeStart = this.peek();
      if (typeStart?.kind !== 'word') this.fail();
      this.i++;
      if (this.acceptPunct('(')) this.skipParenthesised();
      const type = this.sql.slice(typeStart.start, (this.tokens[this.i - 1] ?? typeStart).end).toLowerCase();
      let autoIncrement = false;
      while (!this.isPunct(',') && !this.isPunct(')')) {
        if (!this.peek()) this.fail();
        if (this.accept('AUTO_INCREMENT')) autoIncrement = true;
        else if (this.acceptPunct('(')) this.skipParenthesised();
        else this.i++;
      }
      columns.push({ name, type, autoIncrement });
    } while (this.acceptPunct(','));
    this.expectPunct(')');
    this.skipOptions();
    return { kind: 'createTable', table, ifNotExists, columns };
  }

  private isPunct(p: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === p;
  }

  /** `PRIMARY KEY (id)`, `KEY name (col)`: kept by nobody, skipped. */
  private skipDefinition(): void {
    while (!this.isPunct(',') && !this.isPunct(')')) {
      if (!this.peek()) this.fail();
      if (this.acceptPunct('(')) this.skipParenthesised();
      else this.i++;
    }
  }

  private skipParenthesised(): void {
    let depth = 1;
    while (depth > 0) {
      const t = this.peek();
      if (!t) this.fail();
      this.i++;
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
    }
  }

  /** Table and database options (`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`): accepted, not kept. */
  private skipOptions(): void {
    while (this.peek() && !this.isPunct(';')) this.i++;
  }

  private drop(): Statement {
    if (this.accept('DATABASE') || this.accept('SCHEMA')) {
      const ifExists = this.ifExists(false);
      return { kind: 'dropDatabase', name: this.identifier(), ifExists };
    }
    this.expect('TABLE');
    const ifExists = this.ifExists(false);
    const tables = [this.tableName()];
    while (this.acceptPunct(',')) tables.push(this.tableName());
    return { kind: 'dropTable', tables, ifExists };
  }

  private insert(): Statement {
    this.accept('INTO');
    const table = this.tableName();
    let columns: string[] | undefined;
    if (this.acceptPunct('(')) {
      columns = [];
      do columns.push(this.identifier());
      while (this.acceptPunct(','));
      this.expectPunct(')');
    }
    if (!this.accept('VALUES')) this.expect('VALUE');
    const rows: Expr[][] = [];
    do {
      this.expectPunct('(');
      const row: Expr[] = [];
      do row.push(this.expr());
      while (this.acceptPunct(','));
      this.expectPunct(')');
      rows.push(row);
    } while (this.acceptPunct(','));
    return { kind: 'insert', table, ...(columns ? { columns } : {}), rows };
  }

  private update(): Statement {
    const table = this.tableName();
    this.expect('SET');
    const assignments: { column: string; expr: Expr }[] = [];
    do {
      const column = this.identifier();
      this.expectPunct('=');
      assignments.push({ column, expr: this.expr() });
    } while (this.acceptPunct(','));
    return { kind: 'update', table, assignments, ...this.where() };
  }

  expr(): Expr {
    let left = this.and();
    while (this.accept('OR')) left = { kind: 'binary', op: 'OR', left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.accept('AND')) left = { kind: 'binary', op: 'AND', left, right: this.not() };
    return left;
  }

  private not(): Expr {
    return this.accept('NOT') ? { kind: 'not', expr: this.not() } : this.comparison();
  }

  private comparison(): Expr {
    const left = this.sum();
    if (this.accept('IS')) {
      const negated = this.accept('NOT');
      this.expect('NULL');
      return { kind: 'isNull', expr: left, negated };
    }
    const t = this.peek();
    if (t?.kind === 'punct' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(t.text)) {
      this.i++;
      return { kind: 'binary', op: t.text === '!=' ? '<>' : t.text, left, right: this.sum() };
    }
    if (this.accept('LIKE')) return { kind: 'binary', op: 'LIKE', left, right: this.sum() };
    return left;
  }

  private sum(): Expr {
    let left = this.product();
    for (;;) {
      const t = this.peek();
      if (t?.kind !== 'punct' || (t.text !== '+' && t.text !== '-')) return left;
      this.i++;
      left = { kind: 'binary', op: t.text, left, right: this.product() };
    }
  }

  private product(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t?.kind !== 'punct' || (t.text !== '*' && t.text !== '/')) return left;
      this.i++;
      left = { kind: 'binary', op: t.text, left, right: this.unary() };
    }
  }

  private unary(): Expr {
    return this.acceptPunct('-') ? { kind: 'negate', expr: this.unary() } : this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) return this.fail();
    this.i++;
    if (t.kind === 'number') return { kind: 'literal', value: Number(t.text) };
    if (t.kind === 'string') return { kind: 'literal', value: t.text };
    if (t.kind === 'userVar') return { kind: 'userVar', name: t.text };
    if (t.kind === 'systemVar') return { kind: 'systemVar', name: t.text.replace(/^(global|session|local)\./i, '') };
    if (t.kind === 'quoted') return { kind: 'column', name: t.text };
    if (t.kind === 'punct' && t.text === '*') return { kind: 'star' };
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.expr();
      this.expectPunct(')');
      return inner;
    }
    if (t.kind !== 'word' || KEYWORDS.has(t.upper)) {
      this.i--;
      return this.fail();
    }
    if (t.upper === 'NULL') return { kind: 'literal', value: null };
    if (t.upper === 'TRUE' || t.upper === 'FALSE') return { kind: 'literal', value: t.upper === 'TRUE' ? 1 : 0 };
    if (this.acceptPunct('(')) {
      const args: Expr[] = [];
      if (!this.acceptPunct(')')) {
        do args.push(this.expr());
        while (this.acceptPunct(','));
        this.expectPunct(')');
      }
      return { kind: 'call', name: t.text.toLowerCase(), args };
    }
    if (t.upper === 'CURRENT_TIMESTAMP' || t.upper === 'CURRENT_USER')
      return { kind: 'call', name: t.text.toLowerCase(), args: [] };
    if (this.acceptPunct('.')) return { kind: 'column', name: this.identifier() }; // table.column: one table only
    return { kind: 'column', name: t.text };
  }
}

/** Reserved words that end an expression or cannot name a column. */
const KEYWORDS = new Set(
  'FROM WHERE AND OR NOT AS ORDER BY LIMIT SELECT SET INSERT UPDATE DELETE VALUES INTO IS LIKE ASC DESC'.split(' '),
);

/** One statement (an optional `;` at its end). */
export function parseStatement(sql: string): Statement {
  const parser = new Parser(sql, tokenize(sql));
  const statement = parser.statement();
  parser.end();
  return statement;
}
