/**
 * `tsctl api format --check` accepts its own output for every valid corpus `.api` file, and flags the
 * corpus files goctl itself would reformat. The CLI runs as a real process.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { apiRows, corpusPath } from '../helpers/corpus.js';

beforeAll(assertBuilt);

const rows = [...apiRows('valid'), ...apiRows('valid-legacy')];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-format-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('api format --check on its own output', () => {
  it('formats every valid corpus file and then finds nothing left to change', () => {
    expect(rows).toHaveLength(74);
    const copies = rows.map((row, i) => {
      const formatted = tsctl(['api', 'format', corpusPath(row.path)]);
      expect(formatted.stderr).toBe('');
      expect(formatted.status).toBe(0);
      const copy = path.join(tmp, String(i), path.basename(row.path));
      mkdirSync(path.dirname(copy), { recursive: true });
      writeFileSync(copy, formatted.stdout);
      return copy;
    });
    const check = tsctl(['api', 'format', '--check', ...copies]);
    expect(check).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('--write then --check: the rewritten legacy file is canonical and has no legacy warning left', () => {
    const legacy = apiRows('valid-legacy').find((row) => row.path.endsWith('zero-examples/rpc/tls/shorturl/api/shorturl.api'));
    expect(legacy).toBeDefined();
    const copy = path.join(tmp, 'legacy.api');
    writeFileSync(copy, readFileSync(corpusPath(legacy?.path ?? ''), 'utf8'));
    expect(tsctl(['api', 'format', '--check', copy]).status).toBe(1);
    expect(tsctl(['api', 'format', '--write', copy]).status).toBe(0);
    expect(tsctl(['api', 'format', '--check', copy]).status).toBe(0);
    const validate = tsctl(['api', 'validate', copy]);
    expect(validate.status).toBe(0);
    expect(validate.stderr).not.toMatch(/warning\[API09/);
  });
});
