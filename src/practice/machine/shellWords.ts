// The words of the practice machine's shell (shellSyntax.ts reads commands of them): text with its quotes
// removed, kept apart from the expansions `$NAME`, `${NAME}`, `$(...)`, backquotes and a leading `~`, which the
// caller answers (expandWord). Quotes, `\` and here-document bodies are read as bash reads them.

export class ShellSyntaxError extends Error {}

/** A piece of a word: text as written with its quotes removed, or an expansion for the caller to answer. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  /** An unquoted `~` starting the word (followed by `/` or nothing). */
  | { kind: 'tilde' }
  /** `$NAME` or `${NAME}`; raw is how it was written. */
  | { kind: 'variable'; name: string; raw: string }
  /** `$(script)` or a backquoted script. */
  | { kind: 'command'; script: string; raw: string };

export type Word = readonly WordPart[];

/** What a caller answers for the expansions in a word. */
export interface Expansions {
  variable(name: string, raw: string): string;
  command(script: string, raw: string): string;
  tilde(): string;
}

/** The word's text with the caller's answers for its expansions (no field splitting, no globbing). */
export function expandWord(word: Word, expansions: Expansions): string {
  return word
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.kind === 'tilde') return expansions.tilde();
      if (part.kind === 'variable') return expansions.variable(part.name, part.raw);
      return expansions.command(part.script, part.raw);
    })
    .join('');
}

/** `NAME=value` as the word's start (unquoted), with the value's parts. */
export function assignmentOf(word: Word): { name: string; value: Word } | undefined {
  const [first, ...rest] = word;
  if (first?.kind !== 'text' || first.quoted) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!match) return undefined;
  const text = first.text.slice(match[0].length);
  return { name: match[1] ?? '', value: text ? [{ kind: 'text', text, quoted: false }, ...rest] : rest };
}

/** Splits a here-document's body into text and expansions (quotes are plain text there). */
export function hereDocumentWord(body: string): Word {
  const parts: WordPart[] = [];
  new WordScanner(body).expandable(parts, () => false, 'hereDoc');
  return parts;
}

/** Blanks and operators end an unquoted word. */
export const META = /[\s;&|<>]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** A position in the source and the reading of words from it. */
export class WordScanner {
  protected i = 0;

  constructor(protected readonly src: string) {}

  /**
   * Reads text and expansions until `stop` (outside quotes): a word (quotes, `\`, `~` are special), a
   * double-quoted string's inside or a here-document (`\` escapes only `$`, `` ` ``, `\`, newline; in a
   * double-quoted string `"` too).
   */
  expandable(parts: WordPart[], stop: (c: string) => boolean, mode: 'word' | 'double' | 'hereDoc'): void {
    const src = this.src;
    const text = (t: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.kind === 'text' && last.quoted === quoted) parts[parts.length - 1] = { ...last, text: last.text + t };
      else parts.push({ kind: 'text', text: t, quoted });
    };
    const quoted = mode !== 'word';
    const escapable = mode === 'double' ? '$`"\\\n' : mode === 'hereDoc' ? '$`\\\n' : undefined;
    while (this.i < src.length) {
      const c = src[this.i] ?? '';
      if (stop(c)) return;
      if (c === '\\') {
        const next = src[this.i + 1];
        // `\` + newline joins lines; elsewhere it quotes the next character (in "..." only $ ` " \).
        const escaped = next !== undefined && next !== '\n' && (!escapable || escapable.includes(next));
        if (next !== '\n') text(escaped ? next : '\\', escaped || quoted);
        this.i += escaped || next === '\n' ? 2 : 1;
      } else if (c === '$') this.dollar(parts, text, quoted);
      else if (c === '`') {
        const end = closingBackquote(src, this.i);
        if (end < 0) throw eof('`');
        const raw = src.slice(this.i, end + 1);
        parts.push({ kind: 'command', script: raw.slice(1, -1), raw });
        this.i = end + 1;
      } else if (mode === 'word' && c === "'") {
        const end = src.indexOf("'", this.i + 1);
        if (end < 0) throw eof("'");
        text(src.slice(this.i + 1, end), true);
        this.i = end + 1;
      } else if (mode === 'word' && c === '"') {
        this.i++;
        const before = parts.length;
        this.expandable(parts, (ch) => ch === '"', 'double');
        if (src[this.i] !== '"') throw eof('"');
        if (parts.length === before) text('', true); // `""` is still a word
        this.i++;
      } else if (mode === 'word' && c === '~' && parts.length === 0 && /^(\/|$)/.test(wordRest(src, this.i + 1))) {
        parts.push({ kind: 'tilde' });
        this.i++;
      } else {
        text(c, quoted);
        this.i++;
      }
    }
  }

  private dollar(parts: WordPart[], text: (t: string, quoted: boolean) => void, quoted: boolean): void {
    const src = this.src;
    const next = src[this.i + 1] ?? '';
    if (next === '(') {
      const end = closingParen(src, this.i + 1);
      if (end < 0) throw eof(')');
      const raw = src.slice(this.i, end + 1);
      parts.push({ kind: 'command', script: raw.slice(2, -1), raw });
      this.i = end + 1;
    } else if (next === '{') {
      const end = src.indexOf('}', this.i + 2);
      if (end < 0) throw eof('}');
      const raw = src.slice(this.i, end + 1);
      parts.push({ kind: 'variable', name: raw.slice(2, -1), raw });
      this.i = end + 1;
    } else {
      const name = NAME.exec(src.slice(this.i + 1))?.[0];
      if (!name) return void (text('$', quoted), this.i++);
      parts.push({ kind: 'variable', name, raw: `$${name}` });
      this.i += 1 + name.length;
    }
  }
}

export const eof = (quote: string) => new ShellSyntaxError(`unexpected EOF while looking for matching \`${quote}'`);

/** The rest of an unquoted word from `i` (up to a blank or an operator). */
function wordRest(src: string, i: number): string {
  let end = i;
  while (end < src.length && !META.test(src[end] ?? '')) end++;
  return src.slice(i, end);
}

/** The `)` closing the `(` at `open`, past quotes and nested parentheses; -1 if none. */
function closingParen(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === "'") {
      j = src.indexOf("'", j + 1);
      if (j < 0) return -1;
    } else if (c === '"') {
      for (j++; j < src.length && src[j] !== '"'; j++) if (src[j] === '\\') j++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}

function closingBackquote(src: string, open: number): number {
  for (let j = open + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '`') return j;
  }
  return -1;
}
