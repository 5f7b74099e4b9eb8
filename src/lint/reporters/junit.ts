/**
 * `--format junit`: JUnit XML for GitLab's `artifacts:reports:junit` (the merge request's test report).
 * One <testsuite> per linted file; one <testcase> per message, failed with a <failure>, so GitLab lists
 * every finding as its own failed test; a clean file gets one passing testcase so it still counts.
 * Warnings fail too (as in ESLint's junit formatter); the failure's `type` says which severity it was.
 */
import type { LintFileResult, LintReport } from '../types.js';
import { countMessages, sortedResults } from './shared.js';

export function junit(report: LintReport): string {
  const results = sortedResults(report);
  const tests = results.reduce((n, r) => n + Math.max(1, r.messages.length), 0);
  const failures = results.reduce((n, r) => n + r.messages.length, 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const root = `<testsuites name="tsctl lint" tests="${tests}" failures="${failures}" errors="0"`;
  if (results.length === 0) {
    lines.push(`${root}/>`);
  } else {
    lines.push(`${root}>`);
    for (const result of results) lines.push(...testsuite(result, report.toolVersion));
    lines.push('</testsuites>');
  }
  return `${lines.join('\n')}\n`;
}

function testsuite(result: LintFileResult, toolVersion: string): string[] {
  const file = attr(result.file);
  const counts = countMessages(result.messages);
  const lines = [
    `  <testsuite name="${file}" tests="${Math.max(1, result.messages.length)}" failures="${result.messages.length}" errors="0" skipped="0">`,
    '    <properties>',
    `      <property name="tsctl.version" value="${attr(toolVersion)}"/>`,
    `      <property name="errors" value="${counts.errorCount}"/>`,
    `      <property name="warnings" value="${counts.warningCount}"/>`,
    '    </properties>',
  ];
  if (result.messages.length === 0) lines.push(`    <testcase name="${file}" classname="${file}"/>`);
  for (const m of result.messages) {
    const position = `${m.line}:${m.column}`;
    lines.push(
      `    <testcase name="${attr(`${m.ruleId} at ${position}`)}" classname="${file}">`,
      `      <failure message="${attr(m.message)}" type="${m.severity}">${text(`${result.file}:${position}: ${m.severity}[${m.ruleId}]: ${m.message}`)}</failure>`,
      '    </testcase>',
    );
  }
  lines.push('  </testsuite>');
  return lines;
}

/** Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: also quotes, and whitespace that attribute normalisation would otherwise fold. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export { attr as escapeXmlAttribute, text as escapeXmlText };
