/**
 * Layout of `key: value` groups — `info (…)`, `@server (…)`, `@doc (…)` — (goctl
 * pkg/parser/api/ast: infostatement.go, servicestatement.go): one pair per line, keys and values in
 * tab-aligned columns, dropped entirely when every value is an empty string.
 */
import type { KVExpr, TokenNode } from '../ast.js';
import { quote, unquote } from '../strings.js';
import { type Piece, Sheet, type Tok, copyTok, isZeroString, joinToks, piece } from './piece.js';
import type { SourceLines } from './source.js';

/**
 * `info` and `@doc` values are strings in the current grammar: legacy bare words and bare text are
 * quoted, raw strings become quoted strings. `@server` values stay as written (they are words,
 * paths and lists), except raw strings, which goctl does not accept there.
 */
export type GroupKind = 'doc' | 'server';

export interface Pair {
  readonly key: Tok;
  readonly value: Tok;
}

function valueText(kv: KVExpr, kind: GroupKind): string {
  const text = kv.value.token.text;
  if (kv.valueKind === 'rawString') return quote(unquote(text));
  if (kind === 'server' || kv.valueKind === 'string') return text;
  return quote(text);
}

/** goctl keeps head comments of `info`/`@doc` values, but builds `@server` values anew, without them. */
export function pairOf(lines: SourceLines, kv: KVExpr, kind: GroupKind): Pair {
  const key = joinToks([lines.tok(kv.key, { text: `${kv.key.token.text}:` })]);
  const value = lines.tok(kv.value, { text: valueText(kv, kind), head: kind === 'doc' });
  return { key, value };
}

export interface GroupParts {
  readonly keyword: TokenNode;
  readonly lparen: TokenNode;
  readonly values: readonly KVExpr[];
  readonly rparen: TokenNode;
}

export interface GroupOptions {
  /** `info` breaks between the keyword and `(` where the source did; `@server`, `@doc` do not. */
  readonly keywordBreaks?: boolean;
  /** Print the group even when it is empty (a route's legacy `@server`, which the route needs). */
  readonly keepEmpty?: boolean;
}

/** A group; by default dropped when it is empty or all its values are empty strings. */
export function groupPiece(lines: SourceLines, parts: GroupParts, kind: GroupKind, options: GroupOptions = {}): Piece {
  const keyword = lines.tok(parts.keyword);
  const lparen = lines.tok(parts.lparen);
  const rparen = lines.tok(parts.rparen);
  const pairs = parts.values.map((kv) => pairOf(lines, kv, kind));
  const keywordBreaks = options.keywordBreaks ?? false;
  return piece({ pos: keyword.pos, end: rparen.end, hasHead: keyword.hasHead, hasTrailing: rparen.hasTrailing }, (prefix) => {
    if (pairs.length === 0 && options.keepEmpty) {
      const parens = joinToks([lparen, copyTok(rparen, { dropHead: true })]);
      return new Sheet().line([copyTok(keyword, { prefix, dropTrailing: true }), parens], { sameLine: true }).toString();
    }
    if (pairs.every((p) => isZeroString(p.value)) && !options.keepEmpty) return '';
    const sheet = new Sheet();
    sheet.line([copyTok(keyword, { prefix, dropTrailing: true }), lparen], { sameLine: !keywordBreaks }).newline();
    for (const { key, value } of pairs) {
      sheet.line([copyTok(key, { prefix: `${prefix}\t`, dropTrailing: true }), value], { infix: '\t', sameLine: true }).newline();
    }
    return sheet.line([copyTok(rparen, { prefix })]).toString();
  });
}
