/**
 * The `.api` parser: tokens → AST (`ast.ts`), one file at a time, no I/O.
 *
 * Grammar: the current goctl grammar (pkg/parser/api/parser) plus the legacy grammar real projects
 * still use (`type X struct {…}`, `@server(handler: X)` routes, unquoted info/doc values, `@doc("x")`),
 * which parses to the same tree and is reported as a warning by the analyzer.
 *
 * Unlike goctl, a syntax error does not end the parse: it is recorded, the parser skips to the next
 * top-level statement and goes on, so one run reports every broken statement.
 */
import type { Diagnostic, Position, Span } from '../../diagnostics.js';
import type {
  ApiFile,
  AtDocStmt,
  AtHandlerStmt,
  AtServerStmt,
  BodyExpr,
  BodyStmt,
  Comment,
  CommentStmt,
  DataType,
  ElemExpr,
  InfoStmt,
  KVExpr,
  PathExpr,
  PathSegment,
  RouteStmt,
  ServiceItem,
  ServiceStmt,
  Stmt,
  StructDataType,
  SyntaxStmt,
  TokenNode,
  TypeExpr,
} from './ast.js';
import { type LexError, type Token, type TokenKind, lex } from './lexer.js';

export const HTTP_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'connect', 'options', 'trace'] as const;

/** Go's keywords: goctl refuses them as type and field names. */
export const GO_KEYWORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func',
  'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct',
  'switch', 'type', 'var',
]);

export interface ParseResult {
  readonly ast: ApiFile;
  readonly diagnostics: Diagnostic[];
  /**
   * Every place the text uses the legacy grammar, with the code of its warning, in source order —
   * recorded as the parser meets it, so a use inside a statement that a later syntax error abandons
   * is listed too. The warnings themselves, with their fixes, come from the tree (legacy.ts).
   */
  readonly legacy: readonly LegacyUse[];
}

export interface LegacyUse {
  readonly code: 'API0901' | 'API0902' | 'API0903' | 'API0904';
  readonly span: Span;
}

/** Parses one `.api` source text. Never throws on bad input: problems come back as diagnostics. */
export function parseApi(source: string, file: string): ParseResult {
  return new Parser(source, file).parseFile();
}

/** Thrown inside the parser to abandon the current statement; never escapes `parseApi`. */
class SyntaxAbort extends Error {}

const MAX_TYPE_DEPTH = 64;
const TOP_LEVEL_WORDS = new Set(['syntax', 'info', 'import', 'type', 'service']);
const PATH_TOKEN_KINDS: ReadonlySet<TokenKind> = new Set(['/', ':', 'ident', 'int', 'duration', '-', '.']);
const SERVER_VALUE_KINDS: ReadonlySet<TokenKind> = new Set(['ident', 'int', 'duration', '/', '-', '.', ',', '*']);

function spanOf(first: { span: Span }, last: { span: Span }): Span {
  return { start: first.span.start, end: last.span.end };
}

function bracketDelta(kind: TokenKind | undefined): number {
  return kind === '(' || kind === '{' || kind === '[' ? 1 : kind === ')' || kind === '}' || kind === ']' ? -1 : 0;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of file';
    case 'ident':
      return `identifier '${token.text}'`;
    case 'int':
      return `number '${token.text}'`;
    case 'duration':
      return `duration '${token.text}'`;
    case 'string':
    case 'rawString':
      return `string ${token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text}`;
    case 'interface':
      return "'interface{}'";
    default:
      return `'${token.text}'`;
  }
}

class Parser {
  private readonly nodes: TokenNode[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  /** Comments after the last token, which belong to no token. */
  private readonly danglingComments: Comment[] = [];
  private index = 0;
  /**
   * Lexical errors by token start offset. They are reported at the end, except for tokens that legacy
   * bare text swallows (`email: a@b.c` is text there, not a broken annotation).
   */
  private readonly lexErrors = new Map<number, LexError>();
  /** Nesting depth of the type being parsed: bounded so hostile input cannot exhaust the stack. */
  private depth = 0;
  private readonly legacy: LegacyUse[] = [];

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {
    const { tokens, errors } = lex(source);
    for (const e of errors) this.lexErrors.set(e.span.start.offset, e);
    this.attachComments(tokens);
  }

  /**
   * goctl's comment model: a comment on the same line as the token before it trails that token;
   * any other comment leads ("heads") the next token. Comments after the last token dangle.
   * "Same line" counts lines as goctl does: only line breaks between tokens count, not those inside
   * a block comment or a string (a comment after a multi-line block comment that trails `a`, on the
   * line where that one ends, trails `a` too), so `api format` reads its own output back as written.
   */
  private attachComments(tokens: readonly Token[]): void {
    let pendingHead: Comment[] = [];
    let previous: TokenNode | undefined;
    let previousLine = 0;
    let line = 1;
    let gapStart = 0;
    for (const token of tokens) {
      for (let i = gapStart; i < token.span.start.offset; i += 1) if (this.source.charCodeAt(i) === 10) line += 1;
      gapStart = token.span.end.offset;
      if (token.kind === 'lineComment' || token.kind === 'blockComment') {
        const comment: Comment = { kind: 'Comment', token, span: token.span };
        if (previous && pendingHead.length === 0 && line === previousLine) {
          previous.trailing.push(comment);
        } else {
          pendingHead.push(comment);
        }
        continue;
      }
      if (token.kind === 'eof') {
        this.danglingComments.push(...pendingHead);
        pendingHead = [];
      }
      const node: TokenNode = { kind: 'Token', token, head: pendingHead, trailing: [], span: token.span };
      pendingHead = [];
      this.nodes.push(node);
      previous = node;
      previousLine = line;
    }
  }

  // ── token cursor ──────────────────────────────────────────────────────────────────────────

  private peekNode(ahead = 0): TokenNode {
    const i = Math.min(this.index + ahead, this.nodes.length - 1);
    return this.nodes[i] as TokenNode;
  }

  private peek(ahead = 0): Token {
    return this.peekNode(ahead).token;
  }

  private at(kind: TokenKind, text?: string): boolean {
    const t = this.peek();
    return t.kind === kind && (text === undefined || t.text === text);
  }

  private atWord(word: string): boolean {
    return this.at('ident', word);
  }

  private next(): TokenNode {
    const node = this.peekNode();
    if (this.index < this.nodes.length - 1) this.index += 1;
    return node;
  }

  private previous(): TokenNode {
    return this.nodes[Math.max(0, this.index - 1)] as TokenNode;
  }

  private expect(kind: TokenKind, what?: string): TokenNode {
    if (this.at(kind)) return this.next();
    return this.fail(what ?? `'${kind}'`);
  }

  private expectWord(word: string): TokenNode {
    if (this.atWord(word)) return this.next();
    return this.fail(`'${word}'`);
  }

  /** Reports "expected X, got Y" at the next token and abandons the statement. */
  private fail(expected: string, token: Token = this.peek()): never {
    let span = token.span;
    if (token.kind === 'eof' && this.index > 0) {
      // Point just after the last token, not after any trailing comment or blank lines.
      const end = this.previous().token.span.end;
      span = { start: end, end };
    }
    this.report('API0101', `expected ${expected}, got ${describe(token)}`, span);
    throw new SyntaxAbort();
  }

  private report(code: string, message: string, span: Span, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ file: this.file, span, severity, code, message });
  }

  private adjacent(a: Token, b: Token): boolean {
    return a.span.end.offset === b.span.start.offset;
  }

  /** A synthetic token joining `first … last` into one text, keeping the last one's trailing comments. */
  private joined(first: TokenNode, last: TokenNode, text: string, kind: TokenKind = 'ident'): TokenNode {
    const span = spanOf(first, last);
    return {
      kind: 'Token',
      token: { kind, text, span },
      head: first.head,
      trailing: last.trailing,
      span,
    };
  }

  // ── file ──────────────────────────────────────────────────────────────────────────────────

  parseFile(): ParseResult {
    const stmts: Stmt[] = [];
    while (!this.at('eof')) {
      const start = this.index;
      try {
        stmts.push(this.parseStmt());
      } catch (e) {
        if (!(e instanceof SyntaxAbort)) throw e;
        this.recover(start);
      }
    }
    for (const e of this.lexErrors.values()) this.report(e.code, e.message, e.span);
    this.diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const comment of this.danglingComments) {
      const stmt: CommentStmt = { kind: 'CommentStmt', comment, span: comment.span };
      stmts.push(stmt);
    }
    const eof = this.peek();
    const start: Position = { line: 1, column: 1, offset: 0 };
    const ast: ApiFile = { kind: 'ApiFile', file: this.file, source: this.source, stmts, span: { start, end: eof.span.end } };
    this.legacy.sort((a, b) => a.span.start.offset - b.span.start.offset);
    return { ast, diagnostics: this.diagnostics, legacy: this.legacy };
  }

  /** Skips to the next token that can start a top-level statement at the start of a line. */
  /**
   * Skips to the next token that can start a top-level statement: the first on its line, outside the
   * brackets the broken statement opened — or, when those never close, in column 1.
   */
  private recover(stmtStart: number): void {
    if (this.index === stmtStart) this.next();
    let depth = 0;
    for (let i = stmtStart; i < this.index; i += 1) depth += bracketDelta(this.nodes[i]?.token.kind);
    let lastLine = this.previous().token.span.end.line;
    while (!this.at('eof')) {
      const t = this.peek();
      const startsLine = t.span.start.line > lastLine;
      const startsStmt = t.kind === '@server' || (t.kind === 'ident' && TOP_LEVEL_WORDS.has(t.text));
      if (startsLine && startsStmt && (depth <= 0 || t.span.start.column === 1)) return;
      depth += bracketDelta(t.kind);
      lastLine = t.span.end.line;
      this.next();
    }
  }

  private parseStmt(): Stmt {
    const t = this.peek();
    if (t.kind === '@server') return this.parseService();
    if (t.kind === 'ident') {
      switch (t.text) {
        case 'syntax':
          return this.parseSyntax();
        case 'info':
          return this.parseInfo();
        case 'import':
          return this.parseImport();
        case 'type':
          return this.parseTypeStmt();
        case 'service':
          return this.parseService();
        default:
          break;
      }
    }
    return this.fail("'syntax', 'info', 'import', 'type', 'service' or '@server'");
  }

  private parseSyntax(): SyntaxStmt {
    const syntax = this.next();
    const assign = this.expect('=', "'='");
    const value = this.expect('string', 'a string such as "v1"');
    return { kind: 'SyntaxStmt', syntax, assign, value, span: spanOf(syntax, value) };
  }

  private parseInfo(): InfoStmt {
    const info = this.next();
    const lparen = this.expect('(', "'('");
    const values = this.parseDocKVs();
    const rparen = this.expect(')', "')' or a key");
    return { kind: 'InfoStmt', info, lparen, values, rparen, span: spanOf(info, rparen) };
  }

  private parseImport(): Stmt {
    const imp = this.next();
    if (this.at('(')) {
      const lparen = this.next();
      const values: TokenNode[] = [];
      while (this.at('string')) values.push(this.next());
      const rparen = this.expect(')', "')' or an import path string");
      return { kind: 'ImportGroupStmt', import: imp, lparen, values, rparen, span: spanOf(imp, rparen) };
    }
    const value = this.expect('string', "'(' or an import path string");
    return { kind: 'ImportLiteralStmt', import: imp, value, span: spanOf(imp, value) };
  }

  // ── key/value groups ──────────────────────────────────────────────────────────────────────

  /** A key: an identifier followed by ':' (goctl writes them together; spacing is tolerated). */
  private parseKey(what: string): TokenNode {
    if (!this.at('ident') || this.peek(1).kind !== ':') return this.fail(what);
    const key = this.next();
    const colon = this.next();
    // The colon's trailing comments belong to the key in the synthetic node.
    return { ...key, trailing: [...key.trailing, ...colon.trailing] };
  }

  /**
   * `key: value` pairs of `info` and `@doc`: values are strings, raw strings or a single bare word
   * (goctl's grammar); any other bare text to the end of the line — several words, a number such
   * as `1` or `1.0` — is the legacy grammar.
   */
  private parseDocKVs(): KVExpr[] {
    const values: KVExpr[] = [];
    while (!this.at(')') && !this.at('eof')) {
      const key = this.parseKey("')' or a key such as 'title:'");
      values.push(this.parseDocValue(key));
    }
    return values;
  }

  private parseDocValue(key: TokenNode): KVExpr {
    if (this.at('string') || this.at('rawString')) {
      const value = this.next();
      const valueKind = value.token.kind === 'string' ? 'string' : 'rawString';
      return { kind: 'KVExpr', key, value, valueKind, span: spanOf(key, value) };
    }
    const first = this.peekNode();
    if (first.token.kind === 'eof' || first.token.kind === ')' || first.token.span.start.line !== key.token.span.end.line) {
      return this.fail('a value');
    }
    // Bare text runs to the end of the line, or to the ')' that closes the group on this line.
    const line = first.token.span.start.line;
    let last = first;
    this.next();
    while (!this.at('eof') && this.peek().span.start.line === line && !this.at(')')) {
      if (this.at('ident') && this.peek(1).kind === ':' && !this.adjacent(this.previous().token, this.peek())) break;
      last = this.next();
    }
    let end = last.token.span.end;
    let trailing = last.trailing;
    // One word is goctl's grammar, and a '//' after it starts a comment (`debug: true// note`).
    const single = first === last && first.token.kind === 'ident';
    // In legacy bare text (`url: http://x.y/z`) a '//' touching the text is part of it, not a comment.
    const touching = trailing[0];
    if (!single && touching && touching.token.kind === 'lineComment' && touching.span.start.offset === end.offset) {
      end = touching.span.end;
      trailing = trailing.slice(1);
    }
    if (!single) {
      for (const offset of this.lexErrors.keys()) {
        // Bare text takes any character (`email: a@b.c`), but a NUL never (see the lexer).
        if (offset >= first.token.span.start.offset && offset < end.offset && this.source.charCodeAt(offset) !== 0) this.lexErrors.delete(offset);
      }
    }
    const text = this.source.slice(first.token.span.start.offset, end.offset).trimEnd();
    const valueKind = single ? 'ident' : 'bareText';
    const span = { start: first.token.span.start, end };
    if (!single) this.legacy.push({ code: 'API0903', span });
    const value: TokenNode = {
      kind: 'Token',
      token: { kind: single ? first.token.kind : 'ident', text, span },
      head: first.head,
      trailing,
      span,
    };
    return { kind: 'KVExpr', key, value, valueKind, span: spanOf(key, value) };
  }

  /** `@server` values: identifiers, lists (`A,B`), paths (`/v1/x`), durations, numbers or strings. */
  private parseServerKVs(): KVExpr[] {
    const values: KVExpr[] = [];
    while (!this.at(')') && !this.at('eof')) {
      const key = this.parseKey("')' or a key such as 'group:'");
      if (this.at('string')) {
        const value = this.next();
        values.push({ kind: 'KVExpr', key, value, valueKind: 'string', span: spanOf(key, value) });
        continue;
      }
      if (this.at('rawString')) this.fail('a value (a raw string is not allowed in @server: write a "quoted" string)');
      if (!SERVER_VALUE_KINDS.has(this.peek().kind)) this.fail('a value');
      const first = this.next();
      let last = first;
      let text = first.token.text;
      while (SERVER_VALUE_KINDS.has(this.peek().kind)) {
        const t = this.peek();
        const continues = this.adjacent(last.token, t) || last.token.kind === ',' || t.kind === ',';
        if (!continues) break;
        if (t.kind === 'ident' && this.peek(1).kind === ':') break;
        last = this.next();
        text += t.text;
      }
      if (last.token.kind === ',') {
        this.fail('a value after \',\'', this.peek());
      }
      let valueKind: KVExpr['valueKind'];
      if (first === last) {
        valueKind = first.token.kind === 'int' ? 'int' : first.token.kind === 'duration' ? 'duration' : first.token.kind === 'ident' ? 'ident' : 'path';
      } else {
        valueKind = text.includes(',') ? 'list' : 'path';
      }
      const value = this.joined(first, last, text, first === last ? first.token.kind : 'ident');
      values.push({ kind: 'KVExpr', key, value, valueKind, span: spanOf(key, value) });
    }
    return values;
  }

  // ── types ─────────────────────────────────────────────────────────────────────────────────

  private parseTypeStmt(): Stmt {
    const type = this.next();
    if (this.at('(')) {
      const lparen = this.next();
      const exprs: TypeExpr[] = [];
      while (this.at('ident')) exprs.push(this.parseTypeExpr());
      const rparen = this.expect(')', "')' or a type name");
      return { kind: 'TypeGroupStmt', type, lparen, exprs, rparen, span: spanOf(type, rparen) };
    }
    if (!this.at('ident')) this.fail("'(' or a type name");
    const expr = this.parseTypeExpr();
    return { kind: 'TypeLiteralStmt', type, expr, span: spanOf(type, expr) };
  }

  private parseName(what: string): TokenNode {
    const t = this.peek();
    if (t.kind !== 'ident') return this.fail(what);
    if (GO_KEYWORDS.has(t.text)) {
      this.report('API0102', `'${t.text}' is a keyword and cannot be used as a name`, t.span);
      throw new SyntaxAbort();
    }
    return this.next();
  }

  private parseTypeExpr(): TypeExpr {
    const name = this.parseName('a type name');
    const assign = this.at('=') ? this.next() : undefined;
    const dataType = this.parseDataType();
    return { kind: 'TypeExpr', name, ...(assign ? { assign } : {}), dataType, span: spanOf(name, dataType) };
  }

  private parseDataType(): DataType {
    this.depth += 1;
    try {
      if (this.depth > MAX_TYPE_DEPTH) {
        this.report('API0105', `type nested more than ${MAX_TYPE_DEPTH} levels deep`, this.peek().span);
        throw new SyntaxAbort();
      }
      return this.parseDataTypeInner();
    } finally {
      this.depth -= 1;
    }
  }

  private parseDataTypeInner(): DataType {
    const t = this.peek();
    switch (t.kind) {
      case '{':
        return this.parseStruct();
      case '*': {
        const star = this.next();
        if (this.at('{')) this.fail("a type name, '*', '[', 'map' or 'interface{}' (a pointer cannot point to an inline struct)");
        const elem = this.parseDataType();
        return { kind: 'PointerDataType', star, elem, span: spanOf(star, elem) };
      }
      case '[': {
        const lbrack = this.next();
        if (this.at(']')) {
          const rbrack = this.next();
          const elem = this.parseDataType();
          return { kind: 'SliceDataType', lbrack, rbrack, elem, span: spanOf(lbrack, elem) };
        }
        if (this.at('int') || this.at('...')) {
          const length = this.next();
          const rbrack = this.expect(']', "']'");
          const elem = this.parseDataType();
          return { kind: 'ArrayDataType', lbrack, length, rbrack, elem, span: spanOf(lbrack, elem) };
        }
        return this.fail("']', an array length or '...'");
      }
      case 'interface': {
        const node = this.next();
        return { kind: 'InterfaceDataType', interface: node, span: node.span };
      }
      case 'ident': {
        if (t.text === 'map' && this.peek(1).kind === '[') {
          const map = this.next();
          const lbrack = this.next();
          const key = this.parseDataType();
          const rbrack = this.expect(']', "']'");
          const value = this.parseDataType();
          return { kind: 'MapDataType', map, lbrack, key, rbrack, value, span: spanOf(map, value) };
        }
        if (t.text === 'struct' && this.peek(1).kind === '{') {
          const structKeyword = this.next();
          this.legacy.push({ code: 'API0901', span: structKeyword.span });
          return this.parseStruct(structKeyword);
        }
        if (t.text === 'any') {
          const any = this.next();
          return { kind: 'AnyDataType', any, span: any.span };
        }
        if (GO_KEYWORDS.has(t.text)) {
          this.report('API0102', `'${t.text}' is a keyword and cannot be used as a type`, t.span);
          throw new SyntaxAbort();
        }
        const base = this.next();
        return { kind: 'BaseDataType', base, span: base.span };
      }
      default:
        return this.fail("a type (a name, '*', '[', 'map', 'interface{}' or '{')");
    }
  }

  private parseStruct(structKeyword?: TokenNode): StructDataType {
    const lbrace = this.expect('{', "'{'");
    const elems: ElemExpr[] = [];
    while (!this.at('}')) {
      if (!this.at('ident') && !this.at('*')) this.fail("a field name, an embedded type or '}'");
      elems.push(this.parseElem());
    }
    const rbrace = this.next();
    const first = structKeyword ?? lbrace;
    return { kind: 'StructDataType', ...(structKeyword ? { structKeyword } : {}), lbrace, elems, rbrace, span: spanOf(first, rbrace) };
  }

  /** A field `A, B Type `tag``, or an embedded `Type` / `*Type` (alone on its line or before a tag). */
  private parseElem(): ElemExpr {
    const first = this.peekNode();
    let names: TokenNode[] = [];
    let dataType: DataType;
    if (first.token.kind === '*') {
      const star = this.next();
      const base = this.parseName('an embedded type name');
      const elem: DataType = { kind: 'BaseDataType', base, span: base.span };
      dataType = { kind: 'PointerDataType', star, elem, span: spanOf(star, base) };
    } else {
      const after = this.peek(1);
      // goctl's rule: a lone name is an embedded type only when a tag or a new line follows it.
      const embedded = after.span.start.line > first.token.span.end.line || after.kind === 'rawString';
      if (embedded) {
        const base = this.parseName('an embedded type name');
        dataType = { kind: 'BaseDataType', base, span: base.span };
      } else {
        names = [this.parseName('a field name')];
        while (this.at(',')) {
          this.next();
          names.push(this.parseName('a field name'));
        }
        dataType = this.parseDataType();
      }
    }
    const tag = this.at('rawString') ? this.next() : undefined;
    const last = tag ?? dataType;
    return { kind: 'ElemExpr', names, dataType, ...(tag ? { tag } : {}), span: spanOf(first, last) };
  }

  // ── services ──────────────────────────────────────────────────────────────────────────────

  private parseAtServer(): AtServerStmt {
    const atServer = this.next();
    const lparen = this.expect('(', "'('");
    const values = this.parseServerKVs();
    const rparen = this.expect(')', "')' or a key");
    return { kind: 'AtServerStmt', atServer, lparen, values, rparen, span: spanOf(atServer, rparen) };
  }

  private parseService(): ServiceStmt {
    const atServer = this.at('@server') ? this.parseAtServer() : undefined;
    const service = this.expectWord('service');
    const name = this.parseServiceName();
    const lbrace = this.expect('{', "'{'");
    const items: ServiceItem[] = [];
    while (!this.at('}')) {
      if (this.at('eof')) this.fail("'}'");
      items.push(this.parseServiceItem());
    }
    const rbrace = this.next();
    const first = atServer ?? service;
    return { kind: 'ServiceStmt', ...(atServer ? { atServer } : {}), service, name, lbrace, items, rbrace, span: spanOf(first, rbrace) };
  }

  /** `name` or `name-api`: the only hyphen goctl allows in a service name is the `-api` suffix. */
  private parseServiceName(): TokenNode {
    const first = this.parseName('a service name');
    if (!this.at('-')) return first;
    this.next();
    if (!this.atWord('api')) return this.fail("'api' (a hyphen in a service name is only allowed as the '-api' suffix)");
    const api = this.next();
    return this.joined(first, api, `${first.token.text}-api`);
  }

  private parseServiceItem(): ServiceItem {
    let atDoc: AtDocStmt | undefined;
    let atHandler: AtHandlerStmt | undefined;
    let legacyAtServer: AtServerStmt | undefined;
    const start = this.peekNode();
    for (;;) {
      const t = this.peek();
      if (t.kind === '@doc' && !atDoc) atDoc = this.parseAtDoc();
      else if (t.kind === '@handler' && !atHandler && !legacyAtServer) atHandler = this.parseAtHandler();
      else if (t.kind === '@server' && !atHandler && !legacyAtServer) {
        this.legacy.push({ code: 'API0902', span: t.span });
        legacyAtServer = this.parseAtServer();
      } else break;
    }
    if (!atHandler && !legacyAtServer) {
      const t = this.peek();
      if (t.kind === 'ident' && (HTTP_METHODS as readonly string[]).includes(t.text)) {
        this.report('API0103', `missing '@handler' before route '${t.text}'`, t.span);
        throw new SyntaxAbort();
      }
      return this.fail(atDoc ? "'@handler'" : "'@doc', '@handler' or '}'");
    }
    const route = this.parseRoute();
    return {
      kind: 'ServiceItem',
      ...(atDoc ? { atDoc } : {}),
      ...(atHandler ? { atHandler } : {}),
      ...(legacyAtServer ? { legacyAtServer } : {}),
      route,
      span: spanOf(start, route),
    };
  }

  private parseAtDoc(): AtDocStmt {
    const atDoc = this.next();
    if (this.at('string')) {
      const value = this.next();
      return { kind: 'AtDocLiteralStmt', atDoc, value, span: spanOf(atDoc, value) };
    }
    const lparen = this.expect('(', "'(' or a string");
    if (this.at('string') && this.peek(1).kind === ')') {
      const value = this.next();
      const rparen = this.next();
      this.legacy.push({ code: 'API0904', span: spanOf(atDoc, rparen) });
      return { kind: 'AtDocLiteralStmt', atDoc, lparen, value, rparen, span: spanOf(atDoc, rparen) };
    }
    const values = this.parseDocKVs();
    const rparen = this.expect(')', "')' or a key");
    return { kind: 'AtDocGroupStmt', atDoc, lparen, values, rparen, span: spanOf(atDoc, rparen) };
  }

  private parseAtHandler(): AtHandlerStmt {
    const atHandler = this.next();
    const name = this.expect('ident', 'a handler name');
    return { kind: 'AtHandlerStmt', atHandler, name, span: spanOf(atHandler, name) };
  }

  private parseRoute(): RouteStmt {
    const t = this.peek();
    if (t.kind !== 'ident' || !(HTTP_METHODS as readonly string[]).includes(t.text)) {
      const hint = t.kind === 'ident' && (HTTP_METHODS as readonly string[]).includes(t.text.toLowerCase()) ? ` (HTTP methods are lower case: '${t.text.toLowerCase()}')` : '';
      return this.fail(`an HTTP method (${HTTP_METHODS.join(', ')})${hint}`);
    }
    const method = this.next();
    const path = this.parsePath();
    let last: { span: Span } = path;
    const request = this.at('(') ? this.parseBody() : undefined;
    if (request) last = request;
    let returns: TokenNode | undefined;
    let response: BodyStmt | undefined;
    if (this.atWord('returns')) {
      returns = this.next();
      response = this.parseBody();
      last = response;
    }
    const semicolon = this.at(';') ? this.next() : undefined;
    if (semicolon) last = semicolon;
    const after = this.peek();
    if (!(after.kind === '}' || after.kind === '@doc' || after.kind === '@handler' || after.kind === '@server')) {
      if (request || returns || semicolon) this.fail("'@doc', '@handler' or '}'");
      // goctl would glue `/a /b` into the path `/a/b`; white space never belongs to a path.
      const more = after.kind === '/' && after.span.start.line === path.span.end.line ? ' (a route path cannot contain white space)' : '';
      this.fail(`'(', 'returns', '@doc', '@handler' or '}'${more}`);
    }
    return {
      kind: 'RouteStmt',
      method,
      path,
      ...(request ? { request } : {}),
      ...(returns ? { returns } : {}),
      ...(response ? { response } : {}),
      ...(semicolon ? { semicolon } : {}),
      span: spanOf(method, last),
    };
  }

  /** A path is one run of touching tokens: `/users/:id/detail.json`. */
  private parsePath(): PathExpr {
    if (!this.at('/')) this.fail("a path starting with '/'");
    const first = this.next();
    let last = first;
    while (PATH_TOKEN_KINDS.has(this.peek().kind) && this.adjacent(last.token, this.peek()) && last.trailing.length === 0) {
      last = this.next();
    }
    const text = this.source.slice(first.token.span.start.offset, last.token.span.end.offset);
    const segments = this.pathSegments(text, first.token.span.start);
    const value = this.joined(first, last, text, '/');
    return { kind: 'PathExpr', value, segments, span: value.span };
  }

  private pathSegments(text: string, start: Position): PathSegment[] {
    const segments: PathSegment[] = [];
    let offset = 1;
    const parts = text.slice(1).split('/');
    parts.forEach((part, i) => {
      const segStart: Position = { line: start.line, column: start.column + offset, offset: start.offset + offset };
      const segEnd: Position = { line: start.line, column: segStart.column + part.length, offset: segStart.offset + part.length };
      const span = { start: segStart, end: segEnd };
      offset += part.length + 1;
      const isLast = i === parts.length - 1;
      if (part === '') {
        if (!isLast) this.report('API0104', "empty path segment: '//' is not allowed in a route path", span);
        return;
      }
      if (part.startsWith(':')) {
        const name = part.slice(1);
        if (!/^[\p{L}_][\p{L}\p{Nd}_]*(?:-[\p{L}\p{Nd}_]+)*$/u.test(name)) {
          this.report('API0104', `invalid path parameter '${part}': expected ':' followed by a name`, span);
        }
        segments.push({ text: name, param: true, span });
        return;
      }
      if (!/^[\p{L}\p{Nd}_]+(?:[-.][\p{L}\p{Nd}_]+)*$/u.test(part)) {
        this.report('API0104', `invalid path segment '${part}': use letters, digits and '_', joined by '-' or '.'`, span);
      }
      segments.push({ text: part, param: false, span });
    });
    return segments;
  }

  private parseBody(): BodyStmt {
    const lparen = this.expect('(', "'('");
    if (this.at(')')) {
      const rparen = this.next();
      return { kind: 'BodyStmt', lparen, rparen, span: spanOf(lparen, rparen) };
    }
    const body = this.parseBodyExpr();
    const rparen = this.expect(')', "')'");
    return { kind: 'BodyStmt', lparen, body, rparen, span: spanOf(lparen, rparen) };
  }

  private parseBodyExpr(): BodyExpr {
    const first = this.peekNode();
    let lbrack: TokenNode | undefined;
    let rbrack: TokenNode | undefined;
    if (this.at('[')) {
      lbrack = this.next();
      rbrack = this.expect(']', "']'");
    }
    const star = this.at('*') ? this.next() : undefined;
    if (!this.at('ident')) this.fail(lbrack || star ? 'a type name' : "a type name, '*' or '[]'");
    const value = this.next();
    return {
      kind: 'BodyExpr',
      ...(lbrack ? { lbrack } : {}),
      ...(rbrack ? { rbrack } : {}),
      ...(star ? { star } : {}),
      value,
      span: spanOf(first, value),
    };
  }
}
