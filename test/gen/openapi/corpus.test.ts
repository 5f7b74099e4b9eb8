/**
 * Every valid `.api` of the shared corpus gives an OpenAPI 3.1 document that @readme/openapi-parser
 * accepts (schema validation plus its extra checks: path parameters, operation ids, component names).
 */
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/gen/openapi/document.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { apiRows, corpusPath } from '../../helpers/corpus.js';

const rows = [...apiRows('valid'), ...apiRows('valid-legacy')];

describe('openApiDocument over the corpus', () => {
  it('covers every valid and valid-legacy .api row', () => {
    expect(rows.length).toBe(74);
  });

  it.each(rows.map((row) => [row.path]))('%s validates as OpenAPI 3.1', async (file) => {
    const { document } = loadApi(corpusPath(file));
    expect(document).toBeDefined();
    if (!document) return;
    const openapi = openApiDocument(document);
    expect(openapi.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(openapi) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

describe('the validator', () => {
  it('rejects a document with an undeclared path parameter (so the checks above can fail)', async () => {
    const broken = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/a/{id}': { get: { responses: { '200': { description: 'OK' } } } } },
    };
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });
});
