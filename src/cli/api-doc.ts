/**
 * `tsctl api doc FILE.api [-o out.md]`: Markdown reference docs of an `.api` file (routes, parameters,
 * bodies, types). Without `-o` it prints to stdout; with `-o` it writes the file atomically. On an
 * error in the `.api` file the diagnostics go to stderr, nothing is written and the exit code is 1.
 */
import { apiMarkdown } from '../gen/api-doc/markdown.js';
import type { CliContext } from './context.js';
import { loadApiDocument } from './load-api-document.js';
import { writeOutputFile } from './write-output.js';

export interface ApiDocOptions {
  /** Output file (Markdown). */
  readonly output?: string;
}

export async function apiDoc(ctx: CliContext, file: string, options: ApiDocOptions = {}): Promise<number> {
  const doc = await loadApiDocument(ctx, file, 'tsctl api doc');
  if (doc === undefined) return 1;
  const text = apiMarkdown(doc);
  if (options.output === undefined) await ctx.stdout.write(text);
  else await writeOutputFile(options.output, text);
  return 0;
}
