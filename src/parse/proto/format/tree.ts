/**
 * A light concrete-syntax parser for `.proto` files (proto2, proto3, editions), built for the
 * formatter: it keeps every token (and so every comment) and checks only the grammar, not the
 * meaning (unknown types, duplicate numbers and the like are the linter's business).
 */
import { Cursor, ProtoSyntaxError } from './cursor.js';
import { type LexError, tokenize } from './lexer.js';
import type {
  BlockDecl,
  Decl,
  EnumValueDecl,
  ExtensionsDecl,
  FieldDecl,
  GroupDecl,
  ImportDecl,
  MapFieldDecl,
  ProtoFile,
  RangeNode,
  ReservedDecl,
  RpcDecl,
  RpcType,
  SyntaxDecl,
  Token,
} from './nodes.js';
import {
  parseCompactOptions,
  parseIdent,
  parseOptionDecl,
  parseSignedInt,
  parseStringValue,
} from './tree-values.js';

export type ParseTreeResult =
  | { readonly ok: true; readonly file: ProtoFile }
  | { readonly ok: false; readonly error: LexError };

const LABELS = new Set(['optional', 'required', 'repeated']);

/** Parses `source` into a concrete syntax tree, or reports the first syntax error. */
export function parseProtoTree(source: string): ParseTreeResult {
  const lexed = tokenize(source);
  if (!lexed.ok) return lexed;
  const cur = new Cursor(lexed.tokens);
  try {
    return { ok: true, file: parseFile(cur, source) };
  } catch (err) {
    if (err instanceof ProtoSyntaxError) {
      const { line, column, offset } = err.token;
      return { ok: false, error: { line, column, offset, message: err.message } };
    }
    throw err;
  }
}

function parseFile(cur: Cursor, source: string): ProtoFile {
  let syntax: SyntaxDecl | undefined;
  const decls: Decl[] = [];
  while (!cur.isType('eof')) {
    // buf accepts `syntax`/`edition` anywhere and prints it first.
    if ((cur.is('syntax') || cur.is('edition')) && cur.is('=', 1)) {
      if (syntax !== undefined) cur.fail(`duplicate '${cur.peek().text}' statement`);
      const keyword = cur.kw(cur.next());
      const equals = cur.expect('=');
      const value = parseStringValue(cur);
      syntax = { kind: 'syntax', keyword, equals, value, semicolon: cur.expect(';') };
      continue;
    }
    decls.push(parseFileDecl(cur));
  }
  return { kind: 'file', source, syntax, decls, eof: cur.peek(), keywords: cur.keywords, namePunct: cur.namePunct };
}

const VISIBILITY = new Set(['export', 'local']);

/** Edition 2024 `export message` / `local enum`. */
function hasVisibility(cur: Cursor): boolean {
  return VISIBILITY.has(cur.peek().text) && cur.isType('ident') && (cur.is('message', 1) || cur.is('enum', 1) || cur.is('service', 1));
}

function parseFileDecl(cur: Cursor): Decl {
  if (hasVisibility(cur)) return parseBlock(cur, cur.peek(1).text as BlockKind);
  const token = cur.peek();
  if (token.type !== 'ident' && token.text !== ';') cur.fail('expected a declaration');
  switch (token.text) {
    case ';':
      return { kind: 'empty', semicolon: cur.next() };
    case 'package': {
      const keyword = cur.kw(cur.next());
      const name = parseIdent(cur, 'package name');
      return { kind: 'package', keyword, name, semicolon: cur.expect(';') };
    }
    case 'import':
      return parseImport(cur);
    case 'option':
      return parseOptionDecl(cur);
    case 'message':
    case 'enum':
    case 'service':
    case 'extend':
      return parseBlock(cur, token.text);
    default:
      return cur.fail('expected a top-level declaration');
  }
}

function parseImport(cur: Cursor): ImportDecl {
  const keyword = cur.kw(cur.next());
  const modifier =
    (cur.is('weak') || cur.is('public') || cur.is('option')) && cur.isType('string', 1) ? cur.kw(cur.next()) : undefined;
  const name = parseStringValue(cur, 'import path');
  return { kind: 'import', keyword, modifier, name, semicolon: cur.expect(';') };
}

type BlockKind = BlockDecl['kind'];

function parseBlock(cur: Cursor, kind: BlockKind): BlockDecl {
  const visibility = hasVisibility(cur) ? cur.kw(cur.next()) : undefined;
  const keyword = cur.kw(cur.next());
  const name = kind === 'extend' ? parseIdent(cur, 'type name') : cur.expectType('ident', `${kind} name`);
  const open = cur.expect('{');
  const decls: Decl[] = [];
  while (!cur.is('}')) {
    if (cur.isType('eof')) cur.fail("expected '}'");
    decls.push(parseBodyDecl(cur, kind));
  }
  return { kind, visibility, keyword, name, open, decls, close: cur.next() };
}

function parseBodyDecl(cur: Cursor, parent: BlockKind | 'group' | 'rpc'): Decl {
  if (cur.is(';')) return { kind: 'empty', semicolon: cur.next() };
  const token = cur.peek();
  if (token.type !== 'ident' && !(token.text === '.' && (parent === 'message' || parent === 'group' || parent === 'extend' || parent === 'oneof'))) {
    cur.fail('expected a declaration');
  }
  if (token.text === 'option' && !cur.is('.', 1)) return parseOptionDecl(cur);
  switch (parent) {
    case 'service':
      if (token.text === 'rpc') return parseRpc(cur);
      return cur.fail("expected 'rpc' or 'option'");
    case 'rpc':
      return cur.fail("expected 'option'");
    case 'enum':
      if (token.text === 'reserved') return parseReserved(cur);
      return parseEnumValue(cur);
    default:
      break;
  }
  const inMessage = parent === 'message' || parent === 'group';
  if (inMessage && hasVisibility(cur)) return parseBlock(cur, cur.peek(1).text as BlockKind);
  if (inMessage) {
    if ((token.text === 'message' || token.text === 'enum' || token.text === 'extend') && cur.isType('ident', 1)) {
      if (cur.is('{', 2) || token.text === 'extend') return parseBlock(cur, token.text);
    }
    if (token.text === 'oneof' && cur.isType('ident', 1) && cur.is('{', 2)) return parseBlock(cur, 'oneof');
    if (token.text === 'reserved') return parseReserved(cur);
    if (token.text === 'extensions') return parseExtensions(cur);
  }
  if (token.text === 'map' && cur.is('<', 1)) return parseMapField(cur);
  return parseFieldOrGroup(cur);
}

function parseFieldOrGroup(cur: Cursor): FieldDecl | GroupDecl {
  const label = LABELS.has(cur.peek().text) && !cur.is('.', 1) && !cur.is('=', 2) ? cur.kw(cur.next()) : undefined;
  if (cur.is('group') && cur.isType('ident', 1) && cur.is('=', 2)) {
    const keyword = cur.kw(cur.next());
    const name = cur.next();
    const equals = cur.next();
    const tag = cur.expectType('int', 'field number');
    const options = cur.is('[') ? parseCompactOptions(cur) : undefined;
    const open = cur.expect('{');
    const decls: Decl[] = [];
    while (!cur.is('}')) {
      if (cur.isType('eof')) cur.fail("expected '}'");
      decls.push(parseBodyDecl(cur, 'group'));
    }
    return { kind: 'group', label, keyword, name, equals, tag, options, open, decls, close: cur.next() };
  }
  const type = parseIdent(cur, 'field type');
  const name = cur.expectType('ident', 'field name');
  const equals = cur.expect('=');
  const tag = cur.expectType('int', 'field number');
  const options = cur.is('[') ? parseCompactOptions(cur) : undefined;
  return { kind: 'field', label, type, name, equals, tag, options, semicolon: cur.expect(';') };
}

function parseMapField(cur: Cursor): MapFieldDecl {
  const keyword = cur.kw(cur.next());
  const open = cur.expect('<');
  const keyType = parseIdent(cur, 'map key type');
  const comma = cur.expect(',');
  const valueType = parseIdent(cur, 'map value type');
  const close = cur.expect('>');
  const mapType = { kind: 'map-type', keyword, open, keyType, comma, valueType, close } as const;
  const name = cur.expectType('ident', 'field name');
  const equals = cur.expect('=');
  const tag = cur.expectType('int', 'field number');
  const options = cur.is('[') ? parseCompactOptions(cur) : undefined;
  return { kind: 'map-field', mapType, name, equals, tag, options, semicolon: cur.expect(';') };
}

function parseEnumValue(cur: Cursor): EnumValueDecl {
  const name = cur.expectType('ident', 'enum value name');
  const equals = cur.expect('=');
  const number = parseSignedInt(cur);
  const options = cur.is('[') ? parseCompactOptions(cur) : undefined;
  return { kind: 'enum-value', name, equals, number, options, semicolon: cur.expect(';') };
}

function parseRange(cur: Cursor): RangeNode {
  const start = parseSignedInt(cur);
  if (!cur.is('to')) return { kind: 'range', start, to: undefined, end: undefined };
  const to = cur.kw(cur.next());
  const end = cur.is('max') ? cur.kw(cur.next()) : parseSignedInt(cur);
  return { kind: 'range', start, to, end };
}

function parseExtensions(cur: Cursor): ExtensionsDecl {
  const keyword = cur.kw(cur.next());
  const ranges: RangeNode[] = [parseRange(cur)];
  const commas: Token[] = [];
  while (cur.is(',')) {
    commas.push(cur.next());
    ranges.push(parseRange(cur));
  }
  const options = cur.is('[') ? parseCompactOptions(cur) : undefined;
  return { kind: 'extensions', keyword, ranges, commas, options, semicolon: cur.expect(';') };
}

function parseReserved(cur: Cursor): ReservedDecl {
  const keyword = cur.kw(cur.next());
  const elements: ReservedDecl['elements'][number][] = [];
  const commas: Token[] = [];
  const one = (): ReservedDecl['elements'][number] => {
    if (cur.isType('string')) return parseStringValue(cur);
    if (cur.isType('ident')) return cur.next();
    return parseRange(cur);
  };
  elements.push(one());
  while (cur.is(',')) {
    commas.push(cur.next());
    elements.push(one());
  }
  return { kind: 'reserved', keyword, elements, commas, semicolon: cur.expect(';') };
}

function parseRpcType(cur: Cursor): RpcType {
  const open = cur.expect('(');
  // Like buf, `(stream.Foo)` reads as `stream .Foo`.
  const stream = cur.is('stream') && !cur.is(')', 1) ? cur.kw(cur.next()) : undefined;
  const type = parseIdent(cur, 'message type');
  return { kind: 'rpc-type', open, stream, type, close: cur.expect(')') };
}

function parseRpc(cur: Cursor): RpcDecl {
  const keyword = cur.kw(cur.next());
  const name = cur.expectType('ident', 'method name');
  const input = parseRpcType(cur);
  const returns = cur.kw(cur.expect('returns'));
  const output = parseRpcType(cur);
  if (cur.is(';')) {
    const semicolon = cur.next();
    return { kind: 'rpc', keyword, name, input, returns, output, open: undefined, decls: [], close: undefined, semicolon };
  }
  const open = cur.expect('{', "'{' or ';'");
  const decls: Decl[] = [];
  while (!cur.is('}')) {
    if (cur.isType('eof')) cur.fail("expected '}'");
    decls.push(parseBodyDecl(cur, 'rpc'));
  }
  const close = cur.next();
  return { kind: 'rpc', keyword, name, input, returns, output, open, decls, close, semicolon: undefined };
}
