/**
 * Loads a `.proto` file and its imports into one protobufjs Root — no protoc — and turns protobufjs's
 * errors into diagnostics with file:line:col.
 *
 * Import resolution follows protoc: each `-I` include path in order, then the entry file's folder, then
 * the importing file's folder; `google/protobuf/*.proto` fall back to the copies protobufjs bundles.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Protobuf from 'protobufjs';
import type { Diagnostic, Span } from '../../diagnostics.js';
import type { ReadFile } from '../read-file.js';

export interface ProtoFile {
  /** As used in diagnostics and the IR: the entry as given, imports as resolved (relative stays relative). */
  readonly path: string;
  readonly absolutePath: string;
  readonly source: string;
  readonly package: string;
  /** Bundled well-known types (google/protobuf/*) are not the user's: generators skip their files. */
  readonly wellKnown: boolean;
}

export interface ProtoGraph {
  readonly root: Protobuf.Root;
  readonly files: ProtoFile[];
  readonly diagnostics: Diagnostic[];
  readonly sources: Map<string, string>;
}

const requireFromHere = createRequire(import.meta.url);
let protobufModule: typeof Protobuf | undefined;

/** protobufjs, loaded on first use so commands that never read `.proto` never pay for it. */
export function protobuf(): typeof Protobuf {
  protobufModule ??= requireFromHere('protobufjs') as typeof Protobuf;
  return protobufModule;
}

function bundledWellKnown(importPath: string): string | undefined {
  if (!importPath.startsWith('google/protobuf/')) return undefined;
  try {
    return path.join(path.dirname(requireFromHere.resolve('protobufjs/package.json')), importPath);
  } catch {
    return undefined;
  }
}

/**
 * protobufjs keeps its bundled descriptors with camelCase field names (`nullValue`); the .proto files
 * they stand for spell every field in lower_snake_case (`null_value`), which is what the IR promises.
 * Every field name of those files is lower_snake, so the conversion back is exact.
 */
function protoFieldNames(json: Protobuf.INamespace): Protobuf.INamespace {
  const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (Array.isArray(value)) return key === 'oneof' ? value.map((v) => (typeof v === 'string' ? snake(v) : v)) : value.map((v) => visit(v, undefined));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    // Under `fields` the keys are field names and the values field descriptors (not further `fields`).
    for (const [k, v] of Object.entries(value)) out[key === 'fields' ? snake(k) : k] = visit(v, key === 'fields' ? undefined : k);
    return out;
  };
  return visit(json, undefined) as Protobuf.INamespace;
}

export function pointSpan(source: string, line: number, column: number, length = 1): Span {
  const lines = source.split('\n');
  const safeLine = Math.min(Math.max(line, 1), Math.max(lines.length, 1));
  let offset = 0;
  for (let i = 0; i < safeLine - 1; i += 1) offset += (lines[i] as string).length + 1;
  const text = lines[safeLine - 1] ?? '';
  const col = Math.min(Math.max(column, 1), text.length + 1);
  const startOffset = offset + col - 1;
  const len = Math.max(0, Math.min(length, text.length - (col - 1)));
  return {
    start: { line: safeLine, column: col, offset: startOffset },
    end: { line: safeLine, column: col + len, offset: startOffset + len },
  };
}

/** The span of the `occurrence`-th (0-based) match of `pattern` (group 1 if present), or of line 1. */
export function findSpan(source: string, pattern: RegExp, occurrence = 0): Span {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let n = 0;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    if (n === occurrence) {
      const inner = m[1] !== undefined ? m.index + m[0].indexOf(m[1]) : m.index;
      const before = source.slice(0, inner);
      const line = before.split('\n').length;
      const column = inner - (before.lastIndexOf('\n') + 1) + 1;
      return pointSpan(source, line, column, (m[1] ?? m[0]).length);
    }
    n += 1;
    if (m[0] === '') re.lastIndex += 1;
  }
  return pointSpan(source, 1, 1, 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a protobufjs parse error points: its `(line N)` and, when it quotes a token, that token. */
function parseErrorSpan(source: string, message: string): { span: Span; message: string } {
  const m = /^(.*?) \((?:[^,()]*, )?line (\d+)\)$/.exec(message);
  if (m) {
    const text = m[1] as string;
    const line = Number(m[2]);
    const lineText = source.split('\n')[line - 1] ?? '';
    const quoted = /'([^']+)'/.exec(text);
    const at = quoted ? lineText.indexOf(quoted[1] as string) : -1;
    const span = pointSpan(source, line, at >= 0 ? at + 1 : lineText.length - lineText.trimStart().length + 1, quoted ? (quoted[1] as string).length : 1);
    return { span, message: text };
  }
  const dupId = /^duplicate id (\d+) in Type (\S+)$/.exec(message);
  if (dupId) return { span: findSpan(source, new RegExp(`=\\s*(${dupId[1]})\\s*[;\\[]`), 1), message: `field number ${dupId[1]} is used twice in message ${dupId[2]}` };
  const dupName = /^duplicate name '([^']+)' in (\S+) (\S+)$/.exec(message);
  if (dupName) {
    const name = escapeRegExp(dupName[1] as string);
    return { span: findSpan(source, new RegExp(`\\b(${name})\\b\\s*(?:=|\\{|\\()`), 1), message: `'${dupName[1]}' is declared twice in ${dupName[3] === 'Root' ? 'the file' : dupName[3]}` };
  }
  return { span: pointSpan(source, 1, 1, 0), message };
}

/** Gives objects added from a descriptor (which carry no file name) the name of their file. */
function stampFilename(ns: Protobuf.ReflectionObject, filename: string): void {
  if (ns.filename === null || ns.filename === undefined) ns.filename = filename;
  const nested = (ns as Protobuf.NamespaceBase).nestedArray;
  if (nested) for (const child of nested) stampFilename(child, filename);
  const fields = (ns as Protobuf.Type).fieldsArray;
  if (fields) for (const field of fields) if (field.filename === null) field.filename = filename;
}

export function loadProtoGraph(entry: string, includePaths: readonly string[], readFile: ReadFile): ProtoGraph {
  const pb = protobuf();
  const root = new pb.Root();
  const files: ProtoFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const seen = new Set<string>();
  const stack: string[] = [];
  const entryDir = path.dirname(entry);

  const error = (file: string, span: Span, code: string, message: string): void => {
    diagnostics.push({ file, span, severity: 'error', code, message });
  };

  const resolveImport = (importPath: string, fromFile: string): { path: string; wellKnown: boolean; json?: Protobuf.INamespace } | undefined => {
    const candidates = [...includePaths, entryDir, path.dirname(fromFile)];
    for (const dir of candidates) {
      const candidate = path.normalize(path.join(dir, importPath));
      if (readFile(path.resolve(candidate)) !== undefined) return { path: candidate, wellKnown: false };
    }
    // protobufjs carries the common well-known types (timestamp, duration, any, empty, struct,
    // wrappers, field_mask) as descriptors, and a few more as .proto files.
    const common = importPath.startsWith('google/protobuf/') ? (pb.common.get(importPath) as Protobuf.INamespace | null) : null;
    if (common) return { path: importPath, wellKnown: true, json: common };
    const bundled = bundledWellKnown(importPath);
    if (bundled && readFile(bundled) !== undefined) return { path: bundled, wellKnown: true };
    return undefined;
  };

  const visitDescriptor = (filePath: string, json: Protobuf.INamespace): void => {
    if (seen.has(filePath)) return;
    seen.add(filePath);
    root.addJSON(protoFieldNames(json).nested ?? {});
    const wellKnownNamespace = root.lookup('google.protobuf');
    if (wellKnownNamespace) stampFilename(wellKnownNamespace, filePath);
    // The descriptors protobufjs carries are all proto3 files; say so for presence and packing rules.
    files.push({ path: filePath, absolutePath: filePath, source: 'syntax = "proto3";\n', package: 'google.protobuf', wellKnown: true });
  };

  const visit = (filePath: string, wellKnown: boolean): void => {
    const absolutePath = path.resolve(filePath);
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    const source = readFile(absolutePath);
    if (source === undefined) {
      error(filePath, pointSpan('', 1, 1, 0), 'PROTO0001', 'cannot read file: no such file');
      return;
    }
    sources.set(filePath, source);
    let parsed: Protobuf.IParserResult;
    try {
      // protobufjs stamps `filename` on every reflection object it creates from this text.
      (pb.parse as unknown as { filename: string | null }).filename = filePath;
      parsed = pb.parse(source, root, { keepCase: true, alternateCommentMode: true });
    } catch (e) {
      const { span, message } = parseErrorSpan(source, (e as Error).message);
      error(filePath, span, 'PROTO0101', message);
      return;
    } finally {
      (pb.parse as unknown as { filename: string | null }).filename = null;
    }
    const file: ProtoFile = { path: filePath, absolutePath, source, package: parsed.package ?? '', wellKnown };
    files.push(file);
    stack.push(absolutePath);
    for (const importPath of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      const span = findSpan(source, new RegExp(`import\\s+(?:weak\\s+|public\\s+)?["'](${escapeRegExp(importPath)})["']`));
      const resolved = resolveImport(importPath, filePath);
      if (!resolved) {
        const looked = [...includePaths, entryDir, path.dirname(filePath)].map((d) => JSON.stringify(d)).join(', ');
        error(filePath, span, 'PROTO0201', `cannot import '${importPath}': not found in ${looked} (add an include path with -I)`);
        continue;
      }
      const target = path.resolve(resolved.path);
      if (stack.includes(target)) {
        const cycle = [...stack.slice(stack.indexOf(target)), target].map((p) => path.basename(p)).join(' -> ');
        error(filePath, span, 'PROTO0202', `import cycle not allowed: ${cycle}`);
        continue;
      }
      if (resolved.json) visitDescriptor(resolved.path, resolved.json);
      else visit(resolved.path, resolved.wellKnown);
    }
    stack.pop();
  };

  visit(entry, false);
  return { root, files, diagnostics, sources };
}
