/**
 * `tsctl api format`: an `.api` syntax tree back to text, in goctl's layout byte for byte
 * (spec api-dsl.md "Formatting"; goctl pkg/parser/api/ast `AST.Format`), but idempotent, and in the
 * current grammar when the input used the legacy one. docs/format.md lists where we differ from goctl.
 *
 * The layout model lives in `format/`: `piece.ts` (goctl's writer), `tabwriter.ts`, `source.ts`
 * (line numbers and token texts), and one file per group of statements.
 */
import type { ApiFile, Stmt } from './ast.js';
import { importGroupPiece, importLiteralPiece, infoPiece, syntaxPiece } from './format/header.js';
import { type Piece, Tok } from './format/piece.js';
import { servicePiece } from './format/service.js';
import { SourceLines } from './format/source.js';
import { typeGroupPiece, typeLiteralPiece } from './format/types.js';

function stmtPiece(lines: SourceLines, stmt: Stmt): Piece {
  switch (stmt.kind) {
    case 'SyntaxStmt':
      return syntaxPiece(lines, stmt);
    case 'InfoStmt':
      return infoPiece(lines, stmt);
    case 'ImportLiteralStmt':
      return importLiteralPiece(lines, stmt);
    case 'ImportGroupStmt':
      return importGroupPiece(lines, stmt);
    case 'TypeLiteralStmt':
      return typeLiteralPiece(lines, stmt);
    case 'TypeGroupStmt':
      return typeGroupPiece(lines, stmt);
    case 'ServiceStmt':
      return servicePiece(lines, stmt);
    case 'CommentStmt':
      return new Tok(lines.settle(stmt.comment.token.text), lines.lineAt(stmt.comment.span.start.offset));
  }
}

/**
 * Whether goctl puts an empty line after a statement: after everything but comments and runs of
 * single imports. goctl looks at the next statement even when it prints nothing (`import ""`), and
 * then changes its mind on the next run; we look at the next printed one.
 */
function blankLineAfter(stmt: Stmt, next: Stmt | undefined): boolean {
  if (stmt.kind === 'CommentStmt') return false;
  if (stmt.kind !== 'ImportLiteralStmt') return true;
  return next !== undefined && next.kind !== 'ImportLiteralStmt';
}

/** The formatted text of `ast`, ending with exactly one newline (empty when nothing is left to print). */
export function formatApi(ast: ApiFile): string {
  const lines = new SourceLines(ast.source);
  const printed = ast.stmts.map((stmt) => ({ stmt, piece: stmtPiece(lines, stmt) })).filter((s) => s.piece.render('') !== '');
  const sheet = lines.sheet();
  printed.forEach(({ stmt, piece }, index) => {
    sheet.line([piece]).newline();
    if (blankLineAfter(stmt, printed[index + 1]?.stmt)) sheet.newline();
  });
  const text = lines.restoreTabs(sheet.toString()).replace(/\n+$/, '');
  return text === '' ? '' : `${text}\n`;
}
