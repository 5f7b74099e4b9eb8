/**
 * The environment's two ways into a config file (tsctl's, go-zero has only the first, behind
 * `conf.UseEnv()`):
 * - before parsing, `${VAR}` and `${VAR:-default}` in the file's text are replaced from the environment;
 * - after parsing, a variable `<PREFIX>__Key__SubKey=value` overrides one key (`GREET__ListenOn=0.0.0.0:9000`,
 *   `GREET__Etcd__Hosts=a:2379,b:2379`, `GREET__Cache__0__Pass=secret`). Keys match case-insensitively,
 *   like the file's. A value for a scalar key (or a list of scalars) stays text for `validate.ts` to
 *   convert; any other value is read as YAML (`GREET__Etcd={Hosts: [a:2379], Key: greet.rpc}`).
 */
import { parse as parseYaml } from 'yaml';
import { findKey, isMapping, schemaKeyOf, setKey } from './keys.ts';
import type { Field, Schema } from './schema.ts';
import { isScalar } from './validate.ts';

/** Replaces `${VAR}` and `${VAR:-default}`; an unset or empty variable without a default becomes ''. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const value = env[name];
    return value !== undefined && value !== '' ? value : (fallback ?? '');
  });
}

/** Applies every `<prefix>__…` variable of `env` to `config` in place, in name order. */
export function applyEnvOverrides(config: Record<string, unknown>, schema: Schema, prefix: string, env: NodeJS.ProcessEnv): void {
  const marker = `${prefix}__`;
  const root: Field = { rule: { kind: 'object', fields: schema, inherit: false }, optional: false, default: undefined, doc: undefined };
  const names = Object.keys(env)
    .filter((name) => name.startsWith(marker))
    .sort();
  for (const name of names) {
    const value = env[name];
    const path = name.slice(marker.length).split('__');
    if (value === undefined || path.includes('')) continue;
    override(config, root, path, value);
  }
}

function override(config: Record<string, unknown>, root: Field, path: readonly string[], value: string): void {
  let container: Record<string, unknown> | unknown[] = config;
  let field: Field | undefined = root;
  for (const [i, segment] of path.entries()) {
    const child = childField(field, segment);
    const key = Array.isArray(container) ? Number(segment) : keyIn(container, field, segment);
    if (i === path.length - 1) {
      put(container, key, textValue(value, child));
      return;
    }
    let next = Array.isArray(container) ? container[key as number] : container[key];
    const following = path[i + 1] as string;
    if (!(Array.isArray(next) && isIndex(following, next.length)) && !isMapping(next)) {
      next = {};
      put(container, key, next);
    }
    container = next as Record<string, unknown> | unknown[];
    field = child;
  }
}

/** The key of `mapping` a path segment names: an existing key that matches, else the schema's spelling. */
function keyIn(mapping: Record<string, unknown>, field: Field | undefined, segment: string): string {
  const known = field?.rule.kind === 'object' ? schemaKeyOf(field.rule.fields, segment) : undefined;
  return findKey(mapping, segment) ?? known ?? segment;
}

function childField(field: Field | undefined, segment: string): Field | undefined {
  switch (field?.rule.kind) {
    case 'object': {
      const fields = field.rule.fields;
      const key = schemaKeyOf(fields, segment);
      return key === undefined ? undefined : fields[key];
    }
    case 'map':
      return field.rule.value;
    case 'list':
      return field.rule.item;
    default:
      return undefined;
  }
}

function isIndex(segment: string, length: number): boolean {
  return /^\d+$/.test(segment) && Number(segment) < length;
}

function put(container: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  if (Array.isArray(container)) container[key as number] = value;
  else setKey(container, String(key), value);
}

function textValue(text: string, field: Field | undefined): unknown {
  const rule = field?.rule;
  if (rule !== undefined && (isScalar(rule) || (rule.kind === 'list' && isScalar(rule.item.rule)))) return text;
  try {
    return parseYaml(text) as unknown;
  } catch {
    return text;
  }
}
