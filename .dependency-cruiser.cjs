/**
 * The layering of tsctl, enforced (docs/architecture.md#layering). dependency-cruiser reads every
 * import of src/ and templates/runtime/ — type-only imports included — and reports each one that breaks
 * a rule below. Run it with `npm run check:layers`; `npm test` runs it too
 * (test/architecture/layers.test.ts, which also proves that every rule bites).
 *
 *   src/cli ──► src/lint | src/gen ──► src/parse ──► src/ir, src/diagnostics.ts, src/ownership.ts,
 *                                                     src/render-diagnostics.ts   (the bottom)
 *   src/index.ts (the library entry point) may import anything except src/cli.
 *   Inside a layer: a generator target (src/gen/<target>/) never imports another target, the two front
 *   ends (src/parse/api/, src/parse/proto/) never import each other. templates/runtime/core/ never
 *   imports http/ or grpc/, which never import each other; etcd/ (an etcd v3 client) imports only the
 *   protobuf codec. No cycles anywhere.
 *
 * A new top-level module of src/ has to be placed in a layer here (see `src-module-has-a-layer`); a new
 * shared folder of src/gen/ in GEN_SHARED.
 */

/** Top-level modules of src/ below every stage: anything may import them, they import only each other. */
const BOTTOM = '^src/(ir/|(diagnostics|ownership|render-diagnostics)\\.ts$)';
/** Folders of src/gen/ that hold code shared by the targets; every other folder is a target. */
const GEN_SHARED = 'api|runtime|project';
/** Every module of src/ is in one of these. */
const PLACED = ['^src/(cli|lint|gen|parse)/', BOTTOM, '^src/index\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'src-module-has-a-layer',
      severity: 'error',
      comment:
        'Every module of src/ belongs to a layer: src/{cli,lint,gen,parse,ir}/, src/index.ts or one of the bottom modules. ' +
        'Place a new top-level module in .dependency-cruiser.cjs (and docs/architecture.md).',
      from: { path: '^src/', pathNot: PLACED },
      to: {},
    },
    {
      name: 'src-imported-module-has-a-layer',
      severity: 'error',
      comment: 'The same, seen from the importing side: a module of src/ in no layer is imported.',
      from: {},
      to: { path: '^src/', pathNot: PLACED },
    },
    {
      name: 'bottom-imports-only-bottom',
      severity: 'error',
      comment: 'The IR, diagnostics and ownership headers are below every stage: they never import one.',
      from: { path: BOTTOM },
      to: { path: '^src/', pathNot: BOTTOM },
    },
    {
      name: 'parse-not-to-gen-lint-cli',
      severity: 'error',
      comment: 'The front ends know nothing about targets, lint or the CLI.',
      from: { path: '^src/parse/' },
      to: { path: ['^src/(gen|lint|cli)/', '^src/index\\.ts$'] },
    },
    {
      name: 'parse-front-ends-independent',
      severity: 'error',
      comment: 'The .api and .proto front ends never import each other: what both need lives in src/parse/*.ts.',
      from: { path: '^src/parse/([^/]+)/' },
      to: { path: '^src/parse/[^/]+/', pathNot: '^src/parse/$1/' },
    },
    {
      name: 'gen-not-to-lint-cli',
      severity: 'error',
      comment: 'Generators are pure functions IR → Plan; the CLI wires them, lint is a sibling.',
      from: { path: '^src/gen/' },
      to: { path: ['^src/(lint|cli)/', '^src/index\\.ts$'] },
    },
    {
      name: 'lint-not-to-gen-cli',
      severity: 'error',
      comment: 'Lint is a sibling of gen: what both need lives below them (e.g. src/ownership.ts).',
      from: { path: '^src/lint/' },
      to: { path: ['^src/(gen|cli)/', '^src/index\\.ts$'] },
    },
    {
      name: 'only-cli-imports-cli',
      severity: 'error',
      comment: 'The CLI is the top: nothing else imports it, not even the library entry point src/index.ts.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing-imports-the-entry-point',
      severity: 'error',
      comment: 'src/index.ts is the public surface, not a module to import from inside tsctl.',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'gen-target-not-to-other-target',
      severity: 'error',
      comment:
        `A target (src/gen/<target>/) never imports another target: shared generator code lives in src/gen/*.ts ` +
        `or a shared folder (src/gen/{${GEN_SHARED.split('|').join(',')}}/).`,
      from: { path: '^src/gen/([^/]+)/', pathNot: `^src/gen/(${GEN_SHARED})/` },
      to: { path: '^src/gen/[^/]+/', pathNot: `^src/gen/($1|${GEN_SHARED})/` },
    },
    {
      name: 'gen-shared-not-to-target',
      severity: 'error',
      comment: 'Shared generator code (src/gen/*.ts and the shared folders) never imports a target.',
      from: { path: [`^src/gen/[^/]+\\.ts$`, `^src/gen/(${GEN_SHARED})/`] },
      to: { path: '^src/gen/[^/]+/', pathNot: `^src/gen/(${GEN_SHARED})/` },
    },
    {
      name: 'src-not-to-templates',
      severity: 'error',
      comment: 'templates/ is data that generators copy and render, not code tsctl runs.',
      from: { path: '^src/' },
      to: { path: '^templates/' },
    },
    {
      name: 'runtime-core-not-to-transport',
      severity: 'error',
      comment: 'templates/runtime/core/ is what HTTP and gRPC services share: it never imports http/ or grpc/.',
      from: { path: '^templates/runtime/core/' },
      to: { path: '^templates/runtime/(http|grpc)/' },
    },
    {
      name: 'runtime-transports-independent',
      severity: 'error',
      comment: 'templates/runtime/http/ and grpc/ are thin adapters over core/: neither imports the other.',
      from: { path: '^templates/runtime/(http|grpc)/' },
      to: { path: '^templates/runtime/(http|grpc)/', pathNot: '^templates/runtime/$1/' },
    },
    {
      name: 'runtime-etcd-standalone',
      severity: 'error',
      comment: 'templates/runtime/etcd/ is a plain etcd v3 client: it knows the wire codec, not registration, discovery or transports.',
      from: { path: '^templates/runtime/etcd/' },
      to: { path: '^templates/runtime/', pathNot: '^templates/runtime/(etcd|protobuf)/' },
    },
    {
      name: 'runtime-self-contained',
      severity: 'error',
      comment: 'The runtime is copied verbatim into generated services: it imports only itself and npm packages.',
      from: { path: '^templates/runtime/' },
      to: { dependencyTypes: ['local'], pathNot: '^templates/runtime/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included: extract the shared piece or pass a function in.',
      from: { path: '^(src|templates/runtime)/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module of src/ that imports nothing and nothing imports is dead code.',
      from: { orphan: true, path: '^src/', pathNot: '\\.d\\.ts$' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a broken one would also hide its module from the rules above).',
      from: { path: '^(src|templates/runtime)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'src-not-to-dev-dependency',
      severity: 'error',
      comment: 'Users install tsctl without its devDependencies: src/ may import only dependencies.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    // Type-only imports are dependencies too (a type cycle is still a cycle between two modules).
    tsPreCompilationDeps: true,
    // NodeNext resolution: `./x.js` in a .ts file is `./x.ts`.
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Packages such as typescript-eslint have only an `exports` map, no `main`.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
