/**
 * `tsctl api openapi FILE.api [-o out.json|out.yaml|out.yml]`: the OpenAPI 3.1 document of an `.api`
 * file (docs/openapi.md). Without `-o` it prints JSON (two-space indented, final newline) to stdout;
 * with `-o` it writes JSON, or YAML for a `.yaml`/`.yml` name, atomically. On an error in the `.api`
 * file the diagnostics go to stderr, nothing is written and the exit code is 1.
 */
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { openApiDocument } from '../gen/openapi/document.js';
import type { CliContext } from './context.js';
import { loadApiDocument } from './load-api-document.js';
import { writeOutputFile } from './write-output.js';

export interface ApiOpenApiOptions {
  /** Output file: `.json`, `.yaml` or `.yml`. */
  readonly output?: string;
}

export async function apiOpenApi(ctx: CliContext, file: string, options: ApiOpenApiOptions = {}): Promise<number> {
  const format = options.output === undefined ? 'json' : outputFormat(options.output);
  const doc = await loadApiDocument(ctx, file, 'tsctl api openapi');
  if (doc === undefined) return 1;
  const openapi = openApiDocument(doc);
  const text =
    format === 'yaml'
      ? (await import('yaml')).stringify(openapi, { aliasDuplicateObjects: false, lineWidth: 0 })
      : `${JSON.stringify(openapi, null, 2)}\n`;
  if (options.output === undefined) await ctx.stdout.write(text);
  else await writeOutputFile(options.output, text);
  return 0;
}

function outputFormat(output: string): 'json' | 'yaml' {
  const extension = path.extname(output).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  throw new UserError(`-o ${output}: the output must end in .json, .yaml or .yml`, 2);
}
