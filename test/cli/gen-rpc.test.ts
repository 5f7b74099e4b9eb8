/**
 * `tsctl gen rpc` as a process: bad input is refused with located diagnostics and leaves the disk
 * alone; --dry-run writes nothing; --check reports drift in generated files only.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

beforeAll(assertBuilt);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-gen-rpc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const shop = path.join(repoRoot, 'fixtures/rpc/shop/shop.proto');

describe('tsctl gen rpc', () => {
  it('refuses a broken .proto with file:line:col, exit 1, and leaves existing files as they were', () => {
    const out = path.join(tmp, 'broken-out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'keep.txt'), 'precious\n');
    writeFileSync(path.join(tmp, 'bad.proto'), 'syntax = "proto3";\nservice S {\n  rpc M(Nope) returns (Nope);\n}\n');
    const result = tsctl(['gen', 'rpc', 'bad.proto', '-o', out], { cwd: tmp });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe("bad.proto:3:7: error[PROTO0302]: unknown request type 'Nope' for rpc M");
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('precious\n');
  });

  it('refuses a missing file and a non-.proto file', () => {
    expect(tsctl(['gen', 'rpc', 'missing.proto', '-o', path.join(tmp, 'x')], { cwd: tmp }).status).toBe(1);
    expect(existsSync(path.join(tmp, 'x'))).toBe(false);
    const wrong = tsctl(['gen', 'rpc', 'user.api', '-o', path.join(tmp, 'y')], { cwd: tmp });
    expect(wrong).toEqual({ status: 2, stdout: '', stderr: "error: user.api: 'tsctl gen rpc' reads a .proto file\n" });
  });

  it('a --home template that imports a runtime module gets it vendored; one that imports an unpinned package is refused, nothing written', () => {
    const home = path.join(tmp, 'home');
    mkdirSync(path.join(home, 'rpc'), { recursive: true });
    const healthcheck = readFileSync(path.join(repoRoot, 'templates/rpc/healthcheck.ts.hbs'), 'utf8');
    writeFileSync(path.join(home, 'rpc/healthcheck.ts.hbs'), `import pad from 'left-pad';\n${healthcheck}void pad;\n`);
    const out = path.join(tmp, 'home-out');
    const refused = tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop', '--home', home]);
    expect(refused).toEqual({
      status: 1,
      stdout: '',
      stderr: 'error: generated code imports left-pad, which tsctl does not pin (src/gen/runtime/dependencies.ts pins @grpc/grpc-js, fastify, smol-toml, yaml)\n',
    });
    expect(existsSync(out)).toBe(false);

    writeFileSync(path.join(home, 'rpc/healthcheck.ts.hbs'), `import { HttpError } from './runtime/http/errors.js';\n${healthcheck}void HttpError;\n`);
    const vendored = tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop', '--home', home, '--dry-run']);
    expect(vendored.status).toBe(0);
    expect(vendored.stdout).toContain(`would create ${path.join(out, 'src/runtime/http/errors.ts')}\n`);
  });

  it('--dry-run lists the files and writes nothing', () => {
    const out = path.join(tmp, 'dry');
    const result = tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^would create .*src\/main\.ts$/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('86 created, 0 updated, 0 unchanged, 0 of yours kept (dry run: nothing written)');
    expect(existsSync(out)).toBe(false);
  });

  it('--check passes on a fresh tree, fails on an edited generated file, ignores edited user files', () => {
    const out = path.join(tmp, 'checked');
    expect(tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop']).status).toBe(0);
    expect(tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop', '--check'])).toEqual({ status: 0, stdout: '', stderr: '' });
    writeFileSync(path.join(out, 'src/logic/orders/get.ts'), '// mine\n');
    expect(tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop', '--check']).status).toBe(0);
    writeFileSync(path.join(out, 'src/server.ts'), '// edited by hand\n');
    const drift = tsctl(['gen', 'rpc', shop, '-o', out, '--name', 'shop', '--check']);
    expect(drift).toEqual({ status: 1, stdout: `${path.join(out, 'src/server.ts')}\n`, stderr: '1 generated file out of date: run tsctl gen rpc\n' });
    expect(readFileSync(path.join(out, 'src/server.ts'), 'utf8')).toBe('// edited by hand\n');
  });
});
