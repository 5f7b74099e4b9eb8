/**
 * `tsctl proto format FILE… [--write | --check]`: `buf format`'s layout of `.proto` files (the same
 * bytes, so teams mixing buf and tsctl never fight over layout), run through the gofmt-style front
 * every format command shares (format-files.ts). Only the text is needed: imports are not resolved.
 */
import { formatProtoSettled } from '../parse/proto/format/index.js';
import type { CliContext } from './context.js';
import { type FormatFilesOptions, type Formatter, formatFiles } from './format-files.js';

export type ProtoFormatOptions = FormatFilesOptions;

const formatProtoSource: Formatter = (source, file) => {
  const result = formatProtoSettled(source);
  if (result.ok) return { text: result.text };
  const { line, column, offset, message } = result.error;
  const at = { line, column, offset };
  return { errors: [{ file, span: { start: at, end: at }, severity: 'error', code: 'PROTO0101', message }] };
};

export function protoFormat(ctx: CliContext, files: readonly string[], options: ProtoFormatOptions): Promise<number> {
  return formatFiles(ctx, files, options, formatProtoSource);
}
