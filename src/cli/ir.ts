/**
 * `tsctl ir FILE --json`: print the IR document (docs/ir.md) as JSON, two-space indented, with a final
 * newline. Diagnostics go to stderr; on an error nothing is printed to stdout and the exit code is 1.
 */
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { loadApi } from '../parse/api/index.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';

export interface IrOptions {
  /** `-I` folders for `.proto` imports. */
  readonly includePaths?: readonly string[];
}

export async function irCommand(ctx: CliContext, file: string, options: IrOptions = {}): Promise<number> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.api' && extension !== '.proto') {
    const what = extension === '' ? 'a file without an extension' : `a '${extension}' file`;
    throw new UserError(`${file}: cannot read ${what}; 'tsctl ir' reads .api and .proto files`);
  }
  if (extension === '.api' && (options.includePaths?.length ?? 0) > 0) {
    throw new UserError('-I/--proto-path applies to .proto files only', 2);
  }
  const result =
    extension === '.proto'
      ? (await import('../parse/proto/index.js')).loadProto(file, { includePaths: options.includePaths ?? [], readFile: readFileForLoad })
      : loadApi(file, { readFile: readFileForLoad });
  await printDiagnostics(ctx, result.diagnostics, result.sources);
  if (result.document === undefined) {
    await ctx.stderr.write(`${renderSummary(result.diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  await ctx.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`);
  return 0;
}
