/**
 * `tsctl api validate FILE…`: parse and analyse each file with its imports, print every diagnostic
 * (errors and warnings) to stderr, then one summary line. Exit 1 when there is an error, else 0.
 */
import { countBySeverity, type Diagnostic } from '../diagnostics.js';
import { loadApi } from '../parse/api/index.js';
import { plural, renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics, uniqueDiagnostics } from './context.js';
import { readFileForLoad } from './files.js';

export async function apiValidate(ctx: CliContext, files: readonly string[]): Promise<number> {
  const collected: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    const result = loadApi(file, { readFile: readFileForLoad });
    for (const [name, text] of result.sources) sources.set(name, text);
    collected.push(...result.diagnostics);
  }
  const diagnostics = uniqueDiagnostics(collected);
  await printDiagnostics(ctx, diagnostics, sources);

  const counts = countBySeverity(diagnostics);
  if (counts.error > 0) {
    await ctx.stderr.write(`${renderSummary(diagnostics, { color: ctx.stderr.color })}\n`);
    return 1;
  }
  const notes = [counts.warning > 0 ? plural(counts.warning, 'warning') : '', counts.info > 0 ? `${counts.info} info` : '']
    .filter((s) => s !== '')
    .join(', ');
  const valid = `ok: ${plural(files.length, 'file')} valid`;
  await ctx.stderr.write(`${notes === '' ? valid : `${valid}, ${notes}`}\n`);
  return 0;
}
