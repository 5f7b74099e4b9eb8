/**
 * The runtime manifest: which files of templates/runtime/ a generated service vendors, and which npm
 * packages its package.json needs — both computed, never listed by hand.
 *
 * A generator renders its own files first; their import statements that reach into `src/runtime/` are
 * the entry points. From there the runtime's own relative imports are followed to a closure, so a
 * service vendors exactly the runtime it uses: an HTTP service gets no gRPC code, a contract without
 * services gets only the protobuf codec. The bare package imports of every file (rendered and vendored)
 * become the dependencies, with ranges from the one table in dependencies.ts.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { comparePaths } from '../plan.js';

/** Reads a file of templates/runtime/ by its posix path below that folder (`http/server.ts`). */
export type RuntimeSource = (relative: string) => string;

/** A file by its posix path, as in a plan. */
export interface SourceFile {
  readonly path: string;
  readonly content: string;
}

export interface VendoredRuntime {
  /** The runtime files to vendor, at their paths in the project (`src/runtime/http/server.ts`), sorted. */
  readonly files: readonly SourceFile[];
  /** Every npm package the given files and the vendored runtime import, sorted, each once. */
  readonly packages: readonly string[];
}

/** Where generated projects keep the vendored runtime. */
export const PROJECT_RUNTIME_DIR = 'src/runtime';

/**
 * The vendored runtime of a project whose own files are `files`: the closure of their imports into
 * `runtimeDir` (project-relative), read through `source`, and the packages everything imports.
 * Throws when an import into the runtime names a file the runtime does not have.
 */
export function vendorRuntime(files: readonly SourceFile[], source: RuntimeSource, runtimeDir: string = PROJECT_RUNTIME_DIR): VendoredRuntime {
  const packages = new Set<string>();
  const pending: string[] = [];
  const seen = new Map<string, string>();
  const reach = (projectPath: string, from: string): void => {
    const relative = path.posix.relative(runtimeDir, projectPath);
    if (seen.has(relative) || pending.includes(relative)) return;
    if (!relative.endsWith('.ts')) throw new Error(`${from} imports ${projectPath}, which is not a TypeScript runtime file`);
    pending.push(relative);
  };
  const scan = (file: SourceFile): void => {
    for (const specifier of importSpecifiers(file.content)) {
      if (specifier.startsWith('.')) {
        // Generated code and the runtime import `./x.ts` (docs/generation.md); a `--home` template or an
        // older one may still say `./x.js`, which tsc resolves to the same file.
        const target = path.posix.join(path.posix.dirname(file.path), specifier).replace(/\.js$/, '.ts');
        if (target.startsWith(`${runtimeDir}/`)) reach(target, file.path);
      } else {
        const name = packageName(specifier);
        if (name !== undefined) packages.add(name);
      }
    }
  };
  for (const file of files) if (file.path.endsWith('.ts')) scan(file);
  while (pending.length > 0) {
    const relative = pending.shift() as string;
    let content: string;
    try {
      content = source(relative);
    } catch (error) {
      throw new Error(`runtime file ${relative} is imported but cannot be read: ${(error as Error).message}`, { cause: error });
    }
    seen.set(relative, content);
    scan({ path: `${runtimeDir}/${relative}`, content });
  }
  const vendored = [...seen.entries()]
    .map(([relative, content]) => ({ path: `${runtimeDir}/${relative}`, content }))
    .sort((a, b) => comparePaths(a.path, b.path));
  return { files: vendored, packages: [...packages].sort() };
}

/** The npm package a bare specifier names (`@grpc/grpc-js/build/x` → `@grpc/grpc-js`); undefined for a Node builtin. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return undefined;
  const segments = specifier.split('/');
  return specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0];
}

/**
 * The module specifiers of a TypeScript file's static imports and re-exports (`import … from 'x'`,
 * `import 'x'`, `export … from 'x'`, `import type …`) and of `import('x')` with a literal. Comments
 * are skipped, so an example in a doc comment is not an import.
 */
export function importSpecifiers(source: string): string[] {
  const code = withoutComments(source);
  const specifiers: string[] = [];
  const patterns = [
    /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?[^'"`;]*?\sfrom\s*(['"])([^'"\n]+)\1/g,
    /(?:^|[\s;}])import\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) specifiers.push(match[2] as string);
  }
  return [...new Set(specifiers)];
}

/** Where a comment or a string literal may start. */
const SPECIAL = /\/\/|\/\*|['"`]/g;

/**
 * `source` with every comment replaced by spaces (newlines kept); string and template literals are
 * left alone. Copies the text between comments in bulk: generated files run to megabytes.
 */
function withoutComments(source: string): string {
  const parts: string[] = [];
  let copied = 0;
  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(source); match !== null; match = SPECIAL.exec(source)) {
    const at = match.index;
    const token = match[0];
    let end: number;
    if (token === '//') {
      const newline = source.indexOf('\n', at);
      end = newline === -1 ? source.length : newline;
    } else if (token === '/*') {
      const close = source.indexOf('*/', at + 2);
      end = close === -1 ? source.length : close + 2;
    } else {
      // A string or template literal: skip to its closing quote, past escaped characters.
      let j = at + 1;
      while (j < source.length && source[j] !== token) j += source[j] === '\\' ? 2 : 1;
      SPECIAL.lastIndex = j + 1;
      continue;
    }
    parts.push(source.slice(copied, at), source.slice(at, end).replace(/[^\n]/g, ' '));
    copied = end;
    SPECIAL.lastIndex = end;
  }
  parts.push(source.slice(copied));
  return parts.join('');
}
