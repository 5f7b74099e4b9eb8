/**
 * `apiMarkdown`: the rich fixture's Markdown golden (fixtures/openapi/rich/api.md;
 * `npm run test:update-goldens` rewrites it), table units, and
 * every valid corpus `.api` documented deterministically.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiMarkdown, constraintsText, typeText } from '../../../src/gen/api-doc/markdown.js';
import type { Field, TypeRef } from '../../../src/ir/index.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { apiRows, corpusPath, repoRoot } from '../../helpers/corpus.js';

describe('apiMarkdown golden', () => {
  it('matches fixtures/openapi/rich/api.md and is deterministic', async () => {
    const load = () => {
      const result = loadApi('fixtures/openapi/rich/rich.api');
      if (!result.document) throw new Error('rich.api did not load');
      return result.document;
    };
    const text = apiMarkdown(load());
    await expect(text).toMatchFileSnapshot(path.join(repoRoot, 'fixtures/openapi/rich/api.md'));
    expect(apiMarkdown(load())).toBe(text);
  });
});

describe('typeText', () => {
  const cases: [string, TypeRef, string][] = [
    ['primitive', { kind: 'primitive', name: 'int64' }, 'int64'],
    ['named', { kind: 'named', name: 'User' }, 'User'],
    ['any', { kind: 'any' }, 'any'],
    ['slice', { kind: 'slice', elem: { kind: 'named', name: 'User' } }, '[]User'],
    ['array', { kind: 'array', length: 4, elem: { kind: 'primitive', name: 'byte' } }, '[4]byte'],
    ['map', { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'slice', elem: { kind: 'primitive', name: 'int' } } }, 'map[string][]int'],
    ['pointer', { kind: 'pointer', elem: { kind: 'named', name: 'User' } }, '*User'],
    ['struct', { kind: 'struct', fields: [] }, 'object'],
  ];
  it.each(cases)('%s', (_name, ref, want) => {
    expect(typeText(ref)).toBe(want);
  });
});

describe('constraintsText', () => {
  const base = { options: undefined, range: undefined, default: undefined } as Partial<Field>;
  const cases: [string, Partial<Field>, string][] = [
    ['none', base, ''],
    ['options', { options: ['a', 'b'] }, 'one of `a`, `b`'],
    ['closed range', { range: { min: 1, max: 10, minInclusive: true, maxInclusive: true } }, 'range `[1:10]`'],
    ['open range', { range: { min: 0, minInclusive: false, maxInclusive: false } }, 'range `(0:)`'],
    ['default', { default: '5' }, 'default `5`'],
    ['all', { options: ['1', '2'], range: { max: 2, minInclusive: true, maxInclusive: true }, default: '1' }, 'one of `1`, `2`; range `[:2]`; default `1`'],
  ];
  it.each(cases)('%s', (_name, field, want) => {
    expect(constraintsText(field as Field)).toBe(want);
  });
});

describe('apiMarkdown over the corpus', () => {
  const rows = [...apiRows('valid'), ...apiRows('valid-legacy')];
  it('covers 74 rows', () => {
    expect(rows.length).toBe(74);
  });
  it.each(rows.map((row) => [row.path]))('%s', (file) => {
    const { document } = loadApi(corpusPath(file));
    if (!document) throw new Error(`${file} did not load`);
    const text = apiMarkdown(document);
    expect(text.startsWith('# ')).toBe(true);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(apiMarkdown(document)).toBe(text);
  });
});
