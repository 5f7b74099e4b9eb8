/**
 * Every reporter on one fixed report: exact output against goldens (`vitest -u` updates them), the
 * empty report per format, order independence, and the REPORTERS/formatReport surface.
 */
import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES, REPORTERS, formatReport, isReporterName, type ReporterName } from '../../../src/lint/reporters/index.js';
import type { LintReport } from '../../../src/lint/types.js';
import { CLEAN_REPORT, EMPTY_REPORT, REPORT } from './fixture-report.js';

const GOLDEN: [name: string, { format: ReporterName; color: boolean; want: string }][] = [
  ['stylish', { format: 'stylish', color: false, want: 'stylish.txt' }],
  ['stylish with colour', { format: 'stylish', color: true, want: 'stylish.color.txt' }],
  ['json', { format: 'json', color: false, want: 'json.json' }],
  ['gitlab', { format: 'gitlab', color: false, want: 'gitlab.json' }],
  ['sarif', { format: 'sarif', color: false, want: 'sarif.sarif' }],
  ['junit', { format: 'junit', color: false, want: 'junit.xml' }],
];

describe('reporters: golden output', () => {
  it.each(GOLDEN)('%s', async (_, { format, color, want }) => {
    await expect(formatReport(format, REPORT, { color })).toMatchFileSnapshot(`__golden__/${want}`);
  });
});

const EMPTY: [name: ReporterName, want: string][] = [
  ['stylish', ''],
  ['json', '[]\n'],
  ['gitlab', '[]\n'],
  [
    'sarif',
    `${JSON.stringify(
      {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'tsctl', version: '1.2.3', informationUri: 'https://www.npmjs.com/package/tsctl', rules: [] } }, columnKind: 'unicodeCodePoints', results: [] }],
      },
      null,
      2,
    )}\n`,
  ],
  ['junit', '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tsctl lint" tests="0" failures="0" errors="0"/>\n'],
];

describe('reporters: empty report', () => {
  it.each(EMPTY)('%s', (format, want) => {
    expect(formatReport(format, EMPTY_REPORT, { color: true })).toBe(want);
  });
});

describe('reporters: a report without findings', () => {
  const CLEAN: [name: ReporterName, want: string][] = [
    ['stylish', ''],
    ['json', `${JSON.stringify([{ file: 'api/clean.api', messages: [], errorCount: 0, warningCount: 0, fixableCount: 0 }], null, 2)}\n`],
    ['gitlab', '[]\n'],
    [
      'junit',
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="tsctl lint" tests="1" failures="0" errors="0">',
        '  <testsuite name="api/clean.api" tests="1" failures="0" errors="0" skipped="0">',
        '    <properties>',
        '      <property name="tsctl.version" value="1.2.3"/>',
        '      <property name="errors" value="0"/>',
        '      <property name="warnings" value="0"/>',
        '    </properties>',
        '    <testcase name="api/clean.api" classname="api/clean.api"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    ],
  ];
  it.each(CLEAN)('%s', (format, want) => {
    expect(formatReport(format, CLEAN_REPORT, { color: false })).toBe(want);
  });
});

describe('reporters: determinism', () => {
  const shuffled: LintReport = {
    ...REPORT,
    rules: new Map([...REPORT.rules].reverse()),
    results: [...REPORT.results].reverse().map((r) => ({ ...r, messages: [...r.messages].reverse() })),
  };
  it.each(REPORTER_NAMES.map((name) => [name] as const))('%s does not depend on input order', (format) => {
    expect(formatReport(format, shuffled, { color: true })).toBe(formatReport(format, REPORT, { color: true }));
  });
});

describe('reporters: index', () => {
  it('lists every format once, in help order', () => {
    expect(REPORTER_NAMES).toEqual(['stylish', 'json', 'gitlab', 'sarif', 'junit']);
    expect(Object.keys(REPORTERS).sort()).toEqual([...REPORTER_NAMES].sort());
    expect('toString' in REPORTERS).toBe(false);
  });
  it.each([
    ['stylish', true],
    ['sarif', true],
    ['checkstyle', false],
    ['toString', false],
    ['', false],
  ] as const)('isReporterName(%j) is %s', (name, want) => {
    expect(isReporterName(name)).toBe(want);
  });
});
