/**
 * The rich fixture (fixtures/openapi/rich/rich.api: every binding and tag option, a jwt group, prefixes,
 * embedded structs, slices, maps, routes without request or response) pins the OpenAPI JSON byte for
 * byte (`npm run test:update-goldens` rewrites the golden).
 */
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/gen/openapi/document.js';
import type { Document } from '../../../src/ir/index.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { repoRoot } from '../../helpers/corpus.js';

const dir = path.join(repoRoot, 'fixtures/openapi/rich');

function load(): Document {
  const result = loadApi('fixtures/openapi/rich/rich.api');
  expect(result.diagnostics).toEqual([]);
  if (!result.document) throw new Error('rich.api did not load');
  return result.document;
}

describe('rich fixture goldens', () => {
  it('OpenAPI JSON matches openapi.json, validates, and is deterministic', async () => {
    const doc = load();
    const text = `${JSON.stringify(openApiDocument(doc), null, 2)}\n`;
    await expect(text).toMatchFileSnapshot(path.join(dir, 'openapi.json'));
    expect(`${JSON.stringify(openApiDocument(load()), null, 2)}\n`).toBe(text);
    const result = await validate(JSON.parse(text) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});
