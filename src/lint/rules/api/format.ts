import { formatApi } from '../../../parse/api/format.js';
import { type ApiRule, firstDifference, meta } from './rule.js';

export const format: ApiRule = {
  meta: meta('format', "the file is in goctl's canonical layout (what `tsctl api format` writes)", 'warning', true),
  check({ source, ast }) {
    const formatted = formatApi(ast);
    if (formatted === source || formatted === '') return [];
    return [
      {
        span: firstDifference(source, formatted),
        message: 'not formatted: run tsctl api format --write (or lint --fix)',
        fix: { description: 'format the file', edits: [{ start: 0, end: source.length, text: formatted }] },
      },
    ];
  },
};
