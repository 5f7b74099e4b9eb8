/**
 * Case-insensitive key matching, as go-zero's `core/conf` does it.
 *
 * go-zero lower-cases every key it knows before filling the struct, so `listenon`, `LISTENON` and
 * `ListenOn` in an etc file all fill `ListenOn`. We do the same when checking a file and when applying
 * `<PREFIX>__Key` environment overrides; the loaded config uses the schema's spelling, and keys the
 * schema does not know are kept exactly as written.
 */
import type { Schema } from './schema.ts';

/** A parsed mapping (YAML/JSON object, TOML table), as opposed to a list, a date or a scalar. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The key as go-zero compares it. */
export function foldKey(key: string): string {
  return key.toLowerCase();
}

/** The key of `mapping` that means `name` (an exact match first, else one that folds to it), or undefined. */
export function findKey(mapping: Readonly<Record<string, unknown>>, name: string): string | undefined {
  if (Object.hasOwn(mapping, name)) return name;
  const folded = foldKey(name);
  return Object.keys(mapping).find((key) => foldKey(key) === folded);
}

/** The schema key that `key` fills, or undefined when the schema does not know it. */
export function schemaKeyOf(schema: Schema, key: string): string | undefined {
  if (Object.hasOwn(schema, key)) return key;
  const folded = foldKey(key);
  return Object.keys(schema).find((name) => foldKey(name) === folded);
}

export interface KeyMatch {
  /** For each schema key given in the input, every input key that fills it, in input order. */
  readonly given: ReadonlyMap<string, readonly string[]>;
  /** Input keys the schema does not know, in input order. */
  readonly unknown: readonly string[];
}

/** Sorts the keys of a parsed mapping into the schema keys they fill and the unknown ones. */
export function matchKeys(input: Readonly<Record<string, unknown>>, schema: Schema): KeyMatch {
  const byFolded = new Map<string, string>();
  for (const name of Object.keys(schema)) if (!byFolded.has(foldKey(name))) byFolded.set(foldKey(name), name);
  const given = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const key of Object.keys(input)) {
    const name = Object.hasOwn(schema, key) ? key : byFolded.get(foldKey(key));
    if (name === undefined) unknown.push(key);
    else given.set(name, [...(given.get(name) ?? []), key]);
  }
  return { given, unknown };
}

/** Sets an own, enumerable key, even one named `__proto__` (a plain assignment would change the prototype). */
export function setKey(mapping: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(mapping, key, { value, enumerable: true, writable: true, configurable: true });
}
