// Loading config files with templates/runtime/core/config/load.ts: the three formats, ${VAR} expansion,
// <PREFIX>__Key overrides, the messages of a ConfigError, -f, and loadConfigOrExit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../templates/runtime/core/config/config-error.js';
import { expandEnv } from '../../../templates/runtime/core/config/env.js';
import { checkConfig, configPathFromArgs, loadConfig, loadConfigOrExit } from '../../../templates/runtime/core/config/load.js';
import { defineConfig, field } from '../../../templates/runtime/core/config/schema.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-core-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

/** The ConfigError `run` throws. */
function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError thrown');
}

const schema = defineConfig({
  Name: field.string(),
  ListenOn: field.string(),
  Timeout: field.number({ default: 2000, integer: true, min: 0 }),
  Mode: field.oneOf(['dev', 'test', 'rt', 'pre', 'pro'], { default: 'pro' }),
  Verbose: field.boolean({ default: false }),
  Etcd: field.object({ Hosts: field.list(field.string()), Key: field.string() }, { optional: true }),
  Cache: field.list(field.object({ Host: field.string(), Pass: field.string({ optional: true }) }), { optional: true }),
});

const loaded = {
  Name: 'greet.rpc',
  ListenOn: '0.0.0.0:8080',
  Timeout: 500,
  Mode: 'pro',
  Verbose: false,
  Etcd: { Hosts: ['127.0.0.1:2379'], Key: 'greet.rpc' },
  Extra: { Flag: true },
};

describe('file formats', () => {
  const files: [string, string][] = [
    ['a.yaml', 'Name: greet.rpc\nListenOn: 0.0.0.0:8080\nTimeout: 500\nEtcd:\n  Hosts:\n    - 127.0.0.1:2379\n  Key: greet.rpc\nExtra:\n  Flag: true\n'],
    ['b.yml', 'name: greet.rpc\nlistenOn: 0.0.0.0:8080\ntimeout: 500\netcd: { hosts: [127.0.0.1:2379], key: greet.rpc }\nExtra: { Flag: true }\n'],
    ['c.json', '{"Name":"greet.rpc","ListenOn":"0.0.0.0:8080","Timeout":500,"Etcd":{"Hosts":["127.0.0.1:2379"],"Key":"greet.rpc"},"Extra":{"Flag":true}}'],
    ['d.toml', 'Name = "greet.rpc"\nListenOn = "0.0.0.0:8080"\nTimeout = 500\n\n[Etcd]\nHosts = ["127.0.0.1:2379"]\nKey = "greet.rpc"\n\n[Extra]\nFlag = true\n'],
    ['e.YAML', '\uFEFFName: greet.rpc\nListenOn: 0.0.0.0:8080\nTimeout: 500\nEtcd: {Hosts: [127.0.0.1:2379], Key: greet.rpc}\nExtra: {Flag: true}\n'],
  ];
  it.each(files)('reads %s', (name, text) => {
    expect(loadConfig(write(name, text), schema, { envPrefix: 'GREET', env: {} })).toEqual(loaded);
  });

  it('reads YAML merge keys, as go-zero (yaml.v3) does', () => {
    const file = write('merge.yaml', 'Name: a\nbase: &etcd\n  Hosts: [e:2379]\nListenOn: x:1\nEtcd:\n  <<: *etcd\n  Key: a.rpc\n');
    expect(loadConfig(file, schema, { envPrefix: 'G', env: {} }).Etcd).toEqual({ Hosts: ['e:2379'], Key: 'a.rpc' });
  });

  it('takes an empty file as {}', () => {
    expect(configError(() => loadConfig(write('empty.yaml', '# nothing yet\n'), schema, { envPrefix: 'G', env: {} })).problems).toEqual([
      'Name is required',
      'ListenOn is required',
    ]);
  });
});

describe('errors', () => {
  it('says which extensions it reads', () => {
    const error = configError(() => loadConfig(path.join(tmp, 'a.ini'), schema, { envPrefix: 'G', env: {} }));
    expect(error.message).toBe(`${path.join(tmp, 'a.ini')}: invalid configuration:\n  - unsupported file type: a config file ends in .yaml, .yml, .json or .toml`);
  });

  it('says clearly when the file is missing', () => {
    const file = path.join(tmp, 'nope.yaml');
    const error = configError(() => loadConfig(file, schema, { envPrefix: 'G', env: {} }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.file).toBe(file);
    expect(error.problems).toEqual(['file not found (pass another one with -f FILE)']);
    expect(error.message).toBe(`${file}: invalid configuration:\n  - file not found (pass another one with -f FILE)`);
  });

  const broken: [string, string, string][] = [
    ['bad.yaml', 'Name: a\nEtcd: [\n', 'not valid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['twice.yaml', 'Name: a\nName: b\n', 'not valid YAML at line 2, column 1: Map keys must be unique'],
    ['bad.json', '{\n  "Name": "a",\n}\n', 'not valid JSON at line 3, column 1: Expected double-quoted property name'],
    ['empty.json', '', 'not valid JSON: Unexpected end of JSON input'],
    ['bad.toml', 'Name = "a"\nListenOn = \n', 'not valid TOML at line 2, column 12: invalid value'],
  ];
  it.each(broken)('gives the line of a parse error in %s', (name, text, problem) => {
    expect(configError(() => loadConfig(write(name, text), schema, { envPrefix: 'G', env: {} })).problems).toEqual([problem]);
  });

  it('reports a top level that is not a mapping', () => {
    expect(configError(() => loadConfig(write('list.yaml', '- a\n- b\n'), schema, { envPrefix: 'G', env: {} })).problems).toEqual([
      'the top level must be a mapping of keys, got a list',
    ]);
  });

  it('lists every problem, one line each', () => {
    const file = write('bad-values.yaml', 'ListenOn: [1]\nTimeout: -1\nMode: fast\nEtcd:\n  Key: 3\n');
    expect(configError(() => loadConfig(file, schema, { envPrefix: 'G', env: {} })).message).toBe(
      [
        `${file}: invalid configuration:`,
        '  - Name is required',
        '  - ListenOn must be a string, got a list',
        '  - Timeout must be an integer not less than 0, got -1',
        '  - Mode must be one of dev, test, rt, pre, pro, got "fast"',
        '  - Etcd.Hosts is required',
      ].join('\n'),
    );
  });
});

describe('${VAR} expansion', () => {
  const cases: [string, { text: string; env: NodeJS.ProcessEnv; want: string }][] = [
    ['a set variable', { text: 'a: ${A}', env: { A: 'one' }, want: 'a: one' }],
    ['an unset variable', { text: 'a: ${A}', env: {}, want: 'a: ' }],
    ['a default', { text: 'a: ${A:-two}', env: {}, want: 'a: two' }],
    ['an empty variable takes the default', { text: 'a: ${A:-two}', env: { A: '' }, want: 'a: two' }],
    ['a set variable beats the default', { text: 'a: ${A:-two}', env: { A: 'one' }, want: 'a: one' }],
    ['an empty default', { text: 'a: ${A:-}', env: {}, want: 'a: ' }],
    ['a bare $A is left alone', { text: 'a: $A', env: { A: 'one' }, want: 'a: $A' }],
    ['several on a line', { text: '${H}:${P:-80}', env: { H: 'h' }, want: 'h:80' }],
  ];
  it.each(cases)('%s', (_, { text, env, want }) => {
    expect(expandEnv(text, env)).toBe(want);
  });

  it('expands before parsing, so an unset variable is a missing key', () => {
    const file = write('vars.yaml', 'Name: ${NAME:-svc}\nListenOn: ${HOST}:${PORT}\nMode: ${MODE}\n');
    expect(loadConfig(file, schema, { envPrefix: 'X', env: { HOST: '127.0.0.1', PORT: '9000' } })).toEqual({
      Name: 'svc',
      ListenOn: '127.0.0.1:9000',
      Timeout: 2000,
      Mode: 'pro',
      Verbose: false,
    });
  });
});

describe('<PREFIX>__Key overrides', () => {
  const file = write('base.yaml', 'name: a\nlistenon: x:1\nCache:\n  - Host: r1:6379\n  - Host: r2:6379\n');
  const load = (env: NodeJS.ProcessEnv): unknown => loadConfig(file, schema, { envPrefix: 'GREET', env });

  it('overrides keys with the schema types, matching keys case-insensitively', () => {
    const env = {
      GREET__LISTENON: '0.0.0.0:9',
      GREET__Timeout: '500',
      GREET__etcd__hosts: 'a:1, b:2',
      GREET__Etcd__Key: 'k',
      GREET__Verbose: 'true',
      GREET__Cache__1__Pass: 'secret',
      OTHER__Name: 'no',
      GREET: 'no',
    };
    expect(load(env)).toEqual({
      Name: 'a',
      ListenOn: '0.0.0.0:9',
      Timeout: 500,
      Mode: 'pro',
      Verbose: true,
      Etcd: { Hosts: ['a:1', 'b:2'], Key: 'k' },
      Cache: [{ Host: 'r1:6379' }, { Host: 'r2:6379', Pass: 'secret' }],
    });
  });

  it('reads a section or an unknown key as YAML', () => {
    const env = { GREET__Etcd: '{Hosts: [e:2379], Key: greet.rpc}', GREET__Extra__Flag: 'true', GREET__Extra__Port: '8080' };
    expect(load(env)).toMatchObject({ Etcd: { Hosts: ['e:2379'], Key: 'greet.rpc' }, Extra: { Flag: true, Port: 8080 } });
  });

  it('keeps text for a string key', () => {
    expect(load({ GREET__Name: '123' })).toMatchObject({ Name: '123' });
  });

  it('reports an override the schema rejects', () => {
    expect(configError(() => load({ GREET__Timeout: 'soon', GREET__Mode: 'prod' })).problems).toEqual([
      'Timeout must be an integer not less than 0, got "soon"',
      'Mode must be one of dev, test, rt, pre, pro, got "prod"',
    ]);
  });

  it('replaces a list it cannot index, and the check says so', () => {
    expect(configError(() => load({ GREET__Cache__Host: 'r3:6379' })).problems).toEqual(['Cache must be a list, got a mapping']);
  });

  it('ignores a variable with an empty path segment', () => {
    expect(load({ GREET__: 'x', GREET____Name: 'x', GREET__Name__: 'x' })).toMatchObject({ Name: 'a' });
  });
});

describe('configPathFromArgs', () => {
  const cases: [string[], string][] = [
    [['-f', 'x.yaml'], 'x.yaml'],
    [['--config', 'x.yaml'], 'x.yaml'],
    [['-f=y.yaml'], 'y.yaml'],
    [['--config=y.yaml'], 'y.yaml'],
    [['serve', '-f', 'a.yaml', '-f', 'b.yaml'], 'a.yaml'],
    [['-f'], 'etc/greet.yaml'],
    [[], 'etc/greet.yaml'],
  ];
  it.each(cases)('%j → %s', (argv, want) => {
    expect(configPathFromArgs(argv, 'etc/greet.yaml')).toBe(want);
  });
});

describe('checkConfig', () => {
  it('fills the defaults of a literal config', () => {
    expect(checkConfig({ Name: 'a', ListenOn: '127.0.0.1:0', Mode: 'test' }, schema)).toEqual({
      Name: 'a',
      ListenOn: '127.0.0.1:0',
      Timeout: 2000,
      Mode: 'test',
      Verbose: false,
    });
  });

  it('names the source in its ConfigError', () => {
    expect(configError(() => checkConfig({}, schema, 'smoke test')).message).toBe(
      'smoke test: invalid configuration:\n  - Name is required\n  - ListenOn is required',
    );
  });
});

describe('loadConfigOrExit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('returns the config of the file after -f', () => {
    const file = write('ok.yaml', 'Name: a\nListenOn: x:1\n');
    expect(loadConfigOrExit(['-f', file], 'etc/none.yaml', schema, { envPrefix: 'G', env: {} })).toMatchObject({ Name: 'a', ListenOn: 'x:1' });
  });

  it('prints a ConfigError to stderr and exits with 1', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const file = path.join(tmp, 'missing.yaml');
    expect(() => loadConfigOrExit([], file, schema, { envPrefix: 'G', env: {} })).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(stderr.mock.calls).toEqual([[`${file}: invalid configuration:\n  - file not found (pass another one with -f FILE)\n`]]);
  });
});
