/**
 * The npm dependency ranges generated rpc services pin: majors that run on Node 20.19+, 22 and 24
 * (checked against each package's `engines`; see ../../../shared/design/PLATFORM.md). One place, so a
 * bump is one reviewed change, and a test installs exactly these.
 */
export interface Dependency {
  readonly name: string;
  readonly range: string;
}

export const RPC_DEPENDENCIES: readonly Dependency[] = [
  { name: '@grpc/grpc-js', range: '^1.14.3' },
  { name: 'yaml', range: '^2.8.1' },
];

export const RPC_DEV_DEPENDENCIES: readonly Dependency[] = [
  { name: '@types/node', range: '^20.19.0' },
  { name: 'tsx', range: '^4.20.0' },
  { name: 'typescript', range: '~5.9.3' },
];
