/**
 * Parsers for the expression-level pieces of a `.proto` file: qualified names, option names, option
 * values (scalars, adjacent strings, signed numbers, message and array literals) and `[...]`
 * compact options.
 */
import type { Cursor } from './cursor.js';
import { lastToken } from './nodes.js';
import type {
  ArrayLiteral,
  CompactOptions,
  CompoundString,
  FieldRef,
  Ident,
  MessageField,
  MessageLiteral,
  OptionDecl,
  OptionName,
  SignedNumber,
  Token,
  Value,
} from './nodes.js';

/** `foo`, `foo.bar`, `.foo.Bar`. */
export function parseIdent(cur: Cursor, what = 'identifier'): Ident {
  const leadingDot = cur.is('.') ? cur.namePart(cur.next()) : undefined;
  const parts: Token[] = [cur.expectType('ident', what)];
  const dots: Token[] = [];
  while (cur.is('.') && cur.isType('ident', 1)) {
    dots.push(cur.namePart(cur.next()));
    parts.push(cur.next());
  }
  if (leadingDot === undefined && parts.length === 1) return parts[0] as Token;
  return { kind: 'compound-ident', leadingDot, parts, dots };
}

/** One or more adjacent string literals. */
export function parseStringValue(cur: Cursor, what = 'string literal'): Token | CompoundString {
  const parts: Token[] = [cur.expectType('string', what)];
  while (cur.isType('string')) parts.push(cur.next());
  return parts.length === 1 ? (parts[0] as Token) : { kind: 'compound-string', parts };
}

/** An integer, or a `-`/`+` signed integer. */
export function parseSignedInt(cur: Cursor): Token | SignedNumber {
  if (cur.is('-') || cur.is('+')) {
    const sign = cur.next();
    return { kind: 'signed', sign, number: cur.expectType('int', 'integer') };
  }
  return cur.expectType('int', 'integer');
}

function parseFieldRefInParens(cur: Cursor): FieldRef {
  const open = cur.namePart(cur.expect('('));
  const name = parseIdent(cur, 'extension name');
  const close = cur.namePart(cur.expect(')'));
  return { kind: 'field-ref', open, urlPrefix: undefined, slash: undefined, name, close };
}

/** `foo.(bar.baz).qux` */
export function parseOptionName(cur: Cursor): OptionName {
  const parts: FieldRef[] = [];
  const dots: Token[] = [];
  for (;;) {
    if (cur.is('(')) {
      parts.push(parseFieldRefInParens(cur));
    } else {
      const name = cur.expectType('ident', 'option name');
      parts.push({ kind: 'field-ref', open: undefined, urlPrefix: undefined, slash: undefined, name, close: undefined });
    }
    if (!cur.is('.')) break;
    dots.push(cur.namePart(cur.next()));
  }
  return { kind: 'option-name', parts, dots };
}

/** A scalar or literal option value. `inLiteral` allows `<...>` and `[...]` (text-format only). */
export function parseValue(cur: Cursor, inLiteral: boolean): Value {
  const token = cur.peek();
  if (token.type === 'string') return parseStringValue(cur);
  if (token.type === 'int' || token.type === 'float' || token.type === 'ident') return cur.next();
  if (cur.is('-') || cur.is('+')) {
    const sign = cur.next();
    const number = cur.peek();
    if (number.type === 'int' || number.type === 'float' || number.type === 'ident') {
      return { kind: 'signed', sign, number: cur.next() };
    }
    cur.fail('expected number after sign');
  }
  if (cur.is('{') || (inLiteral && cur.is('<'))) return parseMessageLiteral(cur);
  if (inLiteral && cur.is('[')) return parseArrayLiteral(cur);
  return cur.fail('expected option value');
}

function parseMessageLiteral(cur: Cursor): MessageLiteral {
  const open = cur.next();
  const closeText = open.text === '{' ? '}' : '>';
  const fields: MessageField[] = [];
  const seps: (Token | undefined)[] = [];
  while (!cur.is(closeText)) {
    if (cur.isType('eof')) cur.fail(`expected '${closeText}'`);
    fields.push(parseMessageField(cur));
    seps.push(cur.is(',') || cur.is(';') ? cur.next() : undefined);
  }
  const close = cur.namePart(cur.next());
  return { kind: 'message-literal', open, fields, seps, close };
}

function parseMessageField(cur: Cursor): MessageField {
  let name: FieldRef;
  if (cur.is('[')) {
    const open = cur.next();
    let urlPrefix: Ident | undefined;
    let slash: Token | undefined;
    let ident = parseIdent(cur, 'field name');
    if (cur.is('/')) {
      urlPrefix = ident;
      slash = cur.next();
      ident = parseIdent(cur, 'type name');
    }
    name = { kind: 'field-ref', open, urlPrefix, slash, name: ident, close: cur.expect(']') };
  } else {
    const ident = cur.expectType('ident', 'field name');
    name = { kind: 'field-ref', open: undefined, urlPrefix: undefined, slash: undefined, name: ident, close: undefined };
  }
  const sep = cur.is(':') ? cur.next() : undefined;
  if (sep === undefined && !(cur.is('{') || cur.is('<') || cur.is('['))) cur.fail("expected ':'");
  const value = parseValue(cur, true);
  // buf rewrites a line comment after `:` as a block comment when a literal follows.
  if (sep !== undefined && (value.kind === 'message-literal' || value.kind === 'array-literal')) cur.namePart(sep);
  return { kind: 'message-field', name, sep, value };
}

function parseArrayLiteral(cur: Cursor): ArrayLiteral {
  const open = cur.next();
  const elements: Value[] = [];
  const commas: Token[] = [];
  while (!cur.is(']')) {
    const value = parseValue(cur, true);
    if (value.kind === 'array-literal') cur.fail('nested array literals are not allowed');
    elements.push(value);
    if (!cur.is(',')) break;
    const comma = cur.next();
    if (!cur.is(']')) commas.push(comma);
  }
  const close = cur.expect(']', "',' or ']'");
  return { kind: 'array-literal', open, elements, commas, close };
}

/** `[a = 1, (b).c = "x"]` after a field, enum value or extension range. */
export function parseCompactOptions(cur: Cursor): CompactOptions {
  const open = cur.expect('[');
  const options: OptionDecl[] = [];
  const commas: Token[] = [];
  // Like buf, accept `[]` and a trailing comma (which is dropped).
  while (!cur.is(']')) {
    const name = parseOptionName(cur);
    const equals = cur.expect('=');
    const value = parseValue(cur, false);
    options.push({ kind: 'option', keyword: undefined, name, equals, value, semicolon: undefined });
    if (!cur.is(',')) break;
    const comma = cur.next();
    if (!cur.is(']')) commas.push(comma);
  }
  const close = cur.expect(']', "',' or ']'");
  return { kind: 'compact-options', open, options, commas, close };
}

/** `option name = value;` */
export function parseOptionDecl(cur: Cursor): OptionDecl {
  const keyword = cur.kw(cur.expect('option'));
  const name = parseOptionName(cur);
  const equals = cur.expect('=');
  const value = parseValue(cur, false);
  // A line comment after a plain option value becomes a block comment (as after a name).
  if (value.kind !== 'message-literal' && value.kind !== 'array-literal') cur.namePart(lastToken(value));
  const semicolon = cur.expect(';');
  return { kind: 'option', keyword, name, equals, value, semicolon };
}
