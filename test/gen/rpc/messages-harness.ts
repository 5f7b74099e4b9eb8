/**
 * Shared by the generated-message tests: generate a proto's message files into a scratch project under
 * `.tsctl-cache/`, type-check them, load them as modules, and compare them with protobufjs (the interop
 * reference) over seeded random messages.
 *
 * Random messages are built from the IR, in the generated code's shape; `toProtobufjs` / `fromProtobufjs`
 * translate between that shape and protobufjs's (snake_case names, Long, oneof members as plain fields).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import protobuf from 'protobufjs';
import ts from 'typescript';
import { generateMessageFiles, type MessageFiles } from '../../../src/gen/rpc/messages.js';
import type { Document, EnumDecl, Field, ProtoScalar, TypeDecl, TypeRef } from '../../../src/ir/index.js';
import { loadProto } from '../../../src/parse/proto/index.js';
import { repoRoot } from '../../helpers/corpus.js';
import { mulberry32 } from '../../helpers/random.js';

export const scratchRoot = path.join(repoRoot, '.tsctl-cache', 'test-messages');
const wireSource = path.join(repoRoot, 'templates', 'runtime', 'protobuf', 'wire.ts');

export interface GeneratedCase {
  readonly doc: Document;
  readonly generated: MessageFiles;
  /** The scratch project root: `src/pb/*.ts` and `src/runtime/protobuf/wire.ts`. */
  readonly dir: string;
  /** Every .ts file written, absolute. */
  readonly tsFiles: string[];
}

export function loadDocument(entry: string, includePaths: readonly string[] = []): Document {
  const result = loadProto(entry, { includePaths });
  if (!result.document) throw new Error(`${entry}: ${JSON.stringify(result.diagnostics)}`);
  return result.document;
}

/** Generates the message files of `entry` into `dir` (emptied first), with the runtime beside them. */
export function generateInto(dir: string, doc: Document): GeneratedCase {
  const generated = generateMessageFiles(doc);
  rmSync(dir, { recursive: true, force: true });
  const tsFiles: string[] = [];
  const write = (relative: string, content: string): void => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    tsFiles.push(file);
  };
  for (const file of generated.files) write(file.path, file.content);
  write('src/runtime/protobuf/wire.ts', readFileSync(wireSource, 'utf8'));
  return { doc, generated, dir, tsFiles };
}

/** The compiler options of a strict generated project, and then some. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noPropertyAccessFromIndexSignature: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
  // Generated code imports `./x.ts` (Node runs it as is); a generated project's tsc rewrites that to `.js`.
  rewriteRelativeImportExtensions: true,
  noEmit: true,
  skipLibCheck: true,
};

/** `tsc --noEmit` over the files, in process: the diagnostics as `file(line,col): message` lines. */
export function typecheck(files: readonly string[]): string[] {
  const program = ts.createProgram({ rootNames: [...files], options: STRICT_OPTIONS });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(repoRoot, d.file.fileName)}(${line + 1},${character + 1}): ${message}`;
  });
}

/** Transpiles every .ts file of the case to .js beside it and imports the generated modules by path. */
export async function loadModules(generatedCase: GeneratedCase): Promise<Map<string, Record<string, unknown>>> {
  for (const file of generatedCase.tsFiles) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, rewriteRelativeImportExtensions: true },
      fileName: file,
    });
    writeFileSync(file.replace(/\.ts$/, '.js'), outputText);
  }
  const modules = new Map<string, Record<string, unknown>>();
  for (const file of generatedCase.generated.files) {
    const url = pathToFileURL(path.join(generatedCase.dir, file.path.replace(/\.ts$/, '.js'))).href;
    modules.set(file.path, (await import(/* @vite-ignore */ url)) as Record<string, unknown>);
  }
  return modules;
}

/** A generated message's `MessageType`, as the tests use it. */
export interface RuntimeMessageType {
  typeName: string;
  create(init?: object): Record<string, unknown>;
  toBinary(message: object): Uint8Array;
  fromBinary(bytes: Uint8Array): Record<string, unknown>;
}

export function messageType(generatedCase: GeneratedCase, modules: Map<string, Record<string, unknown>>, fullName: string): RuntimeMessageType {
  const { file, name } = generatedCase.generated.tsName(fullName);
  const value = modules.get(file)?.[name];
  if (typeof value !== 'object' || value === null) throw new Error(`${file} exports no ${name}`);
  return value as RuntimeMessageType;
}

/** protobufjs's view of the same files: keepCase names, include paths tried after the importing file's folder. */
export function loadProtobufjs(entry: string, includePaths: readonly string[] = []): protobuf.Root {
  const root = new protobuf.Root();
  const defaultResolve = root.resolvePath.bind(root);
  root.resolvePath = (origin, target) => {
    const resolved = defaultResolve(origin, target);
    if (resolved === null || target.startsWith('google/protobuf/')) return resolved;
    for (const candidate of [resolved, ...includePaths.map((dir) => path.join(dir, target))]) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // try the next include path
      }
    }
    return resolved;
  };
  root.loadSync(entry, { keepCase: true });
  root.resolveAll();
  return root;
}

/** mulberry32: a small seeded PRNG, so every run builds the same messages. */
export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  uint32(): number {
    return Math.floor(this.next() * 4294967296);
  }
  bits64(): bigint {
    return (BigInt(this.uint32()) << 32n) | BigInt(this.uint32());
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const STRINGS = ['', 'a', 'hello world', 'déjà vu', '场景06：导入', '👩‍💻🎉', 'line\nbreak', '\uFEFFbom', 'x'.repeat(300)];

export function randomScalar(rng: Random, kind: ProtoScalar): unknown {
  switch (kind) {
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return rng.pick([0, 1, -1, INT32_MIN, INT32_MAX, rng.int(-1000, 1000), rng.uint32() | 0]);
    case 'uint32':
    case 'fixed32':
      return rng.pick([0, 1, 2 ** 32 - 1, rng.int(0, 1000), rng.uint32()]);
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return rng.pick([0n, 1n, -1n, INT64_MIN, INT64_MAX, BigInt(rng.int(-1000, 1000)), BigInt.asIntN(64, rng.bits64())]);
    case 'uint64':
    case 'fixed64':
      return rng.pick([0n, 1n, UINT64_MAX, BigInt(rng.int(0, 1000)), rng.bits64()]);
    case 'float':
      return rng.pick([0, -0, 1.5, Infinity, -Infinity, NaN, Math.fround((rng.next() - 0.5) * 1e6), Math.fround(3.4e38)]);
    case 'double':
      return rng.pick([0, -0, Math.PI, -1e300, Number.MIN_VALUE, Infinity, NaN, (rng.next() - 0.5) * 1e12]);
    case 'bool':
      return rng.chance(0.5);
    case 'string':
      return rng.chance(0.5) ? rng.pick(STRINGS) : Array.from({ length: rng.int(0, 20) }, () => String.fromCharCode(rng.int(32, 126))).join('');
    case 'bytes':
      return Uint8Array.from({ length: rng.pick([0, 1, 7, 200]) }, () => rng.int(0, 255));
  }
}

/** The IR's declarations by name, for walking messages. */
export class Schema {
  readonly types: ReadonlyMap<string, TypeDecl>;
  readonly enums: ReadonlyMap<string, EnumDecl>;
  constructor(readonly doc: Document) {
    this.types = new Map(doc.types.map((t) => [t.name, t]));
    this.enums = new Map(doc.enums.map((e) => [e.name, e]));
  }
  type(name: string): TypeDecl {
    const t = this.types.get(name);
    if (!t) throw new Error(`no type ${name}`);
    return t;
  }
}

/**
 * The property protobufjs uses for a field: the .proto name (it loads with keepCase), except in the
 * well-known types it builds from its own bundled descriptors (no file on disk: `source.file` is the
 * bare import path), whose names it keeps in camelCase, as in their JSON form.
 */
function protobufjsName(type: TypeDecl, field: Field): string {
  return type.source.file.startsWith('google/protobuf/') ? field.wireName : field.name;
}

function named(ref: TypeRef): string {
  if (ref.kind === 'named') return ref.name;
  if (ref.kind === 'slice' || ref.kind === 'array' || ref.kind === 'pointer') return named(ref.elem);
  if (ref.kind === 'map') return named(ref.value);
  throw new Error(`no named type in ${JSON.stringify(ref)}`);
}

function valueKind(field: Field): ProtoScalar | 'message' | 'enum' {
  const proto = field.proto;
  if (!proto) throw new Error(`${field.name} has no proto info`);
  return proto.map ? proto.map.valueType : proto.type;
}

function oneofProperty(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A random message of `typeName` in the generated code's shape (starting from `create()`'s defaults). */
export function randomMessage(schema: Schema, rng: Random, typeName: string, depth = 0): Record<string, unknown> {
  const type = schema.type(typeName);
  const out: Record<string, unknown> = {};
  const randomValue = (field: Field, kind: ProtoScalar | 'message' | 'enum'): unknown => {
    if (kind === 'message') return randomMessage(schema, rng, named(field.type), depth + 1);
    if (kind === 'enum') {
      const values = schema.enums.get(named(field.type))?.values ?? [];
      return rng.chance(0.1) ? 77 : rng.pick(values.map((v) => v.number));
    }
    return randomScalar(rng, kind);
  };
  const deep = depth >= 3;
  const oneofs = type.oneofs ?? [];
  for (const oneof of oneofs) {
    if (rng.chance(0.3)) continue;
    const members = type.fields.filter((f) => oneof.fields.includes(f.name) && !(deep && valueKind(f) === 'message'));
    if (members.length === 0) continue;
    const member = rng.pick(members);
    out[oneofProperty(oneof.name)] = { case: member.wireName, value: randomValue(member, valueKind(member)) };
  }
  for (const field of type.fields) {
    const proto = field.proto;
    if (!proto || proto.oneof !== undefined) continue;
    const kind = valueKind(field);
    if (proto.map) {
      const entries: [string, unknown][] = [];
      const count = deep && kind === 'message' ? 0 : rng.int(0, 3);
      for (let i = 0; i < count; i += 1) entries.push([String(randomScalar(rng, proto.map.keyType)), randomValue(field, kind)]);
      out[field.wireName] = Object.fromEntries(entries);
    } else if (proto.label === 'repeated') {
      const count = deep && kind === 'message' ? 0 : rng.int(0, 4);
      out[field.wireName] = Array.from({ length: count }, () => randomValue(field, kind));
    } else if (kind === 'message' || proto.label === 'optional') {
      if (!(deep && kind === 'message') && rng.chance(0.5)) out[field.wireName] = randomValue(field, kind);
    } else {
      out[field.wireName] = rng.chance(0.3) ? zeroOf(kind) : randomValue(field, kind);
    }
  }
  return out;
}

function zeroOf(kind: ProtoScalar | 'enum'): unknown {
  if (kind === 'enum') return 0;
  return { int64: 0n, uint64: 0n, sint64: 0n, fixed64: 0n, sfixed64: 0n, bool: false, string: '', bytes: new Uint8Array(0) }[kind as string] ?? 0;
}

/** protobufjs's `Long` (the `long` package), typed by hand: protobufjs types it as a bare constructor. */
export function longFromString(value: string, unsigned: boolean): protobuf.Long {
  return (protobuf.util.Long as unknown as { fromString(value: string, unsigned: boolean): protobuf.Long }).fromString(value, unsigned);
}

const UNSIGNED_64 = new Set(['uint64', 'fixed64']);
const ANY_64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/** Our message → a plain object protobufjs's `Type.encode` takes. */
export function toProtobufjs(schema: Schema, typeName: string, message: Record<string, unknown>): Record<string, unknown> {
  const type = schema.type(typeName);
  const out: Record<string, unknown> = {};
  const convert = (field: Field, kind: string, value: unknown): unknown => {
    if (kind === 'message') return toProtobufjs(schema, named(field.type), value as Record<string, unknown>);
    if (ANY_64.has(kind)) return longFromString(String(value), UNSIGNED_64.has(kind));
    return value;
  };
  for (const field of type.fields) {
    const proto = field.proto;
    if (!proto) continue;
    const kind = valueKind(field);
    if (proto.oneof !== undefined) {
      const set = message[oneofProperty(proto.oneof)] as { case: string; value: unknown } | undefined;
      if (set?.case === field.wireName) out[protobufjsName(type, field)] = convert(field, kind, set.value);
      continue;
    }
    const value = message[field.wireName];
    if (value === undefined) continue;
    const name = protobufjsName(type, field);
    if (proto.map) out[name] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, convert(field, kind, v)]));
    else if (proto.label === 'repeated') out[name] = (value as unknown[]).map((v) => convert(field, kind, v));
    else out[name] = convert(field, kind, value);
  }
  return out;
}

/** protobufjs's `toObject({longs: String, bytes: Array, defaults, arrays, objects, oneofs})` → our shape. */
export function fromProtobufjs(schema: Schema, typeName: string, object: Record<string, unknown>): Record<string, unknown> {
  const type = schema.type(typeName);
  const out: Record<string, unknown> = {};
  const convert = (field: Field, kind: string, value: unknown): unknown => {
    if (kind === 'message') return fromProtobufjs(schema, named(field.type), value as Record<string, unknown>);
    if (ANY_64.has(kind)) return BigInt(value as string);
    if (kind === 'bytes') return Uint8Array.from(value as number[]);
    return value;
  };
  for (const field of type.fields) {
    const proto = field.proto;
    if (!proto) continue;
    const kind = valueKind(field);
    const value = object[protobufjsName(type, field)];
    if (proto.oneof !== undefined) {
      if (object[proto.oneof] === protobufjsName(type, field)) out[oneofProperty(proto.oneof)] = { case: field.wireName, value: convert(field, kind, value) };
      continue;
    }
    if (proto.map) out[field.wireName] = Object.fromEntries(Object.entries((value ?? {}) as object).map(([k, v]) => [k, convert(field, kind, v)]));
    else if (proto.label === 'repeated') out[field.wireName] = ((value ?? []) as unknown[]).map((v) => convert(field, kind, v));
    else if (value !== undefined && value !== null) out[field.wireName] = convert(field, kind, value);
  }
  return out;
}

export const TO_OBJECT_OPTIONS: protobuf.IConversionOptions = { longs: String, bytes: Array, defaults: true, arrays: true, objects: true, oneofs: true };

/** A JSON-comparable form: bigint, -0, NaN, ±Infinity and bytes spelled out; keys sorted. */
export function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? value : String(value);
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}
