/**
 * Layout of `key: value` groups — `info (…)`, `@server (…)`, `@doc (…)` — (goctl
 * pkg/parser/api/ast: infostatement.go, servicestatement.go): one pair per line, keys and values in
 * tab-aligned columns, dropped entirely when every value is an empty string.
 */
import type { KVExpr, TokenNode } from '../ast.js';
import { quote } from '../strings.js';
import { type Piece, type Tok, copyTok, isZeroString, joinToks, piece } from './piece.js';
import type { SourceLines } from './source.js';

/**
 * `info` and `@doc` values of the current grammar — a string, a raw string or one bare word
 * (`author: songmeizi`, `debug: true`) — stay as written, as goctl keeps them; legacy bare text
 * (`title: doc title`, `version: 1.0`) becomes a Go-quoted string. `@server` values stay as
 * written (words, paths, lists, durations, numbers, strings).
 */
export type GroupKind = 'doc' | 'server';

export interface Pair {
  readonly key: Tok;
  readonly value: Tok;
}

function valueText(kv: KVExpr, kind: GroupKind): string {
  const text = kv.value.token.text;
  return kind === 'doc' && kv.valueKind === 'bareText' ? quote(text) : text;
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
      return lines.sheet().line([copyTok(keyword, { prefix, dropTrailing: true }), parens], { sameLine: true }).toString();
    }
    if (pairs.every((p) => isZeroString(p.value)) && !options.keepEmpty) return '';
    const sheet = lines.sheet();
    sheet.line([copyTok(keyword, { prefix, dropTrailing: true }), lparen], { sameLine: !keywordBreaks }).newline();
    for (const { key, value } of pairs) {
      sheet.line([copyTok(key, { prefix: `${prefix}\t`, dropTrailing: true }), value], { infix: '\t', sameLine: true }).newline();
    }
    return sheet.line([copyTok(rparen, { prefix })]).toString();
  });
}
