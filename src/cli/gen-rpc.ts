/**
 * `tsctl gen rpc PROTO -o DIR [-I PATH…] [--name NAME] [--dry-run] [--check] [--force] [--home DIR]`:
 * a complete gRPC service (server, clients, config, logic stubs, Dockerfile) from a `.proto` contract.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { createRenderEnv } from '../gen/render.js';
import { generateRpcProject } from '../gen/rpc/project.js';
import { loadProto } from '../parse/proto/index.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';
import { type GenOutputOptions, RUNTIME_DIR, writeGenerated } from './gen-output.js';

export interface GenRpcOptions extends GenOutputOptions {
  readonly protoPath: readonly string[];
  readonly name?: string;
  readonly home?: string;
}

export async function genRpc(ctx: CliContext, proto: string, options: GenRpcOptions): Promise<number> {
  if (path.extname(proto).toLowerCase() !== '.proto') throw new UserError(`${proto}: 'tsctl gen rpc' reads a .proto file`, 2);
  const result = loadProto(proto, { includePaths: options.protoPath, readFile: readFileForLoad });
  await printDiagnostics(ctx, result.diagnostics, result.sources);
  if (!result.document) {
    await ctx.stderr.write(`${renderSummary(result.diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  const env = createRenderEnv(options.home ? { home: options.home } : {});
  const plan = generateRpcProject(result.document, options.name ? { name: options.name } : {}, env, (relative) =>
    readFileSync(path.join(RUNTIME_DIR, relative), 'utf8'),
  );
  return writeGenerated(ctx, plan, options, 'tsctl gen rpc', [...result.sources.keys()]);
}
