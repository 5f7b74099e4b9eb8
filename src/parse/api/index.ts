/**
 * The `.api` front end's public surface: load a file (and its imports), analyse it, get the IR.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../diagnostics.js';
import type { Document } from '../../ir/index.js';
import type { ApiFile } from './ast.js';
import { analyzeApi } from './analyze.js';

export { parseApi } from './parser.js';
export type { ParseResult } from './parser.js';

export interface LoadApiOptions {
  /** Reads a file by absolute path; returns undefined when it does not exist. Defaults to the disk. */
  readonly readFile?: (absolutePath: string) => string | undefined;
}

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

export function defaultReadFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
}

/** Loads `.api` file `path` (as the user wrote it), follows its imports, and analyses the whole graph. */
export function loadApi(path: string, options: LoadApiOptions = {}): LoadApiResult {
  return analyzeApi(path, options.readFile ?? defaultReadFile);
}
