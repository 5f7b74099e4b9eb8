/**
 * Every diagnostic code the front ends can emit is documented in docs/diagnostics.md, and every
 * documented code is still emitted somewhere: the code table stays the truth.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../helpers/corpus.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

it('documents exactly the codes the source emits', () => {
  const emitted = new Set<string>();
  for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'((?:API|PROTO)\d{4})'/g)) emitted.add(match[1] as string);
  }
  const doc = readFileSync(path.join(repoRoot, 'docs/diagnostics.md'), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| ((?:API|PROTO)\d{4}) \|/gm)].map((m) => m[1] as string));
  expect([...emitted].sort()).toEqual([...documented].sort());
});
