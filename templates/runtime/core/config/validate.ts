/**
 * Checks a parsed config against a schema: fills defaults, converts values that arrive as text (numbers,
 * booleans, durations and comma-separated lists from environment overrides), and collects every problem
 * with its key path (`Etcd.Hosts is required`, `Cache[0].Host is required`) instead of stopping at the
 * first, as a person fixing an etc file wants. The rules are go-zero's (`core/mapping/unmarshaler.go`);
 * where we differ, the function says so.
 */
import { parseDuration } from './duration.ts';
import { findKey, isMapping, matchKeys, setKey } from './keys.ts';
import type { Field, FieldRule, Schema } from './schema.ts';

export interface Validated {
  /** The config in the schema's spelling, defaults filled, unknown keys kept as written. */
  readonly value: Record<string, unknown>;
  /** Every problem found, one line each; empty when the config is valid. */
  readonly problems: readonly string[];
}

/** Checks `input` (a parsed file: a mapping, or null for an empty one) against `schema`. */
export function validate(input: unknown, schema: Schema): Validated {
  const problems: string[] = [];
  if (input !== null && input !== undefined && !isMapping(input)) {
    return { value: {}, problems: [`the top level must be a mapping of keys, got ${describe(input)}`] };
  }
  const value = checkObject(input ?? {}, schema, '', problems, []);
  return { value, problems };
}

const absent = Symbol('absent');

function checkObject(
  input: Readonly<Record<string, unknown>>,
  schema: Schema,
  path: string,
  problems: string[],
  ancestors: readonly Readonly<Record<string, unknown>>[],
): Record<string, unknown> {
  const { given, unknown } = matchKeys(input, schema);
  const scope = [...ancestors, input];
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema)) {
    const where = path === '' ? name : `${path}.${name}`;
    const keys = given.get(name) ?? [];
    if (keys.length > 1) {
      problems.push(`${where} is given more than once, as ${listWords(keys.map((key) => JSON.stringify(key)))}`);
      continue;
    }
    let raw = keys[0] === undefined ? undefined : input[keys[0]];
    if (field.rule.kind === 'object' && field.rule.inherit) raw = inherit(raw, name, ancestors);
    const value = checkField(raw, field, where, problems, scope);
    if (value !== absent) setKey(out, name, value);
  }
  for (const key of unknown) setKey(out, key, input[key]);
  return out;
}

/**
 * go-zero's `inherit` tag: an absent section is taken from the nearest enclosing object that has one,
 * and a present one gets the keys it lacks from there (one level deep, like go-zero's recursive valuer).
 */
function inherit(own: unknown, name: string, ancestors: readonly Readonly<Record<string, unknown>>[]): unknown {
  let value: unknown = own ?? undefined;
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const ancestor = ancestors[i] as Readonly<Record<string, unknown>>;
    const key = findKey(ancestor, name);
    const up = key === undefined ? undefined : (ancestor[key] ?? undefined);
    if (up === undefined) continue;
    if (value === undefined) value = up;
    else if (isMapping(value) && isMapping(up)) {
      const merged: Record<string, unknown> = { ...value };
      for (const [k, v] of Object.entries(up)) if (findKey(merged, k) === undefined) setKey(merged, k, v);
      value = merged;
    } else break;
  }
  return value;
}

/**
 * One value. null counts as absent (unlike go-zero, which rejects it for a required key): `Pass: ${PASS}`
 * with PASS unset parses as null, and should mean "not given".
 */
function checkField(raw: unknown, field: Field, where: string, problems: string[], scope: readonly Readonly<Record<string, unknown>>[]): unknown {
  let value: unknown = raw ?? undefined;
  if (value === undefined) {
    if (field.default !== undefined) value = field.default;
    else if (field.optional) return absent;
    else if (field.rule.kind === 'object' || field.rule.kind === 'map') value = {};
    else {
      problems.push(`${where} is required`);
      return absent;
    }
  }
  const fail = (expected: string): typeof absent => {
    problems.push(`${where} must be ${expected}, got ${describe(value)}`);
    return absent;
  };
  const rule = field.rule;
  switch (rule.kind) {
    case 'string': {
      const text = asText(value);
      return text ?? fail('a string');
    }
    case 'oneOf': {
      const text = asText(value);
      return text !== undefined && rule.values.includes(text) ? text : fail(`one of ${rule.values.join(', ')}`);
    }
    case 'number': {
      const number = asNumber(value);
      const ok =
        number !== undefined &&
        (!rule.integer || Number.isInteger(number)) &&
        (rule.min === undefined || number >= rule.min) &&
        (rule.max === undefined || number <= rule.max);
      return ok ? number : fail(numberWords(rule));
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
      return text === 'true' ? true : text === 'false' ? false : fail('true or false');
    }
    case 'duration': {
      const ms = asNumber(value) ?? (typeof value === 'string' ? parseDuration(value.trim()) : undefined);
      return ms ?? fail('a duration such as 500ms, 1s or 1m30s, or a number of milliseconds');
    }
    case 'list': {
      const items = typeof value === 'string' && isScalar(rule.item.rule) ? splitList(value) : value;
      if (!Array.isArray(items)) return fail('a list');
      const out: unknown[] = [];
      items.forEach((item: unknown, index) => {
        const checked = checkField(item, rule.item, `${where}[${index}]`, problems, []);
        if (checked !== absent) out.push(checked);
      });
      return out;
    }
    case 'object':
      return isMapping(value) ? checkObject(value, rule.fields, where, problems, scope) : fail('a mapping');
    case 'map': {
      if (!isMapping(value)) return fail('a mapping');
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const checked = checkField(item, rule.value, `${where}.${key}`, problems, []);
        if (checked !== absent) setKey(out, key, checked);
      }
      return out;
    }
    case 'any':
      return value;
  }
}

/** A string, or a number or boolean written where text was meant (`Pass: 123456`); go-zero rejects those. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number, or the decimal text of one (environment overrides are text). */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && decimal.test(value.trim())) return Number(value.trim());
  return undefined;
}

function numberWords(rule: Extract<FieldRule, { kind: 'number' }>): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  if (rule.min !== undefined && rule.max !== undefined) return `${kind} between ${rule.min} and ${rule.max}`;
  if (rule.min !== undefined) return `${kind} not less than ${rule.min}`;
  if (rule.max !== undefined) return `${kind} not greater than ${rule.max}`;
  return kind;
}

/** Whether a value of this rule can be written as one piece of text (so a list of them, comma-separated). */
export function isScalar(rule: FieldRule): boolean {
  return rule.kind === 'string' || rule.kind === 'oneOf' || rule.kind === 'number' || rule.kind === 'boolean' || rule.kind === 'duration';
}

/** `a:1, b:2` → `['a:1', 'b:2']`: how a list of scalars is written in an environment variable. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A value as a problem quotes it: strings in quotes, lists and mappings by kind. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (isMapping(value)) return 'a mapping';
  return String(value);
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
