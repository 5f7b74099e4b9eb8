/** `.api` types → TypeScript: a table per rule of docs/api-client.md ("Types"). */
import { describe, expect, it } from 'vitest';
import { typeIndex } from '../../../src/ir/flatten.js';
import type { Document, TypeRef } from '../../../src/ir/index.js';
import { interfaceName, interfaceView, propertyAccess, propertyKey, stringLiteral, typeExpr } from '../../../src/gen/api/type-expr.js';
import { loadApi } from '../../../src/parse/api/index.js';

function load(text: string): Document {
  const loaded = loadApi('t.api', { readFile: () => text });
  expect(loaded.diagnostics).toEqual([]);
  if (!loaded.document) throw new Error('did not load');
  return loaded.document;
}

const doc = load(`syntax = "v1"

type Base {
	Id   int64  \`json:"id"\`
	Name string \`json:"name"\`
}

type string_ {
	X string \`json:"x"\`
}

type Item {
	Base
	Name    string              \`json:"name,optional"\`
	Ptr     *Base               \`json:"ptr"\`
	Many    []*Base             \`json:"many"\`
	Fixed   [2]float32          \`json:"fixed"\`
	ByKey   map[string][]int    \`json:"byKey"\`
	Any     interface{}         \`json:"any"\`
	Flag    bool                \`json:"flag,omitempty"\`
	Def     int                 \`json:"def,default=3"\`
	Kind    string              \`json:"kind,options=a|b'c"\`
	Hidden  string              \`json:"-"\`
	Inline  {
		Deep map[string]Base \`json:"deep"\`
	} \`json:"inline"\`
}
`);
const types = typeIndex(doc);
const bare = (name: string): string => name;

describe('typeExpr', () => {
  const table: [string, TypeRef, string][] = [
    ['string', { kind: 'primitive', name: 'string' }, 'string'],
    ['bool', { kind: 'primitive', name: 'bool' }, 'boolean'],
    ['int64', { kind: 'primitive', name: 'int64' }, 'number'],
    ['uint8', { kind: 'primitive', name: 'uint8' }, 'number'],
    ['float64', { kind: 'primitive', name: 'float64' }, 'number'],
    ['complex128', { kind: 'primitive', name: 'complex128' }, 'unknown'],
    ['interface{}', { kind: 'any' }, 'unknown'],
    ['a known struct', { kind: 'named', name: 'Base' }, 'types.Base'],
    ['an unknown name', { kind: 'named', name: 'time.Time' }, 'unknown'],
    ['[]*Base', { kind: 'slice', elem: { kind: 'pointer', elem: { kind: 'named', name: 'Base' } } }, 'types.Base[]'],
    ['[3]string', { kind: 'array', length: 3, elem: { kind: 'primitive', name: 'string' } }, 'string[]'],
    ['map[int]bool', { kind: 'map', key: { kind: 'primitive', name: 'int' }, value: { kind: 'primitive', name: 'bool' } }, '{ [key: string]: boolean }'],
  ];
  it.each(table)('%s', (_name, ref, want) => {
    expect(typeExpr(types, ref, (name) => `types.${name}`)).toBe(want);
  });
});

describe('interfaceView', () => {
  it('inlines embedded fields (own fields win), and spells optionality, unions and inline objects', () => {
    const item = doc.types.find((t) => t.name === 'Item');
    if (!item) throw new Error('no Item');
    const view = interfaceView(types, item);
    expect(view.properties.map((p) => `${p.key}${p.optional ? '?' : ''}: ${p.type}`)).toEqual([
      'id: number',
      'name?: string',
      'ptr?: Base',
      'many: Base[]',
      'fixed: number[]',
      'byKey: { [key: string]: number[] }',
      'any: unknown',
      'flag?: boolean',
      'def?: number',
      "kind: 'a' | 'b\\'c'",
      'inline: { deep: { [key: string]: Base }; }',
    ]);
  });
});

describe('names and literals', () => {
  it.each([
    ['user', 'user', '.user'],
    ['user-kind', "'user-kind'", "['user-kind']"],
    ['X-Trace-Id', "'X-Trace-Id'", "['X-Trace-Id']"],
    ["it's", "'it\\'s'", "['it\\'s']"],
    ['$ok_1', '$ok_1', '.$ok_1'],
    ['1st', "'1st'", "['1st']"],
  ])('%s', (name, key, access) => {
    expect([propertyKey(name), propertyAccess(name)]).toEqual([key, access]);
  });

  it('quotes strings with single quotes, escaping what must be', () => {
    expect(stringLiteral('a"b\\c\n\'')).toBe("'a\"b\\\\c\\n\\''");
  });

  it('renames structs TypeScript reserves', () => {
    expect([interfaceName('string'), interfaceName('type'), interfaceName('default'), interfaceName('User')]).toEqual(['string_', 'type_', 'default_', 'User']);
    expect(typeExpr(types, { kind: 'named', name: 'string_' }, bare)).toBe('string_');
  });
});
