/**
 * The `.api` lexer: source text → tokens, comments included (the parser attaches them to nodes).
 *
 * Follows goctl's scanner (pkg/parser/api/scanner) in what it accepts: `interface{}` is one token,
 * numbers followed by a Go duration unit are one DURATION token, `@doc` / `@handler` / `@server` are
 * single tokens. It differs on purpose in four places: identifiers may contain Unicode letters,
 * `"…"` strings honour backslash escapes, a byte-order mark at the start of the file is skipped, and
 * a lexical error never stops the scan — it becomes a diagnostic and the scan goes on, so the parser
 * can report everything at once. A NUL character is an error anywhere, also in a comment or string,
 * where goctl silently takes it for the end of the file.
 */
import type { Position, Span } from '../../diagnostics.js';

export type TokenKind =
  | 'ident'
  | 'int'
  | 'duration'
  | 'string'
  | 'rawString'
  | 'lineComment'
  | 'blockComment'
  | 'interface'
  | '@doc'
  | '@handler'
  | '@server'
  | '/'
  | '-'
  | '*'
  | '('
  | ')'
  | '['
  | ']'
  | '{'
  | '}'
  | ','
  | '.'
  | '...'
  | ';'
  | ':'
  | '='
  | 'illegal'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The exact source text of the token. */
  readonly text: string;
  readonly span: Span;
}

export interface LexError {
  readonly code: 'API0001' | 'API0002' | 'API0003';
  readonly message: string;
  readonly span: Span;
}

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly errors: readonly LexError[];
}

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '-': '-',
  '*': '*',
  '(': '(',
  ')': ')',
  '[': '[',
  ']': ']',
  '{': '{',
  '}': '}',
  ',': ',',
  ';': ';',
  ':': ':',
  '=': '=',
};

/** A NUL is never valid, not even in a comment or string: goctl takes it for the end of the file. */
const NUL_MESSAGE = 'illegal character "\\u0000" (NUL): goctl reads it as the end of the file';

const DURATION_UNITS = ['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'] as const;

export function isIdentStart(ch: string): boolean {
  return ch === '_' || /^\p{L}$/u.test(ch);
}

export function isIdentPart(ch: string): boolean {
  return ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch);
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isAsciiLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/** Tokenises `source`. The last token is always `eof`. */
export function lex(source: string): LexResult {
  return new Lexer(source).run();
}

class Lexer {
  private offset = 0;
  private line = 1;
  private column = 1;
  private readonly tokens: Token[] = [];
  private readonly errors: LexError[] = [];

  constructor(private readonly src: string) {}

  run(): LexResult {
    for (;;) {
      this.skipWhitespace();
      if (this.offset >= this.src.length) {
        const at = this.position();
        this.tokens.push({ kind: 'eof', text: '', span: { start: at, end: at } });
        return { tokens: this.tokens, errors: this.errors };
      }
      this.scanToken();
    }
  }

  private position(): Position {
    return { line: this.line, column: this.column, offset: this.offset };
  }

  /** The code point at the cursor (a whole surrogate pair when there is one), or '' at the end. */
  private peek(ahead = 0): string {
    let at = this.offset;
    for (let i = 0; i < ahead && at < this.src.length; i += 1) {
      at += (this.src.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    }
    if (at >= this.src.length) return '';
    const cp = this.src.codePointAt(at) ?? 0;
    return String.fromCodePoint(cp);
  }

  private advance(): string {
    const ch = this.peek();
    if (ch === '') return ch;
    this.offset += ch.length;
    if (ch === '\n') {
      this.line += 1;
      this.column = 1;
    } else {
      this.column += 1;
    }
    return ch;
  }

  private skipWhitespace(): void {
    for (;;) {
      const ch = this.peek();
      // A byte-order mark is white space at the very start of the file only (editors write one there).
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\f' || ch === '\v' || (ch === '\uFEFF' && this.offset === 0)) {
        this.advance();
      } else {
        return;
      }
    }
  }

  private push(kind: TokenKind, start: Position): Token {
    const end = this.position();
    const token: Token = { kind, text: this.src.slice(start.offset, end.offset), span: { start, end } };
    this.tokens.push(token);
    return token;
  }

  private error(code: LexError['code'], message: string, start: Position): void {
    this.errors.push({ code, message, span: { start, end: this.position() } });
  }

  private scanToken(): void {
    const start = this.position();
    const ch = this.peek();
    if (ch === '/') {
      const next = this.peek(1);
      if (next === '/') return this.scanLineComment(start);
      if (next === '*') return this.scanBlockComment(start);
      this.advance();
      this.push('/', start);
      return;
    }
    if (ch === '.') {
      if (this.peek(1) === '.' && this.peek(2) === '.') {
        this.advance();
        this.advance();
        this.advance();
        this.push('...', start);
      } else {
        this.advance();
        this.push('.', start);
      }
      return;
    }
    const punct = PUNCTUATION[ch];
    if (punct !== undefined) {
      this.advance();
      this.push(punct, start);
      return;
    }
    if (ch === '@') return this.scanAt(start);
    if (ch === '"') return this.scanString(start, '"', 'string');
    if (ch === '`') return this.scanString(start, '`', 'rawString');
    if (isIdentStart(ch)) return this.scanIdent(start);
    if (isDigit(ch)) return this.scanNumber(start);
    this.advance();
    this.push('illegal', start);
    if (ch === '\u0000') this.error('API0003', NUL_MESSAGE, start);
    else if (ch === '\uFEFF') this.error('API0003', 'illegal character U+FEFF: a byte-order mark is only allowed at the start of the file', start);
    else this.error('API0003', `illegal character ${JSON.stringify(ch)}`, start);
  }

  /**
   * Reports a NUL character inside a comment or string (outside them it is an illegal character like
   * any other): goctl takes it for the end of the file and ignores the rest, so it is never valid.
   */
  private skipNul(): void {
    const at = this.position();
    this.advance();
    this.error('API0003', NUL_MESSAGE, at);
  }

  private scanLineComment(start: Position): void {
    while (this.peek() !== '\n' && this.peek() !== '') {
      if (this.peek() === '\u0000') this.skipNul();
      else this.advance();
    }
    // A CRLF file keeps its '\r' out of the comment text, so formatting never emits it twice.
    const end = this.position();
    let text = this.src.slice(start.offset, end.offset);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.tokens.push({ kind: 'lineComment', text, span: { start, end } });
  }

  private scanBlockComment(start: Position): void {
    this.advance();
    this.advance();
    for (;;) {
      const ch = this.peek();
      if (ch === '') {
        this.error('API0002', 'unterminated block comment: expected "*/" before end of file', start);
        this.push('blockComment', start);
        return;
      }
      if (ch === '*' && this.peek(1) === '/') {
        this.advance();
        this.advance();
        this.push('blockComment', start);
        return;
      }
      if (ch === '\u0000') this.skipNul();
      else this.advance();
    }
  }

  private scanString(start: Position, delim: string, kind: 'string' | 'rawString'): void {
    this.advance();
    for (;;) {
      const ch = this.peek();
      if (ch === '') {
        this.error('API0002', `unterminated string: expected ${delim} before end of file`, start);
        this.push(kind, start);
        return;
      }
      if (ch === '\u0000') {
        this.skipNul();
        continue;
      }
      this.advance();
      if (ch === delim) break;
      if (ch === '\\' && kind === 'string' && this.peek() !== '' && this.peek() !== '\u0000') this.advance();
    }
    this.push(kind, start);
  }

  private scanAt(start: Position): void {
    this.advance();
    while (isAsciiLetter(this.peek())) this.advance();
    const word = this.src.slice(start.offset, this.offset);
    if (word === '@doc' || word === '@handler' || word === '@server') {
      this.push(word, start);
      return;
    }
    this.push('illegal', start);
    this.error(
      'API0001',
      word === '@' ? "expected '@doc', '@handler' or '@server' after '@'" : `unknown annotation '${word}': expected '@doc', '@handler' or '@server'`,
      start,
    );
  }

  private scanIdent(start: Position): void {
    while (isIdentPart(this.peek())) this.advance();
    const word = this.src.slice(start.offset, this.offset);
    if (word === 'interface' && this.peek() === '{' && this.peek(1) === '}') {
      this.advance();
      this.advance();
      this.push('interface', start);
      return;
    }
    this.push('ident', start);
  }

  /** An integer, or a Go duration such as `300ms`, `1h30m` or `10µs`. */
  private scanNumber(start: Position): void {
    while (isDigit(this.peek())) this.advance();
    let isDuration = false;
    for (;;) {
      const unit = this.matchDurationUnit();
      if (unit === undefined) break;
      for (const _ of unit) this.advance();
      isDuration = true;
      if (!isDigit(this.peek())) break;
      while (isDigit(this.peek())) this.advance();
      if (this.matchDurationUnit() === undefined) {
        this.push('illegal', start);
        this.error('API0003', `malformed duration ${JSON.stringify(this.src.slice(start.offset, this.offset))}`, start);
        return;
      }
    }
    this.push(isDuration ? 'duration' : 'int', start);
  }

  private matchDurationUnit(): string | undefined {
    const rest = this.src.slice(this.offset, this.offset + 2);
    for (const unit of DURATION_UNITS) {
      if (!rest.startsWith(unit)) continue;
      // `5min` or `3sec` is an int followed by an identifier, not a duration.
      const after = this.src.charAt(this.offset + unit.length);
      if (after !== '' && isIdentPart(after) && !isDigit(after)) continue;
      return unit;
    }
    return undefined;
  }
}
