/**
 * Loads a service's config file (go-zero's `conf.MustLoad`): read `etc/<name>.yaml` (or the file after
 * `-f`), replace `${VAR}`, parse by extension, apply `<PREFIX>__Key__SubKey` environment overrides, then
 * check it against the schema — the generated base keys plus the user's own — and return it typed.
 * Everything wrong is reported at once in a ConfigError; `loadConfigOrExit` is the one place a service
 * prints it and exits.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.ts';
import { applyEnvOverrides, expandEnv } from './env.ts';
import { isMapping } from './keys.ts';
import { configExtensions, formatOf, parseConfigText } from './parse.ts';
import type { Infer, Schema } from './schema.ts';
import { validate } from './validate.ts';

export interface LoadOptions {
  /** `GREET` reads `GREET__ListenOn` and the like. */
  readonly envPrefix: string;
  /** The environment to read; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The value after `-f` / `--config` / `-f=…` / `--config=…` in `argv`, or `fallback`. */
export function configPathFromArgs(argv: readonly string[], fallback: string): string {
  for (const [i, arg] of argv.entries()) {
    const next = argv[i + 1];
    if ((arg === '-f' || arg === '--config') && next !== undefined) return next;
    const inline = /^(?:-f|--config)=(.+)$/.exec(arg);
    if (inline) return inline[1] as string;
  }
  return fallback;
}

/** Reads, expands, parses, overrides and checks `file`; throws ConfigError listing every problem. */
export function loadConfig<S extends Schema>(file: string, schema: S, options: LoadOptions): Infer<S> {
  const env = options.env ?? process.env;
  const format = formatOf(file);
  if (format === undefined) {
    const accepted = `${configExtensions.slice(0, -1).join(', ')} or ${configExtensions[configExtensions.length - 1]}`;
    throw new ConfigError(file, [`unsupported file type: a config file ends in ${accepted}`]);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found (pass another one with -f FILE)' : `cannot read: ${(error as Error).message}`]);
  }
  const parsed = parseConfigText(expandEnv(text.replace(/^\uFEFF/, ''), env), format);
  if (!parsed.ok) throw new ConfigError(file, [parsed.problem]);
  const config = parsed.value ?? {};
  if (isMapping(config)) applyEnvOverrides(config, schema, options.envPrefix, env);
  return checkConfig(config, schema, file);
}

/**
 * Checks a config that did not come from a file (a test's literal, say) and fills its defaults;
 * throws ConfigError naming `source`.
 */
export function checkConfig<S extends Schema>(config: unknown, schema: S, source = 'config'): Infer<S> {
  const { value, problems } = validate(config, schema);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return value as Infer<S>;
}

/**
 * `loadConfig` for a service's `main`: the file after `-f` in `argv` (else `defaultFile`); on a
 * ConfigError, prints its message to stderr and exits with status 1. Other errors propagate.
 */
export function loadConfigOrExit<S extends Schema>(argv: readonly string[], defaultFile: string, schema: S, options: LoadOptions): Infer<S> {
  try {
    return loadConfig(configPathFromArgs(argv, defaultFile), schema, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(1);
  }
}
