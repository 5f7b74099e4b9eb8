/**
 * Semantic analysis of an `.api` import graph: AST → IR, with every rule goctl's analyzer enforces
 * (duplicates, unresolved types, unsupported type shapes, routes) and the legacy-grammar warnings.
 * All problems are collected; the IR is returned only when there is no error.
 *
 * The passes run in this order over one shared `Analysis` (analyze/context.ts): the file statements
 * (`syntax`, `info`, here), the types (analyze/types.ts), the services (analyze/services.ts).
 */
import type { Diagnostic, Span } from '../../diagnostics.js';
import { compareDiagnostics } from '../../diagnostics.js';
import { IR_VERSION, type Document, type Import } from '../../ir/index.js';
import type { ReadFile } from '../read-file.js';
import type { ApiFile, TokenNode } from './ast.js';
import { Analysis, at, kvValue, sourceRef } from './analyze/context.js';
import { buildServices } from './analyze/services.js';
import { buildTypes, collectTypes } from './analyze/types.js';
import { type GraphFile, loadGraph } from './graph.js';
import { collectLegacyWarnings } from './legacy.js';
import { unquote } from './strings.js';

export interface LoadApiResult {
  /** The IR; absent when there were errors (warnings alone keep it). */
  readonly document?: Document;
  /** Every diagnostic of the entry file and its imports, in source order. */
  readonly diagnostics: Diagnostic[];
  /** The text of every file read, by the path used in diagnostics (for rendering source lines). */
  readonly sources: ReadonlyMap<string, string>;
  /** The syntax tree of every file parsed, by the same paths (lint reuses them instead of parsing again). */
  readonly asts: ReadonlyMap<string, ApiFile>;
}

export function analyzeApi(entry: string, readFile: ReadFile): LoadApiResult {
  const graph = loadGraph(entry, readFile);
  const analysis = new Analysis(graph.files);
  const legacyFiles = new Set<string>();
  const legacyWarnings = graph.files.flatMap((file) => collectLegacyWarnings(file.ast));
  for (const w of legacyWarnings) legacyFiles.add(w.file);
  // goctl's legacy parser did not resolve imports, and legacy files in the wild import files that are
  // gone: for them a missing import is a warning (the corpus's g4 test.api), for current files an error.
  const diagnostics: Diagnostic[] = graph.diagnostics.map((d) =>
    d.code === 'API0304' && legacyFiles.has(d.file)
      ? { ...d, severity: 'warning', message: `${d.message} (ignored: this file uses the legacy grammar, whose parser did not resolve imports)` }
      : d,
  );
  const emptyEntry = graph.files[0];
  if (emptyEntry && emptyEntry.ast.source.trim() === '') {
    diagnostics.push(at(emptyEntry.path, emptyEntry.ast.span, 'API0106', 'the file is empty: expected at least one statement or comment'));
  }
  diagnostics.push(...legacyWarnings);
  const document = analyzeDocument(analysis, entry, graph.imports.map(toImport));
  diagnostics.push(...analysis.diagnostics);
  diagnostics.sort(compareDiagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const asts = new Map(graph.files.map((f) => [f.path, f.ast]));
  return failed ? { diagnostics, sources: graph.sources, asts } : { document, diagnostics, sources: graph.sources, asts };
}

function toImport(i: { from: string; written: string; resolved: string; span: Span }): Import {
  return { from: i.from, path: i.written, resolved: i.resolved, source: sourceRef(i.from, i.span) };
}

/** Runs the passes; the document is complete even when `a.diagnostics` holds errors. */
function analyzeDocument(a: Analysis, entry: string, imports: Import[]): Document {
  const entryFile = a.files[0];
  let syntax: string | undefined;
  const info: Record<string, string> = {};
  for (const file of a.files) {
    const isEntry = file === entryFile;
    const result = checkFileStatements(a, file);
    if (isEntry) {
      syntax = result.syntax;
      Object.assign(info, result.info);
    }
  }
  collectTypes(a);
  const types = buildTypes(a);
  const services = buildServices(a);
  return {
    irVersion: IR_VERSION,
    origin: 'api',
    file: entry,
    files: a.files.map((f) => f.path),
    ...(syntax !== undefined ? { syntax } : {}),
    info,
    imports,
    types,
    enums: [],
    services,
    options: {},
  };
}

/** syntax/info at most once per file, info keys unique. */
function checkFileStatements(a: Analysis, file: GraphFile): { syntax?: string; info: Record<string, string> } {
  let syntax: string | undefined;
  let syntaxSeen: TokenNode | undefined;
  let infoSeen: TokenNode | undefined;
  const info: Record<string, string> = {};
  for (const stmt of file.ast.stmts) {
    if (stmt.kind === 'SyntaxStmt') {
      if (syntaxSeen) {
        a.error(file.path, stmt.syntax.span, 'API0201', `duplicate syntax statement (first at line ${syntaxSeen.span.start.line})`);
        continue;
      }
      syntaxSeen = stmt.syntax;
      syntax = unquote(stmt.value.token.text);
      if (syntax !== 'v1') {
        a.warn(file.path, stmt.value.span, 'API0910', `unknown syntax version ${JSON.stringify(syntax)}: tsctl reads the file as "v1"`);
      }
    } else if (stmt.kind === 'InfoStmt') {
      if (infoSeen) {
        a.error(file.path, stmt.info.span, 'API0202', `duplicate info statement (first at line ${infoSeen.span.start.line})`);
        continue;
      }
      infoSeen = stmt.info;
      const seenKeys = new Map<string, TokenNode>();
      for (const kv of stmt.values) {
        const key = kv.key.token.text;
        const first = seenKeys.get(key);
        if (first) {
          a.error(file.path, kv.key.span, 'API0203', `duplicate info key '${key}' (first at line ${first.span.start.line})`);
          continue;
        }
        seenKeys.set(key, kv.key);
        info[key] = kvValue(kv);
      }
    }
  }
  return syntax !== undefined ? { syntax, info } : { info };
}
