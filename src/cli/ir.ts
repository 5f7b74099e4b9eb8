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

export async function irCommand(ctx: CliContext, file: string): Promise<number> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.proto') {
    throw new UserError(`${file}: .proto files are not supported by 'tsctl ir' yet; only .api files are`);
  }
  if (extension !== '.api') {
    const what = extension === '' ? 'a file without an extension' : `a '${extension}' file`;
    throw new UserError(`${file}: cannot read ${what}; 'tsctl ir' reads .api files`);
  }
  const result = loadApi(file, { readFile: readFileForLoad });
  await printDiagnostics(ctx, result.diagnostics, result.sources);
  if (result.document === undefined) {
    await ctx.stderr.write(`${renderSummary(result.diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  await ctx.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`);
  return 0;
}
