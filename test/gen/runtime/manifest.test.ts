/**
 * The runtime manifest (src/gen/runtime/): which runtime files a generated service vendors and which
 * npm packages it needs are computed from imports. These tests pin the import scanner, prove that every
 * package the runtime or a template imports is pinned in the dependency table, that every runtime file
 * is reached by some kind of project (no dead runtime), and that each kind vendors only what it uses.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiProject } from '../../../src/gen/api-server/project.js';
import type { Plan } from '../../../src/gen/plan.js';
import { createRenderEnv } from '../../../src/gen/render.js';
import { generateRpcProject } from '../../../src/gen/rpc/project.js';
import { RUNTIME_PACKAGES, dependenciesOf, overridesOf } from '../../../src/gen/runtime/dependencies.js';
import { importSpecifiers, packageName, vendorRuntime } from '../../../src/gen/runtime/manifest.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { loadProto } from '../../../src/parse/proto/index.js';
import { repoRoot } from '../../helpers/corpus.js';
import { inDirectory } from '../../helpers/golden-tree.js';

const runtimeDir = path.join(repoRoot, 'templates/runtime');
const runtime = (relative: string): string => readFileSync(path.join(runtimeDir, relative), 'utf8');
const tmp = mkdtempSync(path.join(tmpdir(), 'tsctl-manifest-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every .ts file below templates/runtime/, posix, relative, sorted. */
function runtimeFiles(dir = runtimeDir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...runtimeFiles(full));
    else if (name.endsWith('.ts')) out.push(path.relative(runtimeDir, full).split(path.sep).join('/'));
  }
  return out;
}

function apiProject(): Plan {
  return inDirectory(path.join(repoRoot, 'fixtures/api'), () => {
    const loaded = loadApi('demo.api');
    if (!loaded.document) throw new Error('demo.api did not load');
    return generateApiProject(loaded.document, {}, createRenderEnv(), runtime);
  });
}

function rpcProject(): Plan {
  return inDirectory(path.join(repoRoot, 'fixtures/rpc/shop'), () => {
    const loaded = loadProto('shop.proto');
    if (!loaded.document) throw new Error('shop.proto did not load');
    return generateRpcProject(loaded.document, { name: 'shop' }, createRenderEnv(), runtime);
  });
}

function libraryProject(): Plan {
  const file = path.join(tmp, 'types.proto');
  writeFileSync(file, 'syntax = "proto3";\npackage types.v1;\nmessage Money {\n  int64 cents = 1;\n  string currency = 2;\n}\n');
  const loaded = loadProto(file);
  if (!loaded.document) throw new Error('types.proto did not load');
  return generateRpcProject(loaded.document, { name: 'types' }, createRenderEnv(), runtime);
}

const vendoredOf = (plan: Plan): string[] => plan.filter((e) => e.path.startsWith('src/runtime/')).map((e) => e.path.slice('src/runtime/'.length));
const packageJsonOf = (plan: Plan): Record<string, Record<string, string>> => JSON.parse(plan.find((e) => e.path === 'package.json')?.content ?? '{}');

describe('importSpecifiers', () => {
  it.each([
    ['a named import', "import { a } from './a.js';", ['./a.js']],
    ['a .ts specifier', "import { a } from './a.ts';\nimport type { B } from '../b.ts';", ['./a.ts', '../b.ts']],
    ['a type-only import', "import type { A } from '../a.js';", ['../a.js']],
    ['a default and namespace import', "import x from 'x';\nimport * as grpc from '@grpc/grpc-js';", ['x', '@grpc/grpc-js']],
    ['an import over several lines', "import {\n  a,\n  type B,\n} from './ab.js';", ['./ab.js']],
    ['a re-export', "export { a, type B } from './a.js';\nexport * from \"./all.js\";", ['./a.js', './all.js']],
    ['a side-effect import', "import './polyfill.js';", ['./polyfill.js']],
    ['a dynamic import of a literal', "const m = await import('smol-toml');", ['smol-toml']],
    ['imports inside comments are not imports', "// import { a } from './a.js';\n/* import b from 'b'; */\n/**\n * import { c } from 'c';\n */", []],
    ['a string that looks like a comment', "const url = 'http://x//y';\nimport { a } from './a.js';", ['./a.js']],
    ['an identifier ending in import or from', "const myimport = 1; const datafrom = 'x';", []],
  ])('%s', (_, source, want) => {
    expect(importSpecifiers(source)).toEqual(want);
  });
});

describe('packageName', () => {
  it.each([
    ['fastify', 'fastify'],
    ['@grpc/grpc-js', '@grpc/grpc-js'],
    ['@grpc/grpc-js/build/src/x', '@grpc/grpc-js'],
    ['yaml/util', 'yaml'],
    ['node:fs', undefined],
    ['fs', undefined],
    ['node:test', undefined],
  ])('%s → %s', (specifier, want) => {
    expect(packageName(specifier)).toBe(want);
  });
});

describe('following imports into the runtime', () => {
  /** A runtime of three files that chain a → b → c, spelling their imports `.ts` and `.js`. */
  const chain: Record<string, string> = {
    'core/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
    'core/b.ts': "import { c } from './c.js';\nexport const b = c;\n",
    'core/c.ts': "import pad from 'left-pad';\nexport const c = pad;\n",
  };
  const source = (relative: string): string => {
    const content = chain[relative];
    if (content === undefined) throw new Error(`no ${relative}`);
    return content;
  };
  const vendoredFrom = (specifier: string) => vendorRuntime([{ path: 'src/main.ts', content: `import { a } from '${specifier}';\n` }], source);
  const closure = {
    files: ['a', 'b', 'c'].map((n) => ({ path: `src/runtime/core/${n}.ts`, content: chain[`core/${n}.ts`] })),
    packages: ['left-pad'],
  };

  it.each([
    ['a .ts specifier (what tsctl generates: Node runs the sources as they are)', './runtime/core/a.ts'],
    ['a .js specifier (an older project or a --home template; tsc resolves it to the same file)', './runtime/core/a.js'],
  ])('%s', (_, specifier) => {
    expect(vendoredFrom(specifier)).toEqual(closure);
  });

  it('names a missing runtime file whichever extension imports it', () => {
    expect(() => vendoredFrom('./runtime/core/missing.ts')).toThrow('runtime file core/missing.ts is imported but cannot be read: no core/missing.ts');
    expect(() => vendoredFrom('./runtime/core/missing.js')).toThrow('runtime file core/missing.ts is imported but cannot be read: no core/missing.ts');
  });
});

describe('the dependency table', () => {
  it('pins every package that any runtime file imports', () => {
    const packages = runtimeFiles().flatMap((file) => vendorRuntime([{ path: `src/runtime/${file}`, content: runtime(file) }], runtime).packages);
    expect(() => dependenciesOf(packages)).not.toThrow();
  });

  it('fails naming a package that a runtime file imports but the table does not pin', () => {
    const planted = (relative: string): string => (relative === 'core/x.ts' ? "import pad from 'left-pad';\nexport const x = pad;\n" : runtime(relative));
    const vendored = vendorRuntime([{ path: 'src/main.ts', content: "import { x } from './runtime/core/x.js';\n" }], planted);
    expect(vendored.packages).toEqual(['left-pad']);
    expect(() => dependenciesOf(vendored.packages)).toThrow(
      'generated code imports left-pad, which tsctl does not pin (src/gen/runtime/dependencies.ts pins @grpc/grpc-js, fastify, smol-toml, yaml)',
    );
  });

  it('fails when generated code imports a runtime file that does not exist', () => {
    expect(() => vendorRuntime([{ path: 'src/main.ts', content: "import { x } from './runtime/core/missing.js';\n" }], runtime)).toThrow(
      /runtime file core\/missing\.ts is imported but cannot be read/,
    );
  });

  it('pins only packages that run on Node 20 (ranges are caret or tilde ranges of a major)', () => {
    for (const [name, range] of Object.entries(RUNTIME_PACKAGES)) expect([name, range]).toEqual([name, expect.stringMatching(/^[\^~]\d+\.\d+\.\d+$/)]);
    expect(overridesOf(['fastify'])).toEqual([{ name: 'light-my-request', range: '~6.6.0' }]);
    expect(overridesOf(['@grpc/grpc-js'])).toEqual([]);
  });
});

describe('what each kind of project vendors', () => {
  const api = apiProject();
  const rpc = rpcProject();
  const library = libraryProject();

  it('every runtime file is vendored by some kind of project: no dead runtime code', () => {
    const reached = new Set([...vendoredOf(api), ...vendoredOf(rpc), ...vendoredOf(library)]);
    expect(runtimeFiles().filter((file) => !reached.has(file))).toEqual([]);
  });

  it('every vendored file is reached from the project’s own imports (the closure, nothing more)', () => {
    for (const plan of [api, rpc, library]) {
      const own = plan.filter((e) => !e.path.startsWith('src/runtime/'));
      expect(vendorRuntime(own, runtime).files.map((f) => f.path)).toEqual(plan.filter((e) => e.path.startsWith('src/runtime/')).map((e) => e.path));
    }
  });

  it('an HTTP service vendors no gRPC transport code: gRPC only as the etcd client of its registration', () => {
    expect(vendoredOf(api).filter((f) => f.startsWith('grpc/'))).toEqual([]);
    expect(vendoredOf(api)).toEqual(expect.arrayContaining(['core/lifecycle.ts', 'http/server.ts', 'core/discovery/registration.ts', 'etcd/client.ts']));
    const pkg = packageJsonOf(api);
    expect(Object.keys(pkg.dependencies ?? {})).toContain('fastify');
    // The etcd client speaks gRPC; main.ts imports it only when the config has Etcd.
    expect(Object.keys(pkg.dependencies ?? {})).toContain('@grpc/grpc-js');
    expect(pkg.overrides).toEqual({ 'light-my-request': '~6.6.0' });
  });

  it("a gRPC service's client package vendors the client runtime and discovery, no server, config or registration", () => {
    const client = rpc.filter((e) => e.path.startsWith('client/'));
    const vendored = client.filter((e) => e.path.startsWith('client/src/runtime/')).map((e) => e.path.slice('client/src/runtime/'.length));
    expect(vendored).toEqual(expect.arrayContaining(['grpc/client.ts', 'grpc/channels.ts', 'core/discovery/subscriber.ts', 'core/discovery/p2c.ts', 'etcd/client.ts', 'protobuf/wire.ts']));
    expect(vendored.filter((f) => /^(grpc\/(server|serve)\.ts|core\/config\/|core\/discovery\/registration\.ts|core\/lifecycle\.ts|http\/)/.test(f))).toEqual([]);
    const pkg = JSON.parse(client.find((e) => e.path === 'client/package.json')?.content ?? '{}') as { name?: string; dependencies?: Record<string, string> };
    expect(pkg.name).toMatch(/-rpc-client$/);
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@grpc/grpc-js']);
  });

  it('a gRPC service vendors no HTTP code, and depends on @grpc/grpc-js, not fastify', () => {
    expect(vendoredOf(rpc).filter((f) => f.startsWith('http/'))).toEqual([]);
    expect(vendoredOf(rpc)).toEqual(expect.arrayContaining(['core/lifecycle.ts', 'grpc/server.ts', 'protobuf/wire.ts']));
    const pkg = packageJsonOf(rpc);
    expect(Object.keys(pkg.dependencies ?? {})).toContain('@grpc/grpc-js');
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('fastify');
    expect(pkg.overrides).toBeUndefined();
  });

  it('a contract without services vendors only the protobuf codec and has no dependencies', () => {
    expect(vendoredOf(library)).toEqual(['protobuf/wire.ts']);
    expect(packageJsonOf(library).dependencies).toEqual({});
    expect(library.map((e) => e.path).filter((p) => !p.startsWith('src/'))).toEqual(['.gitignore', 'README.md', 'package.json', 'tsconfig.json']);
  });
});
