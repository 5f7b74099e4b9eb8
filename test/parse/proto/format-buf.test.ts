/**
 * Conformance of the `.proto` formatter with the real `buf format` (the `@bufbuild/buf` dev
 * dependency, 1.75.0): on every `.proto` of the shared corpus and on the messy fixtures under
 * `fixtures/proto/format/`, our output must equal buf's byte for byte, and so must our second pass
 * (buf's own second pass is not always a no-op). Where buf rejects an input, so must we.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProto } from '../../../src/parse/proto/format/index.js';
import { corpusPath, readIndex, repoRoot } from '../../helpers/corpus.js';

const BUF = path.join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'buf.cmd' : 'buf');
const FIXTURE_DIR = path.join(repoRoot, 'fixtures', 'proto', 'format');

type BufResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly stderr: string };

function bufFormat(file: string): BufResult {
  try {
    const text = execFileSync(BUF, ['format', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, text };
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    // A missing or broken binary must fail the suite, never pass as "buf rejects the input".
    if (typeof status !== 'number') throw err;
    return { ok: false, stderr: String((err as { stderr?: unknown }).stderr ?? '') };
  }
}

const scratch = mkdtempSync(path.join(tmpdir(), 'tsctl-proto-format-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** buf formats files, not strings: write `text` to a scratch file first. */
function bufFormatText(name: string, text: string): BufResult {
  const file = path.join(scratch, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.proto`);
  writeFileSync(file, text);
  return bufFormat(file);
}

function expectSameAsBuf(file: string): void {
  const want = bufFormat(file);
  if (!want.ok) throw new Error(`buf rejected ${file}: ${want.stderr}`);
  const got = formatProto(readFileSync(file, 'utf8'));
  expect(got).toEqual({ ok: true, text: want.text });
  if (!got.ok) return;
  const wantTwice = bufFormatText(`twice-${path.basename(file)}`, want.text);
  if (!wantTwice.ok) throw new Error(`buf rejected its own output for ${file}: ${wantTwice.stderr}`);
  expect(formatProto(got.text)).toEqual({ ok: true, text: wantTwice.text });
}

describe('buf is available', () => {
  it('node_modules/.bin/buf runs (installed by npm ci)', () => {
    expect(existsSync(BUF)).toBe(true);
    expect(execFileSync(BUF, ['--version'], { encoding: 'utf8' }).trim()).toBe('1.75.0');
  });
});

const protoRows = readIndex().filter((row) => row.path.endsWith('.proto'));
const validRows = protoRows.filter((row) => row.expected !== 'invalid').map((row) => row.path);
const invalidRows = protoRows.filter((row) => row.expected === 'invalid').map((row) => row.path);

describe('corpus .proto files: formatProto === buf format', () => {
  it('lists .proto files', () => {
    expect(validRows.length).toBeGreaterThan(0);
  });
  it.each(validRows)('%s', (relative) => {
    expectSameAsBuf(corpusPath(relative));
  });
});

describe('corpus .proto files marked invalid: formatProto does not throw', () => {
  it.each(invalidRows)('%s', (relative) => {
    const source = readFileSync(corpusPath(relative), 'utf8');
    expect(() => formatProto(source)).not.toThrow();
  });
});

const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.proto'))
  .sort();

describe('fixtures/proto/format: formatProto === buf format', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });
  it.each(fixtures)('%s', (name) => {
    expectSameAsBuf(path.join(FIXTURE_DIR, name));
  });
});

/** Inputs buf 1.75 refuses to format (it exits non-zero); we must return `ok: false` too. */
const BUF_REJECTS: readonly (readonly [string, string])[] = [
  ['message without a name', 'syntax = "proto3";\nmessage { int32 = ; }\n'],
  ['field at file scope', 'syntax = "proto3";\nfoo bar baz;\n'],
  ['enum without a name', 'syntax = "proto3";\nenum { A = 0; }\n'],
  ['service without a name', 'syntax = "proto3";\nservice { rpc A(B) returns (C); }\n'],
];

describe('inputs buf rejects', () => {
  it.each(BUF_REJECTS)('%s', (name, source) => {
    expect(bufFormatText(`reject-${name}`, source).ok).toBe(false);
    const got = formatProto(source);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.error.line).toBeGreaterThan(0);
    expect(got.error.column).toBeGreaterThan(0);
  });
});
