import path from 'node:path';
import { expect, it } from 'vitest';
import { structFields, typeIndex } from '../../src/ir/flatten.js';
import { loadApi } from '../../src/parse/api/index.js';

function load(source: string) {
  const file = path.resolve('/mem/main.api');
  const result = loadApi(file, { readFile: (p) => (p === file ? source : undefined) });
  if (!result.document) throw new Error(JSON.stringify(result.diagnostics));
  return typeIndex(result.document);
}

it('inlines embedded structs recursively, own fields winning, cycles cut', () => {
  const types = load(
    [
      'type Base {\n\tId int64 `json:"id"`\n\tName string `json:"name"`\n}',
      'type Audit {\n\tBase\n\tAt int64 `json:"at"`\n}',
      'type Req {\n\t*Audit\n\tName string `json:"name,optional"`\n\tPage int `form:"page"`\n}',
      'type Loop {\n\tLoop2\n\tA int `json:"a"`\n}',
      'type Loop2 {\n\tLoop\n\tB int `json:"b"`\n}',
    ].join('\n'),
  );
  expect(structFields(types, 'Req').map((f) => [f.name, f.binding, f.wireName, f.optional])).toEqual([
    ['Id', 'body', 'id', false],
    ['At', 'body', 'at', false],
    ['Name', 'body', 'name', true],
    ['Page', 'query', 'page', false],
  ]);
  expect(structFields(types, 'Loop').map((f) => f.name)).toEqual(['B', 'A']);
  expect(structFields(types, 'Nope')).toEqual([]);
});
