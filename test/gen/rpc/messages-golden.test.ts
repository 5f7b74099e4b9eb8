/**
 * The generated message files of the rich fixture, pinned byte-for-byte under
 * fixtures/proto/golden/messages/ (`UPDATE_GOLDENS=1 npx vitest run test/gen/rpc/messages-golden.test.ts`
 * rewrites them). messages-interop.test.ts proves the same output compiles and interoperates.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMessageFiles } from '../../../src/gen/rpc/messages.js';
import { repoRoot } from '../../helpers/corpus.js';
import { loadDocument } from './messages-harness.js';

const entry = path.join(repoRoot, 'fixtures/proto/messages/shop.proto');
const goldenDir = path.join(repoRoot, 'fixtures/proto/golden/messages');

function listFiles(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

describe('golden: fixtures/proto/messages/shop.proto', () => {
  const { files } = generateMessageFiles(loadDocument(entry));

  if (process.env.UPDATE_GOLDENS === '1') {
    rmSync(goldenDir, { recursive: true, force: true });
    for (const file of files) {
      mkdirSync(path.dirname(path.join(goldenDir, file.path)), { recursive: true });
      writeFileSync(path.join(goldenDir, file.path), file.content);
    }
  }

  it('generates exactly the golden files', () => {
    expect(files.map((f) => f.path)).toEqual(listFiles(goldenDir));
  });

  it.each(files.map((f) => [f.path, f.content] as const))('%s matches its golden', (file, content) => {
    expect(content).toBe(readFileSync(path.join(goldenDir, file), 'utf8'));
  });

  it('is deterministic: a second run gives the same bytes', () => {
    expect(generateMessageFiles(loadDocument(entry)).files).toEqual(files);
  });
});
