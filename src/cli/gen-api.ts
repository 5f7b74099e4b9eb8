/**
 * `tsctl gen api FILE.api -o DIR [--name NAME] [--dry-run] [--check] [--force] [--home DIR]`: a complete
 * HTTP service on Fastify (routes with validation and go-zero binding, jwt, timeouts, body limits,
 * middleware, logic stubs, config, Dockerfile) from an `.api` contract.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { FILE_STYLES, type FileStyle, generateApiProject } from '../gen/api-server/project.js';
import { createRenderEnv } from '../gen/render.js';
import { loadApi } from '../parse/api/index.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';
import { type GenOutputOptions, RUNTIME_DIR, writeGenerated } from './gen-output.js';

export interface GenApiOptions extends GenOutputOptions {
  readonly name?: string;
  readonly home?: string;
  readonly style?: string;
}

export async function genApi(ctx: CliContext, file: string, options: GenApiOptions): Promise<number> {
  if (path.extname(file).toLowerCase() !== '.api') throw new UserError(`${file}: 'tsctl gen api' reads an .api file`, 2);
  const style = options.style ?? 'go-zero';
  if (!(FILE_STYLES as readonly string[]).includes(style)) {
    throw new UserError(`--style ${style}: expected one of ${FILE_STYLES.join(', ')}`, 2);
  }
  const result = loadApi(file, { readFile: readFileForLoad });
  await printDiagnostics(ctx, result.diagnostics, result.sources);
  if (!result.document) {
    await ctx.stderr.write(`${renderSummary(result.diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  if (result.document.services.length === 0) throw new UserError(`${file}: declares no service; 'tsctl gen api' needs one`);
  const env = createRenderEnv(options.home ? { home: options.home } : {});
  const plan = generateApiProject(result.document, { ...(options.name ? { name: options.name } : {}), style: style as FileStyle }, env, (relative) =>
    readFileSync(path.join(RUNTIME_DIR, relative), 'utf8'),
  );
  return writeGenerated(ctx, plan, options, 'tsctl gen api', [...result.sources.keys()]);
}
