/**
 * The `.api` front end's public surface: load a file (and its imports), analyse it, get the IR.
 */
import { type ReadFile, defaultReadFile } from '../read-file.js';
import { type LoadApiResult, analyzeApi } from './analyze.js';

export { parseApi } from './parser.js';
export type { LegacyUse, ParseResult } from './parser.js';
export type { LoadApiResult } from './analyze.js';

export interface LoadApiOptions {
  /** Reads a file by absolute path; returns undefined when it does not exist. Defaults to the disk. */
  readonly readFile?: ReadFile;
}

/** Loads `.api` file `path` (as the user wrote it), follows its imports, and analyses the whole graph. */
export function loadApi(path: string, options: LoadApiOptions = {}): LoadApiResult {
  return analyzeApi(path, options.readFile ?? defaultReadFile);
}
