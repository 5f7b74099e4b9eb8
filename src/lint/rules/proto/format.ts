import { formatProtoSettled } from '../../../parse/proto/format/index.js';
import { firstDifference } from '../api/rule.js';
import { type ProtoRule, meta } from './rule.js';

/**
 * `buf format`'s layout, byte for byte (the formatter is tested against buf itself). A file that does
 * not parse is left to proto/valid.
 */
export const format: ProtoRule = {
  meta: { ...meta('format', "buf format's layout: header order, spacing, indentation, options and comments", 'warning'), fixable: true },
  check({ source }) {
    const result = formatProtoSettled(source);
    if (!result.ok || result.text === source) return [];
    return [
      {
        span: firstDifference(source, result.text),
        message: 'not formatted as buf format lays it out (lint --fix, or tsctl proto format --write)',
        fix: { description: 'format the file', edits: [{ start: 0, end: source.length, text: result.text }] },
      },
    ];
  },
};
