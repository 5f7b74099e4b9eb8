/**
 * Loads an `.api` file and everything it imports: reads, parses (once per file), resolves import paths
 * relative to the importing file, and reports missing files, duplicate imports and import cycles.
 */
import path from 'node:path';
import type { Diagnostic, Span } from '../../diagnostics.js';
import type { ReadFile } from '../read-file.js';
import type { ApiFile, TokenNode } from './ast.js';
import { parseApi } from './parser.js';
import { unquote } from './strings.js';

export interface GraphFile {
  /** The path as it appears in diagnostics and the IR (relative stays relative). */
  readonly path: string;
  readonly absolutePath: string;
  readonly ast: ApiFile;
}

export interface GraphImport {
  readonly from: string;
  readonly written: string;
  readonly resolved: string;
  readonly span: Span;
}

export interface ApiGraph {
  /** Entry first, then depth-first in import order; each file once. */
  readonly files: GraphFile[];
  readonly imports: GraphImport[];
  readonly diagnostics: Diagnostic[];
  readonly sources: Map<string, string>;
}

function importValues(ast: ApiFile): TokenNode[] {
  const values: TokenNode[] = [];
  for (const stmt of ast.stmts) {
    if (stmt.kind === 'ImportLiteralStmt') values.push(stmt.value);
    else if (stmt.kind === 'ImportGroupStmt') values.push(...stmt.values);
  }
  return values;
}

export function loadGraph(entry: string, readFile: ReadFile): ApiGraph {
  const files: GraphFile[] = [];
  const imports: GraphImport[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byAbsolute = new Map<string, GraphFile | null>();
  const stack: string[] = [];

  const report = (file: string, span: Span, code: string, message: string): void => {
    diagnostics.push({ file, span, severity: 'error', code, message });
  };

  const visit = (filePath: string): GraphFile | null => {
    const absolutePath = path.resolve(filePath);
    const known = byAbsolute.get(absolutePath);
    if (known !== undefined) return known;
    const source = readFile(absolutePath);
    if (source === undefined) {
      byAbsolute.set(absolutePath, null);
      return null;
    }
    sources.set(filePath, source);
    const { ast, diagnostics: parseDiagnostics } = parseApi(source, filePath);
    diagnostics.push(...parseDiagnostics);
    const file: GraphFile = { path: filePath, absolutePath, ast };
    byAbsolute.set(absolutePath, file);
    files.push(file);
    stack.push(absolutePath);
    const seenHere = new Map<string, TokenNode>();
    for (const value of importValues(ast)) {
      const written = unquote(value.token.text);
      const span = value.token.span;
      if (written.trim() === '') {
        report(filePath, span, 'API0301', 'import path is empty');
        continue;
      }
      const resolved = path.normalize(path.join(path.dirname(filePath), written));
      const resolvedAbsolute = path.resolve(resolved);
      if (seenHere.has(resolvedAbsolute)) {
        report(filePath, span, 'API0302', `'${written}' is already imported by this file (line ${seenHere.get(resolvedAbsolute)?.token.span.start.line})`);
        continue;
      }
      seenHere.set(resolvedAbsolute, value);
      const cycleAt = stack.indexOf(resolvedAbsolute);
      if (cycleAt >= 0) {
        const cycle = [...stack.slice(cycleAt), resolvedAbsolute].map((p) => path.basename(p)).join(' -> ');
        report(filePath, span, 'API0303', `import cycle not allowed: ${cycle}`);
        continue;
      }
      imports.push({ from: filePath, written, resolved, span });
      const target = visit(resolved);
      if (target === null) {
        report(filePath, span, 'API0304', `cannot import '${written}': no such file ${JSON.stringify(resolved)}`);
      }
    }
    stack.pop();
    return file;
  };

  if (visit(entry) === null) {
    diagnostics.push({
      file: entry,
      span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      severity: 'error',
      code: 'API0305',
      message: 'cannot read file: no such file',
    });
  }
  return { files, imports, diagnostics, sources };
}
