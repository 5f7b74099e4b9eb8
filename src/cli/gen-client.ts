/**
 * `tsctl gen client FILE.api -o DIR [--dry-run] [--check] [--force] [--home DIR]`: a typed,
 * dependency-free fetch client (`DIR/client.ts`, `DIR/types.ts`) for the HTTP service an `.api`
 * describes. See docs/api-client.md.
 */
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { generateApiClient } from '../gen/api-client/client.js';
import { createRenderEnv } from '../gen/render.js';
import { type WriteReport, writePlan } from '../gen/write.js';
import { loadApi } from '../parse/api/index.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics, uniqueDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';

export interface GenClientOptions {
  readonly output: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  readonly force?: boolean;
  readonly home?: string;
}

export async function genClient(ctx: CliContext, file: string, options: GenClientOptions): Promise<number> {
  if (path.extname(file).toLowerCase() !== '.api') throw new UserError(`${file}: 'tsctl gen client' reads a .api file`, 2);
  const result = loadApi(file, { readFile: readFileForLoad });
  const diagnostics = uniqueDiagnostics(result.diagnostics);
  await printDiagnostics(ctx, diagnostics, result.sources);
  if (!result.document || diagnostics.some((d) => d.severity === 'error')) {
    await ctx.stderr.write(`${renderSummary(diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  if (result.document.services.length === 0) {
    throw new UserError(`${file}: declares no service; 'tsctl gen client' needs one`);
  }
  const env = createRenderEnv(options.home ? { home: options.home } : {});
  const plan = generateApiClient(result.document, env);
  const report = await writePlan(plan, options.output, { dryRun: options.dryRun === true, check: options.check === true, force: options.force === true });
  return reportWrite(ctx, report, options);
}

async function reportWrite(ctx: CliContext, report: WriteReport, options: GenClientOptions): Promise<number> {
  const out = options.output;
  if (options.check) {
    const drift = report.drift;
    for (const file of drift) await ctx.stdout.write(`${path.join(out, file)}\n`);
    if (drift.length > 0) await ctx.stderr.write(`${drift.length} generated file${drift.length === 1 ? '' : 's'} out of date: run tsctl gen client\n`);
    return drift.length > 0 ? 1 : 0;
  }
  const verb = options.dryRun ? 'would ' : '';
  for (const file of report.created) await ctx.stdout.write(`${verb}create ${path.join(out, file)}\n`);
  for (const file of report.updated) await ctx.stdout.write(`${verb}update ${path.join(out, file)}\n`);
  await ctx.stdout.write(
    `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged${options.dryRun ? ' (dry run: nothing written)' : ''}\n`,
  );
  return 0;
}
