/**
 * Formatting never changes meaning: for every valid corpus `.api` file, the IR of the formatted text
 * equals the IR of the original (source positions aside), and the formatted text has no legacy warning.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatApi } from '../../../src/parse/api/format.js';
import { loadApi, parseApi } from '../../../src/parse/api/index.js';
import { defaultReadFile } from '../../../src/parse/read-file.js';
import { apiRows, corpusPath, readCorpusFile } from '../../helpers/corpus.js';

const rows = [...apiRows('valid'), ...apiRows('valid-legacy')];

/** The IR without positions: formatting moves text, so only `source` may differ. */
function meaning(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
}

describe('api format keeps the IR', () => {
  it('covers every valid and valid-legacy .api row', () => {
    expect(rows).toHaveLength(57 + 17);
  });

  it.each(rows.map((row) => [row.path]))('%s', (relative) => {
    const file = corpusPath(relative);
    // One legacy corpus file imports files that are not in the corpus; goctl's legacy parser never read
    // them. Stand in an empty file for them so the formatted (current-grammar) text can be compared.
    const readFile = (p: string): string | undefined => defaultReadFile(p) ?? (p.endsWith('.api') ? '// not in the corpus\n' : undefined);
    const before = loadApi(file, { readFile });
    expect(before.document).toBeDefined();
    const formatted = formatApi(parseApi(readCorpusFile(relative), file).ast);
    const after = loadApi(file, { readFile: (p) => (p === path.resolve(file) ? formatted : readFile(p)) });
    expect(after.diagnostics.filter((d) => d.file === file && d.code >= 'API0900' && d.code < 'API0910')).toEqual([]);
    expect(meaning(after.document)).toEqual(meaning(before.document));
  });
});
