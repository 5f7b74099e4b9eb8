/**
 * The `.api` syntax tree: what was written, token by token, with every comment kept.
 *
 * Every token the parser consumes becomes a `TokenNode` carrying the comments written on the lines
 * before it (`head`) and after it on the same line (`trailing`). That is the model goctl's formatter
 * works from, so `api format` can reproduce goctl's layout exactly. Every node has a `span`.
 * The analyzer turns this tree into the IR (`src/ir`); nothing downstream reads the AST.
 */
import type { Span } from '../../diagnostics.js';
import type { Token } from './lexer.js';

export interface Comment {
  readonly kind: 'Comment';
  readonly token: Token;
  readonly span: Span;
}

export interface TokenNode {
  readonly kind: 'Token';
  readonly token: Token;
  /** Comments on the lines before this token (since the previous token). */
  head: Comment[];
  /** Comments after this token on the same line. */
  trailing: Comment[];
  readonly span: Span;
}

// ── statements ────────────────────────────────────────────────────────────────────────────────

export type Stmt =
  | SyntaxStmt
  | InfoStmt
  | ImportLiteralStmt
  | ImportGroupStmt
  | TypeLiteralStmt
  | TypeGroupStmt
  | ServiceStmt
  | CommentStmt;

/** `syntax = "v1"` */
export interface SyntaxStmt {
  readonly kind: 'SyntaxStmt';
  readonly syntax: TokenNode;
  readonly assign: TokenNode;
  readonly value: TokenNode;
  readonly span: Span;
}

/** `info ( key: value … )` */
export interface InfoStmt {
  readonly kind: 'InfoStmt';
  readonly info: TokenNode;
  readonly lparen: TokenNode;
  readonly values: KVExpr[];
  readonly rparen: TokenNode;
  readonly span: Span;
}

/** `import "x.api"` */
export interface ImportLiteralStmt {
  readonly kind: 'ImportLiteralStmt';
  readonly import: TokenNode;
  readonly value: TokenNode;
  readonly span: Span;
}

/** `import ( "a.api" "b.api" )` */
export interface ImportGroupStmt {
  readonly kind: 'ImportGroupStmt';
  readonly import: TokenNode;
  readonly lparen: TokenNode;
  readonly values: TokenNode[];
  readonly rparen: TokenNode;
  readonly span: Span;
}

/** `type Name DataType` */
export interface TypeLiteralStmt {
  readonly kind: 'TypeLiteralStmt';
  readonly type: TokenNode;
  readonly expr: TypeExpr;
  readonly span: Span;
}

/** `type ( Name DataType … )` */
export interface TypeGroupStmt {
  readonly kind: 'TypeGroupStmt';
  readonly type: TokenNode;
  readonly lparen: TokenNode;
  readonly exprs: TypeExpr[];
  readonly rparen: TokenNode;
  readonly span: Span;
}

/** `[@server(…)] service name { items }` */
export interface ServiceStmt {
  readonly kind: 'ServiceStmt';
  readonly atServer?: AtServerStmt;
  readonly service: TokenNode;
  /** The whole name, `user-api` included, as one synthetic token. */
  readonly name: TokenNode;
  readonly lbrace: TokenNode;
  readonly items: ServiceItem[];
  readonly rbrace: TokenNode;
  readonly span: Span;
}

/** A comment that belongs to no token: at the end of the file or of a block. */
export interface CommentStmt {
  readonly kind: 'CommentStmt';
  readonly comment: Comment;
  readonly span: Span;
}

// ── annotations and routes ────────────────────────────────────────────────────────────────────

/** `@server ( key: value … )`; inside a service body it is the legacy handler annotation. */
export interface AtServerStmt {
  readonly kind: 'AtServerStmt';
  readonly atServer: TokenNode;
  readonly lparen: TokenNode;
  readonly values: KVExpr[];
  readonly rparen: TokenNode;
  readonly span: Span;
}

/** `@doc "text"`, or legacy `@doc("text")` (then `lparen`/`rparen` are set). */
export interface AtDocLiteralStmt {
  readonly kind: 'AtDocLiteralStmt';
  readonly atDoc: TokenNode;
  readonly lparen?: TokenNode;
  readonly value: TokenNode;
  readonly rparen?: TokenNode;
  readonly span: Span;
}

/** `@doc ( key: "value" … )` */
export interface AtDocGroupStmt {
  readonly kind: 'AtDocGroupStmt';
  readonly atDoc: TokenNode;
  readonly lparen: TokenNode;
  readonly values: KVExpr[];
  readonly rparen: TokenNode;
  readonly span: Span;
}

export type AtDocStmt = AtDocLiteralStmt | AtDocGroupStmt;

/** `@handler name` */
export interface AtHandlerStmt {
  readonly kind: 'AtHandlerStmt';
  readonly atHandler: TokenNode;
  readonly name: TokenNode;
  readonly span: Span;
}

export interface ServiceItem {
  readonly kind: 'ServiceItem';
  readonly atDoc?: AtDocStmt;
  readonly atHandler?: AtHandlerStmt;
  /** Legacy grammar: `@server( handler: X … )` in place of `@handler X`. */
  readonly legacyAtServer?: AtServerStmt;
  readonly route: RouteStmt;
  readonly span: Span;
}

/** `METHOD /path [(Request)] [returns (Response)] [;]` */
export interface RouteStmt {
  readonly kind: 'RouteStmt';
  readonly method: TokenNode;
  readonly path: PathExpr;
  readonly request?: BodyStmt;
  readonly returns?: TokenNode;
  readonly response?: BodyStmt;
  readonly semicolon?: TokenNode;
  readonly span: Span;
}

/** The route path as written, joined into one synthetic token (`/users/:id`). */
export interface PathExpr {
  readonly kind: 'PathExpr';
  readonly value: TokenNode;
  /** Segments split on '/': literal text or `:param`. */
  readonly segments: PathSegment[];
  readonly span: Span;
}

export interface PathSegment {
  readonly text: string;
  readonly param: boolean;
  readonly span: Span;
}

/** `( [Body] )` */
export interface BodyStmt {
  readonly kind: 'BodyStmt';
  readonly lparen: TokenNode;
  readonly body?: BodyExpr;
  readonly rparen: TokenNode;
  readonly span: Span;
}

/** `Type`, `*Type`, `[]Type` or `[]*Type` */
export interface BodyExpr {
  readonly kind: 'BodyExpr';
  readonly lbrack?: TokenNode;
  readonly rbrack?: TokenNode;
  readonly star?: TokenNode;
  readonly value: TokenNode;
  readonly span: Span;
}

/** `key: value`. `colon` is set when the colon was written apart from the key (`key : value`). */
export interface KVExpr {
  readonly kind: 'KVExpr';
  /** The key token; its text has no colon. */
  readonly key: TokenNode;
  /**
   * The value as one synthetic token: a string, an identifier, a duration, a path (`/v1/user`), a list
   * (`A,B`) or, in the legacy grammar, the raw rest of the line.
   */
  readonly value: TokenNode;
  /** How the value was written: legacy bare text is flagged so lint can quote it. */
  readonly valueKind: 'string' | 'rawString' | 'ident' | 'int' | 'duration' | 'path' | 'list' | 'bareText';
  readonly span: Span;
}

// ── types ─────────────────────────────────────────────────────────────────────────────────────

/** `Name [=] DataType` (and legacy `Name struct {…}`). */
export interface TypeExpr {
  readonly kind: 'TypeExpr';
  readonly name: TokenNode;
  readonly assign?: TokenNode;
  readonly dataType: DataType;
  readonly span: Span;
}

export type DataType =
  | BaseDataType
  | AnyDataType
  | InterfaceDataType
  | MapDataType
  | ArrayDataType
  | SliceDataType
  | PointerDataType
  | StructDataType;

/** A base or named type: `int`, `string`, `User`. */
export interface BaseDataType {
  readonly kind: 'BaseDataType';
  readonly base: TokenNode;
  readonly span: Span;
}

/** The bare word `any`: parsed so the analyzer can reject it with a precise message. */
export interface AnyDataType {
  readonly kind: 'AnyDataType';
  readonly any: TokenNode;
  readonly span: Span;
}

/** `interface{}` */
export interface InterfaceDataType {
  readonly kind: 'InterfaceDataType';
  readonly interface: TokenNode;
  readonly span: Span;
}

/** `map[K]V` */
export interface MapDataType {
  readonly kind: 'MapDataType';
  readonly map: TokenNode;
  readonly lbrack: TokenNode;
  readonly key: DataType;
  readonly rbrack: TokenNode;
  readonly value: DataType;
  readonly span: Span;
}

/** `[N]T` (or `[...]T`, rejected by the analyzer) */
export interface ArrayDataType {
  readonly kind: 'ArrayDataType';
  readonly lbrack: TokenNode;
  readonly length: TokenNode;
  readonly rbrack: TokenNode;
  readonly elem: DataType;
  readonly span: Span;
}

/** `[]T` */
export interface SliceDataType {
  readonly kind: 'SliceDataType';
  readonly lbrack: TokenNode;
  readonly rbrack: TokenNode;
  readonly elem: DataType;
  readonly span: Span;
}

/** `*T` */
export interface PointerDataType {
  readonly kind: 'PointerDataType';
  readonly star: TokenNode;
  readonly elem: DataType;
  readonly span: Span;
}

/** `{ fields }`, or legacy `struct { fields }` (then `structKeyword` is set). */
export interface StructDataType {
  readonly kind: 'StructDataType';
  readonly structKeyword?: TokenNode;
  readonly lbrace: TokenNode;
  readonly elems: ElemExpr[];
  readonly rbrace: TokenNode;
  readonly span: Span;
}

/** A struct field `A, B Type `tag``; an embedded field has no names. */
export interface ElemExpr {
  readonly kind: 'ElemExpr';
  readonly names: TokenNode[];
  readonly dataType: DataType;
  readonly tag?: TokenNode;
  readonly span: Span;
}

export interface ApiFile {
  readonly kind: 'ApiFile';
  /** The path the file was read from, as given. */
  readonly file: string;
  readonly source: string;
  readonly stmts: Stmt[];
  readonly span: Span;
}
