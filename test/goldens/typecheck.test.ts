/**
 * Every committed golden tree (`fixtures/**\/golden/`) compiles: one `tsc` program over all of them
 * (fixtures/tsconfig.goldens.json: a generated project's strict settings plus erasableSyntaxOnly), so
 * generated code is proven to type-check, not only through the end-to-end tests that build it.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.js';

const CONFIG = path.join(repoRoot, 'fixtures/tsconfig.goldens.json');
const TSC = path.join(repoRoot, 'node_modules/typescript/bin/tsc');

/** Every `golden` folder below `dir` (not looking inside one), posix, relative to the repository. */
function goldenFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.name === 'golden' ? [path.relative(repoRoot, full).split(path.sep).join('/')] : goldenFolders(full);
    })
    .sort();
}

describe('golden trees type-check', () => {
  it('the goldens tsconfig takes the .ts files of every golden folder', () => {
    const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d: ts.Diagnostic) => expect.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) };
    const parsed = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, host);
    expect(parsed?.errors).toEqual([]);
    const files = (parsed?.fileNames ?? []).map((f) => path.relative(repoRoot, f).split(path.sep).join('/'));
    const folders = goldenFolders(path.join(repoRoot, 'fixtures'));
    expect(folders.filter((folder) => !files.some((f) => f.startsWith(`${folder}/`)))).toEqual([]);
    expect(folders.length).toBeGreaterThanOrEqual(4);
  });

  // A separate tsc process, incremental (.tsctl-cache/goldens.tsbuildinfo): measured as fast as an
  // in-process program when cold (about 3 s), about 1 s when nothing changed.
  it('tsc -p fixtures/tsconfig.goldens.json reports nothing', async () => {
    const result = await promisify(execFile)(process.execPath, [TSC, '-p', CONFIG, '--pretty', 'false'], { cwd: repoRoot }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
    );
    expect(result.stdout.split('\n').filter((line) => line !== '')).toEqual([]);
    expect(result.code).toBe(0);
  });
});
