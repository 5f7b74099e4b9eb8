/**
 * Golden diagnostics text: for every `fixtures/diagnostics/<case>.api`, the exact stderr of
 * `tsctl api validate fixtures/diagnostics/<case>.api` (no colour) is `<case>.diagnostics.txt`.
 * The exit code follows: 0 when the text ends with an `ok:` line, else 1.
 *
 * Files under `fixtures/diagnostics/imports/` are only imported by cases.
 * `UPDATE_GOLDENS=1 npm test` rewrites the goldens; review the diff before committing it.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

const FIXTURES = 'fixtures/diagnostics';
const update = process.env.UPDATE_GOLDENS === '1';
const names = readdirSync(path.join(repoRoot, FIXTURES)).sort();
const cases = names.filter((name) => name.endsWith('.api')).map((name) => name.slice(0, -'.api'.length));

beforeAll(assertBuilt);

describe('diagnostics goldens', () => {
  it('has cases, and no golden without its case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    const orphans = names
      .filter((name) => name.endsWith('.diagnostics.txt'))
      .filter((name) => !cases.includes(name.slice(0, -'.diagnostics.txt'.length)));
    expect(orphans).toEqual([]);
  });

  it.each(cases)('%s', (name) => {
    const result = tsctl(['api', 'validate', `${FIXTURES}/${name}.api`]);
    expect(result.stdout).toBe('');
    const golden = path.join(repoRoot, FIXTURES, `${name}.diagnostics.txt`);
    if (update) {
      writeFileSync(golden, result.stderr);
    } else if (!existsSync(golden)) {
      throw new Error(`${FIXTURES}/${name}.diagnostics.txt is missing: run UPDATE_GOLDENS=1 npm test and review it`);
    }
    const expected = readFileSync(golden, 'utf8');
    expect(result.stderr).toBe(expected);
    const ok = /(^|\n)ok: [^\n]*\n$/.test(expected);
    expect(result.status).toBe(ok ? 0 : 1);
  });
});
