/**
 * Go struct tags as `.api` files use them: `json:"name,optional" form:"q,default=1,range=[1:10]"`.
 */
import type { NumericRange, TagValue } from '../../ir/index.js';

export interface ParsedTag {
  readonly keys: Record<string, TagValue>;
  /** Key order as written. */
  readonly order: string[];
  /** Why the tag is not well-formed Go tag syntax, when it is not. */
  readonly problem?: string;
}

/** Splits a tag value on ',' except inside `[...]` or `(...)` (so `options=[a,b]` stays whole). */
function splitOptions(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '[' || ch === '(') depth += 1;
    if ((ch === ']' || ch === ')') && depth > 0) depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** Parses the text between the backticks. Malformed parts are reported in `problem`, never thrown. */
export function parseTag(raw: string): ParsedTag {
  const keys: Record<string, TagValue> = {};
  const order: string[] = [];
  let problem: string | undefined;
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && raw[i] === ' ') i += 1;
    if (i >= raw.length) break;
    const keyStart = i;
    while (i < raw.length && raw[i] !== ':' && raw[i] !== ' ' && raw[i] !== '"') i += 1;
    const key = raw.slice(keyStart, i);
    if (key === '' || raw[i] !== ':' || raw[i + 1] !== '"') {
      problem = `malformed struct tag near ${JSON.stringify(raw.slice(keyStart, keyStart + 20))}: expected key:"value"`;
      break;
    }
    i += 2;
    let value = '';
    while (i < raw.length && raw[i] !== '"') {
      if (raw[i] === '\\' && i + 1 < raw.length) i += 1;
      value += raw[i];
      i += 1;
    }
    if (i >= raw.length) {
      problem = `malformed struct tag: unterminated value for key '${key}'`;
      break;
    }
    i += 1;
    const [name = '', ...options] = splitOptions(value);
    if (!(key in keys)) order.push(key);
    keys[key] = { name: name.trim(), options: options.map((o) => o.trim()).filter((o) => o !== '') };
  }
  return problem === undefined ? { keys, order } : { keys, order, problem };
}

/** `options=a|b|c` or `options=[a,b,c]` → the values. */
export function parseOptionList(value: string): string[] {
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner
    .split(inner.includes('|') || !value.startsWith('[') ? '|' : ',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `range=[0:10]`, `(0:10]`, `[1:]` … → the bounds; undefined when malformed. */
export function parseRange(value: string): NumericRange | undefined {
  const m = /^([[(])\s*(-?[\d.eE+-]*)\s*:\s*(-?[\d.eE+-]*)\s*([\])])$/.exec(value);
  if (!m) return undefined;
  const [, open, lo = '', hi = '', close] = m;
  const min = lo === '' ? undefined : Number(lo);
  const max = hi === '' ? undefined : Number(hi);
  if ((min !== undefined && Number.isNaN(min)) || (max !== undefined && Number.isNaN(max))) return undefined;
  if (min !== undefined && max !== undefined && min > max) return undefined;
  return {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    minInclusive: open === '[',
    maxInclusive: close === ']',
  };
}
