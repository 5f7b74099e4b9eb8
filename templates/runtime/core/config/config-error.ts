/**
 * The one error a service start-up shows as a plain message rather than a stack: a config file that
 * cannot be read or does not fit the schema. It lists every problem, one per line:
 *
 *     etc/greet.yaml: invalid configuration:
 *       - Etcd.Hosts is required
 *       - Port must be an integer between 0 and 65535, got 99999
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[]) {
    super(`${file}: invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}
