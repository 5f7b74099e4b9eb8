/**
 * What every `tsctl gen …` command does with its plan: write it (or --dry-run / --check it) and report.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../gen/plan.js';
import { writePlan } from '../gen/write.js';
import type { CliContext } from './context.js';

export interface GenOutputOptions {
  readonly output: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  readonly force?: boolean;
}

/** templates/runtime/ of the installed tsctl (from src/cli/ and dist/cli/ alike). */
export const RUNTIME_DIR = fileURLToPath(new URL('../../templates/runtime/', import.meta.url));

/** Writes `plan` under options.output and prints what happened; returns the exit code. `contracts` are the files read (they may sit in the output folder). */
export async function writeGenerated(ctx: CliContext, plan: Plan, options: GenOutputOptions, command: string, contracts: readonly string[] = []): Promise<number> {
  const out = options.output;
  const report = await writePlan(plan, out, { dryRun: options.dryRun === true, check: options.check === true, force: options.force === true, contracts });
  if (options.check) {
    // Only generated files count: a user file that was deleted or edited is not drift.
    const drift = report.drift;
    for (const file of drift) await ctx.stdout.write(`${path.join(out, file)}\n`);
    if (drift.length > 0) await ctx.stderr.write(`${drift.length} generated file${drift.length === 1 ? '' : 's'} out of date: run ${command}\n`);
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
