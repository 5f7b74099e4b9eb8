/**
 * Concrete syntax tree for the `.proto` formatter. Every punctuation mark and keyword is kept as its
 * `Token` (comments hang off tokens), so the printer can reproduce `buf format`'s comment placement.
 * Shapes follow protocompile's AST, because `buf format`'s layout rules are phrased in its terms.
 */
import type { Token } from './lexer.js';

export type { Token };

/** `foo.bar.Baz` or `.foo.Bar`; a single identifier is just its `Token`. */
export interface CompoundIdent {
  readonly kind: 'compound-ident';
  readonly leadingDot: Token | undefined;
  readonly parts: readonly Token[];
  readonly dots: readonly Token[];
}
export type Ident = Token | CompoundIdent;

/** Adjacent string literals `"a" "b"`; a single string is just its `Token`. */
export interface CompoundString {
  readonly kind: 'compound-string';
  readonly parts: readonly Token[];
}

/** `-5`, `-inf`, `+1.5`. */
export interface SignedNumber {
  readonly kind: 'signed';
  readonly sign: Token;
  readonly number: Token;
}

/** `{ a: 1 b: [..] }` (or `< .. >`) inside an option value. */
export interface MessageLiteral {
  readonly kind: 'message-literal';
  readonly open: Token;
  readonly fields: readonly MessageField[];
  /** Optional `,` / `;` after each field. */
  readonly seps: readonly (Token | undefined)[];
  readonly close: Token;
}

export interface MessageField {
  readonly kind: 'message-field';
  readonly name: FieldRef;
  readonly sep: Token | undefined;
  readonly value: Value;
}

export interface ArrayLiteral {
  readonly kind: 'array-literal';
  readonly open: Token;
  readonly elements: readonly Value[];
  readonly commas: readonly Token[];
  readonly close: Token;
}

export type Value = Token | CompoundString | SignedNumber | MessageLiteral | ArrayLiteral;

/** One component of an option name or a message-literal key: `foo`, `(foo.bar)`, `[a.b/c.D]`. */
export interface FieldRef {
  readonly kind: 'field-ref';
  readonly open: Token | undefined;
  readonly urlPrefix: Ident | undefined;
  readonly slash: Token | undefined;
  readonly name: Ident;
  readonly close: Token | undefined;
}

export interface OptionName {
  readonly kind: 'option-name';
  readonly parts: readonly FieldRef[];
  readonly dots: readonly Token[];
}

/** `option a = 1;` or, inside `[...]`, `a = 1` (no keyword, no semicolon). */
export interface OptionDecl {
  readonly kind: 'option';
  readonly keyword: Token | undefined;
  readonly name: OptionName;
  readonly equals: Token;
  readonly value: Value;
  readonly semicolon: Token | undefined;
}

export interface CompactOptions {
  readonly kind: 'compact-options';
  readonly open: Token;
  readonly options: readonly OptionDecl[];
  readonly commas: readonly Token[];
  readonly close: Token;
}

export interface SyntaxDecl {
  readonly kind: 'syntax';
  readonly keyword: Token;
  readonly equals: Token;
  readonly value: Token | CompoundString;
  readonly semicolon: Token;
}

export interface PackageDecl {
  readonly kind: 'package';
  readonly keyword: Token;
  readonly name: Ident;
  readonly semicolon: Token;
}

export interface ImportDecl {
  readonly kind: 'import';
  readonly keyword: Token;
  readonly modifier: Token | undefined;
  readonly name: Token | CompoundString;
  readonly semicolon: Token;
}

/** Message, enum, service, oneof, extend: a keyword, a name and a braced body. */
export interface BlockDecl {
  readonly kind: 'message' | 'enum' | 'service' | 'oneof' | 'extend';
  /** Edition 2024 `export` / `local`. */
  readonly visibility: Token | undefined;
  readonly keyword: Token;
  readonly name: Ident;
  readonly open: Token;
  readonly decls: readonly Decl[];
  readonly close: Token;
}

export interface FieldDecl {
  readonly kind: 'field';
  readonly label: Token | undefined;
  readonly type: Ident;
  readonly name: Token;
  readonly equals: Token;
  readonly tag: Token;
  readonly options: CompactOptions | undefined;
  readonly semicolon: Token;
}

export interface MapType {
  readonly kind: 'map-type';
  readonly keyword: Token;
  readonly open: Token;
  readonly keyType: Ident;
  readonly comma: Token;
  readonly valueType: Ident;
  readonly close: Token;
}

export interface MapFieldDecl {
  readonly kind: 'map-field';
  readonly mapType: MapType;
  readonly name: Token;
  readonly equals: Token;
  readonly tag: Token;
  readonly options: CompactOptions | undefined;
  readonly semicolon: Token;
}

export interface GroupDecl {
  readonly kind: 'group';
  readonly label: Token | undefined;
  readonly keyword: Token;
  readonly name: Token;
  readonly equals: Token;
  readonly tag: Token;
  readonly options: CompactOptions | undefined;
  readonly open: Token;
  readonly decls: readonly Decl[];
  readonly close: Token;
}

export interface EnumValueDecl {
  readonly kind: 'enum-value';
  readonly name: Token;
  readonly equals: Token;
  readonly number: Token | SignedNumber;
  readonly options: CompactOptions | undefined;
  readonly semicolon: Token;
}

/** `5`, `1 to 10`, `100 to max`. */
export interface RangeNode {
  readonly kind: 'range';
  readonly start: Token | SignedNumber;
  readonly to: Token | undefined;
  readonly end: Token | SignedNumber | undefined;
}

export interface ExtensionsDecl {
  readonly kind: 'extensions';
  readonly keyword: Token;
  readonly ranges: readonly RangeNode[];
  readonly commas: readonly Token[];
  readonly options: CompactOptions | undefined;
  readonly semicolon: Token;
}

export interface ReservedDecl {
  readonly kind: 'reserved';
  readonly keyword: Token;
  /** Ranges, quoted names, or (editions) bare identifiers. */
  readonly elements: readonly (RangeNode | Token | CompoundString)[];
  readonly commas: readonly Token[];
  readonly semicolon: Token;
}

export interface RpcType {
  readonly kind: 'rpc-type';
  readonly open: Token;
  readonly stream: Token | undefined;
  readonly type: Ident;
  readonly close: Token;
}

export interface RpcDecl {
  readonly kind: 'rpc';
  readonly keyword: Token;
  readonly name: Token;
  readonly input: RpcType;
  readonly returns: Token;
  readonly output: RpcType;
  /** Either a body (`open`/`decls`/`close`) or a `semicolon`. */
  readonly open: Token | undefined;
  readonly decls: readonly Decl[];
  readonly close: Token | undefined;
  readonly semicolon: Token | undefined;
}

export interface EmptyDecl {
  readonly kind: 'empty';
  readonly semicolon: Token;
}

export type Decl =
  | PackageDecl
  | ImportDecl
  | OptionDecl
  | BlockDecl
  | FieldDecl
  | MapFieldDecl
  | GroupDecl
  | EnumValueDecl
  | ExtensionsDecl
  | ReservedDecl
  | RpcDecl
  | EmptyDecl;

export interface ProtoFile {
  readonly kind: 'file';
  readonly source: string;
  /** `syntax = "..."` or `edition = "..."` (check `keyword.text`). */
  readonly syntax: SyntaxDecl | undefined;
  readonly decls: readonly Decl[];
  readonly eof: Token;
  /** Identifier tokens used as keywords. */
  readonly keywords: ReadonlySet<Token>;
  /** Offsets of punctuation that is part of a name (see `Cursor.namePunct`). */
  readonly namePunct: ReadonlySet<number>;
}

export type Node =
  | Token
  | CompoundIdent
  | CompoundString
  | SignedNumber
  | MessageLiteral
  | MessageField
  | ArrayLiteral
  | FieldRef
  | OptionName
  | CompactOptions
  | MapType
  | RangeNode
  | RpcType
  | Decl
  | SyntaxDecl;

/** First token of a node: where its leading comments and whitespace live. */
export function firstToken(node: Node): Token {
  switch (node.kind) {
    case 'token':
      return node;
    case 'compound-ident':
      return node.leadingDot ?? (node.parts[0] as Token);
    case 'compound-string':
      return node.parts[0] as Token;
    case 'signed':
      return node.sign;
    case 'message-literal':
    case 'array-literal':
    case 'compact-options':
    case 'map-type':
    case 'rpc-type':
      return node.kind === 'map-type' ? node.keyword : node.open;
    case 'message-field':
      return firstToken(node.name);
    case 'field-ref':
      return node.open ?? firstToken(node.name);
    case 'option-name':
      return firstToken(node.parts[0] as FieldRef);
    case 'range':
      return firstToken(node.start);
    case 'option':
      return node.keyword ?? firstToken(node.name);
    case 'field':
      return node.label ?? firstToken(node.type);
    case 'map-field':
      return node.mapType.keyword;
    case 'group':
      return node.label ?? node.keyword;
    case 'enum-value':
      return node.name;
    case 'empty':
      return node.semicolon;
    case 'message':
    case 'enum':
    case 'service':
    case 'oneof':
    case 'extend':
      return node.visibility ?? node.keyword;
    default:
      return node.keyword;
  }
}

/** Last token of a node: where its trailing comments live. */
export function lastToken(node: Node): Token {
  switch (node.kind) {
    case 'token':
      return node;
    case 'compound-ident':
      return node.parts[node.parts.length - 1] as Token;
    case 'compound-string':
      return node.parts[node.parts.length - 1] as Token;
    case 'signed':
      return node.number;
    case 'message-literal':
    case 'array-literal':
    case 'compact-options':
    case 'map-type':
    case 'rpc-type':
      return node.close;
    case 'message-field':
      return lastToken(node.value);
    case 'field-ref':
      return node.close ?? lastToken(node.name);
    case 'option-name':
      return lastToken(node.parts[node.parts.length - 1] as FieldRef);
    case 'range':
      return lastToken(node.end ?? node.to ?? node.start);
    case 'option':
      return node.semicolon ?? lastToken(node.value);
    case 'message':
    case 'enum':
    case 'service':
    case 'oneof':
    case 'extend':
    case 'group':
      return node.close;
    case 'rpc':
      return node.close ?? node.semicolon ?? node.output.close;
    case 'empty':
      return node.semicolon;
    default:
      return node.semicolon;
  }
}
