/**
 * The one table of npm packages generated services may use, with the ranges they pin: majors that run
 * on Node 20.19+, 22 and 24 (checked against each package's `engines`; see
 * ../../../../shared/design/PLATFORM.md). A generated `package.json` lists exactly the packages its
 * files import (manifest.ts finds them), at the ranges below, so a bump is one reviewed change here and
 * a test installs exactly these. A file that imports a package missing from this table is a bug that
 * test/gen/runtime/manifest.test.ts catches.
 */

import { UserError } from '../../diagnostics.js';
import { comparePaths } from '../plan.js';

export interface Dependency {
  readonly name: string;
  readonly range: string;
}

/** Packages a generated service may import at run time, by name. */
export const RUNTIME_PACKAGES: Readonly<Record<string, string>> = {
  '@grpc/grpc-js': '^1.14.3',
  fastify: '^5.6.0',
  'smol-toml': '^1.4.0',
  yaml: '^2.8.1',
};

/** What every generated project builds and develops with. */
export const DEV_DEPENDENCIES: readonly Dependency[] = [
  { name: '@types/node', range: '^20.19.0' },
  { name: 'tsx', range: '^4.20.0' },
  { name: 'typescript', range: '~5.9.3' },
];

/**
 * Overrides a project carries when it depends on a package: fastify 5 accepts light-my-request 6.8,
 * whose cookie 2 needs Node 22; 6.6 runs on Node 20 (checked by an engine-strict install in tsctl's
 * tests).
 */
export const OVERRIDES_BY_PACKAGE: Readonly<Record<string, readonly Dependency[]>> = {
  fastify: [{ name: 'light-my-request', range: '~6.6.0' }],
};

/**
 * The table's entries for `names` (sorted, each once). Throws naming any package the table lacks: a
 * UserError, since a `--home` template may import it (for a built-in template it is tsctl's bug, which
 * test/gen/runtime/manifest.test.ts catches first).
 */
export function dependenciesOf(names: Iterable<string>): Dependency[] {
  const unique = [...new Set(names)].sort();
  const missing = unique.filter((name) => !Object.hasOwn(RUNTIME_PACKAGES, name));
  if (missing.length > 0) {
    throw new UserError(
      `generated code imports ${missing.join(', ')}, which tsctl does not pin (src/gen/runtime/dependencies.ts pins ${Object.keys(RUNTIME_PACKAGES).join(', ')})`,
    );
  }
  return unique.map((name) => ({ name, range: RUNTIME_PACKAGES[name] as string }));
}

/** The overrides that the packages `names` need, sorted by name. */
export function overridesOf(names: Iterable<string>): Dependency[] {
  const byName = new Map<string, Dependency>();
  for (const name of names) for (const override of OVERRIDES_BY_PACKAGE[name] ?? []) byName.set(override.name, override);
  return [...byName.values()].sort((a, b) => comparePaths(a.name, b.name));
}
