/**
 * `gen client` over the corpus: every valid `.api` (current and legacy grammar) that declares a service
 * gets a client, and all of them compile together in one `tsc` run — strict with
 * `noUncheckedIndexedAccess`, then again with `exactOptionalPropertyTypes` and the unused-code checks.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiClient } from '../../../src/gen/api-client/client.js';
import { checkPlan } from '../../../src/gen/plan.js';
import { createRenderEnv } from '../../../src/gen/render.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { apiRows, corpusPath, repoRoot } from '../../helpers/corpus.js';
import { generateFixture } from './harness.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-client-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tsc(project: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: tmp });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const BASE_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2023', 'DOM'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: false,
};

/** How a caller uses the fixture's client: what must compile, and what must not (`@ts-expect-error`). */
const USAGE = `import { ApiError, createClient, type Client } from './client.js';
import type { User } from './types.js';

export async function use(client: Client): Promise<string> {
  const pong: boolean = (await client.ping()).ok;
  const none: void = await client.reset({ timeoutMs: 10 });
  const users: User[] = await client.search({ term: 'x' }, { signal: AbortSignal.timeout(5) });
  const page = await client.user.listUsers({ status: 'active', tag: ['a'] });
  const user = await client.user.updateUser({ id: '1', version: 2, 'X-Client-Token': 't', name: 'n' });
  const city: string = user.address.city;
  // @ts-expect-error a required path field
  await client.user.getUser({});
  // @ts-expect-error not one of options=active|banned
  await client.user.listUsers({ status: 'gone' });
  // @ts-expect-error a typo in a field name
  await client.user.listUsers({ pages: 1 });
  const email: string | undefined = user.email;
  await client.getFile({ name: 'x' });
  await client.tag({ id: 'q', 'body:id': 1 });
  void none;
  try {
    await client.adminAudit.ping();
  } catch (error) {
    if (error instanceof ApiError) return \`\${error.status} \${error.method} \${error.url} \${String(error.body)}\`;
  }
  return [pong, users.length, page.total, city, email].join();
}

export const client: Client = createClient({ baseUrl: 'http://localhost', token: async () => 't', fetch: globalThis.fetch });
`;

describe('gen client over the corpus', () => {
  const rows = [...apiRows('valid'), ...apiRows('valid-legacy')];
  const env = createRenderEnv();
  const cases: string[] = [];

  it('generates a client for every valid .api that declares a service', () => {
    expect(rows.length).toBe(57 + 17);
    rows.forEach((row, index) => {
      const loaded = loadApi(corpusPath(row.path));
      if (!loaded.document) throw new Error(`${row.path} did not load`);
      if (loaded.document.services.length === 0) return;
      const plan = generateApiClient(loaded.document, env);
      checkPlan(plan);
      expect(plan.map((entry) => entry.path)).toEqual(['client.ts', 'types.ts']);
      const dir = path.join(tmp, 'cases', String(index).padStart(3, '0'));
      mkdirSync(dir, { recursive: true });
      for (const entry of plan) writeFileSync(path.join(dir, entry.path), entry.content);
      cases.push(row.path);
    });
    const fixture = path.join(tmp, 'cases', 'everything');
    mkdirSync(fixture, { recursive: true });
    for (const entry of generateFixture()) writeFileSync(path.join(fixture, entry.path), entry.content);
    writeFileSync(path.join(fixture, 'usage.ts'), USAGE);
    // 43 current-grammar and 16 legacy files declare a service; the rest only hold types for imports.
    expect(cases.length).toBe(59);
  });

  it('compiles every generated client in one tsc run, also under exactOptionalPropertyTypes', async () => {
    writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(tmp, 'tsconfig.json'), JSON.stringify({ compilerOptions: BASE_OPTIONS, include: ['cases/**/*.ts'] }, null, 2));
    writeFileSync(
      path.join(tmp, 'tsconfig.exact.json'),
      JSON.stringify({
        compilerOptions: {
          ...BASE_OPTIONS,
          exactOptionalPropertyTypes: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noImplicitReturns: true,
          noImplicitOverride: true,
          noPropertyAccessFromIndexSignature: true,
          verbatimModuleSyntax: true,
        },
        include: ['cases/**/*.ts'],
      }, null, 2),
    );
    const [plain, exact] = await Promise.all([tsc('tsconfig.json'), tsc('tsconfig.exact.json')]);
    expect(plain.output).toBe('');
    expect(plain.status).toBe(0);
    expect(exact.output).toBe('');
    expect(exact.status).toBe(0);
  }, 120_000);
});
