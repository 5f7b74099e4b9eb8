import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ConfigSpec,
  ConfigError,
  configPathFromArgs,
  expandEnv,
  loadConfigFile,
} from '../../../templates/runtime/config/load.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const spec: ConfigSpec = {
  Name: { type: 'string', required: true },
  ListenOn: { type: 'string', required: true },
  Timeout: { type: 'number', default: 2000, min: 0 },
  Mode: { type: 'string', default: 'pro', oneOf: ['dev', 'test', 'pro'] },
  Etcd: { type: 'object', fields: { Hosts: { type: 'strings', required: true }, Key: { type: 'string', required: true } } },
  Verbose: { type: 'boolean', default: false },
};

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('config loading', () => {
  it('reads go-zero keys, fills defaults and keeps unknown keys', () => {
    const file = write('a.yaml', 'Name: greet.rpc\nListenOn: 0.0.0.0:8080\nEtcd:\n  Hosts:\n    - 127.0.0.1:2379\n  Key: greet.rpc\nExtra: 1\n');
    expect(loadConfigFile(file, spec, { envPrefix: 'GREET', env: {} })).toEqual({
      Name: 'greet.rpc',
      ListenOn: '0.0.0.0:8080',
      Timeout: 2000,
      Mode: 'pro',
      Etcd: { Hosts: ['127.0.0.1:2379'], Key: 'greet.rpc' },
      Verbose: false,
      Extra: 1,
    });
  });

  it('expands ${VAR} and ${VAR:-default} before parsing', () => {
    expect(expandEnv('a: ${A}\nb: ${B:-two}\nc: ${C}', { A: 'one' })).toBe('a: one\nb: two\nc: ');
    const file = write('b.yaml', 'Name: ${NAME:-svc}\nListenOn: ${HOST}:${PORT}\n');
    expect(loadConfigFile(file, spec, { envPrefix: 'X', env: { HOST: '127.0.0.1', PORT: '9000' } })).toMatchObject({ Name: 'svc', ListenOn: '127.0.0.1:9000' });
  });

  it('applies PREFIX__Key__Sub overrides with the spec types', () => {
    const file = write('c.yaml', 'Name: a\nListenOn: x:1\n');
    const env = { GREET__ListenOn: '0.0.0.0:9', GREET__Timeout: '500', GREET__Etcd__Hosts: 'a:1, b:2', GREET__Etcd__Key: 'k', GREET__Verbose: 'true', OTHER__Name: 'no' };
    expect(loadConfigFile(file, spec, { envPrefix: 'GREET', env })).toMatchObject({
      Name: 'a',
      ListenOn: '0.0.0.0:9',
      Timeout: 500,
      Etcd: { Hosts: ['a:1', 'b:2'], Key: 'k' },
      Verbose: true,
    });
  });

  it('reports every problem at once with its key path', () => {
    const file = write('d.yaml', 'ListenOn: [1]\nTimeout: -1\nMode: fast\nEtcd:\n  Key: 3\n');
    let error: unknown;
    try {
      loadConfigFile(file, spec, { envPrefix: 'G', env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'Name is required',
      'ListenOn must be a string',
      'Timeout must be between 0 and ∞, got -1',
      'Mode must be one of dev, test, pro, got "fast"',
      'Etcd.Hosts is required',
    ]);
  });

  it('says clearly when the file is missing or not YAML', () => {
    expect(() => loadConfigFile(path.join(tmp, 'nope.yaml'), spec, { envPrefix: 'G', env: {} })).toThrow(/nope\.yaml: invalid configuration:\n {2}- file not found \(pass another one with -f FILE\)/);
    const bad = write('e.yaml', 'a: [\n');
    expect(() => loadConfigFile(bad, spec, { envPrefix: 'G', env: {} })).toThrow(/not valid YAML/);
  });

  it('takes the file from -f, --config or --config=', () => {
    expect(configPathFromArgs(['-f', 'x.yaml'], 'etc/a.yaml')).toBe('x.yaml');
    expect(configPathFromArgs(['--config=y.yaml'], 'etc/a.yaml')).toBe('y.yaml');
    expect(configPathFromArgs([], 'etc/a.yaml')).toBe('etc/a.yaml');
  });
});
