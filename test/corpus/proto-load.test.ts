/**
 * Every `.proto` row of INDEX.tsv: valid files load into the IR, invalid ones give a located error.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProto } from '../../src/parse/proto/index.js';
import { corpusPath, readIndex } from '../helpers/corpus.js';

const rows = readIndex().filter((row) => row.path.endsWith('.proto'));
const valid = rows.filter((row) => row.expected === 'valid');
const invalid = rows.filter((row) => row.expected === 'invalid');

function load(relative: string, include: readonly string[]) {
  const file = corpusPath(relative);
  return loadProto(file, { includePaths: include.map((dir) => path.join(path.dirname(file), dir)) });
}

describe('.proto corpus', () => {
  it('has the expected number of rows', () => {
    expect(valid).toHaveLength(56);
    expect(invalid).toHaveLength(2);
  });

  it.each(valid.map((row) => [row.path, row.include] as const))('loads %s', (relative, include) => {
    const result = load(relative, include);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.origin).toBe('proto');
    expect(result.document?.types.length).toBeGreaterThan(0);
  });

  it.each(invalid.map((row) => [row.path, row.include] as const))('rejects %s with a located error', (relative, include) => {
    const result = load(relative, include);
    expect(result.document).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.code).toMatch(/^PROTO\d{4}$/);
      expect(e.span.start.line).toBeGreaterThan(1);
      expect(e.span.start.column).toBeGreaterThanOrEqual(1);
    }
  });
});
