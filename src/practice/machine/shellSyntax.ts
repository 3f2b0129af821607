// The practice machine's shell grammar, one parser for its login shell (shell.ts) and for cloud-init's user data
// (userData.ts): words with their quotes, escapes and expansions kept apart; pipelines joined by `;`, `&`, `&&`,
// `||` and newlines (a line may go on after `&&`, `||`, `|` or a `\`); `|`; redirections `<` `>` `>>` with a file
// descriptor (`2>`), `&>`, `&>>`, duplications (`2>&1`, `>&2`); here-documents (`<<`, `<<-`, a quoted delimiter
// keeps the body literal). Pure: what `$VAR`, `$(...)` and `~` stand for is the caller's (expandWord). Errors are
// bash's words for them, as ShellSyntaxError. The words themselves: shellWords.ts.
import { META, ShellSyntaxError, WordScanner, hereDocumentWord, type Word, type WordPart } from './shellWords';

export type Redirection =
  /** `N> path`, `N>> path`, `N< path`; `&>`/`&>>` send stdout and stderr (fd 'both'). */
  | { kind: 'file'; fd: number | 'both'; op: '>' | '>>' | '<'; target: Word }
  /** `N>&M`: descriptor N writes where M does. */
  | { kind: 'duplicate'; fd: number; to: Word }
  /** `<<DELIM` / `<<-DELIM` (leading tabs stripped): the body is stdin; expanded unless the delimiter was quoted. */
  | { kind: 'hereDoc'; delimiter: string; stripTabs: boolean; body: Word };

export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirections: readonly Redirection[];
}

/** One pipeline of a list: how it joins the previous one, and whether `&` sent it to the background. */
export interface ListItem {
  readonly after: ';' | '&&' | '||';
  readonly commands: readonly SimpleCommand[];
  readonly background: boolean;
}

export interface Script {
  /** One list per complete command (a line with the lines it goes on to and its here-documents). */
  readonly lists: readonly (readonly ListItem[])[];
  /** The syntax error that ended the script: the lists before it are complete, as bash runs them. */
  readonly error?: ShellSyntaxError;
}

export function parseScript(source: string): Script {
  return new Parser(source).script();
}

type Operator = ';' | '&' | '&&' | '||' | '|' | '<' | '<<' | '<<-' | '>' | '>>' | '>&' | '&>' | '&>>';
type Token = { kind: 'word'; word: Word } | { kind: 'op'; op: Operator; fd?: number } | { kind: 'newline' | 'end' };
type HereDoc = Extract<Redirection, { kind: 'hereDoc' }>;

// Longest first: a prefix must not win over its longer operator.
const OPERATORS: readonly Operator[] = ['&>>', '<<-', '&&', '||', '<<', '>>', '>&', '&>', ';', '&', '|', '<', '>'];

class Parser extends WordScanner {
  /** A token read ahead (reading a newline reads the line's here-documents: a token is never read twice). */
  private peeked: Token | undefined;
  private pending: { doc: HereDoc; expand: boolean }[] = [];

  script(): Script {
    const lists: ListItem[][] = [];
    try {
      for (;;) {
        const list = this.list();
        if (list === undefined) return { lists };
        if (list.length) lists.push(list);
      }
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      return { lists, error };
    }
  }

  /** One complete command up to a newline; undefined at the end of the script. */
  private list(): ListItem[] | undefined {
    const items: ListItem[] = [];
    let after: ListItem['after'] = ';';
    let token = this.next();
    for (;;) {
      if (token.kind === 'end') return items.length ? items : undefined;
      if (token.kind === 'newline') return items;
      if (token.kind === 'op' && token.op === ';' && after === ';') {
        token = this.next(); // an empty command: bash objects, this shell never did
        continue;
      }
      const commands = this.pipeline(token);
      const next = this.next();
      items.push({ after, commands, background: next.kind === 'op' && next.op === '&' });
      after = ';';
      if (next.kind === 'end') this.peeked = next; // the next list() ends the script
      if (next.kind === 'end' || next.kind === 'newline') return items;
      if (next.kind === 'op' && (next.op === '&&' || next.op === '||')) {
        after = next.op;
        this.skipNewlines();
      } else if (next.kind !== 'op' || (next.op !== ';' && next.op !== '&')) throw unexpected(next);
      token = this.next();
    }
  }

  private pipeline(first: Token): SimpleCommand[] {
    const commands = [this.simple(first)];
    for (let next = this.peek(); next.kind === 'op' && next.op === '|'; next = this.peek()) {
      this.next();
      this.skipNewlines();
      commands.push(this.simple(this.next()));
    }
    return commands;
  }

  private simple(first: Token): SimpleCommand {
    const words: Word[] = [];
    const redirections: Redirection[] = [];
    const part = (t: Token) => t.kind === 'word' || (t.kind === 'op' && isRedirection(t.op));
    if (!part(first)) throw unexpected(first);
    for (let token = first; ; token = this.next()) {
      if (token.kind === 'word') words.push(token.word);
      else if (token.kind === 'op') redirections.push(this.redirection(token));
      if (!part(this.peek())) return { words, redirections };
    }
  }

  private redirection(token: Token & { kind: 'op' }): Redirection {
    const target = this.next();
    if (target.kind !== 'word') throw unexpected(target);
    const { op } = token;
    if (op === '<<' || op === '<<-') {
      const delimiter = target.word
        .map((p) => (p.kind === 'text' ? p.text : p.kind === 'tilde' ? '~' : p.raw))
        .join('');
      // The body follows the line: readHereDocuments fills it in at the newline.
      const doc: HereDoc = { kind: 'hereDoc', delimiter, stripTabs: op === '<<-', body: [] };
      this.pending.push({ doc, expand: target.word.every((p) => p.kind !== 'text' || !p.quoted) });
      return doc;
    }
    if (op === '>&') return { kind: 'duplicate', fd: token.fd ?? 1, to: target.word };
    if (op === '&>' || op === '&>>')
      return { kind: 'file', fd: 'both', op: op === '&>' ? '>' : '>>', target: target.word };
    return { kind: 'file', fd: token.fd ?? (op === '<' ? 0 : 1), op: op as '>' | '>>' | '<', target: target.word };
  }

  /** After `&&`, `||` or `|` the command goes on past newlines. */
  private skipNewlines(): void {
    for (let token = this.peek(); token.kind !== 'word' && token.kind !== 'op'; token = this.peek()) {
      if (token.kind === 'end') throw new ShellSyntaxError('syntax error: unexpected end of file');
      this.next();
    }
  }

  private peek(): Token {
    this.peeked ??= this.read();
    return this.peeked;
  }

  private next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private read(): Token {
    const src = this.src;
    for (;;) {
      const c = src[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && src[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') while (this.i < src.length && src[this.i] !== '\n') this.i++;
      else break;
    }
    if (this.i >= src.length) return { kind: 'end' };
    if (src[this.i] === '\n') {
      this.i++;
      this.readHereDocuments();
      return { kind: 'newline' };
    }
    const op = OPERATORS.find((o) => src.startsWith(o, this.i));
    if (op) {
      this.i += op.length;
      return { kind: 'op', op };
    }
    const parts: WordPart[] = [];
    this.expandable(parts, (ch) => META.test(ch), 'word');
    const only = parts.length === 1 ? parts[0] : undefined;
    const fdOp = OPERATORS.find((o) => (o[0] === '<' || o[0] === '>') && src.startsWith(o, this.i));
    if (fdOp && only?.kind === 'text' && !only.quoted && /^\d+$/.test(only.text)) {
      this.i += fdOp.length; // `2>`: a descriptor, not a word
      return { kind: 'op', op: fdOp, fd: Number(only.text) };
    }
    return { kind: 'word', word: parts };
  }

  /** After a newline: the bodies of the here-documents the line opened. */
  private readHereDocuments(): void {
    for (const { doc, expand } of this.pending) {
      const lines: string[] = [];
      while (this.i < this.src.length) {
        const end = this.src.indexOf('\n', this.i);
        const raw = this.src.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.src.length : end + 1;
        const line = doc.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (line === doc.delimiter) break;
        lines.push(`${line}\n`); // bash: a missing delimiter ends the body at the end of the script
      }
      const text = lines.join('');
      doc.body = expand ? hereDocumentWord(text) : [{ kind: 'text', text, quoted: true }];
    }
    this.pending = [];
  }
}

function isRedirection(op: Operator): boolean {
  return op !== ';' && op !== '&' && op !== '&&' && op !== '||' && op !== '|';
}

function unexpected(token: Token): ShellSyntaxError {
  return new ShellSyntaxError(`syntax error near unexpected token \`${token.kind === 'op' ? token.op : 'newline'}'`);
}
