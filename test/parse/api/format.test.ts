/**
 * `api format` (src/parse/api/format.ts): goctl's layout byte for byte on every FORMAT.tsv pair,
 * idempotent on every formatter input and valid corpus file, golden fixtures of our own
 * (fixtures/format/<case>/{input,expected}.api, updated only by `vitest -u`), and a table of the
 * places where we knowingly differ from goctl (docs/format.md).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatApi } from '../../../src/parse/api/format.js';
import { tabwrite } from '../../../src/parse/api/format/tabwriter.js';
import { parseApi } from '../../../src/parse/api/parser.js';
import { apiRows, readCorpusFile, readFormatPairs, repoRoot } from '../../helpers/corpus.js';

/** Formats `source`, failing the test if it does not parse. */
function format(source: string, file = 'input.api'): string {
  const { ast, diagnostics } = parseApi(source, file);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return formatApi(ast);
}

const trimEnd = (text: string): string => text.replace(/\n+$/, '');

describe('FORMAT.tsv: goctl layout, byte for byte', () => {
  const pairs = readFormatPairs();

  it('has every pair (a silently skipped pair would fail here)', () => {
    expect(pairs).toHaveLength(153);
  });

  it.each(pairs.map((p) => [p.input, p.expectedOutput]))('%s', (input, expectedOutput) => {
    const out = format(readCorpusFile(input), input);
    expect(trimEnd(out)).toBe(trimEnd(readCorpusFile(expectedOutput)));
    expect(out.endsWith('\n') && !out.endsWith('\n\n')).toBe(true);
  });
});

describe('idempotence: formatting twice equals formatting once', () => {
  const files = [
    ...readFormatPairs().map((p) => p.input),
    ...apiRows('valid').map((r) => r.path),
    ...apiRows('valid-legacy').map((r) => r.path),
  ];

  it('covers the formatter inputs and every valid and valid-legacy .api file', () => {
    expect(files).toHaveLength(153 + 57 + 17);
  });

  it.each(files.map((f) => [f]))('%s', (file) => {
    const once = format(readCorpusFile(file), file);
    expect(format(once, file)).toBe(once);
  });
});

describe('golden fixtures (fixtures/format)', () => {
  const root = path.join(repoRoot, 'fixtures/format');
  const cases = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  it('has the cases: alignment, a byte-order mark, comments everywhere, legacy grammar, unicode, current-grammar values', () => {
    expect(cases).toEqual(['alignment', 'bom', 'comments', 'legacy', 'unicode', 'values']);
  });

  it.each(cases.map((c) => [c]))('%s', async (name) => {
    const out = format(readFileSync(path.join(root, name, 'input.api'), 'utf8'));
    await expect(out).toMatchFileSnapshot(path.join(root, name, 'expected.api'));
    expect(format(out)).toBe(out);
  });
});

describe('layout rules and deliberate differences from goctl', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['empty input', { given: '', want: '' }],
    ['groups with nothing in them disappear', { given: 'info()\nimport()\n@server()\nservice s {}', want: 'service s {}\n' }],
    [
      'runs of single imports stay together, anything else gets an empty line after it',
      { given: 'import "a.api"\nimport "b.api"\n// end', want: 'import "a.api"\nimport "b.api"\n\n// end\n' },
    ],
    [
      'goctl quirk kept: an embedded field with a tag is not indented',
      { given: 'type A {\n\tB `json:"b"`\n}', want: 'type A {\nB `json:"b"`\n}\n' },
    ],
    ['goctl quirk kept: an empty struct in a type group', { given: 'type (\n\tA {}\n)', want: 'type (\n\tA  {}\n)\n' }],
    [
      'goctl quirk kept: comments before a closing brace are indented like the brace',
      {
        given: 'type A {\n\tB int\n\t// note\n}\nservice s {\n\t@handler h\n\tget /a\n\t// end\n}',
        want: 'type A {\n\tB int\n// note\n}\n\nservice s {\n\t@handler h\n\tget /a\n// end\n}\n',
      },
    ],
    [
      'a comment after a route path is dropped without breaking the line (goctl breaks it, then joins it on the next run)',
      { given: 'service s {\n\t@handler h\n\tget /a // c\n\t(Req)\n}', want: 'service s {\n\t@handler h\n\tget /a (Req)\n}\n' },
    ],
    [
      '`@doc ""` leaves no empty line (goctl leaves one, then drops it on the next run)',
      { given: 'service s {\n\t@doc ""\n\t@handler h\n\tget /a\n}', want: 'service s {\n\t@handler h\n\tget /a\n}\n' },
    ],
    [
      'an empty service keeps `}` off a commented line (goctl would comment it out)',
      { given: 'service s { // c\n}', want: 'service s { // c\n}\n' },
    ],
    ['an empty service keeps a comment before `}` on its own line', { given: 'service s {\n// c\n}', want: 'service s {\n// c\n}\n' }],
    [
      'a tab inside a comment is kept, not taken for a column break',
      { given: 'type A {\n\tB int // x\ty\n\tCc string\n}', want: 'type A {\n\tB  int // x\ty\n\tCc string\n}\n' },
    ],
    [
      'lines inside a block comment lose their indentation all at once (goctl: one space per pass)',
      { given: '/**\n * doc\n */\ntype A {}', want: '/**\n* doc\n*/\ntype A {}\n' },
    ],
    [
      'an `import ""` that disappears does not hide the empty line after a run of imports',
      { given: 'import "a.api"\nimport ""\nimport ("b.api")', want: 'import "a.api"\n\nimport (\n\t"b.api"\n)\n' },
    ],
    ['comments inside a map key go', { given: 'type A map[[]int // c\n]int', want: 'type A map[[]int]int\n' }],
    ["a line comment's trailing blanks go", { given: 'type A {} // c  \t', want: 'type A {} // c\n' }],
    [
      'comments after a multi-line block comment on its last line still trail the same token',
      { given: 'syntax = /* a\n b */ /* c */ "v1"', want: 'syntax = "v1"\n' },
    ],
    [
      'legacy: `struct` goes, its comments stay on the brace line',
      { given: 'type A struct /* s */ {\n\tB int\n}', want: 'type A { /* s */\n\tB int\n}\n' },
    ],
    [
      'legacy: `@doc("x")` becomes `@doc "x"`',
      { given: 'service s {\n\t@doc("x") // d\n\t@handler h\n\tget /a\n}', want: 'service s {\n\t@doc "x" // d\n\t@handler h\n\tget /a\n}\n' },
    ],
    [
      'legacy: `@server(handler: X)` on a route becomes `@handler X`, its inner comments trail it',
      {
        given: 'service s {\n\t// doc\n\t@server( // a\n\t\thandler: h /* b */\n\t)\n\tget /a\n}',
        want: 'service s {\n\t// doc\n\t@handler h /* b */ // a\n\tget /a\n}\n',
      },
    ],
    [
      'legacy: an empty route `@server` is kept, the route needs it',
      { given: 'service s {\n\t@server()\n\tget /a\n}', want: 'service s {\n\t@server ()\n\tget /a\n}\n' },
    ],
    [
      'legacy: a route `@server` with keys besides handler is kept as it is',
      {
        given: 'service s {\n\t@server(\n\t\thandler: h\n\t\tgroup: g\n\t)\n\tget /a\n}',
        want: 'service s {\n\t@server (\n\t\thandler: h\n\t\tgroup:   g\n\t)\n\tget /a\n}\n',
      },
    ],
    [
      'legacy: bare info values become Go-quoted strings',
      { given: 'info(\n\ttitle: a "quoted" title\n\tversion: 1.0\n)', want: 'info (\n\ttitle:   "a \\"quoted\\" title"\n\tversion: "1.0"\n)\n' },
    ],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    const out = format(given);
    expect(out).toBe(want);
    expect(format(out)).toBe(out);
  });
});

// Each `want` is what goctl 1.10.2 prints (`goctl api format --stdin`); the goctl differential test
// (test/interop/goctl-diff.test.ts) compares the corpus files these come from.
describe('as goctl: values of the current grammar, and line breaks inside strings', () => {
  const cases: [string, { given: string; want: string }][] = [
    [
      'one-word and raw-string info values stay as written (corpus swagger/example/example.api)',
      {
        given: 'info(\n\tauthor: songmeizi\n\tenabled: true\n\tjson: `{"a":1}`\n)',
        want: 'info (\n\tauthor:  songmeizi\n\tenabled: true\n\tjson:    `{"a":1}`\n)\n',
      },
    ],
    ['a one-word value ends at a touching comment', { given: 'info(\n\tdebug: true// note\n\tb: x\n)', want: 'info (\n\tdebug: true // note\n\tb:     x\n)\n' }],
    [
      'a line break inside a string value ends the alignment (corpus g4/test/apis/info.api)',
      {
        given: 'info(\n\tauthor: songmeizi\n\tdesc: "the sample of\ninfo"\n\tdate: "2020-01-06"\n)',
        want: 'info (\n\tauthor: songmeizi\n\tdesc:   "the sample of\ninfo"\n\tdate: "2020-01-06"\n)\n',
      },
    ],
    [
      'a line break inside a tag ends the alignment of the fields',
      {
        given: 'type A {\n\tBase int `json:"base"`\n\tArray1 [2]int `json:"ar\nray1"`\n\tLong string `json:"long"`\n\tX int `json:"x"`\n}',
        want: 'type A {\n\tBase   int    `json:"base"`\n\tArray1 [2]int `json:"ar\nray1"`\n\tLong string `json:"long"`\n\tX    int    `json:"x"`\n}\n',
      },
    ],
    [
      'the same in a @doc group, whose one-word and raw-string values stay as written',
      {
        given: 'service s {\n\t@doc (\n\t\tsummary: one\n\t\tlonger: "a\nb"\n\t\tx: `y`\n\t)\n\t@handler h\n\tget /a\n}',
        want: 'service s {\n\t@doc (\n\t\tsummary: one\n\t\tlonger:  "a\nb"\n\t\tx: `y`\n\t)\n\t@handler h\n\tget /a\n}\n',
      },
    ],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    const out = format(given);
    expect(out).toBe(want);
    expect(format(out)).toBe(out);
  });
});

describe('tabwriter (Go text/tabwriter as goctl configures it)', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['no tabs: unchanged', { given: 'a b\nc', want: 'a b\nc' }],
    ['cells padded to the widest plus one', { given: 'a\tx\nbbb\ty', want: 'a   x\nbbb y' }],
    ['leading empty cells stay tabs', { given: '\ta\tx\n\tbb\ty', want: '\ta  x\n\tbb y' }],
    ['a line without the column ends the block', { given: 'a\tx\n-\nbbb\ty', want: 'a x\n-\nbbb y' }],
    ['widths count code points', { given: 'é\tx\nab\ty', want: 'é  x\nab y' }],
    ['a wide leading column takes more tabs', { given: '\t\tx\n\tlong-key:\ty', want: '\t\t\tx\n\tlong-key: y' }],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    expect(tabwrite(given)).toBe(want);
  });

  // '~' stands for a line break inside a string: it ends the line for the alignment, as the newline
  // does in Go, and is written back as it is.
  const soft: [string, { given: string; want: string }][] = [
    ['a soft break ends the block like a line break', { given: 'a\tx\nbb\t"s~t"\nccc\ty', want: 'a  x\nbb "s~t"\nccc y' }],
    ['the text after a soft break is a line of its own, in the block if it has the column', { given: 'a\tx~bbbb\tz\nc\ty', want: 'a    x~bbbb z\nc    y' }],
    ['without tabs nothing changes', { given: 'a~b\nc', want: 'a~b\nc' }],
  ];

  it.each(soft)('%s', (_name, { given, want }) => {
    expect(tabwrite(given, '~')).toBe(want);
  });
});
