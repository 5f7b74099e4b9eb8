/**
 * The seeded `.api` mutator shared by the fuzz test (test/parse/api/fuzz.test.ts) and the goctl
 * differential test (test/interop/goctl-diff.test.ts): mutant i of a seed is a pure function of
 * (seed, i), mostly near-misses of real files (one mutation half the time, two a quarter, …), some wrecks.
 */
import { mulberry32 } from './random.js';

// ── deterministic randomness ──────────────────────────────────────────────────────────────────


export interface Rng {
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rngFor(seed: number, iteration: number): Rng {
  const next = mulberry32((seed ^ Math.imul(iteration + 1, 0x9e3779b9)) >>> 0);
  const int = (n: number): number => Math.floor(next() * n);
  return { int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

// ── mutations ─────────────────────────────────────────────────────────────────────────────────

/** Splits text into token-ish pieces that join back to it exactly (unterminated strings/comments included). */
const PIECE = /\s+|[\p{L}\p{N}_]+|"(?:[^"\\\n]|\\.)*"?|`[^`]*`?|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|[\s\S]/gu;

function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

const PUNCTUATION = [...'{}()[]"`/*@:=-,;.'];
const UNICODE = ['é', 'µ', '中文', '😀', '\u0000', '\uFEFF', '\u200B', '\u2028', '\u202E', '\u0301', '\uD800', '\uDC00', '\r', '\r\n', '\t', '\x7f', 'İ', 'ß'];
const COMMENTS = ['//', '// note\n', '/*', '*/', '/* note */', '/**/', '\n// note\n', '/* a\nb */'];
const WORDS = [
  'syntax', 'info', 'import', 'type', 'service', '@server', '@handler', '@doc', 'returns', 'struct', 'map', 'interface{}',
  'any', 'get', 'post', 'GET', 'handler:', 'group:', 'prefix: /v1', 'timeout: 3s', 'jwt: Auth', '/a/:id', ':id', '1h30m',
  '...', '=', '"v1"', '`json:"x"`', 'A, B int', '[]*T', 'map[string]T', '\n', '\n}\n', '(', ')', '{', '}',
];
const NESTING = ['[]', '*', 'map[string]', '[1]', '{', '(', '{X ', '[]{'];

type Mutation = (text: string, rng: Rng, seeds: readonly string[]) => string;

const insertAt = (text: string, offset: number, insert: string): string => text.slice(0, offset) + insert + text.slice(offset);
const anyOffset = (text: string, rng: Rng): number => rng.int(text.length + 1);
function boundaryOffset(text: string, rng: Rng): number {
  const ps = pieces(text);
  const k = rng.int(ps.length + 1);
  return ps.slice(0, k).join('').length;
}

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  deleteTokens(text, rng) {
    const ps = pieces(text);
    const i = rng.int(ps.length);
    return [...ps.slice(0, i), ...ps.slice(i + 1 + rng.int(3))].join('');
  },
  duplicateTokens(text, rng) {
    const ps = pieces(text);
    const i = rng.int(ps.length);
    const span = ps.slice(i, i + 1 + rng.int(4));
    return [...ps.slice(0, i), ...span, ...span, ...ps.slice(i + span.length)].join('');
  },
  swapTokens(text, rng) {
    const ps = pieces(text);
    const words = ps.map((p, i) => (/\S/.test(p) ? i : -1)).filter((i) => i >= 0);
    if (words.length < 2) return text;
    const a = rng.pick(words);
    const b = rng.pick(words);
    [ps[a], ps[b]] = [ps[b] as string, ps[a] as string];
    return ps.join('');
  },
  deleteLine(text, rng) {
    const lines = text.split('\n');
    lines.splice(rng.int(lines.length), 1 + rng.int(2));
    return lines.join('\n');
  },
  insertPunctuation(text, rng) {
    let insert = '';
    for (let n = 1 + rng.int(3); n > 0; n -= 1) insert += rng.pick(PUNCTUATION);
    return insertAt(text, anyOffset(text, rng), insert);
  },
  truncate: (text, rng) => text.slice(0, anyOffset(text, rng)),
  splice(text, rng, seeds) {
    const other = rng.pick(seeds);
    return text.slice(0, anyOffset(text, rng)) + other.slice(anyOffset(other, rng));
  },
  insertUnicode: (text, rng) => insertAt(text, anyOffset(text, rng), rng.pick(UNICODE)),
  flipCase(text, rng) {
    const ps = pieces(text);
    const words = ps.map((p, i) => (/^[\p{L}_]/u.test(p) ? i : -1)).filter((i) => i >= 0);
    if (words.length === 0) return text;
    const i = rng.pick(words);
    const word = ps[i] as string;
    const flip = (ch: string): string => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase());
    ps[i] = rng.int(2) === 0 ? [...word].map(flip).join('') : flip(word.charAt(0)) + word.slice(1);
    return ps.join('');
  },
  insertComment: (text, rng) => insertAt(text, anyOffset(text, rng), rng.pick(COMMENTS)),
  insertWord: (text, rng) => insertAt(text, boundaryOffset(text, rng), ` ${rng.pick(WORDS)} `),
  deepNesting: (text, rng) => insertAt(text, boundaryOffset(text, rng), rng.pick(NESTING).repeat(20 + rng.int(300))),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

export interface Mutant {
  readonly seedFile: string;
  readonly mutations: readonly string[];
  readonly text: string;
}

export function makeMutant(seed: number, iteration: number, seedFiles: readonly string[], texts: readonly string[]): Mutant {
  const rng = rngFor(seed, iteration);
  const s = rng.int(seedFiles.length);
  let text = texts[s] as string;
  const mutations: string[] = [];
  // One mutation half the time, two a quarter, …: mostly near-misses of real files, some wrecks.
  let count = 1;
  while (count < 4 && rng.int(2) === 1) count += 1;
  for (let n = count; n > 0; n -= 1) {
    const name = rng.pick(MUTATION_NAMES);
    mutations.push(name);
    text = (MUTATIONS[name] as Mutation)(text, rng, texts);
  }
  return { seedFile: seedFiles[s] as string, mutations, text };
}
