/**
 * The files every generated project has, whatever its kind: package.json (built as data and
 * serialised with JSON.stringify), tsconfig.json, .gitignore, .dockerignore, Dockerfile and README.md,
 * plus, for a service, `src/user-config.ts` (the user's own config keys), and the vendored runtime.
 * A target renders its own files (routes, server, logic…) and hands them to
 * `finishProject`, which vendors the runtime those files import (runtime/manifest.ts), lists the npm
 * packages everything imports (runtime/dependencies.ts) and adds the shared files from
 * templates/project/. So an HTTP and a gRPC service have one shape and one set of project files.
 */
import type { Plan, PlanEntry } from '../plan.js';
import { comparePaths, ownedFile, sortPlan } from '../plan.js';
import { type RenderEnv, renderTemplate } from '../render.js';
import { DEV_DEPENDENCIES, type Dependency, dependenciesOf, overridesOf } from '../runtime/dependencies.js';
import { PROJECT_RUNTIME_DIR, type RuntimeSource, vendorRuntime } from '../runtime/manifest.js';

/**
 * `http`: a service from an `.api`; `grpc`: a service from a `.proto`; `library`: message types only;
 * `client`: the client-only package of a gRPC service (clients, message types, the client runtime).
 */
export type ProjectKind = 'http' | 'grpc' | 'library' | 'client';

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
  const service = input.kind === 'http' || input.kind === 'grpc';
  const manifest = {
    name: input.name,
    version: '0.1.0',
    ...(input.kind === 'client' ? {} : { private: true }),
    description: input.description,
    type: 'module',
    engines: { node: '>=20.19.0' },
    ...(input.exports.length > 0
      ? {
          exports: Object.fromEntries(input.exports.map((e) => [e.subpath, { types: `./dist/${e.module}.d.ts`, import: `./dist/${e.module}.js` }])),
        }
      : {}),
    // A client package is built when installed (npm runs `prepare` for workspaces and git installs).
    ...(input.kind === 'client' ? { files: ['dist', 'src'] } : {}),
    scripts: {
      build: 'tsc -p tsconfig.json',
      ...(service ? { start: 'npm run build --silent && node dist/main.js', dev: 'tsx watch src/main.ts' } : {}),
      ...(input.kind === 'client' ? { prepare: 'tsc -p tsconfig.json' } : { test: 'npm run build --silent && node --test dist/' }),
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
  const add = (filePath: string, template: string): void => {
    out.push(ownedFile('user', filePath, renderTemplate(env, template, view), { source: input.source }));
  };
  if (input.kind !== 'library') add('src/user-config.ts', 'project/user-config.ts.hbs');
  addPackageFiles(out, input, view, '', 'project/README.md.hbs', env, runtime);
  if (input.kind !== 'library') {
    add('.dockerignore', 'project/dockerignore.hbs');
    add('Dockerfile', 'project/Dockerfile.hbs');
  }
  return sortPlan(out);
}

/**
 * What every package has, added to `out` (whose files are at their paths below `dir`, `''` or
 * `client/`): the runtime its TypeScript files reach, vendored into `<dir>src/runtime/`, and
 * package.json (the packages everything imports), tsconfig.json, .gitignore and the README.
 */
function addPackageFiles(out: PlanEntry[], input: ProjectInput, view: object, dir: string, readme: string, env: RenderEnv, runtime: RuntimeSource): void {
  const options = { source: input.source };
  // Every TypeScript file is in `out` now: what they import decides the runtime and the packages.
  const vendored = vendorRuntime(out, runtime, `${dir}${PROJECT_RUNTIME_DIR}`);
  for (const file of vendored.files) out.push(ownedFile('generated', file.path, file.content, options));
  const add = (filePath: string, body: string): void => {
    out.push(ownedFile('user', `${dir}${filePath}`, body, options));
  };
  add('package.json', packageJson(input, dependenciesOf(vendored.packages), overridesOf(vendored.packages)));
  add('tsconfig.json', renderTemplate(env, 'project/tsconfig.json.hbs', view));
  add('.gitignore', renderTemplate(env, 'project/gitignore.hbs', view));
  add('README.md', renderTemplate(env, readme, view));
}

/** The client-only package of a gRPC service, written to `client/` inside the service's project. */
export interface ClientPackageInput {
  /** Its npm name (`usercenter-rpc-client`): never the service's, so both can be workspaces of one repo. */
  readonly name: string;
  readonly description: string;
  readonly source: string;
  /** The subfolder of the service project it is written to. */
  readonly dir: string;
  /** The facts of its README (templates/project/client-README.md.hbs). */
  readonly readme: object;
}

/**
 * The client package: the given files of the service (`src/client/`, `src/descriptors.ts`,
 * `src/pb/`), at the same paths below `input.dir`, with the runtime they reach (no server code) and
 * their own package.json, tsconfig.json, .gitignore and README.md. An api service depends on it
 * without depending on the server.
 */
export function clientPackage(files: readonly PlanEntry[], input: ClientPackageInput, env: RenderEnv, runtime: RuntimeSource): PlanEntry[] {
  const dir = `${input.dir}/`;
  const out: PlanEntry[] = files.map((file) => ({ ...file, path: `${dir}${file.path}` }));
  const project: ProjectInput = {
    kind: 'client',
    name: input.name,
    description: input.description,
    source: input.source,
    configFile: null,
    port: 0,
    exports: [{ subpath: '.', module: 'client/index' }],
    readme: input.readme,
  };
  const view = { packageName: input.name, description: input.description, ...input.readme };
  addPackageFiles(out, project, view, dir, 'project/client-README.md.hbs', env, runtime);
  return out;
}
