/**
 * The tsctl IR: plain, serialisable, fully typed data that both front ends (`.api`, `.proto`) produce
 * and every generator consumes. `tsctl ir FILE --json` prints a `Document`; that JSON is a contract
 * (see docs/ir.md): fields are only added, never renamed or removed, without bumping `irVersion`.
 *
 * Every declaration says where it came from (`source`), in the path form the user gave.
 */

export const IR_VERSION = 1 as const;

export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Document {
  readonly irVersion: typeof IR_VERSION;
  /** Which front end produced it. */
  readonly origin: 'api' | 'proto';
  /** The entry file, as given on the command line. */
  readonly file: string;
  /** Every file of the import graph, entry first, then in import (depth-first) order. */
  readonly files: readonly string[];
  /** `syntax = "…"` of the entry file, unquoted, when present. */
  readonly syntax?: string;
  /** `info (…)` of the entry file, values unquoted, in source order. */
  readonly info: Readonly<Record<string, string>>;
  readonly imports: readonly Import[];
  /** Named types of the whole graph, in graph order then source order. */
  readonly types: readonly TypeDecl[];
  readonly enums: readonly EnumDecl[];
  readonly services: readonly Service[];
  /** File-level options (proto `option`s; empty for `.api`). */
  readonly options: Readonly<Record<string, string>>;
}

export interface Import {
  /** The file that contains the import statement. */
  readonly from: string;
  /** The path as written in the import statement. */
  readonly path: string;
  /** The imported file, in the same path form as `Document.files`. */
  readonly resolved: string;
  readonly source: SourceRef;
}

export interface TypeDecl {
  readonly kind: 'struct';
  /** Unique in the document: the `.api` type name, or the full `.proto` name (`pkg.Outer.Inner`). */
  readonly name: string;
  readonly fields: readonly Field[];
  /** `.proto` oneofs: each with the names of its fields, in declaration order. */
  readonly oneofs?: readonly { readonly name: string; readonly fields: readonly string[] }[];
  /** Comment lines written above the declaration, without comment markers. */
  readonly doc: readonly string[];
  readonly source: SourceRef;
}

export interface EnumDecl {
  /** The full `.proto` name (`pkg.Status`). */
  readonly name: string;
  readonly values: readonly { readonly name: string; readonly number: number; readonly doc: readonly string[] }[];
  readonly doc: readonly string[];
  readonly source: SourceRef;
}

/** Where a request field is read from. `body` is a JSON body field (tag `json`, or no tag). */
export type Binding = 'body' | 'path' | 'query' | 'header';

export interface NumericRange {
  readonly min?: number;
  readonly max?: number;
  readonly minInclusive: boolean;
  readonly maxInclusive: boolean;
}

export interface Field {
  /** The declared field name (`UserId`); for an embedded field, the embedded type's name. */
  readonly name: string;
  readonly type: TypeRef;
  /** An embedded struct: its fields are inlined into the enclosing one. */
  readonly embedded: boolean;
  readonly binding: Binding;
  /** The name on the wire: JSON key, query/form key, path parameter or header name. */
  readonly wireName: string;
  /** The tag says `optional`: a request may leave the field out (go-zero's binding rule). */
  readonly optional: boolean;
  /** The tag says `omitempty`: a response may leave the field out when empty (JSON encoding rule). */
  readonly omitempty: boolean;
  /** `default=VALUE`, as written. */
  readonly default?: string;
  /** `options=a|b|c`: the allowed values, as written. */
  readonly options?: readonly string[];
  /** `range=[min:max]` */
  readonly range?: NumericRange;
  /** The raw tag text without backticks (`json:"id"`), or '' when there is none. */
  readonly tag: string;
  /** Every key of the tag with its name and options (unknown keys kept). */
  readonly tags: Readonly<Record<string, TagValue>>;
  readonly doc: readonly string[];
  /** A comment written after the field on the same line. */
  readonly comment?: string;
  /** Protobuf field number (`.proto` only; the same as `proto.number`). */
  readonly protoNumber?: number;
  /** Wire details (`.proto` only). */
  readonly proto?: ProtoFieldInfo;
  readonly source: SourceRef;
}

export interface TagValue {
  readonly name: string;
  readonly options: readonly string[];
}

/** The base types of the `.api` language (Go's). */
export const PRIMITIVE_TYPES = [
  'bool', 'string', 'byte', 'rune',
  'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128',
] as const;

/** A base type: the `.api` ones, plus `bytes` (protobuf's binary string). */
export type PrimitiveName = (typeof PRIMITIVE_TYPES)[number] | 'bytes';

/** Protobuf scalar types, as written in `.proto`. */
export type ProtoScalar =
  | 'double' | 'float' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'sint32' | 'sint64'
  | 'fixed32' | 'fixed64' | 'sfixed32' | 'sfixed64' | 'bool' | 'string' | 'bytes';

/** What a `.proto` field is on the wire (absent for `.api` fields). */
export interface ProtoFieldInfo {
  readonly number: number;
  /** The scalar type, or `message` / `enum` (then `Field.type` names it). */
  readonly type: ProtoScalar | 'message' | 'enum';
  /** `repeated`, proto3 `optional` (explicit presence), proto2 `required`, or plain `singular`. */
  readonly label: 'singular' | 'optional' | 'repeated' | 'required';
  /** The oneof this field belongs to (not set for proto3 `optional`'s synthetic oneof). */
  readonly oneof?: string;
  /** Repeated scalars encoded packed (the proto3 default). */
  readonly packed: boolean;
  /** For a map field: the key's scalar type and the value's wire type. */
  readonly map?: { readonly keyType: ProtoScalar; readonly valueType: ProtoScalar | 'message' | 'enum' };
}

export type TypeRef =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'slice'; readonly elem: TypeRef }
  | { readonly kind: 'array'; readonly length: number; readonly elem: TypeRef }
  | { readonly kind: 'map'; readonly key: TypeRef; readonly value: TypeRef }
  | { readonly kind: 'pointer'; readonly elem: TypeRef }
  | { readonly kind: 'struct'; readonly fields: readonly Field[] };

/** A request or response body: a named type (or primitive), possibly a pointer, possibly a slice. */
export interface BodyRef {
  readonly type: TypeRef;
  /** Convenience: the name of the named/primitive type at the core of `type`. */
  readonly name: string;
}

export interface Service {
  readonly name: string;
  /** `.proto`: the fully-qualified service name used on the wire (`pkg.Greeter`). */
  readonly fullName?: string;
  readonly methods: readonly Method[];
  readonly doc: readonly string[];
  readonly source: SourceRef;
}

export interface HttpBinding {
  readonly method: 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete' | 'connect' | 'options' | 'trace';
  /** The full path, prefix included (`/v1/users/:id`). */
  readonly path: string;
  /** The path as written in the route, without the prefix. */
  readonly routePath: string;
  /** `:name` parameters in path order. */
  readonly pathParams: readonly string[];
}

export interface Annotations {
  /** `jwt: Auth` — the config section holding the secret; routes need a bearer JWT. */
  readonly jwt?: string;
  readonly jwtTransition?: string;
  /** Handlers and logic of this route live in this sub-folder. */
  readonly group?: string;
  /** Normalised to start with '/' and have no trailing '/'. */
  readonly prefix?: string;
  /** Custom middleware names, in the order they are applied. */
  readonly middleware: readonly string[];
  /** Per-request timeout in milliseconds, and as written. */
  readonly timeoutMs?: number;
  readonly timeout?: string;
  readonly maxBytes?: number;
  readonly signature?: boolean;
  readonly sse?: boolean;
  /** Every `@server` key as written (unknown keys included), values unquoted. */
  readonly server: Readonly<Record<string, string>>;
}

export interface MethodDoc {
  /** `@doc "text"` or `@doc(summary: "text")`. */
  readonly summary?: string;
  /** Every `@doc(...)` key, values unquoted. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface Method {
  /** The handler name (`.api`) or RPC name (`.proto`). */
  readonly name: string;
  readonly request?: BodyRef;
  readonly response?: BodyRef;
  readonly streaming: { readonly client: boolean; readonly server: boolean };
  readonly http?: HttpBinding;
  /** `.proto`: the gRPC method path (`/pkg.Greeter/SayHello`). */
  readonly grpcPath?: string;
  readonly annotations: Annotations;
  readonly doc: MethodDoc;
  /** Comment lines written above the route (or RPC). */
  readonly comments: readonly string[];
  readonly source: SourceRef;
}
