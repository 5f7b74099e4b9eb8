/**
 * A Plan is what a generator returns: the complete set of files of one run, in memory, each with its
 * owner. Nothing touches the disk until `writePlan` (write.ts) applies a whole, validated plan.
 *
 * - `generated`: tsctl owns the file and rewrites it whenever its content changes;
 * - `user`: tsctl creates the file when it is missing and never writes it again.
 *
 * See docs/generation.md for the rules and the headers that say who owns a file.
 */
import { type HeaderOptions, type Owner, withHeader } from '../ownership.js';

export type { Owner };

export interface PlanEntry {
  /** Posix path relative to the output directory (`src/logic/user/get-user.ts`). */
  readonly path: string;
  /** The full file text: `\n` line endings and a final newline (or empty). */
  readonly content: string;
  readonly owner: Owner;
  /** Permission bits to set (e.g. `0o755` for scripts); the file system default when absent. */
  readonly mode?: number;
}

export type Plan = readonly PlanEntry[];

export interface FileOptions extends HeaderOptions {
  readonly mode?: number;
}

/** A generated entry whose content is `body` under the generated-file header (src/ownership.ts). */
export function generatedFile(filePath: string, body: string, options: FileOptions = {}): PlanEntry {
  return ownedFile('generated', filePath, body, options);
}

/** A user-owned entry whose content is `body` under the scaffold header (src/ownership.ts). */
export function userFile(filePath: string, body: string, options: FileOptions = {}): PlanEntry {
  return ownedFile('user', filePath, body, options);
}

/** An entry of `owner` whose content is `body` under that owner's header (src/ownership.ts). */
export function ownedFile(owner: Owner, filePath: string, body: string, options: FileOptions = {}): PlanEntry {
  const content = withHeader(owner, filePath, body, options);
  return options.mode === undefined ? { path: filePath, content, owner } : { path: filePath, content, owner, mode: options.mode };
}

/** Orders paths by UTF-16 code units: the same order on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The plan ordered by path (a new array; the input is not changed). */
export function sortPlan(plan: Plan): Plan {
  return [...plan].sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * Throws one Error listing every problem in the plan, or returns when there is none: an empty,
 * absolute or non-normalised path (`\`, `.`, `..`, empty segments), a duplicate path (also one that
 * differs only in case, which would collide on macOS and Windows), a path that is both a file and a
 * directory, content that does not end with a newline, an unknown owner or an invalid mode.
 * A failing plan is a bug in a generator, not a user error.
 */
export function checkPlan(plan: Plan): void {
  const problems: string[] = [];
  const byPath = new Map<string, PlanEntry>();
  const byFoldedPath = new Map<string, string>();
  for (const item of plan) {
    const where = JSON.stringify(item.path);
    for (const problem of pathProblems(item.path)) problems.push(`${where}: ${problem}`);
    if (byPath.has(item.path)) {
      problems.push(`${where}: duplicate path`);
    } else {
      byPath.set(item.path, item);
      const folded = item.path.toLowerCase();
      const other = byFoldedPath.get(folded);
      if (other !== undefined) problems.push(`${where}: differs only in case from ${JSON.stringify(other)}`);
      else byFoldedPath.set(folded, item.path);
    }
    if (item.owner !== 'generated' && item.owner !== 'user') {
      problems.push(`${where}: owner must be 'generated' or 'user', got ${JSON.stringify(item.owner)}`);
    }
    if (typeof item.content !== 'string') {
      problems.push(`${where}: content must be a string`);
    } else if (item.content !== '' && !item.content.endsWith('\n')) {
      problems.push(`${where}: content does not end with a newline`);
    }
    if (item.mode !== undefined && !(Number.isInteger(item.mode) && item.mode >= 0 && item.mode <= 0o777)) {
      problems.push(`${where}: mode must be an integer from 0 to 0o777, got ${String(item.mode)}`);
    }
  }
  for (const filePath of byPath.keys()) {
    const segments = filePath.split('/');
    for (let i = 1; i < segments.length; i += 1) {
      const directory = segments.slice(0, i).join('/');
      if (byPath.has(directory)) {
        problems.push(`${JSON.stringify(directory)}: is a file but ${JSON.stringify(filePath)} needs it to be a directory`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`invalid plan (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n  ${problems.join('\n  ')}`);
  }
}

function pathProblems(filePath: string): string[] {
  if (typeof filePath !== 'string' || filePath === '') return ['path is empty'];
  const problems: string[] = [];
  if (filePath.startsWith('/') || /^[A-Za-z]:/.test(filePath)) problems.push('path is absolute');
  if (filePath.includes('\\')) problems.push('path contains a backslash (use /)');
  if (filePath.includes('\0')) problems.push('path contains a NUL character');
  const segments = filePath.split('/');
  if (segments.includes('..')) problems.push("path contains a '..' segment");
  if (segments.includes('.')) problems.push("path contains a '.' segment");
  if (segments.slice(filePath.startsWith('/') ? 1 : 0).includes('')) problems.push('path contains an empty segment');
  return problems;
}
