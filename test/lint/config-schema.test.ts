/**
 * The configuration's JSON Schema (docs/tsctl.config.schema.json, for editors) accepts what
 * tsctl lint reads and rejects what it refuses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect, it } from 'vitest';
import { allRules } from '../../src/lint/engine.js';
import { repoRoot } from '../helpers/corpus.js';

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/tsctl.config.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

it.each([
  [{ lint: { rules: { 'api/route-doc': 'off', 'api/json-tag-case': ['warn', { case: 'snake' }] } } }, true],
  [{ $schema: './node_modules/tsctl/docs/tsctl.config.schema.json', lint: { rules: {} } }, true],
  [Object.fromEntries([['lint', { rules: Object.fromEntries(allRules().map((r) => [r.id, 'error'])) }]]), true],
  [{ lint: { rules: { 'api/route-doc': 'loud' } } }, false],
  [{ lint: { rules: { RouteDoc: 'off' } } }, false],
  [{ lint: { rulez: {} } }, false],
  [{ lint: { rules: { 'api/json-tag-case': ['warn'] } } }, false],
  [{ lint: { protoPaths: ['vendor', 'third_party/proto'] } }, true],
  [{ lint: { protoPaths: 'vendor' } }, false],
  [{ lint: { protoPaths: [''] } }, false],
])('%j → %s', (config, valid) => {
  expect(validate(config)).toBe(valid);
});
