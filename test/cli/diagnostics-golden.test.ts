/**
 * Golden diagnostics text: for every `fixtures/diagnostics/<case>.api`, the exact stderr of
 * `tsctl api validate fixtures/diagnostics/<case>.api` (no colour) is `<case>.diagnostics.txt`.
 * The exit code follows: 0 when the text ends with an `ok:` line, else 1.
 *
 * Files under `fixtures/diagnostics/imports/` are only imported by cases.
 * `npm run test:update-goldens` rewrites the goldens (and deletes those without a case); review the diff
 * before committing it.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { updatingGoldens } from '../helpers/golden-tree.js';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

const FIXTURES = 'fixtures/diagnostics';
const names = readdirSync(path.join(repoRoot, FIXTURES)).sort();
const cases = names.filter((name) => name.endsWith('.api')).map((name) => name.slice(0, -'.api'.length));

beforeAll(assertBuilt);

describe('diagnostics goldens', () => {
  it('has cases, and no golden without its case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    const orphans = names
      .filter((name) => name.endsWith('.diagnostics.txt'))
      .filter((name) => !cases.includes(name.slice(0, -'.diagnostics.txt'.length)));
    if (updatingGoldens()) for (const name of orphans) rmSync(path.join(repoRoot, FIXTURES, name));
    else expect(orphans).toEqual([]);
  });

  it.each(cases)('%s', async (name) => {
    const result = tsctl(['api', 'validate', `${FIXTURES}/${name}.api`]);
    expect(result.stdout).toBe('');
    const golden = path.join(repoRoot, FIXTURES, `${name}.diagnostics.txt`);
    // Without -u, vitest would write a missing golden (update mode 'new'): goldens only change under -u.
    if (!updatingGoldens() && !existsSync(golden)) expect.fail(`${FIXTURES}/${name}.diagnostics.txt is missing: run \`npm run test:update-goldens\` and review it`);
    await expect(result.stderr).toMatchFileSnapshot(golden);
    const ok = /(^|\n)ok: [^\n]*\n$/.test(result.stderr);
    expect(result.status).toBe(ok ? 0 : 1);
  });
});
