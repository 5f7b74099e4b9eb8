/**
 * Layout of types (goctl pkg/parser/api/ast/typestatement.go): `type` statements, type expressions,
 * data types and struct fields.
 *
 * When a parent lays out a child data type it may strip comments from the child's first token (goctl
 * mutates the child; here the parent passes a `Strip`). That is why `map // c\n[int]int` loses `// c`.
 */
import type { DataType, ElemExpr, StructDataType, TypeExpr, TypeGroupStmt, TypeLiteralStmt } from '../ast.js';
import { type Piece, Tok, copyTok, freeze, joinToks, lineOf, piece, trailingOrder } from './piece.js';
import type { SourceLines } from './source.js';

/** Comments a parent strips from a data type's first token, and whether the type is (in) a map key. */
interface Strip {
  readonly head?: boolean;
  readonly trailing?: boolean;
  readonly mapKey?: boolean;
}

const STRIP_HEAD: Strip = { head: true };
/**
 * Inside a map key every comment goes. goctl strips only the key's first token and one level below,
 * so a line comment deeper in a composite key (`map[[]int // c` …) swallows the rest of the type.
 */
const IN_MAP_KEY: Strip = { head: true, trailing: true, mapKey: true };

/** What a composite type strips from its element: the head comment, or everything inside a map key. */
function elemStrip(strip: Strip): Strip {
  return strip.mapKey ? IN_MAP_KEY : STRIP_HEAD;
}

interface TypePiece extends Piece {
  readonly containsStruct: boolean;
}

function stripped(tok: Tok, strip: Strip): Tok {
  return copyTok(tok, { dropHead: strip.head ?? false, dropTrailing: strip.trailing ?? false });
}

function withStruct(p: Piece, containsStruct: boolean): TypePiece {
  return Object.assign(p, { containsStruct });
}

/** One line of tokens through its own tabwriter. */
function sheetLine(lines: SourceLines, pieces: Piece[]): string {
  return lines.sheet().line(pieces).toString();
}

export function dataTypePiece(lines: SourceLines, dt: DataType, strip: Strip = {}): TypePiece {
  switch (dt.kind) {
    case 'BaseDataType':
      return withStruct(stripped(lines.tok(dt.base), strip), false);
    case 'AnyDataType':
      return withStruct(stripped(lines.tok(dt.any), strip), false);
    case 'InterfaceDataType':
      return withStruct(stripped(lines.tok(dt.interface), strip), false);
    case 'PointerDataType': {
      const star = stripped(lines.tok(dt.star), strip);
      const elem = dataTypePiece(lines, dt.elem, elemStrip(strip));
      const p = piece({ pos: star.pos, end: elem.end, hasHead: star.hasHead, hasTrailing: elem.hasTrailing }, (prefix) =>
        sheetLine(lines, [joinToks([copyTok(star, { prefix, dropTrailing: true }), freeze(elem, '')])]),
      );
      return withStruct(p, elem.containsStruct);
    }
    case 'SliceDataType': {
      const lbrack = stripped(lines.tok(dt.lbrack), strip);
      const rbrack = lines.tok(dt.rbrack);
      const elem = dataTypePiece(lines, dt.elem, elemStrip(strip));
      const p = piece({ pos: lbrack.pos, end: elem.end, hasHead: lbrack.hasHead, hasTrailing: elem.hasTrailing }, (prefix) =>
        sheetLine(lines, [joinToks([copyTok(lbrack, { dropTrailing: true }), copyTok(rbrack, { dropHead: true }), freeze(elem, prefix)])]),
      );
      return withStruct(p, elem.containsStruct);
    }
    case 'ArrayDataType': {
      const lbrack = stripped(lines.tok(dt.lbrack), strip);
      const length = lines.tok(dt.length);
      const rbrack = lines.tok(dt.rbrack);
      const elem = dataTypePiece(lines, dt.elem, elemStrip(strip));
      const p = piece({ pos: lbrack.pos, end: elem.end, hasHead: lbrack.hasHead, hasTrailing: elem.hasTrailing }, (prefix) =>
        sheetLine(lines, [joinToks([lbrack, length, rbrack, freeze(elem, prefix)])]),
      );
      return withStruct(p, elem.containsStruct);
    }
    case 'MapDataType': {
      const map = stripped(lines.tok(dt.map), strip);
      const lbrack = lines.tok(dt.lbrack);
      const rbrack = lines.tok(dt.rbrack);
      const key = dataTypePiece(lines, dt.key, IN_MAP_KEY);
      const value = dataTypePiece(lines, dt.value, elemStrip(strip));
      const p = piece({ pos: map.pos, end: value.end, hasHead: map.hasHead, hasTrailing: value.hasTrailing }, (prefix) =>
        sheetLine(lines, [joinToks([map, lbrack, freeze(key, ''), rbrack, freeze(value, prefix)])]),
      );
      return withStruct(p, key.containsStruct || value.containsStruct);
    }
    case 'StructDataType':
      return withStruct(structPiece(lines, dt, strip), true);
  }
}

/**
 * The `{` of a struct. A legacy `struct` keyword is dropped and `{` takes its place: the keyword's
 * head comments lead it, every other comment up to the brace's line end trails it.
 */
function lbraceTok(lines: SourceLines, dt: StructDataType): Tok {
  const lbrace = lines.tok(dt.lbrace);
  if (!dt.structKeyword) return lbrace;
  const kw = lines.tok(dt.structKeyword);
  return new Tok(lbrace.text, kw.line, kw.head, trailingOrder([...kw.trailing, ...lbrace.head, ...lbrace.trailing]));
}

function structPiece(lines: SourceLines, dt: StructDataType, strip: Strip): Piece {
  const lbrace = stripped(lbraceTok(lines, dt), strip);
  const rbrace = lines.tok(dt.rbrace);
  const fields = dt.elems.map((e) => fieldLayout(lines, e));
  return piece({ pos: lbrace.pos, end: rbrace.end, hasHead: lbrace.hasHead, hasTrailing: rbrace.hasTrailing }, (prefix) => {
    const sheet = lines.sheet();
    if (fields.length === 0) {
      const brace = joinToks([copyTok(lbrace, { prefix, dropTrailing: true }), copyTok(rbrace, { dropHead: true })]);
      return sheet.line([brace], { sameLine: true }).toString();
    }
    sheet.write(lbrace.render('')).newline();
    for (const field of fields) sheet.write(field(prefix)).newline();
    return sheet.write(rbrace.render(prefix)).toString();
  });
}

/**
 * One struct field line (goctl aligns name, type and tag with tabs, except around an inline struct).
 * An embedded field with a tag gets no indentation: goctl writes it that way.
 */
function fieldLayout(lines: SourceLines, e: ElemExpr): (prefix: string) => string {
  const names = e.names.map((n) => lines.tok(n));
  const type = dataTypePiece(lines, e.dataType);
  const tag = e.tag ? [lines.tok(e.tag)] : [];
  return (prefix) => {
    const inner = prefix + '\t';
    const typeNode = freeze(type, type.containsStruct || names.length === 0 ? inner : prefix);
    const nameNode =
      names.length === 0
        ? []
        : [
            joinToks(
              names.map((n, i) => {
                if (i === 0) return copyTok(n, { prefix: inner, dropTrailing: true });
                if (i < names.length - 1) return copyTok(n, { dropHead: true, dropTrailing: true });
                return copyTok(n, { dropHead: true });
              }),
              ', ',
            ),
          ];
    if (type.containsStruct) return fieldLine([...nameNode, typeNode, ...tag], false);
    if (names.length === 0 && tag.length === 0) return fieldLine([typeNode], true);
    return fieldLine([...nameNode, type, ...tag], true);
  };
}

/** A field's parts on one line, tab-separated (so the struct aligns them) unless the type holds an inline struct. */
function fieldLine(pieces: Piece[], tabs: boolean): string {
  return lineOf(pieces, { sameLine: true, ...(tabs ? { infix: '\t' } : {}) });
}

export function typeExprPiece(lines: SourceLines, expr: TypeExpr): Piece {
  const name = lines.tok(expr.name);
  const assign = expr.assign ? [lines.tok(expr.assign)] : [];
  const type = dataTypePiece(lines, expr.dataType);
  return piece({ pos: name.pos, end: type.end, hasHead: name.hasHead, hasTrailing: type.hasTrailing }, (prefix) =>
    lines.sheet().line([copyTok(name, { prefix }), ...assign, freeze(type, prefix)], { sameLine: true }).toString(),
  );
}

export function typeLiteralPiece(lines: SourceLines, stmt: TypeLiteralStmt): Piece {
  const type = lines.tok(stmt.type);
  const expr = typeExprPiece(lines, stmt.expr);
  return piece({ pos: type.pos, end: expr.end, hasHead: type.hasHead, hasTrailing: expr.hasTrailing }, (prefix) =>
    lines.sheet().line([type, expr], { prefix, sameLine: true }).toString(),
  );
}

export function typeGroupPiece(lines: SourceLines, stmt: TypeGroupStmt): Piece {
  const type = lines.tok(stmt.type);
  const lparen = lines.tok(stmt.lparen);
  const rparen = lines.tok(stmt.rparen);
  const exprs = stmt.exprs.map((e) => typeExprPiece(lines, e));
  return piece({ pos: type.pos, end: rparen.end, hasHead: type.hasHead, hasTrailing: rparen.hasTrailing }, (prefix) => {
    if (exprs.length === 0) return '';
    const sheet = lines.sheet().line([copyTok(type, { prefix }), lparen], { sameLine: true }).newline();
    for (const e of exprs) sheet.line([e], { prefix: prefix + '\t' }).newline();
    return sheet.write(rparen.render(prefix)).toString();
  });
}
