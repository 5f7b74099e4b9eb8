/**
 * The fixed report every reporter test formats: two files with findings (errors, warnings, fixable
 * ones, a message with `<&"'` and non-ASCII text), one clean file, given out of order on purpose.
 */
import type { LintMessage, LintReport, RuleMeta } from '../../../src/lint/types.js';

const FIX = { description: 'rewrite', edits: [{ start: 0, end: 1, text: '' }] };

function rule(id: string, description: string, defaultSeverity: RuleMeta['defaultSeverity'], fixable: boolean, docs: string): RuleMeta {
  return { id, language: id.startsWith('api/') ? 'api' : id.startsWith('proto/') ? 'proto' : 'ts', description, defaultSeverity, fixable, docs };
}

export const RULES: readonly RuleMeta[] = [
  rule('proto/field-lower-snake', 'Field names are lower_snake_case.', 'warning', false, 'docs/lint/rules/proto.md#protofield-lower-snake'),
  rule('api/format', 'Files are formatted like `tsctl api format`.', 'error', true, 'docs/lint/rules/api.md#apiformat'),
  rule('api/type-name-pascal', 'Type names are PascalCase.', 'error', false, 'docs/lint/rules/api.md#apitype-name-pascal'),
  rule('api/route-doc', 'Every route has a @doc.', 'warning', false, 'docs/lint/rules/api.md#apiroute-doc'),
  rule('proto/enum-zero-value', 'The zero value of an enum is <ENUM>_UNSPECIFIED.', 'error', true, 'docs/lint/rules/proto.md#protoenum-zero-value'),
  rule('ts/no-unused-vars', 'Disallow unused variables.', 'error', false, 'https://eslint.org/docs/latest/rules/no-unused-vars'),
];

function msg(ruleId: string, severity: LintMessage['severity'], message: string, line: number, column: number, endColumn: number, fixable = false): LintMessage {
  return { ruleId, severity, message, line, column, endLine: line, endColumn, ...(fixable ? { fix: FIX } : {}) };
}

export const REPORT: LintReport = {
  toolVersion: '1.2.3',
  rules: new Map(RULES.map((r) => [r.id, r])),
  results: [
    {
      file: 'proto/greet.proto',
      fixed: false,
      messages: [
        msg('proto/enum-zero-value', 'error', "enum Mood's zero value should be MOOD_UNSPECIFIED", 10, 3, 12, true),
        msg('proto/field-lower-snake', 'warning', `field 'userName' <&"'> should be user_name — 名前 ✓`, 7, 10, 18),
      ],
    },
    { file: 'api/clean.api', fixed: false, messages: [] },
    {
      file: 'api/user.api',
      fixed: true,
      messages: [
        msg('api/route-doc', 'warning', 'route get /users/:id has no @doc', 12, 2, 22),
        msg('api/type-name-pascal', 'error', "type 'userInfo' is not PascalCase", 3, 6, 14),
        msg('api/format', 'error', 'not formatted: run tsctl api format --write (or lint --fix)', 1, 1, 1, true),
      ],
    },
  ],
};

export const EMPTY_REPORT: LintReport = { toolVersion: '1.2.3', rules: new Map(), results: [] };

/** A report whose files have no findings. */
export const CLEAN_REPORT: LintReport = { ...REPORT, results: [{ file: 'api/clean.api', fixed: false, messages: [] }] };
