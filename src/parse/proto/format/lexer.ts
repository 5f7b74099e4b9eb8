/**
 * Tokenizer for `.proto` source (proto2, proto3 and editions) that keeps every comment.
 *
 * The formatter needs more than a parser's token stream: each token remembers the exact whitespace
 * before it and the comments around it, attributed the way protocompile (and so `buf format`) does:
 * the comments that start on a token's line, after it, trail it (unless the next token follows them on
 * that same line); every other comment leads the next token. Nothing here throws; bad input comes back as a `LexError`.
 */

/** A `//` or `/* *\/` comment. `raw` excludes the newline that ends a line comment. */
export interface Comment {
  readonly raw: string;
  /** Whitespace between the previous token or comment and this comment. */
  readonly leadingWs: string;
  readonly line: number;
  readonly endLine: number;
}

export type TokenType = 'ident' | 'int' | 'float' | 'string' | 'punct' | 'eof';

/** One token; it is also the terminal node of the syntax tree. */
export interface Token {
  readonly kind: 'token';
  readonly type: TokenType;
  /** Raw source text (strings keep their quotes and escapes). */
  readonly text: string;
  /** 1-based line and column (column counted in code points). */
  readonly line: number;
  readonly column: number;
  /** UTF-16 offset of the first character. */
  readonly offset: number;
  readonly endLine: number;
  /** Whitespace between the previous token or comment and this token. */
  readonly leadingWs: string;
  /** Newlines in `leadingWs`. */
  readonly newlinesBefore: number;
  readonly leading: Comment[];
  readonly trailing: Comment[];
}

export interface LexError {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly message: string;
}

export type LexResult =
  | { readonly ok: true; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly error: LexError };

const PUNCT = ';,.:=-+(){}[]<>/';
const SIMPLE_ESCAPES = 'abfnrtv\\\'"?';

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
const NON_ASCII_LETTER = /^[\p{L}\p{N}\p{Mn}\p{Mc}]$/u;

/** ASCII letters and `_`, plus non-ASCII letters, which buf's lexer also accepts. */
function isIdentStart(c: string): boolean {
  if (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c.charCodeAt(0) > 127 && NON_ASCII_LETTER.test(c) && !/^\p{N}$/u.test(c);
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c) || (c.charCodeAt(0) > 127 && NON_ASCII_LETTER.test(c));
}
function isHex(c: string): boolean {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
function codePointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

interface RawItem {
  readonly isComment: boolean;
  readonly type: TokenType;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly leadingWs: string;
}

/** Checks a number token's spelling the way protoc does (hex, octal, decimal, float). */
function numberError(text: string): string | undefined {
  if (/^0[xX]/.test(text)) return /^0[xX][0-9a-fA-F]+$/.test(text) ? undefined : `invalid hexadecimal integer: ${text}`;
  if (/[.eE]/.test(text)) {
    return /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? undefined : `invalid float: ${text}`;
  }
  if (/^0\d/.test(text)) return /^0[0-7]*$/.test(text) ? undefined : `invalid octal integer: ${text}`;
  return /^\d+$/.test(text) ? undefined : `invalid number: ${text}`;
}

/** Splits `source` into tokens (ending with an `eof` token) with comments attached. */
export function tokenize(source: string): LexResult {
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = pos;
  // Columns count code points; track them lazily from the line start.
  const columnOf = (offset: number): number => {
    let col = 1;
    for (let i = lineStart; i < offset; i++) {
      const code = source.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) i++;
      col++;
    }
    return col;
  };
  const items: RawItem[] = [];
  let wsStart = pos;
  const fail = (offset: number, message: string): LexResult => {
    let l = 1;
    let ls = 0;
    for (let i = 0; i < offset && i < source.length; i++) {
      if (source.charCodeAt(i) === 10) {
        l++;
        ls = i + 1;
      }
    }
    let col = 1;
    for (let i = ls; i < offset; i++) {
      const code = source.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) i++;
      col++;
    }
    return { ok: false, error: { line: l, column: col, offset, message } };
  };
  const push = (isComment: boolean, type: TokenType, start: number, startLine: number, startCol: number): void => {
    items.push({
      isComment,
      type,
      start,
      end: pos,
      line: startLine,
      column: startCol,
      endLine: line,
      leadingWs: source.slice(wsStart, start),
    });
    wsStart = pos;
  };

  while (pos < source.length) {
    const c = source[pos] ?? '';
    if (c === '\n') {
      pos++;
      line++;
      lineStart = pos;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      pos++;
      continue;
    }
    const start = pos;
    const startLine = line;
    const startCol = columnOf(pos);
    const next = source[pos + 1] ?? '';
    if (c === '/' && next === '/') {
      while (pos < source.length && source[pos] !== '\n') pos++;
      push(true, 'punct', start, startLine, startCol);
      continue;
    }
    if (c === '/' && next === '*') {
      pos += 2;
      let closed = false;
      while (pos < source.length) {
        if (source[pos] === '*' && source[pos + 1] === '/') {
          pos += 2;
          closed = true;
          break;
        }
        if (source[pos] === '\n') {
          line++;
          lineStart = pos + 1;
        }
        pos++;
      }
      if (!closed) return fail(start, 'block comment never terminates, unexpected EOF');
      push(true, 'punct', start, startLine, startCol);
      continue;
    }
    if (isIdentStart(codePointAt(source, pos))) {
      while (pos < source.length && isIdentPart(codePointAt(source, pos))) pos += codePointAt(source, pos).length;
      push(false, 'ident', start, startLine, startCol);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(next))) {
      let allowSign = false;
      while (pos < source.length) {
        const d = source[pos] ?? '';
        if ((d === '+' || d === '-') && !allowSign) break;
        if (!(d === '.' || d === '_' || isIdentPart(d) || d === '+' || d === '-')) break;
        allowSign = d === 'e' || d === 'E';
        pos++;
      }
      const text = source.slice(start, pos);
      const problem = numberError(text);
      if (problem !== undefined) return fail(start, problem);
      const isFloat = !/^0[xX]/.test(text) && /[.eE]/.test(text);
      push(false, isFloat ? 'float' : 'int', start, startLine, startCol);
      continue;
    }
    if (c === '"' || c === "'") {
      pos++;
      for (;;) {
        if (pos >= source.length) return fail(start, 'unterminated string literal');
        const d = source[pos] ?? '';
        if (d === '\n') return fail(start, 'unterminated string literal: end of line before closing quote');
        if (d === '\0') return fail(pos, "null character ('\\0') not allowed in string literal");
        pos++;
        if (d === c) break;
        if (d !== '\\') continue;
        const e = source[pos] ?? '';
        if (e === '' || e === '\n') return fail(start, 'unterminated string literal');
        pos++;
        if (e === 'x' || e === 'X') {
          if (!isHex(source[pos] ?? '')) return fail(pos - 2, 'invalid hex escape');
          pos++;
          if (isHex(source[pos] ?? '')) pos++;
        } else if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          for (let k = 0; k < n; k++, pos++) {
            if (!isHex(source[pos] ?? '')) return fail(pos, 'invalid unicode escape');
          }
        } else if (e >= '0' && e <= '7') {
          for (let k = 0; k < 2 && (source[pos] ?? '') >= '0' && (source[pos] ?? '') <= '7'; k++) pos++;
        } else if (!SIMPLE_ESCAPES.includes(e)) {
          return fail(pos - 2, `invalid escape sequence: \\${e}`);
        }
      }
      push(false, 'string', start, startLine, startCol);
      continue;
    }
    if (PUNCT.includes(c)) {
      pos++;
      push(false, 'punct', start, startLine, startCol);
      continue;
    }
    return fail(start, `invalid character ${JSON.stringify(String.fromCodePoint(source.codePointAt(pos) ?? 0))}`);
  }
  const eofStart = pos;
  push(false, 'eof', eofStart, line, columnOf(pos));
  return { ok: true, tokens: attachComments(source, items) };
}

/** Builds tokens from raw items, attributing each comment to a token (protocompile's rule). */
function attachComments(source: string, items: readonly RawItem[]): Token[] {
  const tokens: Token[] = [];
  let pending: RawItem[] = [];
  const toComment = (it: RawItem): Comment => ({
    raw: source.slice(it.start, it.end),
    leadingWs: it.leadingWs,
    line: it.line,
    endLine: it.endLine,
  });
  for (const it of items) {
    if (it.isComment) {
      pending.push(it);
      continue;
    }
    const prev = tokens[tokens.length - 1];
    let leadingItems = pending;
    pending = [];
    if (prev !== undefined && leadingItems.length > 0) {
      // Comments that start on the previous token's line trail it, unless the next token
      // follows them on that same line.
      // A comment joins the group when it starts on the line where the previous one ended.
      let n = 0;
      let groupLine = prev.endLine;
      while (n < leadingItems.length && (leadingItems[n] as RawItem).line === groupLine) {
        groupLine = (leadingItems[n] as RawItem).endLine;
        n++;
      }
      const lastOfGroup = leadingItems[n - 1];
      // After a `;`, `,` or `}` they trail it even when more follows on the line (but not a closer).
      const afterTerminator = prev.type === 'punct' && ';,}'.includes(prev.text) && !(it.type === 'punct' && '}])>,'.includes(source[it.start] ?? ''));
      if (lastOfGroup !== undefined && (it.type === 'eof' || lastOfGroup.endLine < it.line || afterTerminator)) {
        prev.trailing.push(...leadingItems.slice(0, n).map(toComment));
        leadingItems = leadingItems.slice(n);
      }
    }
    tokens.push({
      kind: 'token',
      type: it.type,
      text: source.slice(it.start, it.end),
      line: it.line,
      column: it.column,
      offset: it.start,
      endLine: it.endLine,
      leadingWs: it.leadingWs,
      newlinesBefore: countNewlines(it.leadingWs),
      leading: leadingItems.map(toComment),
      trailing: [],
    });
  }
  return tokens;
}

export { countNewlines };
