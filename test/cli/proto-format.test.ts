/**
 * `tsctl proto format` as a process: the same modes as `api format` (they share format-files.ts, whose
 * write rules api-format.test.ts covers in depth), buf's bytes, and a file with a syntax error reported
 * with its position and left alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

beforeAll(assertBuilt);

const MESSY = [
  'syntax="proto3";',
  'option go_package="x/pb";',
  'package user;',
  'import "b.proto";',
  'import "a.proto";',
  'message User{',
  '\tstring id=1 ;    ',
  '',
  '',
  '  repeated string tags = 2 [deprecated=true,json_name="t"];',
  '}',
  'service Users{rpc Get(User)returns(stream User);}',
].join('\n');
const TIDY = [
  'syntax = "proto3";',
  'package user;',
  '',
  'import "a.proto";',
  'import "b.proto";',
  '',
  'option go_package = "x/pb";',
  'message User {',
  '  string id = 1;',
  '',
  '  repeated string tags = 2 [',
  '    deprecated = true,',
  '    json_name = "t"',
  '  ];',
  '}',
  'service Users {',
  '  rpc Get(User) returns (stream User);',
  '}',
  '',
].join('\n');
const BROKEN = 'syntax = "proto3";\nmessage A {\n  string a = 1\n}\n';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tsctl-proto-format-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
const format = (args: readonly string[], input?: string) => tsctl(['proto', 'format', ...args], { cwd: dir, ...(input === undefined ? {} : { input }) });

describe('tsctl proto format', () => {
  it('gives exactly what buf format gives', () => {
    put('user.proto', MESSY);
    const buf = execFileSync(path.join(repoRoot, 'node_modules/.bin/buf'), ['format', 'user.proto'], { cwd: dir, encoding: 'utf8' });
    expect(buf).toBe(TIDY);
    expect(format(['user.proto'])).toEqual({ status: 0, stdout: TIDY, stderr: '' });
    expect(read('user.proto')).toBe(MESSY);
  });

  it("reads standard input for '-' and is idempotent", () => {
    expect(format(['-'], MESSY)).toEqual({ status: 0, stdout: TIDY, stderr: '' });
    expect(format(['-'], TIDY)).toEqual({ status: 0, stdout: TIDY, stderr: '' });
  });

  it('--check lists the files that would change, --write rewrites them', () => {
    put('messy.proto', MESSY);
    put('tidy.proto', TIDY);
    expect(format(['--check', 'messy.proto', 'tidy.proto'])).toEqual({ status: 1, stdout: 'messy.proto\n', stderr: '' });
    expect(format(['--write', 'messy.proto', 'tidy.proto'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(read('messy.proto')).toBe(TIDY);
    expect(format(['--check', 'messy.proto', 'tidy.proto'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readdirSync(dir).sort()).toEqual(['messy.proto', 'tidy.proto']);
  });

  it('reports a syntax error with its position, exits 1 and leaves the file as it was', () => {
    put('broken.proto', BROKEN);
    put('messy.proto', MESSY);
    const result = format(['--write', 'broken.proto', 'messy.proto']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^broken\.proto:[34]:\d+: error\[PROTO0101\]: .+\n(?:.*\n)+\n1 error in 1 file\n$/);
    expect(read('broken.proto')).toBe(BROKEN);
    expect(read('messy.proto')).toBe(TIDY);
  });

  it("keeps this repository's own contracts as buf lays them out", () => {
    const contracts = ['fixtures/proto/messages/common.proto', 'fixtures/proto/messages/shop.proto', 'fixtures/rpc/shop/common/money.proto', 'fixtures/rpc/shop/shop.proto'];
    expect(tsctl(['proto', 'format', '--check', ...contracts])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
