/**
 * How both front ends read source files: by absolute path, `undefined` when there is no such file.
 * Injected as a function (`LoadApiOptions.readFile`, `LoadProtoOptions.readFile`) so that tests, the
 * CLI's stdin handling and editors can serve text that is not on disk; `defaultReadFile` reads the disk.
 */
import { readFileSync } from 'node:fs';

/** Reads a file by absolute path; returns undefined when it does not exist. */
export type ReadFile = (absolutePath: string) => string | undefined;

/** Reads UTF-8 text from disk; a missing file (or a directory) is undefined, any other failure throws. */
export function defaultReadFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
}
