/**
 * Layout of `syntax`, `info` and `import` statements (goctl pkg/parser/api/ast: syntaxstatement.go,
 * infostatement.go, importstatement.go).
 */
import type { ImportGroupStmt, ImportLiteralStmt, InfoStmt, SyntaxStmt } from '../ast.js';
import { groupPiece } from './groups.js';
import { type Piece, copyTok, isZeroString, piece } from './piece.js';
import type { SourceLines } from './source.js';

export function syntaxPiece(lines: SourceLines, stmt: SyntaxStmt): Piece {
  const syntax = lines.tok(stmt.syntax);
  const assign = lines.tok(stmt.assign);
  const value = lines.tok(stmt.value);
  return piece({ pos: syntax.pos, end: value.end, hasHead: syntax.hasHead, hasTrailing: value.hasTrailing }, (prefix) =>
    lines.sheet()
      .line([copyTok(syntax, { prefix, dropTrailing: true }), copyTok(assign, { dropTrailing: true }), value], { prefix, sameLine: true })
      .toString(),
  );
}

export function infoPiece(lines: SourceLines, stmt: InfoStmt): Piece {
  return groupPiece(lines, { keyword: stmt.info, lparen: stmt.lparen, values: stmt.values, rparen: stmt.rparen }, 'doc', { keywordBreaks: true });
}

/** `import "x"`; an empty path is dropped. */
export function importLiteralPiece(lines: SourceLines, stmt: ImportLiteralStmt): Piece {
  const imp = lines.tok(stmt.import);
  const value = lines.tok(stmt.value);
  return piece({ pos: imp.pos, end: value.end, hasHead: imp.hasHead, hasTrailing: value.hasTrailing }, (prefix) => {
    if (isZeroString(value)) return '';
    return lines.sheet().line([copyTok(imp, { prefix, dropTrailing: true }), value], { sameLine: true }).toString();
  });
}

/** `import ( … )`, one path per line; dropped when every path is empty. */
export function importGroupPiece(lines: SourceLines, stmt: ImportGroupStmt): Piece {
  const imp = lines.tok(stmt.import);
  const lparen = lines.tok(stmt.lparen);
  const rparen = lines.tok(stmt.rparen);
  const values = stmt.values.map((v) => lines.tok(v));
  return piece({ pos: imp.pos, end: rparen.end, hasHead: imp.hasHead, hasTrailing: rparen.hasTrailing }, (prefix) => {
    if (values.every(isZeroString)) return '';
    const sheet = lines.sheet().line([copyTok(imp, { prefix, dropTrailing: true }), lparen], { sameLine: true }).newline();
    for (const v of values) sheet.line([copyTok(v, { prefix: `${prefix}\t` })], { sameLine: true }).newline();
    return sheet.line([copyTok(rparen, { prefix })]).toString();
  });
}
