/**
 * `tsctl gen rpc PROTO -o DIR [-I PATH…] [--name NAME] [--dry-run] [--check] [--home DIR]`: a complete
 * gRPC service (server, clients, config, logic stubs, Dockerfile) from a `.proto` contract.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../diagnostics.js';
import { generateRpcProject } from '../gen/rpc/project.js';
import { createRenderEnv } from '../gen/render.js';
import { type WriteReport, writePlan } from '../gen/write.js';
import { loadProto } from '../parse/proto/index.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';

export interface GenRpcOptions {
  readonly output: string;
  readonly protoPath: readonly string[];
  readonly name?: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  readonly force?: boolean;
  readonly home?: string;
}

const RUNTIME_DIR = fileURLToPath(new URL('../../templates/runtime/', import.meta.url));

export async function genRpc(ctx: CliContext, proto: string, options: GenRpcOptions): Promise<number> {
  if (path.extname(proto).toLowerCase() !== '.proto') throw new UserError(`${proto}: 'tsctl gen rpc' reads a .proto file`, 2);
  const result = loadProto(proto, { includePaths: options.protoPath, readFile: readFileForLoad });
  await printDiagnostics(ctx, result.diagnostics, result.sources);
  if (!result.document) {
    await ctx.stderr.write(`${renderSummary(result.diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  if (result.document.services.length === 0) {
    throw new UserError(`${proto}: declares no service; 'tsctl gen rpc' needs at least one`);
  }
  const env = createRenderEnv(options.home ? { home: options.home } : {});
  const plan = generateRpcProject(
    result.document,
    options.name ? { name: options.name } : {},
    env,
    (relative) => readFileSync(path.join(RUNTIME_DIR, relative), 'utf8'),
  );
  const report = await writePlan(plan, options.output, { dryRun: options.dryRun === true, check: options.check === true, force: options.force === true });
  return reportWrite(ctx, report, options);
}

async function reportWrite(ctx: CliContext, report: WriteReport, options: GenRpcOptions): Promise<number> {
  const out = options.output;
  if (options.check) {
    // Only generated files count: a user file that was deleted or edited is not drift.
    const drift = report.drift;
    for (const file of drift) await ctx.stdout.write(`${path.join(out, file)}\n`);
    if (drift.length > 0) await ctx.stderr.write(`${drift.length} generated file${drift.length === 1 ? '' : 's'} out of date: run tsctl gen rpc\n`);
    return drift.length > 0 ? 1 : 0;
  }
  const verb = options.dryRun ? 'would ' : '';
  for (const file of report.created) await ctx.stdout.write(`${verb}create ${path.join(out, file)}\n`);
  for (const file of report.updated) await ctx.stdout.write(`${verb}update ${path.join(out, file)}\n`);
  await ctx.stdout.write(
    `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.kept.length} of yours kept${options.dryRun ? ' (dry run: nothing written)' : ''}\n`,
  );
  return 0;
}
