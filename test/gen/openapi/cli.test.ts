/**
 * `apiOpenApi` and `apiDoc` (src/cli/api-openapi.ts, src/cli/api-doc.ts) in process, with a fake
 * CliContext: stdout by default, `-o` JSON/YAML/Markdown written atomically, diagnostics and nothing
 * written on an error.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { apiDoc } from '../../../src/cli/api-doc.js';
import { apiOpenApi } from '../../../src/cli/api-openapi.js';
import type { CliContext } from '../../../src/cli/context.js';
import { UserError } from '../../../src/diagnostics.js';
import { apiMarkdown } from '../../../src/gen/api-doc/markdown.js';
import { openApiDocument } from '../../../src/gen/openapi/document.js';
import { loadApi } from '../../../src/parse/api/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-openapi-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const RICH = 'fixtures/openapi/rich/rich.api';

function fakeContext(): { ctx: CliContext; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    stdout: { write: async (text) => void (out += text), color: false },
    stderr: { write: async (text) => void (err += text), color: false },
    readStdin: async () => '',
    env: {},
  };
  return { ctx, stdout: () => out, stderr: () => err };
}

function richDocument() {
  const { document } = loadApi(RICH);
  if (!document) throw new Error('rich.api did not load');
  return document;
}

describe('apiOpenApi', () => {
  it('prints 2-space JSON with a final newline to stdout', async () => {
    const { ctx, stdout, stderr } = fakeContext();
    expect(await apiOpenApi(ctx, RICH, {})).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout()).toBe(`${JSON.stringify(openApiDocument(richDocument()), null, 2)}\n`);
  });

  it('writes JSON for -o x.json and YAML for -o x.yaml / x.yml, printing nothing', async () => {
    const want = openApiDocument(richDocument());
    for (const name of ['out.json', 'out.yaml', 'out.yml']) {
      const { ctx, stdout, stderr } = fakeContext();
      const file = path.join(tmp, name);
      expect(await apiOpenApi(ctx, RICH, { output: file })).toBe(0);
      expect(stdout() + stderr()).toBe('');
      const text = readFileSync(file, 'utf8');
      expect(name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)).toEqual(want);
      if (name.endsWith('.json')) expect(text).toBe(`${JSON.stringify(want, null, 2)}\n`);
      else expect(text.startsWith('openapi: 3.1.0\n')).toBe(true);
    }
    // Overwriting an existing file works too, and no temporary file is left behind.
    const { ctx } = fakeContext();
    writeFileSync(path.join(tmp, 'out.json'), 'old');
    expect(await apiOpenApi(ctx, RICH, { output: path.join(tmp, 'out.json') })).toBe(0);
    expect(JSON.parse(readFileSync(path.join(tmp, 'out.json'), 'utf8'))).toEqual(want);
    expect(readdirSync(tmp).filter((f) => f.includes('tsctl-tmp'))).toEqual([]);
  });

  it('refuses an output name that is neither JSON nor YAML (exit 2)', async () => {
    const { ctx } = fakeContext();
    await expect(apiOpenApi(ctx, RICH, { output: path.join(tmp, 'x.txt') })).rejects.toThrow(UserError);
  });

  it('prints diagnostics, writes nothing and exits 1 on an invalid .api', async () => {
    const bad = path.join(tmp, 'bad.api');
    writeFileSync(bad, 'type A {\n\tB Nope `json:"b"`\n}\n');
    const file = path.join(tmp, 'never.json');
    const { ctx, stdout, stderr } = fakeContext();
    expect(await apiOpenApi(ctx, bad, { output: file })).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toContain("error[API0207]: unknown type 'Nope'");
    expect(stderr().endsWith('1 error in 1 file\n')).toBe(true);
    expect(readdirSync(tmp)).not.toContain('never.json');
  });

  it('refuses a non-.api input', async () => {
    const { ctx } = fakeContext();
    await expect(apiOpenApi(ctx, 'x.proto', {})).rejects.toThrow("x.proto: cannot read a '.proto' file; 'tsctl api openapi' reads .api files");
  });

  it('reports an unwritable output as a UserError', async () => {
    const { ctx } = fakeContext();
    await expect(apiOpenApi(ctx, RICH, { output: path.join(tmp, 'no/such/dir/x.json') })).rejects.toThrow(/cannot write .*: no such file/);
  });
});

describe('apiDoc', () => {
  it('prints the Markdown to stdout', async () => {
    const { ctx, stdout, stderr } = fakeContext();
    expect(await apiDoc(ctx, RICH, {})).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout()).toBe(apiMarkdown(richDocument()));
  });

  it('writes -o x.md', async () => {
    const { ctx, stdout } = fakeContext();
    const file = path.join(tmp, 'api.md');
    expect(await apiDoc(ctx, RICH, { output: file })).toBe(0);
    expect(stdout()).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(apiMarkdown(richDocument()));
  });

  it('exits 1 with diagnostics and writes nothing on an invalid .api', async () => {
    const bad = path.join(tmp, 'bad2.api');
    writeFileSync(bad, 'type A {\n\tB Nope `json:"b"`\n}\n');
    const { ctx, stdout, stderr } = fakeContext();
    expect(await apiDoc(ctx, bad, { output: path.join(tmp, 'never.md') })).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('API0207');
    expect(readdirSync(tmp)).not.toContain('never.md');
  });
});
