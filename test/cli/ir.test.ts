/**
 * `tsctl ir FILE --json` as a process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/parse/api/index.js';
import type { Document } from '../../src/ir/index.js';
import { corpusPath } from '../helpers/corpus.js';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

beforeAll(assertBuilt);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-ir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tsctl ir --json', () => {
  it('prints the IR of the demo as 2-space JSON with a final newline', () => {
    const result = tsctl(['ir', 'fixtures/api/demo.api', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as { irVersion: number; file: string; files: string[] };
    expect(result.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed.irVersion).toBe(1);
    expect(parsed.file).toBe('fixtures/api/demo.api');
    expect(parsed.files).toEqual(['fixtures/api/demo.api', 'fixtures/api/demo-types.api']);
    // The CLI prints exactly what the programmatic API returns (vitest runs from the repository root).
    expect(process.cwd()).toBe(repoRoot);
    const inProcess = loadApi('fixtures/api/demo.api');
    expect(parsed).toEqual(JSON.parse(JSON.stringify(inProcess.document)));
  });

  it('prints diagnostics and nothing on stdout when the file has errors', () => {
    writeFileSync(path.join(tmp, 'bad.api'), 'type A {\n\tB Nope `json:"b"`\n}\n');
    const result = tsctl(['ir', 'bad.api', '--json'], { cwd: tmp });
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: "bad.api:2:4: error[API0207]: unknown type 'Nope'\n   2 | \tB Nope `json:\"b\"`\n     | \t  ^^^^\n\n1 error in 1 file\n",
    });
  });

  it.each([
    ['notes.txt', "error: notes.txt: cannot read a '.txt' file; 'tsctl ir' reads .api and .proto files\n"],
    ['Makefile', "error: Makefile: cannot read a file without an extension; 'tsctl ir' reads .api and .proto files\n"],
  ])('refuses %s with a clear message and exit 1', (file, stderr) => {
    expect(tsctl(['ir', file, '--json'], { cwd: tmp })).toEqual({ status: 1, stdout: '', stderr });
  });

  it('prints the IR of a .proto file, with -I for imports outside its folder', () => {
    const dir = corpusPath('go-zero/tools/goctl/rpc/example/07-external-proto-same-pkg');
    const result = tsctl(['ir', 'service.proto', '--json', '-I', 'ext_protos'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as Document;
    expect(parsed.origin).toBe('proto');
    expect(parsed.files).toEqual(['service.proto', 'ext_protos/ext.proto']);
    expect(parsed.services.map((s) => s.methods.map((m) => m.grpcPath))).toEqual([['/svc.QueryService/Query']]);
  });

  it('reports a .proto syntax error with file:line:col', () => {
    writeFileSync(path.join(tmp, 'bad.proto'), 'syntax = "proto3";\nmessage A {\n  string a = ;\n}\n');
    const result = tsctl(['ir', 'bad.proto', '--json'], { cwd: tmp });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe("bad.proto:3:14: error[PROTO0101]: illegal id ';'");
  });

  it('reports a missing .api file with exit 1', () => {
    const result = tsctl(['ir', 'missing.api', '--json'], { cwd: tmp });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('missing.api:1:1: error[API0305]: cannot read file: no such file');
  });
});
