/**
 * tsctl against the real goctl (built by harness.mjs), on every `.api` of the shared corpus, the
 * repository's fixtures and a seeded set of mutants (test/helpers/api-mutator.ts):
 *
 * - `api validate`: the verdict (accept/reject) agrees, and where both reject and goctl names a line,
 *   tsctl reports an error on that line too (tsctl reports every error, goctl its first);
 * - `api format`: where both format an input, the bytes are identical (a final newline aside).
 *
 * Every disagreement is put in a category by `classify`, from facts only: goctl's message and the
 * position it names (read with goctl's own line counting), tsctl's diagnostics and the legacy uses
 * its parser met, and the formatted texts (goctl's formatted again by goctl, where they differ). The
 * categories are the table of docs/goctl-differences.md, and this test holds exactly that list: a
 * disagreement in no category, or a category the document does not list (or lists but no input
 * shows), fails.
 *
 *   TSCTL_DIFF_MUTANTS   mutants to compare (default 1500)
 *   TSCTL_DIFF_DUMP      write every disagreement as JSON to this file (to study them)
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { formatApi } from '../../src/parse/api/format.js';
import { type LegacyUse, loadApi, parseApi } from '../../src/parse/api/index.js';
import { type Token, lex } from '../../src/parse/api/lexer.js';
import { makeMutant } from '../helpers/api-mutator.js';
import { corpusPath, readIndex, repoRoot } from '../helpers/corpus.js';
import { type GoctlFormat, type GoctlValidate, goctlFormat, goctlValidate, pool } from './goctl-run.js';
import { ensureTools, goRequired, goStatus } from './harness.mjs';

const MUTANTS = Number(process.env.TSCTL_DIFF_MUTANTS ?? 1500);
const SEED = 0x60c71;
const status = goStatus();
if (!status.available) console.warn(`go-zero interop: goctl differential tests skipped: ${status.reason}`);
const skip = !status.available && !goRequired();

interface Input {
  /** How a person finds it: `corpus:<path>`, `fixture:<path>` or `mutant:<i> of <seed file> (<mutations>)`. */
  readonly name: string;
  readonly file: string;
  /** The file's text as read back from disk: exactly the bytes goctl reads. */
  readonly source: string;
}

interface TsctlError {
  readonly code: string;
  readonly message: string;
  readonly line: number;
  /** Offset in the input's text; undefined for an error in an imported file. */
  readonly offset: number | undefined;
}

export interface TsctlView {
  readonly accepted: boolean;
  readonly errors: readonly TsctlError[];
  readonly codes: readonly string[];
  /** Routes in the whole import graph (0 for a file of types, or of services without routes). */
  readonly routes: number;
  readonly formatted: string | null;
  readonly parseCodes: readonly string[];
  /** Where the input uses the legacy grammar, as the parser met it (also in statements it abandoned). */
  readonly legacy: readonly LegacyUse[];
}

/** Everything `classify` may look at for one input. */
export interface Facts {
  readonly source: string;
  readonly validate: GoctlValidate;
  readonly format: GoctlFormat;
  readonly tsctl: TsctlView;
  /** goctl's formatted text formatted again by goctl until it stops changing; only where the bytes differ. */
  readonly goctlSettled?: string | null;
}

export interface Disagreement {
  readonly input: string;
  readonly what: 'verdict' | 'line' | 'format';
  readonly category: string;
  readonly goctl: string;
  readonly tsctl: string;
  /** The input's text, so a dumped disagreement can be reproduced. */
  readonly source: string;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-goctl-diff-'));
let goctl = '';

function tsctlView(input: Input): TsctlView {
  const loaded = loadApi(input.file);
  const errors = loaded.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  const parsed = parseApi(input.source, input.file);
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  return {
    accepted: errors.length === 0,
    errors: errors.map((d) => ({
      code: d.code,
      message: d.message,
      line: d.span.start.line,
      offset: d.file === input.file ? d.span.start.offset : undefined,
    })),
    codes: loaded.diagnostics.map((d) => d.code),
    routes: loaded.document?.services.reduce((n, s) => n + s.methods.length, 0) ?? 0,
    formatted: parseErrors.length === 0 ? formatApi(parsed.ast) : null,
    parseCodes: parsed.diagnostics.map((d) => d.code),
    legacy: parsed.legacy,
  };
}

const trimEnd = (text: string): string => text.replace(/\n+$/, '');

// ── goctl's positions ─────────────────────────────────────────────────────────────────────────

/**
 * goctl's `line:column` of a text: its scanner counts a line only at a newline it skips as white
 * space, not at one inside a block comment or a string, and counts columns in runes from the last
 * line it counted (pkg/parser/api/scanner). Tokens are tsctl's lexer's, which agree with goctl's on
 * where comments and strings start and end.
 */
export class GoctlLines {
  /** The offset of every rune, then the text's length. */
  private readonly runes: number[] = [];
  /** The rune index of every newline goctl counts. */
  private readonly breaks: number[] = [];
  readonly tokens: readonly Token[];

  constructor(source: string) {
    this.tokens = lex(source).tokens.filter((t) => t.kind !== 'eof');
    const inToken = new Uint8Array(source.length);
    for (const t of this.tokens) inToken.fill(1, t.span.start.offset, t.span.end.offset);
    for (let i = 0; i < source.length; ) {
      const cp = source.codePointAt(i) ?? 0;
      if (cp === 10 && inToken[i] === 0) this.breaks.push(this.runes.length);
      this.runes.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    this.runes.push(source.length);
  }

  /** goctl's position of the text at `offset`. */
  positionOf(offset: number): { line: number; column: number } {
    const rune = lowerBound(this.runes, offset);
    const counted = lowerBound(this.breaks, rune);
    return { line: counted + 1, column: rune - (counted === 0 ? -1 : (this.breaks[counted - 1] as number)) };
  }

  /** The offset goctl means by `line:column`, if there is one. */
  offsetAt(line: number, column: number): number | undefined {
    const base = line === 1 ? -1 : this.breaks[line - 2];
    return base === undefined ? undefined : this.runes[base + column];
  }

  /** The token (comments aside) that covers `offset`, or the first one after it. */
  tokenAt(offset: number): Token | undefined {
    return this.tokens.find((t) => t.kind !== 'lineComment' && t.kind !== 'blockComment' && t.span.end.offset > offset);
  }
}

/** The first index whose value is >= `value` in an ascending list. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The `line:column` goctl's complaint names (`file.api 3:7 …`, `main 3:7 …`, `syntax error: f.api 3:7 …`). */
function complaintPosition(message: string): { line: number; column: number } | undefined {
  const m = /(?:^|\s)(\d+):(\d+)(?:\s|$)/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

// ── the categories (docs/goctl-differences.md) ────────────────────────────────────────────────

const METHOD_LINE = /^\s*(?:get|head|post|put|patch|delete|connect|options|trace)\s+(\/\S*)/gm;

/** goctl read a route path out of pieces the source separates with blanks, comments or line breaks. */
function gluedPath(f: Facts): boolean {
  if (f.format.text === null) return false;
  return [...f.format.text.matchAll(METHOD_LINE)].some((m) => !f.source.includes(m[1] as string));
}

/** goctl's complaint, where it names a position, as an offset in the input. */
function complaintOffset(lines: GoctlLines, message: string): number | undefined {
  const at = complaintPosition(message);
  return at === undefined ? undefined : lines.offsetAt(at.line, at.column);
}

/** goctl stopped at a legacy construct tsctl reads (on it, or on the token right after it). */
function atLegacy(f: Facts, lines: GoctlLines, message: string): boolean {
  const offset = complaintOffset(lines, message);
  if (offset === undefined) return false;
  return f.tsctl.legacy.some((use) => {
    const after = lines.tokenAt(use.span.end.offset);
    return offset >= use.span.start.offset && offset <= (after?.span.start.offset ?? use.span.end.offset);
  });
}

/** goctl stopped at a non-ASCII letter or digit that tsctl reads as part of an identifier. */
function atUnicodeIdentifier(f: Facts, lines: GoctlLines, message: string): boolean {
  const got = /got '(.)'$/u.exec(message)?.[1];
  if (got === undefined || got.charCodeAt(0) < 0x80 || !/^[\p{L}\p{Nd}]$/u.test(got)) return false;
  const offset = complaintOffset(lines, message);
  const token = offset === undefined ? undefined : lines.tokenAt(offset);
  return token?.kind === 'ident' && token.span.start.offset <= (offset as number) && token.text.includes(got);
}

/** goctl names a line where tsctl reports an error, but counts that line differently. */
function otherLineCount(f: Facts, lines: GoctlLines): boolean {
  const at = complaintPosition(f.validate.message);
  const offset = at === undefined ? undefined : lines.offsetAt(at.line, at.column);
  if (at === undefined || offset === undefined) return false;
  const line = 1 + (f.source.slice(0, offset).match(/\n/g)?.length ?? 0);
  return line !== at.line && f.tsctl.errors.some((e) => e.offset !== undefined && e.line === line);
}

/**
 * Both name the same error at a different spot: a stray word in a `key: value` group, which goctl
 * takes for a key and reports at the token where it wanted the ':'; an unterminated string or
 * comment, which goctl reports at the end of the file.
 */
function sameErrorOtherSpot(f: Facts, lines: GoctlLines): boolean {
  const message = f.validate.message;
  if (/expected '[`"*/]', got 'EOF'$/.test(message)) return f.tsctl.errors.some((e) => e.code === 'API0002');
  if (!/syntax error: expected ':', got /.test(message)) return false;
  const offset = complaintOffset(lines, message);
  if (offset === undefined) return false;
  const before = lines.tokens.filter((t) => t.kind !== 'lineComment' && t.kind !== 'blockComment' && t.span.end.offset <= offset).at(-1);
  return before !== undefined && f.tsctl.errors.some((e) => e.offset === before.span.start.offset);
}

/** goctl takes `@handler` right before `}` for a route (and crashes on it later) and reads on. */
function handlerWithoutName(f: Facts, lines: GoctlLines): boolean {
  const offset = complaintOffset(lines, f.validate.message);
  return (
    offset !== undefined &&
    f.tsctl.errors.some((e) => e.message === "expected a handler name, got '}'" && e.offset !== undefined && e.offset < offset)
  );
}

/** The formatted texts differ only inside strings, by white space goctl's layout changes there. */
function stringWhitespace(goctlText: string, tsctlText: string): boolean {
  const a = lex(goctlText).tokens;
  const b = lex(tsctlText).tokens;
  if (a.length !== b.length) return false;
  const squeeze = (text: string): string => text.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ');
  let differs = false;
  let patched = '';
  let at = 0;
  for (let i = 0; i < a.length; i += 1) {
    const [x, y] = [a[i] as Token, b[i] as Token];
    if (x.kind !== y.kind) return false;
    if (x.text === y.text) continue;
    if ((x.kind !== 'string' && x.kind !== 'rawString') || squeeze(x.text) !== squeeze(y.text)) return false;
    differs = true;
    patched += goctlText.slice(at, x.span.start.offset) + y.text;
    at = x.span.end.offset;
  }
  return differs && trimEnd(patched + goctlText.slice(at)) === trimEnd(tsctlText);
}

/** goctl refuses the byte-order mark a file starts with (`1:1 unexpected token …`); tsctl skips it. */
function leadingBom(f: Facts, message: string): boolean {
  const at = complaintPosition(message);
  return f.source.startsWith('\uFEFF') && at?.line === 1 && at.column === 1;
}

const hasError = (t: TsctlView, code: string): boolean => t.errors.some((e) => e.code === code);
const onlyErrors = (t: TsctlView, test: (e: TsctlError) => boolean): boolean => t.errors.length > 0 && t.errors.every(test);

/** The category of one disagreement: a documented id, or `unexplained: …`. */
export function classify(what: Disagreement['what'], f: Facts): string {
  const { validate: v, format: g, tsctl: t } = f;
  const lines = new GoctlLines(f.source);
  if (what === 'verdict') {
    if (!v.accepted) {
      if (v.message === 'missing service' && t.routes === 0) return 'types-only-file';
      if (leadingBom(f, v.message)) return 'leading-bom';
      if (atLegacy(f, lines, v.message)) return 'legacy-grammar';
      if (atUnicodeIdentifier(f, lines, v.message)) return 'unicode-identifiers';
    } else {
      if (hasError(t, 'API0105')) return 'nesting-limit';
      if (gluedPath(f)) return 'route-path-blanks';
      if (onlyErrors(t, (e) => e.code === 'API0206' || (e.code === 'API0207' && e.message.startsWith('cannot embed ')))) return 'struct-field-checks';
    }
    return `unexplained verdict: goctl ${v.accepted ? 'accepts' : 'rejects'}, tsctl ${t.accepted ? 'accepts' : 'rejects'}`;
  }
  if (what === 'line') {
    if (v.fatal && /missing input$/.test(v.message) && t.errors.some((e) => ['API0106', 'API0301', 'API0304'].includes(e.code))) return 'missing-input';
    if (otherLineCount(f, lines)) return 'goctl-line-count';
    if (sameErrorOtherSpot(f, lines)) return 'same-error-other-spot';
    if (atLegacy(f, lines, v.message)) return 'legacy-grammar';
    if (atUnicodeIdentifier(f, lines, v.message)) return 'unicode-identifiers';
    if (hasError(t, 'API0105')) return 'nesting-limit';
    if (gluedPath(f)) return 'route-path-blanks';
    if (handlerWithoutName(f, lines)) return 'handler-without-name';
    return 'unexplained line';
  }
  if (g.text === null && t.formatted !== null) {
    if (f.source === '' && /missing input$/.test(g.message)) return 'missing-input';
    if (leadingBom(f, g.message)) return 'leading-bom';
    if (atLegacy(f, lines, g.message)) return 'legacy-grammar';
    if (atUnicodeIdentifier(f, lines, g.message)) return 'unicode-identifiers';
  } else if (g.text !== null && t.formatted === null) {
    if (t.parseCodes.includes('API0105')) return 'nesting-limit';
    if (gluedPath(f)) return 'route-path-blanks';
  } else if (g.text !== null && t.formatted !== null) {
    if (f.goctlSettled != null && trimEnd(f.goctlSettled) === trimEnd(t.formatted)) return 'goctl-not-idempotent';
    if (trimEnd(g.text.replace(/(\/\/.*?)[ \t]+$/gm, '$1')) === trimEnd(t.formatted)) return 'comment-trailing-blanks';
    if (stringWhitespace(g.text, t.formatted)) return 'string-whitespace';
  }
  return `unexplained format: goctl ${g.text === null ? 'refuses' : 'formats'}, tsctl ${t.formatted === null ? 'refuses' : 'formats'}`;
}

/** goctl's output formatted again until it stops changing (goctl is not idempotent on every input). */
async function settle(text: string): Promise<string | null> {
  let current = text;
  for (let pass = 0; pass < 5; pass += 1) {
    const next = await goctlFormat(goctl, current);
    if (next.text === null) return null;
    if (next.text === current) return current;
    current = next.text;
  }
  return null;
}

async function compare(input: Input): Promise<Disagreement[]> {
  const [v, g] = await Promise.all([goctlValidate(goctl, input.file), goctlFormat(goctl, input.source)]);
  const t = tsctlView(input);
  const bytesDiffer = g.text !== null && t.formatted !== null && trimEnd(g.text) !== trimEnd(t.formatted);
  const facts: Facts = { source: input.source, validate: v, format: g, tsctl: t, ...(bytesDiffer ? { goctlSettled: await settle(g.text as string) } : {}) };
  const out: Disagreement[] = [];
  const tsctlSays = t.accepted
    ? `accepts (${t.codes.join(',') || 'no warnings'})`
    : `rejects: ${t.errors.map((e) => e.code).join(',')} at lines ${t.errors.map((e) => e.line).join(',')}`;
  const add = (what: Disagreement['what'], goctlSays: string, tsctlSaid: string): void => {
    out.push({ input: input.name, what, category: classify(what, facts), goctl: goctlSays, tsctl: tsctlSaid, source: input.source });
  };
  if (v.accepted !== t.accepted) {
    add('verdict', v.accepted ? 'accepts' : `rejects: ${v.message}`, tsctlSays);
  } else if (!v.accepted && (v.fatal || (v.line !== undefined && !t.errors.some((e) => e.line === v.line)))) {
    add('line', v.message, tsctlSays);
  }
  if (bytesDiffer) {
    add('format', g.text as string, t.formatted as string);
  } else if ((g.text === null) !== (t.formatted === null)) {
    add('format', g.text === null ? `refuses: ${g.message}` : 'formats', t.formatted === null ? `refuses: ${t.parseCodes.join(',')}` : 'formats');
  }
  return out;
}

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'golden') out.push(...fixtureFiles(full));
    } else if (name.endsWith('.api')) out.push(full);
  }
  return out;
}

function inputs(): Input[] {
  const rows = readIndex().filter((r) => r.path.endsWith('.api'));
  const corpus = rows.map((r) => ({ name: `corpus:${r.path}`, file: corpusPath(r.path), source: readFileSync(corpusPath(r.path), 'utf8') }));
  const fixtures = fixtureFiles(path.join(repoRoot, 'fixtures')).map((file) => ({
    name: `fixture:${path.relative(repoRoot, file)}`,
    file,
    source: readFileSync(file, 'utf8'),
  }));
  const seeds = rows.filter((r) => r.expected !== 'fragment');
  const seedTexts = seeds.map((r) => readFileSync(corpusPath(r.path), 'utf8'));
  const mutantDir = path.join(tmp, 'mutants');
  mkdirSync(mutantDir);
  const mutants: Input[] = [];
  for (let i = 0; i < MUTANTS; i += 1) {
    const m = makeMutant(SEED, i, seeds.map((r) => r.path), seedTexts);
    const file = path.join(mutantDir, `mutant-${i}.api`);
    writeFileSync(file, m.text);
    // Read back: a lone surrogate a mutation inserts is written as U+FFFD, which is what goctl reads.
    mutants.push({ name: `mutant:${i} of ${m.seedFile} (${m.mutations.join(', ')})`, file, source: readFileSync(file, 'utf8') });
  }
  return [...corpus, ...fixtures, ...mutants];
}

/** The category ids of docs/goctl-differences.md's table (first column, in backticks). */
function documentedCategories(): string[] {
  const doc = readFileSync(path.join(repoRoot, 'docs/goctl-differences.md'), 'utf8');
  return [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1] as string).sort();
}

describe.skipIf(skip)('tsctl against goctl (differential)', () => {
  let all: Input[] = [];
  let disagreements: Disagreement[] = [];

  beforeAll(async () => {
    goctl = ensureTools().goctl;
    all = inputs();
    disagreements = (await pool(all, compare)).flat();
    if (process.env.TSCTL_DIFF_DUMP) writeFileSync(process.env.TSCTL_DIFF_DUMP, `${JSON.stringify(disagreements, null, 2)}\n`);
  }, 600_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('compares the corpus, the fixtures and the mutants', () => {
    expect(all.length).toBeGreaterThan(400 + MUTANTS);
  });

  it('every disagreement is one of the documented differences', () => {
    const unexplained = disagreements.filter((d) => d.category.startsWith('unexplained'));
    expect(unexplained.slice(0, 20)).toEqual([]);
  });

  it('docs/goctl-differences.md lists exactly the differences the inputs show', () => {
    const seen = [...new Set(disagreements.map((d) => d.category).filter((c) => !c.startsWith('unexplained')))].sort();
    expect(seen).toEqual(documentedCategories());
  });
});
