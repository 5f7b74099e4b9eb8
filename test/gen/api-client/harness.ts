/** Shared by the api-client tests: generate the fixture's client in memory. */
import path from 'node:path';
import { expect } from 'vitest';
import { generateApiClient } from '../../../src/gen/api-client/client.js';
import type { Plan } from '../../../src/gen/plan.js';
import { createRenderEnv } from '../../../src/gen/render.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { repoRoot } from '../../helpers/corpus.js';

export const fixtureDir = path.join(repoRoot, 'fixtures/api-client/everything');

export function generateFixture(): Plan {
  const previous = process.cwd();
  // Paths in the IR are as given: generate from the fixture folder, as a user would run tsctl there.
  process.chdir(fixtureDir);
  try {
    const loaded = loadApi('everything.api');
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.document) throw new Error('everything.api did not load');
    return generateApiClient(loaded.document, createRenderEnv());
  } finally {
    process.chdir(previous);
  }
}
