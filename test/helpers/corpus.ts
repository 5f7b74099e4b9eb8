/**
 * The shared test corpus (`../shared/corpus/`, see its README): `INDEX.tsv` says what tsctl must do with
 * each file, `FORMAT.tsv` pairs formatter inputs with goctl's expected output.
 *
 * Tests read the corpus in place, never a copy. `TSCTL_CORPUS` points at another checkout of it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type CorpusExpectation = 'valid' | 'valid-legacy' | 'invalid' | 'fragment';

/** One `INDEX.tsv` row. `path` is relative to the corpus root, with '/' separators. */
export interface CorpusRow {
  readonly path: string;
  readonly expected: CorpusExpectation;
  readonly note: string;
  /** Extra import folders (`-I`), relative to the file's own folder; empty for `.api` files. */
  readonly include: readonly string[];
}

/** One `FORMAT.tsv` row: corpus-relative paths of the formatter input and goctl's output. */
export interface FormatPair {
  readonly input: string;
  readonly expectedOutput: string;
}

const EXPECTATIONS: ReadonlySet<string> = new Set<CorpusExpectation>(['valid', 'valid-legacy', 'invalid', 'fragment']);

/** The repository root (this file is `test/helpers/corpus.ts`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The corpus root: `$TSCTL_CORPUS`, or `../shared/corpus` beside the repository. */
export const corpusRoot = path.resolve(process.env.TSCTL_CORPUS ?? path.resolve(repoRoot, '../shared/corpus'));

/** The absolute path of a corpus-relative path. */
export function corpusPath(relative: string): string {
  return path.join(corpusRoot, ...relative.split('/'));
}

export function readCorpusFile(relative: string): string {
  return readFileSync(corpusPath(relative), 'utf8');
}

/** Splits a TSV file into rows of cells, checking the header and the cell count of every row. */
function readTsv(name: string, header: readonly string[]): string[][] {
  const text = readFileSync(path.join(corpusRoot, name), 'utf8');
  const lines = text.split('\n').filter((line) => line !== '');
  const [first, ...rest] = lines;
  if (first !== header.join('\t')) {
    throw new Error(`${name}: expected header ${JSON.stringify(header.join('\t'))}, got ${JSON.stringify(first)}`);
  }
  return rest.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`${name}:${i + 2}: expected ${header.length} tab-separated cells, got ${cells.length}`);
    }
    return cells;
  });
}

let indexCache: readonly CorpusRow[] | undefined;

/** Every `INDEX.tsv` row, in file order. */
export function readIndex(): readonly CorpusRow[] {
  indexCache ??= readTsv('INDEX.tsv', ['path', 'expected', 'note', 'include']).map(([file, expected, note, include], i) => {
    if (!EXPECTATIONS.has(expected as string)) {
      throw new Error(`INDEX.tsv:${i + 2}: unknown expectation ${JSON.stringify(expected)}`);
    }
    return {
      path: file as string,
      expected: expected as CorpusExpectation,
      note: note as string,
      include: (include as string) === '' ? [] : (include as string).split(',').map((dir) => dir.trim()),
    };
  });
  return indexCache;
}

/** The `.api` rows of `INDEX.tsv` with the given expectation. */
export function apiRows(expected: CorpusExpectation): CorpusRow[] {
  return readIndex().filter((row) => row.expected === expected && row.path.endsWith('.api'));
}

let formatCache: readonly FormatPair[] | undefined;

/** Every `FORMAT.tsv` pair, in file order. */
export function readFormatPairs(): readonly FormatPair[] {
  formatCache ??= readTsv('FORMAT.tsv', ['input', 'expected_output']).map(([input, expectedOutput]) => ({
    input: input as string,
    expectedOutput: expectedOutput as string,
  }));
  return formatCache;
}

/** Every `.api` file under the corpus root (listed or not), corpus-relative, sorted. */
export function listCorpusApiFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, relative: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else if (entry.isFile() && entry.name.endsWith('.api')) out.push(rel);
    }
  };
  walk(corpusRoot, '');
  return out.sort();
}
