/**
 * `tsctl api format FILE… [--write | --check]`: goctl's canonical `.api` layout, run through the
 * gofmt-style front every format command shares (format-files.ts).
 */
import { formatApi } from '../parse/api/format.js';
import { parseApi } from '../parse/api/index.js';
import type { CliContext } from './context.js';
import { type FormatFilesOptions, type Formatter, formatFiles } from './format-files.js';

export type ApiFormatOptions = FormatFilesOptions;

const formatApiSource: Formatter = (source, file) => {
  const { ast, diagnostics } = parseApi(source, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 ? { errors } : { text: withFinalNewline(formatApi(ast)) };
};

export function apiFormat(ctx: CliContext, files: readonly string[], options: ApiFormatOptions): Promise<number> {
  return formatFiles(ctx, files, options, formatApiSource);
}

/** A formatted file ends with a line break, like every text file (goctl's own output may lack it). */
function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
