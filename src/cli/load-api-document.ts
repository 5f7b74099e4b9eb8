/**
 * Loads an `.api` file for a command that turns its IR into one document: diagnostics are printed to
 * stderr (with the summary line when there is an error), as `tsctl ir` does.
 */
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import type { Document } from '../ir/index.js';
import { loadApi } from '../parse/api/index.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';

/** The IR document, or undefined after printing the errors. `command` names the command in messages. */
export async function loadApiDocument(ctx: CliContext, file: string, command: string): Promise<Document | undefined> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.api') {
    const what = extension === '' ? 'a file without an extension' : `a '${extension}' file`;
    throw new UserError(`${file}: cannot read ${what}; '${command}' reads .api files`);
  }
  const result = loadApi(file, { readFile: readFileForLoad });
  await printDiagnostics(ctx, result.diagnostics, result.sources);
  if (result.document === undefined) {
    await ctx.stderr.write(`${renderSummary(result.diagnostics, { color: ctx.stderr.color })}\n`);
    return undefined;
  }
  return result.document;
}
