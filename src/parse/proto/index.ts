/**
 * The `.proto` front end: files (via protobufjs, no protoc) → the same IR the `.api` front end makes.
 *
 * Names in the IR are fully qualified without the leading dot (`greet.HelloRequest`,
 * `greet.Outer.Inner`), so types from several packages never collide. Every message of every file in
 * the graph becomes a `TypeDecl` (the bundled google/protobuf files included, marked by their path);
 * services come from every user file, so several `.proto` files with imports between them make one
 * service set.
 */
import type * as Protobuf from 'protobufjs';
import type { Diagnostic, Span } from '../../diagnostics.js';
import { compareDiagnostics } from '../../diagnostics.js';
import {
  IR_VERSION,
  type BodyRef,
  type Document,
  type EnumDecl,
  type Field,
  type Method,
  type PrimitiveName,
  type ProtoFieldInfo,
  type ProtoScalar,
  type Service,
  type SourceRef,
  type TypeDecl,
  type TypeRef,
} from '../../ir/index.js';
import { type ReadFile, defaultReadFile } from '../read-file.js';
import { type ProtoFile, findSpan, loadProtoGraph, protobuf } from './load.js';
import { DeclarationIndex } from './positions.js';

export interface LoadProtoOptions {
  /** `-I` include paths, searched in order before the entry file's folder. */
  readonly includePaths?: readonly string[];
  readonly readFile?: ReadFile;
}

export interface LoadProtoResult {
  readonly document?: Document;
  readonly diagnostics: Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

const SCALARS: Readonly<Record<ProtoScalar, PrimitiveName>> = {
  double: 'float64',
  float: 'float32',
  int32: 'int32',
  int64: 'int64',
  uint32: 'uint32',
  uint64: 'uint64',
  sint32: 'int32',
  sint64: 'int64',
  fixed32: 'uint32',
  fixed64: 'uint64',
  sfixed32: 'int32',
  sfixed64: 'int64',
  bool: 'bool',
  string: 'string',
  bytes: 'bytes',
};

const PACKABLE: ReadonlySet<string> = new Set(Object.keys(SCALARS).filter((s) => s !== 'string' && s !== 'bytes'));

function isScalar(type: string): type is ProtoScalar {
  return Object.hasOwn(SCALARS, type);
}

function qualified(object: Protobuf.ReflectionObject): string {
  return object.fullName.replace(/^\./, '');
}

function docLines(comment: string | null | undefined): string[] {
  if (!comment) return [];
  return comment.split('\n').map((line) => line.trimEnd());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Loads a `.proto` entry file with its imports and builds the IR. Never throws on bad input. */
export function loadProto(entry: string, options: LoadProtoOptions = {}): LoadProtoResult {
  const graph = loadProtoGraph(entry, options.includePaths ?? [], options.readFile ?? defaultReadFile);
  const diagnostics = [...graph.diagnostics];
  const byPath = new Map(graph.files.map((f) => [f.path, f]));
  const builder = new IrBuilder(byPath, diagnostics);
  const document = builder.build(entry, graph.root, graph.files);
  diagnostics.sort(compareDiagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return failed ? { diagnostics, sources: graph.sources } : { document, diagnostics, sources: graph.sources };
}

class IrBuilder {
  constructor(
    private readonly files: ReadonlyMap<string, ProtoFile>,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private fileOf(object: Protobuf.ReflectionObject): ProtoFile | undefined {
    return object.filename ? this.files.get(object.filename) : undefined;
  }

  /** Where a declaration stands: found by a pattern in its file's text (protobufjs keeps no positions). */
  private locate(object: Protobuf.ReflectionObject, pattern: RegExp, occurrence = 0): { file: string; span: Span } {
    const file = this.fileOf(object);
    if (!file) return { file: object.filename ?? '<unknown>', span: findSpan('', /$^/) };
    return { file: file.path, span: findSpan(file.source, pattern, occurrence) };
  }

  private readonly indexes = new Map<string, DeclarationIndex>();

  /** Where the declaration `key` (`message:Order`, `field:id:1`, …) of `object`'s file stands. */
  private declared(object: Protobuf.ReflectionObject, key: string, length: number, after = 0): { file: string; span: Span; offset: number } {
    const file = this.fileOf(object);
    if (!file) return { file: object.filename ?? '<unknown>', span: findSpan('', /$^/), offset: 0 };
    let index = this.indexes.get(file.path);
    if (!index) {
      index = new DeclarationIndex(file.source);
      this.indexes.set(file.path, index);
    }
    const offset = index.offset(key, after);
    if (offset === undefined) return { file: file.path, span: findSpan('', /$^/), offset: 0 };
    return { file: file.path, span: index.span(offset, length), offset };
  }

  private source(object: Protobuf.ReflectionObject, key: string, length: number, after = 0): SourceRef {
    const { file, span } = this.declared(object, key, length, after);
    return { file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  }

  private error(at: { file: string; span: Span }, code: string, message: string): void {
    this.diagnostics.push({ file: at.file, span: at.span, severity: 'error', code, message });
  }

  build(entry: string, root: Protobuf.Root, files: readonly ProtoFile[]): Document {
    const pb = protobuf();
    const types: TypeDecl[] = [];
    const enums: EnumDecl[] = [];
    const services: Service[] = [];
    const visit = (ns: Protobuf.NamespaceBase): void => {
      for (const nested of ns.nestedArray) {
        if (nested instanceof pb.Type) types.push(this.message(nested));
        else if (nested instanceof pb.Enum) enums.push(this.enumDecl(nested));
        else if (nested instanceof pb.Service) {
          const service = this.service(nested);
          if (service && !this.fileOf(nested)?.wellKnown) services.push(service);
        }
        if (nested instanceof pb.Namespace || nested instanceof pb.Type) visit(nested);
      }
    };
    visit(root);
    const order = new Map(files.map((f, i) => [f.path, i]));
    const rank = (s: SourceRef): number => (order.get(s.file) ?? files.length) * 1e7 + s.line * 1e3 + s.column;
    types.sort((a, b) => rank(a.source) - rank(b.source));
    enums.sort((a, b) => rank(a.source) - rank(b.source));
    services.sort((a, b) => rank(a.source) - rank(b.source));
    const entryFile = files[0];
    return {
      irVersion: IR_VERSION,
      origin: 'proto',
      file: entry,
      files: files.map((f) => f.path),
      ...(entryFile ? { syntax: /\bsyntax\s*=\s*["']([^"']+)["']/.exec(entryFile.source)?.[1] ?? 'proto2' } : {}),
      info: {},
      imports: [],
      types,
      enums,
      services,
      options: this.fileOptions(root, entryFile),
    };
  }

  private fileOptions(root: Protobuf.Root, entry: ProtoFile | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!entry) return out;
    for (const m of entry.source.matchAll(/^\s*option\s+([\w.()]+)\s*=\s*("(?:[^"\\]|\\.)*"|[\w.+-]+)\s*;/gm)) {
      const value = m[2] as string;
      out[m[1] as string] = value.startsWith('"') ? value.slice(1, -1) : value;
    }
    if (entry.package) out.package = entry.package;
    void root;
    return out;
  }

  private message(type: Protobuf.Type): TypeDecl {
    const pb = protobuf();
    const name = qualified(type);
    const messageAt = this.declared(type, `message:${type.name}`, type.name.length);
    const fields: Field[] = [];
    for (const field of type.fieldsArray) {
      try {
        field.resolve();
      } catch {
        // reported below with a position
      }
      const typeName = field.type;
      let ref: TypeRef;
      let wire: ProtoFieldInfo['type'];
      if (isScalar(typeName)) {
        ref = { kind: 'primitive', name: SCALARS[typeName] };
        wire = typeName;
      } else if (field.resolvedType) {
        ref = { kind: 'named', name: qualified(field.resolvedType) };
        wire = field.resolvedType instanceof pb.Enum ? 'enum' : 'message';
      } else {
        this.error(
          this.locate(type, new RegExp(`(${escapeRegExp(typeName)})\\s+${escapeRegExp(field.name)}\\s*=`)),
          'PROTO0301',
          `unknown type '${typeName}' for field '${field.name}' of ${name}`,
        );
        ref = { kind: 'named', name: typeName };
        wire = 'message';
      }
      let map: ProtoFieldInfo['map'];
      if (field instanceof pb.MapField) {
        const keyType = field.keyType as ProtoScalar;
        ref = { kind: 'map', key: { kind: 'primitive', name: SCALARS[keyType] ?? 'string' }, value: ref };
        map = { keyType, valueType: wire };
      } else if (field.repeated) {
        ref = { kind: 'slice', elem: ref };
      }
      const syntheticOneof = field.partOf !== null && field.partOf.oneof.length === 1 && field.partOf.name === `_${field.name}`;
      // proto2 singular fields all have explicit presence; in proto3 only `optional` ones do.
      const explicitPresence = field.options?.proto3_optional === true || syntheticOneof || (!this.isProto3OrLater(field) && !map);
      const label: ProtoFieldInfo['label'] = field.repeated ? 'repeated' : field.required ? 'required' : explicitPresence ? 'optional' : 'singular';
      const proto: ProtoFieldInfo = {
        number: field.id,
        type: wire,
        label,
        ...(field.partOf && !syntheticOneof ? { oneof: field.partOf.name } : {}),
        packed: field.repeated && !map && (PACKABLE.has(typeName) || wire === 'enum') ? this.isPacked(field) : false,
        ...(map ? { map } : {}),
      };
      const jsonName = field.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      fields.push({
        name: field.name,
        type: ref,
        embedded: false,
        binding: 'body',
        wireName: jsonName,
        // Explicit presence: proto3 `optional`, oneof members, and singular message fields.
        optional: label === 'optional' || proto.oneof !== undefined || (wire === 'message' && label === 'singular' && !map),
        omitempty: false,
        tag: '',
        tags: {},
        doc: docLines(field.comment),
        protoNumber: field.id,
        proto,
        source: this.source(type, `field:${field.name}:${field.id}`, field.name.length, messageAt.offset),
      });
    }
    const oneofs = type.oneofsArray
      .filter((o) => !(o.oneof.length === 1 && o.name === `_${o.oneof[0]}`))
      .map((o) => ({ name: o.name, fields: [...o.oneof] }));
    return {
      kind: 'struct',
      name,
      fields,
      ...(oneofs.length > 0 ? { oneofs } : {}),
      doc: docLines(type.comment),
      source: this.source(type, `message:${type.name}`, type.name.length),
    };
  }

  /** An explicit `[packed = …]` wins; otherwise proto3 and editions pack repeated scalars, proto2 does not. */
  private isPacked(field: Protobuf.Field): boolean {
    const explicit = field.options?.packed as boolean | undefined;
    if (explicit !== undefined) return explicit;
    return this.isProto3OrLater(field);
  }

  /** The field's file is proto3 or an edition (not proto2, the default without a syntax line). */
  private isProto3OrLater(field: Protobuf.Field): boolean {
    const file = this.fileOf(field);
    if (!file) return false;
    let packed = this.packedByDefault.get(file.path);
    if (packed === undefined) {
      const syntax = /^[ \t]*(syntax|edition)[ \t]*=[ \t]*["']([^"']*)["']/m.exec(file.source);
      packed = syntax !== null && !(syntax[1] === 'syntax' && syntax[2] === 'proto2');
      this.packedByDefault.set(file.path, packed);
    }
    return packed;
  }

  /** Per file: proto3 and editions pack repeated scalars by default, proto2 does not. */
  private readonly packedByDefault = new Map<string, boolean>();

  private enumDecl(e: Protobuf.Enum): EnumDecl {
    const values = Object.entries(e.values).map(([valueName, number]) => ({
      name: valueName,
      number,
      doc: docLines(e.comments[valueName]),
    }));
    return { name: qualified(e), values, doc: docLines(e.comment), source: this.source(e, `enum:${e.name}`, e.name.length) };
  }

  private service(service: Protobuf.Service): Service | undefined {
    const fullName = qualified(service);
    const serviceAt = this.declared(service, `service:${service.name}`, service.name.length);
    const methods: Method[] = [];
    for (const method of service.methodsArray) {
      const at = this.declared(service, `rpc:${method.name}`, method.name.length, serviceAt.offset);
      try {
        method.resolve();
      } catch {
        // reported below
      }
      const body = (resolved: Protobuf.Type | null, written: string, role: string): BodyRef | undefined => {
        if (!resolved) {
          this.error(at, 'PROTO0302', `unknown ${role} type '${written}' for rpc ${method.name}`);
          return undefined;
        }
        const name = qualified(resolved);
        return { type: { kind: 'named', name }, name };
      };
      const request = body(method.resolvedRequestType, method.requestType, 'request');
      const response = body(method.resolvedResponseType, method.responseType, 'response');
      methods.push({
        name: method.name,
        ...(request ? { request } : {}),
        ...(response ? { response } : {}),
        streaming: { client: method.requestStream === true, server: method.responseStream === true },
        grpcPath: `/${fullName}/${method.name}`,
        annotations: { middleware: [], server: {} },
        doc: { properties: {} },
        comments: docLines(method.comment),
        source: { file: at.file, line: at.span.start.line, column: at.span.start.column, endLine: at.span.end.line, endColumn: at.span.end.column },
      });
    }
    return { name: service.name, fullName, methods, doc: docLines(service.comment), source: { file: serviceAt.file, line: serviceAt.span.start.line, column: serviceAt.span.start.column, endLine: serviceAt.span.end.line, endColumn: serviceAt.span.end.column } };
  }
}
