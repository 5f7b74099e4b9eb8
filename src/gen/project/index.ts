/**
 * The files every generated project has, whatever its kind: package.json (built as data and
 * serialised with JSON.stringify), tsconfig.json, .gitignore, .dockerignore, Dockerfile and README.md,
 * plus, for a service, `src/user-config.ts` (the user's own config keys), and the vendored runtime.
 * A target renders its own files (routes, server, logic…) and hands them to
 * `finishProject`, which vendors the runtime those files import (runtime/manifest.ts), lists the npm
 * packages everything imports (runtime/dependencies.ts) and adds the shared files from
 * templates/project/. So an HTTP and a gRPC service have one shape and one set of project files.
 */
import type { Owner, Plan, PlanEntry } from '../plan.js';
import { comparePaths, ownedFile, sortPlan } from '../plan.js';
import { type RenderEnv, renderTemplate } from '../render.js';
import { DEV_DEPENDENCIES, type Dependency, dependenciesOf, overridesOf } from '../runtime/dependencies.js';
import { type RuntimeSource, vendorRuntime } from '../runtime/manifest.js';

/** `http`: a service from an `.api`; `grpc`: a service from a `.proto`; `library`: message types only. */
export type ProjectKind = 'http' | 'grpc' | 'library';

/** A subpath the package exports (`./client` → `dist/client/index.js`). */
export interface PackageExport {
  readonly subpath: string;
  /** The module below src/ without extension (`client/index`). */
  readonly module: string;
}

export interface ProjectInput {
  readonly kind: ProjectKind;
  /** The npm package name (kebab-case). */
  readonly name: string;
  readonly description: string;
  /** The contract file the headers name (`shop.proto`). */
  readonly source: string;
  /** The scaffolded config file (`etc/shop.yaml`); null for a library. */
  readonly configFile: string | null;
  readonly port: number;
  readonly exports: readonly PackageExport[];
  /** The facts of the README's target-specific sections (templates/project/README.md.hbs). */
  readonly readme: object;
}

/** package.json as data: keys in npm's usual order, every map sorted by name. */
export function packageJson(input: ProjectInput, dependencies: readonly Dependency[], overrides: readonly Dependency[]): string {
  const service = input.kind !== 'library';
  const manifest = {
    name: input.name,
    version: '0.1.0',
    private: true,
    description: input.description,
    type: 'module',
    engines: { node: '>=20.19.0' },
    ...(input.exports.length > 0
      ? {
          exports: Object.fromEntries(input.exports.map((e) => [e.subpath, { types: `./dist/${e.module}.d.ts`, import: `./dist/${e.module}.js` }])),
        }
      : {}),
    scripts: {
      build: 'tsc -p tsconfig.json',
      ...(service ? { start: 'npm run build --silent && node dist/main.js', dev: 'tsx watch src/main.ts' } : {}),
      test: 'npm run build --silent && node --test dist/',
    },
    dependencies: record(dependencies),
    devDependencies: record(DEV_DEPENDENCIES),
    ...(overrides.length > 0 ? { overrides: record(overrides) } : {}),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function record(list: readonly Dependency[]): Record<string, string> {
  return Object.fromEntries([...list].sort((a, b) => comparePaths(a.name, b.name)).map((d) => [d.name, d.range]));
}

/**
 * The whole plan of a project: the target's `files`, the runtime they reach, and the shared project
 * files. Pure: the same input gives the same bytes.
 */
export function finishProject(files: readonly PlanEntry[], input: ProjectInput, env: RenderEnv, runtime: RuntimeSource): Plan {
  const out: PlanEntry[] = [...files];
  const options = { source: input.source };
  const add = (filePath: string, body: string, owner: Owner): void => {
    out.push(ownedFile(owner, filePath, body, options));
  };
  const view = {
    packageName: input.name,
    description: input.description,
    configFile: input.configFile,
    port: input.port,
    isHttp: input.kind === 'http',
    isGrpc: input.kind === 'grpc',
    isService: input.kind !== 'library',
    ...input.readme,
  };
  if (input.kind !== 'library') add('src/user-config.ts', renderTemplate(env, 'project/user-config.ts.hbs', view), 'user');
  // Every TypeScript file is in `out` now: what they import decides the runtime and the packages.
  const vendored = vendorRuntime(out, runtime);
  for (const file of vendored.files) add(file.path, file.content, 'generated');
  add('package.json', packageJson(input, dependenciesOf(vendored.packages), overridesOf(vendored.packages)), 'user');
  add('tsconfig.json', renderTemplate(env, 'project/tsconfig.json.hbs', view), 'user');
  add('.gitignore', renderTemplate(env, 'project/gitignore.hbs', view), 'user');
  add('README.md', renderTemplate(env, 'project/README.md.hbs', view), 'user');
  if (input.kind !== 'library') {
    add('.dockerignore', renderTemplate(env, 'project/dockerignore.hbs', view), 'user');
    add('Dockerfile', renderTemplate(env, 'project/Dockerfile.hbs', view), 'user');
  }
  return sortPlan(out);
}
