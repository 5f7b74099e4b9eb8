/**
 * Configuration loading for generated services (copied verbatim into `src/runtime/config/`).
 *
 * A service reads `etc/<name>.yaml` (or the file after `-f`), with go-zero's keys, so a go-zero user's
 * etc file keeps working. Before parsing, `${VAR}` and `${VAR:-default}` are replaced from the
 * environment. After parsing, environment variables named `<PREFIX>__Key__SubKey` override single keys
 * (`GREET__ListenOn=0.0.0.0:9000`, `GREET__Etcd__Hosts=a:2379,b:2379`). Then the result is checked
 * against the service's config spec, and every problem is reported at once with its key path.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export type FieldSpec =
  | { readonly type: 'string'; readonly required?: boolean; readonly default?: string; readonly oneOf?: readonly string[] }
  | { readonly type: 'number'; readonly required?: boolean; readonly default?: number; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean'; readonly required?: boolean; readonly default?: boolean }
  | { readonly type: 'strings'; readonly required?: boolean; readonly default?: readonly string[] }
  | { readonly type: 'object'; readonly required?: boolean; readonly fields: ConfigSpec }
  | { readonly type: 'any'; readonly required?: boolean };

export type ConfigSpec = Readonly<Record<string, FieldSpec>>;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The value after `-f` / `--config` / `-f=…` in `argv`, or `fallback`. */
export function configPathFromArgs(argv: readonly string[], fallback: string): string {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if ((arg === '-f' || arg === '--config') && i + 1 < argv.length) return argv[i + 1] as string;
    const m = /^(?:-f|--config)=(.+)$/.exec(arg);
    if (m) return m[1] as string;
  }
  return fallback;
}

/** Replaces `${VAR}` and `${VAR:-default}`; an unset variable without a default becomes ''. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const value = env[name];
    return value !== undefined && value !== '' ? value : (fallback ?? '');
  });
}

function scalar(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return text;
  }
}

/** Applies `<PREFIX>__A__B=value` overrides (a list value may be written comma-separated). */
export function applyEnvOverrides(config: Record<string, unknown>, spec: ConfigSpec, prefix: string, env: NodeJS.ProcessEnv): void {
  const marker = `${prefix}__`;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(marker) || value === undefined) continue;
    const path = name.slice(marker.length).split('__');
    let target = config;
    let fields: ConfigSpec | undefined = spec;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
      const field: FieldSpec | undefined = fields?.[key];
      fields = field?.type === 'object' ? field.fields : undefined;
    }
    const last = path[path.length - 1] as string;
    const field = fields?.[last];
    target[last] = field?.type === 'strings' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : field?.type === 'string' ? value : scalar(value);
  }
}

function check(value: unknown, spec: ConfigSpec, path: string, problems: string[]): Record<string, unknown> {
  const input = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...input };
  for (const [key, field] of Object.entries(spec)) {
    const where = path === '' ? key : `${path}.${key}`;
    let v = input[key];
    if (v === undefined || v === null) {
      if ('default' in field && field.default !== undefined) v = field.default;
      else if (field.type === 'object' && !field.required) {
        delete out[key];
        continue;
      } else if (field.required) {
        problems.push(`${where} is required`);
        continue;
      } else {
        delete out[key];
        continue;
      }
    }
    switch (field.type) {
      case 'string':
        if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
        if (typeof v !== 'string') problems.push(`${where} must be a string`);
        else if (field.oneOf && !field.oneOf.includes(v)) problems.push(`${where} must be one of ${field.oneOf.join(', ')}, got ${JSON.stringify(v)}`);
        break;
      case 'number':
        if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) v = Number(v);
        if (typeof v !== 'number' || Number.isNaN(v)) problems.push(`${where} must be a number`);
        else if ((field.min !== undefined && v < field.min) || (field.max !== undefined && v > field.max)) {
          problems.push(`${where} must be between ${field.min ?? '-∞'} and ${field.max ?? '∞'}, got ${v}`);
        }
        break;
      case 'boolean':
        if (v === 'true' || v === 'false') v = v === 'true';
        if (typeof v !== 'boolean') problems.push(`${where} must be true or false`);
        break;
      case 'strings':
        if (typeof v === 'string') v = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
        if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) problems.push(`${where} must be a list of strings`);
        break;
      case 'object':
        if (typeof v !== 'object' || Array.isArray(v)) problems.push(`${where} must be a mapping`);
        else v = check(v, field.fields, where, problems);
        break;
      case 'any':
        break;
    }
    out[key] = v;
  }
  return out;
}

/** Reads, expands, parses, overrides and checks a config file; throws ConfigError listing every problem. */
export function loadConfigFile<T>(file: string, spec: ConfigSpec, options: { envPrefix: string; env?: NodeJS.ProcessEnv }): T {
  const env = options.env ?? process.env;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found (pass another one with -f FILE)' : `cannot read: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(expandEnv(text, env));
  } catch (error) {
    throw new ConfigError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
  const config = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  applyEnvOverrides(config, spec, options.envPrefix, env);
  const problems: string[] = [];
  const checked = check(config, spec, '', problems);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return checked as T;
}
