/**
 * Unit tables for the diagnostics renderer and the colour decision.
 */
import { describe, expect, it } from 'vitest';
import { shouldColor } from '../../src/cli/color.js';
import type { Diagnostic, Severity } from '../../src/diagnostics.js';
import { renderDiagnostic, renderSummary } from '../../src/render-diagnostics.js';

/** A diagnostic from 1-based line/column pairs (offsets do not matter to the renderer). */
function diag(
  start: [number, number],
  end: [number, number],
  options: { file?: string; severity?: Severity; code?: string; message?: string } = {},
): Diagnostic {
  return {
    file: options.file ?? 'a.api',
    span: {
      start: { line: start[0], column: start[1], offset: 0 },
      end: { line: end[0], column: end[1], offset: 0 },
    },
    severity: options.severity ?? 'error',
    code: options.code ?? 'API0001',
    message: options.message ?? 'bad',
  };
}

describe('renderDiagnostic', () => {
  it.each<[string, { d: Diagnostic; source: string | undefined; want: string }]>([
    [
      'tab-indented line: the caret line keeps the tabs',
      {
        d: diag([3, 6], [3, 9], { code: 'API0201', message: "unknown type 'Bar'" }),
        source: 'syntax = "v1"\ntype Foo {\n\tFoo Bar `json:"foo"`\n}\n',
        want: "a.api:3:6: error[API0201]: unknown type 'Bar'\n   3 | \tFoo Bar `json:\"foo\"`\n     | \t    ^^^",
      },
    ],
    [
      'a warning',
      {
        d: diag([1, 1], [1, 5], { severity: 'warning', code: 'API0901', message: 'old' }),
        source: 'type X struct {}',
        want: 'a.api:1:1: warning[API0901]: old\n   1 | type X struct {}\n     | ^^^^',
      },
    ],
    [
      'an empty span still gets one caret',
      {
        d: diag([1, 4], [1, 4]),
        source: 'abc',
        want: 'a.api:1:4: error[API0001]: bad\n   1 | abc\n     |    ^',
      },
    ],
    [
      'a span past the end of the line (end of file) puts the caret after the text',
      {
        d: diag([1, 6], [1, 6]),
        source: 'abc',
        want: 'a.api:1:6: error[API0001]: bad\n   1 | abc\n     |      ^',
      },
    ],
    [
      'a multi-line span is underlined to the end of its first line',
      {
        d: diag([2, 2], [4, 3]),
        source: 'x\n\t@server (\n\t\tjwt: A\n\t)\n',
        want: 'a.api:2:2: error[API0001]: bad\n   2 | \t@server (\n     | \t^^^^^^^^^',
      },
    ],
    [
      'an empty line has no trailing space after the gutter',
      {
        d: diag([2, 1], [2, 1]),
        source: 'a\n\nb',
        want: 'a.api:2:1: error[API0001]: bad\n   2 |\n     | ^',
      },
    ],
    [
      'CRLF line endings are not shown',
      {
        d: diag([2, 1], [2, 2]),
        source: 'a\r\nb\r\n',
        want: 'a.api:2:1: error[API0001]: bad\n   2 | b\n     | ^',
      },
    ],
    [
      'columns count code points, not UTF-16 units',
      {
        d: diag([1, 4], [1, 6]),
        source: '𝒳ä x1',
        want: 'a.api:1:4: error[API0001]: bad\n   1 | 𝒳ä x1\n     |    ^^',
      },
    ],
    [
      'control characters are shown as U+FFFD, keeping the alignment',
      {
        d: diag([1, 3], [1, 4]),
        source: '\u001b[x',
        want: 'a.api:1:3: error[API0001]: bad\n   1 | \uFFFD[x\n     |   ^',
      },
    ],
    [
      'a five-digit line number widens the gutter',
      {
        d: diag([10000, 1], [10000, 2]),
        source: `${'\n'.repeat(9999)}z`,
        want: 'a.api:10000:1: error[API0001]: bad\n10000 | z\n      | ^',
      },
    ],
    [
      'without source text: the header line only',
      { d: diag([1, 1], [1, 1]), source: undefined, want: 'a.api:1:1: error[API0001]: bad' },
    ],
    [
      'a line past the end of the source: the header line only',
      { d: diag([7, 1], [7, 1]), source: 'one line', want: 'a.api:7:1: error[API0001]: bad' },
    ],
  ])('%s', (_name, { d, source, want }) => {
    expect(renderDiagnostic(d, source, { color: false })).toBe(want);
  });

  it('colours the severity, the location and the carets when asked', () => {
    const text = renderDiagnostic(diag([1, 1], [1, 2]), 'x', { color: true });
    expect(text).toBe(
      '\u001b[1ma.api:1:1:\u001b[22m \u001b[1m\u001b[31merror[API0001]:\u001b[39m\u001b[22m \u001b[1mbad\u001b[22m\n' +
        '\u001b[34m   1 |\u001b[39m x\n' +
        '\u001b[34m     |\u001b[39m \u001b[1m\u001b[31m^\u001b[39m\u001b[22m',
    );
  });
});

describe('renderSummary', () => {
  it.each<[string, Diagnostic[], string]>([
    ['one error', [diag([1, 1], [1, 1])], '1 error in 1 file'],
    [
      'errors and warnings in two files',
      [
        diag([1, 1], [1, 1]),
        diag([2, 1], [2, 1], { file: 'b.api' }),
        diag([3, 1], [3, 1], { severity: 'warning' }),
      ],
      '2 errors, 1 warning in 2 files',
    ],
    ['warnings only', [diag([1, 1], [1, 1], { severity: 'warning' })], '0 errors, 1 warning in 1 file'],
    ['nothing', [], '0 errors in 0 files'],
  ])('%s', (_name, diagnostics, want) => {
    expect(renderSummary(diagnostics)).toBe(want);
  });
});

describe('shouldColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each<[string, { isTTY?: boolean }, NodeJS.ProcessEnv, boolean]>([
    ['a terminal', tty, {}, true],
    ['a pipe or file', pipe, {}, false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, false],
    ['an empty NO_COLOR is ignored', tty, { NO_COLOR: '' }, true],
    ['FORCE_COLOR on a pipe', pipe, { FORCE_COLOR: '1' }, true],
    ['an empty FORCE_COLOR forces colour (as chalk)', pipe, { FORCE_COLOR: '' }, true],
    ['FORCE_COLOR wins over NO_COLOR', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false on a terminal', tty, { FORCE_COLOR: 'false' }, false],
    ['TERM=dumb', tty, { TERM: 'dumb' }, false],
  ])('%s', (_name, stream, env, want) => {
    expect(shouldColor(stream, env)).toBe(want);
  });
});
