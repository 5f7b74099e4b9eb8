/**
 * What a command may touch of the outside world, passed explicitly (no module state): output streams,
 * stdin, the environment and whether each stream is coloured. `main.ts` builds the real one.
 */
import type { Diagnostic } from '../diagnostics.js';
import { renderDiagnostic } from '../render-diagnostics.js';

export interface Output {
  /** Writes `text` and resolves once the stream has taken it. */
  write(text: string): Promise<void>;
  readonly color: boolean;
}

export interface CliContext {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Reads all of standard input as UTF-8. */
  readStdin(): Promise<string>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Prints diagnostics to stderr, each followed by a blank line, in the order given.
 * `sources` maps a diagnostic's file (as written in it) to its text, for the source excerpt.
 */
export async function printDiagnostics(
  ctx: CliContext,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): Promise<void> {
  if (diagnostics.length === 0) return;
  const color = ctx.stderr.color;
  const text = diagnostics.map((d) => `${renderDiagnostic(d, sources.get(d.file), { color })}\n\n`).join('');
  await ctx.stderr.write(text);
}

/** Drops repeats of the same diagnostic (files sharing an import report its problems once). */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.span.start.offset}\0${d.span.end.offset}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
