// The schema checks of templates/runtime/core/config: defaults, conversions, every kind of problem,
// case-insensitive keys, unknown keys and go-zero's `inherit`. Loading files is in config-load.test.ts.
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../templates/runtime/core/config/duration.js';
import { defineConfig, type Field, field } from '../../../templates/runtime/core/config/schema.js';
import { validate } from '../../../templates/runtime/core/config/validate.js';

/** Checks `{ V: given }` against `{ V: spec }`; returns the checked V, or 'absent' when V is left out. */
function one(spec: Field, given: unknown): unknown {
  const { value, problems } = validate(given === undefined ? {} : { V: given }, { V: spec });
  expect(problems).toEqual([]);
  return 'V' in value ? value.V : 'absent';
}

describe('values', () => {
  const cases: [string, { spec: Field; given: unknown; want: unknown }][] = [
    ['a string', { spec: field.string(), given: 'a', want: 'a' }],
    ['a number where text is meant', { spec: field.string(), given: 123456, want: '123456' }],
    ['a boolean where text is meant', { spec: field.string(), given: true, want: 'true' }],
    ['an empty string is a value', { spec: field.string(), given: '', want: '' }],
    ['a string default', { spec: field.string({ default: 'x' }), given: undefined, want: 'x' }],
    ['null takes the default', { spec: field.string({ default: 'x' }), given: null, want: 'x' }],
    ['an optional key left out', { spec: field.string({ optional: true }), given: undefined, want: 'absent' }],
    ['an optional key given null', { spec: field.string({ optional: true }), given: null, want: 'absent' }],
    ['one of a set', { spec: field.oneOf(['a', 'b']), given: 'b', want: 'b' }],
    ['one of a set, default', { spec: field.oneOf(['a', 'b'], { default: 'a' }), given: undefined, want: 'a' }],
    ['a number', { spec: field.number(), given: 2.5, want: 2.5 }],
    ['a numeric string', { spec: field.number(), given: ' 42 ', want: 42 }],
    ['a numeric string with exponent', { spec: field.number(), given: '1e3', want: 1000 }],
    ['a negative numeric string', { spec: field.number(), given: '-0.5', want: -0.5 }],
    ['an integer at its bounds', { spec: field.number({ integer: true, min: 0, max: 65535 }), given: 65535, want: 65535 }],
    ['a number default', { spec: field.number({ default: 3000 }), given: undefined, want: 3000 }],
    ['true', { spec: field.boolean(), given: true, want: true }],
    ['"true"', { spec: field.boolean(), given: 'true', want: true }],
    ['"FALSE"', { spec: field.boolean(), given: 'FALSE', want: false }],
    ['a boolean default', { spec: field.boolean({ default: true }), given: undefined, want: true }],
    ['a duration in ms', { spec: field.duration(), given: '500ms', want: 500 }],
    ['a duration in s', { spec: field.duration(), given: '1s', want: 1000 }],
    ['a duration in m and s', { spec: field.duration(), given: '1m30s', want: 90_000 }],
    ['a fractional duration', { spec: field.duration(), given: '1.5h', want: 5_400_000 }],
    ['a duration as a number of ms', { spec: field.duration(), given: 250, want: 250 }],
    ['a duration as numeric text', { spec: field.duration(), given: '250', want: 250 }],
    ['a duration default as text', { spec: field.duration({ default: '5.5s' }), given: undefined, want: 5500 }],
    ['a duration default in ms', { spec: field.duration({ default: 100 }), given: undefined, want: 100 }],
    ['a list', { spec: field.list(field.string()), given: ['a', 'b'], want: ['a', 'b'] }],
    ['a list from comma-separated text', { spec: field.list(field.string()), given: 'a:1, b:2,', want: ['a:1', 'b:2'] }],
    ['a list of numbers from text', { spec: field.list(field.number()), given: '1,2', want: [1, 2] }],
    ['an empty list', { spec: field.list(field.string()), given: [], want: [] }],
    ['a list default', { spec: field.list(field.string(), { default: ['x'] }), given: undefined, want: ['x'] }],
    ['a list of objects gets their defaults', { spec: field.list(field.object({ W: field.number({ default: 100 }) })), given: [{}, { W: 5 }], want: [{ W: 100 }, { W: 5 }] }],
    ['an object gets its defaults', { spec: field.object({ A: field.string({ default: 'a' }) }), given: {}, want: { A: 'a' } }],
    ['an absent object counts as {}', { spec: field.object({ A: field.string({ default: 'a' }) }), given: undefined, want: { A: 'a' } }],
    ['an absent optional object stays absent', { spec: field.object({ A: field.string({ default: 'a' }) }, { optional: true }), given: undefined, want: 'absent' }],
    ['a present optional object gets its defaults', { spec: field.object({ A: field.string({ default: 'a' }) }, { optional: true }), given: {}, want: { A: 'a' } }],
    ['a map keeps its keys as written', { spec: field.map(field.number()), given: { 'X-Key': '1', x: 2 }, want: { 'X-Key': 1, x: 2 } }],
    ['an absent map counts as {}', { spec: field.map(field.string()), given: undefined, want: {} }],
    ['an absent optional map stays absent', { spec: field.map(field.string(), { optional: true }), given: undefined, want: 'absent' }],
    ['anything', { spec: field.any(), given: [1, { a: 2 }], want: [1, { a: 2 }] }],
  ];
  it.each(cases)('%s', (_, { spec, given, want }) => {
    expect(one(spec, given)).toEqual(want);
  });
});

describe('problems', () => {
  const schema = defineConfig({
    Name: field.string(),
    Port: field.number({ integer: true, min: 0, max: 65535 }),
    Count: field.number({ integer: true, optional: true }),
    Low: field.number({ min: 1, optional: true }),
    High: field.number({ max: 10, optional: true }),
    Ratio: field.number({ optional: true }),
    Mode: field.oneOf(['dev', 'test', 'rt', 'pre', 'pro'], { default: 'pro' }),
    Verbose: field.boolean({ default: false }),
    Wait: field.duration({ default: '1s' }),
    Hosts: field.list(field.string(), { optional: true }),
    Nodes: field.list(field.object({ Host: field.string() }), { optional: true }),
    Etcd: field.object({ Hosts: field.list(field.string()), Key: field.string() }, { optional: true }),
    Log: field.object({ Level: field.string({ default: 'info' }), Path: field.string() }),
    Headers: field.map(field.number(), { optional: true }),
    Extra: field.any(),
  });
  const valid: Record<string, unknown> = { Name: 'svc', Port: 8080, Log: { Path: 'logs' }, Extra: 1 };
  const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));

  const cases: [string, { given: unknown; want: string[] }][] = [
    ['none in a valid config', { given: valid, want: [] }],
    ['a required key is missing', { given: without('Name'), want: ['Name is required'] }],
    ['null counts as missing', { given: { ...valid, Name: null }, want: ['Name is required'] }],
    ['a required any is missing', { given: without('Extra'), want: ['Extra is required'] }],
    ['a string gets a list', { given: { ...valid, Name: ['a'] }, want: ['Name must be a string, got a list'] }],
    ['a string gets a mapping', { given: { ...valid, Name: { a: 1 } }, want: ['Name must be a string, got a mapping'] }],
    ['an integer out of range', { given: { ...valid, Port: 99999 }, want: ['Port must be an integer between 0 and 65535, got 99999'] }],
    ['an integer gets a fraction', { given: { ...valid, Port: 80.5 }, want: ['Port must be an integer between 0 and 65535, got 80.5'] }],
    ['a number gets text', { given: { ...valid, Port: 'http' }, want: ['Port must be an integer between 0 and 65535, got "http"'] }],
    ['a number gets hex text', { given: { ...valid, Port: '0x50' }, want: ['Port must be an integer between 0 and 65535, got "0x50"'] }],
    ['an integer without bounds', { given: { ...valid, Count: 1.5 }, want: ['Count must be an integer, got 1.5'] }],
    ['below a minimum', { given: { ...valid, Low: 0 }, want: ['Low must be a number not less than 1, got 0'] }],
    ['above a maximum', { given: { ...valid, High: 11 }, want: ['High must be a number not greater than 10, got 11'] }],
    ['not finite', { given: { ...valid, Ratio: Number.POSITIVE_INFINITY }, want: ['Ratio must be a number, got Infinity'] }],
    ['not one of a set', { given: { ...valid, Mode: 'prod' }, want: ['Mode must be one of dev, test, rt, pre, pro, got "prod"'] }],
    ['not a boolean', { given: { ...valid, Verbose: 'yes' }, want: ['Verbose must be true or false, got "yes"'] }],
    ['not a duration', { given: { ...valid, Wait: 'soon' }, want: ['Wait must be a duration such as 500ms, 1s or 1m30s, or a number of milliseconds, got "soon"'] }],
    ['a list gets a mapping', { given: { ...valid, Hosts: { a: 1 } }, want: ['Hosts must be a list, got a mapping'] }],
    ['a list item of the wrong kind', { given: { ...valid, Hosts: ['a', ['b']] }, want: ['Hosts[1] must be a string, got a list'] }],
    ['a list of objects from text', { given: { ...valid, Nodes: 'a,b' }, want: ['Nodes must be a list, got "a,b"'] }],
    ['a list item misses a key', { given: { ...valid, Nodes: [{}, { Host: 'h' }] }, want: ['Nodes[0].Host is required'] }],
    ['an object gets text', { given: { ...valid, Etcd: 'x' }, want: ['Etcd must be a mapping, got "x"'] }],
    ['a present optional object misses its keys', { given: { ...valid, Etcd: {} }, want: ['Etcd.Hosts is required', 'Etcd.Key is required'] }],
    ['an absent required object reports its required keys only', { given: without('Log'), want: ['Log.Path is required'] }],
    ['a map gets a list', { given: { ...valid, Headers: [1] }, want: ['Headers must be a mapping, got a list'] }],
    ['a map value of the wrong kind', { given: { ...valid, Headers: { a: 1, b: 'x' } }, want: ['Headers.b must be a number, got "x"'] }],
    ['a key given twice', { given: { ...valid, name: 'b' }, want: ['Name is given more than once, as "Name" and "name"'] }],
    ['a nested key given three times', { given: { ...valid, Log: { Path: 'a', path: 'b', PATH: 'c' } }, want: ['Log.Path is given more than once, as "Path", "path" and "PATH"'] }],
    ['the top level is a list', { given: ['a'], want: ['the top level must be a mapping of keys, got a list'] }],
    ['the top level is text', { given: 'a', want: ['the top level must be a mapping of keys, got "a"'] }],
    [
      'all at once, in schema order',
      {
        given: { Port: -1, Mode: 'fast', Etcd: { Key: 3 }, Log: {}, Nodes: [{ Host: [] }] },
        want: [
          'Name is required',
          'Port must be an integer between 0 and 65535, got -1',
          'Mode must be one of dev, test, rt, pre, pro, got "fast"',
          'Nodes[0].Host must be a string, got a list',
          'Etcd.Hosts is required',
          'Log.Path is required',
          'Extra is required',
        ],
      },
    ],
  ];
  it.each(cases)('%s', (_, { given, want }) => {
    expect(validate(given, schema).problems).toEqual(want);
  });

  it('takes an empty file (null) as {}', () => {
    expect(validate(null, schema).problems).toEqual(['Name is required', 'Port is required', 'Log.Path is required', 'Extra is required']);
  });
});

describe('keys', () => {
  const schema = defineConfig({
    ListenOn: field.string(),
    Log: field.object({ Level: field.string({ default: 'info' }) }),
  });

  it.each(['ListenOn', 'listenon', 'LISTENON', 'listenOn'])('%s fills ListenOn', (key) => {
    expect(validate({ [key]: 'a:1' }, schema)).toEqual({ value: { ListenOn: 'a:1', Log: { Level: 'info' } }, problems: [] });
  });

  it('matches nested keys case-insensitively too', () => {
    expect(validate({ listenOn: 'a:1', log: { LEVEL: 'debug' } }, schema).value).toEqual({ ListenOn: 'a:1', Log: { Level: 'debug' } });
  });

  it('keeps unknown keys as written, at every level', () => {
    const given = { ListenOn: 'a:1', Log: { Level: 'debug', Color: true }, WxMiniConf: { AppId: 'wx1' }, wxminiconf: 2 };
    expect(validate(given, schema)).toEqual({
      value: { ListenOn: 'a:1', Log: { Level: 'debug', Color: true }, WxMiniConf: { AppId: 'wx1' }, wxminiconf: 2 },
      problems: [],
    });
  });

  it('puts schema keys first, then unknown keys in file order', () => {
    expect(Object.keys(validate({ Z: 1, listenon: 'x', A: 2 }, schema).value)).toEqual(['ListenOn', 'Log', 'Z', 'A']);
  });

  it('keeps a __proto__ key as an own key', () => {
    const given = JSON.parse('{"ListenOn":"x","__proto__":{"polluted":true}}') as unknown;
    const { value } = validate(given, schema);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['ListenOn', 'Log', '__proto__']);
  });
});

describe('inherit (go-zero `json:",inherit"`)', () => {
  const etcd = field.object({ Hosts: field.list(field.string()), Key: field.string() }, { optional: true, inherit: true });
  const schema = defineConfig({
    Etcd: etcd,
    UserRpc: field.object({ Etcd: etcd }, { optional: true }),
    Clients: field.list(field.object({ Etcd: etcd }), { optional: true }),
  });

  it('fills the keys a section lacks from the enclosing one', () => {
    const given = { Etcd: { Hosts: ['etcd:2379'], Key: 'user.rpc' }, UserRpc: { Etcd: { Key: 'identity.rpc' } } };
    expect(validate(given, schema).value).toEqual({
      Etcd: { Hosts: ['etcd:2379'], Key: 'user.rpc' },
      UserRpc: { Etcd: { Hosts: ['etcd:2379'], Key: 'identity.rpc' } },
    });
  });

  it('takes the whole section when it is absent, matching keys case-insensitively', () => {
    const given = { etcd: { hosts: ['etcd:2379'], key: 'user.rpc' }, UserRpc: {} };
    expect(validate(given, schema).value).toEqual({
      Etcd: { Hosts: ['etcd:2379'], Key: 'user.rpc' },
      UserRpc: { Etcd: { Hosts: ['etcd:2379'], Key: 'user.rpc' } },
    });
  });

  it('does not reach into list items, as go-zero does not', () => {
    const given = { Etcd: { Hosts: ['etcd:2379'], Key: 'user.rpc' }, Clients: [{ Etcd: { Key: 'a.rpc' } }] };
    expect(validate(given, schema).problems).toEqual(['Clients[0].Etcd.Hosts is required']);
  });
});

describe('parseDuration', () => {
  const cases: [string, number | undefined][] = [
    ['0', 0],
    ['1ns', 0.000001],
    ['300us', 0.3],
    ['300µs', 0.3],
    ['500ms', 500],
    ['1s', 1000],
    ['1.1s', 1100],
    ['.5s', 500],
    ['1m30s', 90_000],
    ['2h45m', 9_900_000],
    ['-1.5h', -5_400_000],
    ['+1s', 1000],
    ['', undefined],
    ['1', undefined],
    ['ms', undefined],
    ['1x', undefined],
    ['1s2', undefined],
    ['--1s', undefined],
    ['1 s', undefined],
  ];
  it.each(cases)('%j → %j', (text, want) => {
    expect(parseDuration(text)).toBe(want);
  });
});
