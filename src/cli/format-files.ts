/**
 * The gofmt-style front of every `format` command (`api format`, `proto format`):
 * - default: print each file's formatted text to stdout;
 * - `--write`: rewrite the files whose text changes, atomically (temp file + rename);
 * - `--check`: print the paths of files that would change, exit 1 when there is one.
 * `-` reads standard input (not with `--write`). A file with syntax errors is reported with its
 * diagnostics and never written; it makes the exit code 1.
 *
 * Every file is read, parsed and formatted before anything is printed or written, so a failure in the
 * middle (an internal error) leaves no partial output behind.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import { UserError } from '../diagnostics.js';
import { renderSummary } from '../render-diagnostics.js';
import { type CliContext, printDiagnostics } from './context.js';
import { describeFsError, writeFileAtomic } from './files.js';

export interface FormatFilesOptions {
  readonly write?: boolean;
  readonly check?: boolean;
}

/** One language's formatter: the canonical text, or the errors that stop it. */
export type Formatter = (source: string, file: string) => { readonly text: string } | { readonly errors: readonly Diagnostic[] };

const STDIN = '-';
const STDIN_NAME = '<stdin>';

type Outcome =
  | { readonly kind: 'unreadable'; readonly file: string; readonly reason: string }
  | { readonly kind: 'invalid'; readonly file: string; readonly source: string; readonly errors: readonly Diagnostic[] }
  | { readonly kind: 'formatted'; readonly file: string; readonly source: string; readonly formatted: string };

export async function formatFiles(ctx: CliContext, files: readonly string[], options: FormatFilesOptions, formatter: Formatter): Promise<number> {
  if (options.write === true && files.includes(STDIN)) {
    throw new UserError("cannot use --write with standard input ('-')", 2);
  }
  const outcomes: Outcome[] = [];
  for (const file of files) outcomes.push(await formatOne(ctx, file, formatter));

  let failed = false;
  const errors: Diagnostic[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'unreadable') {
      failed = true;
      await ctx.stderr.write(`${outcome.file}: error: cannot read file: ${outcome.reason}\n`);
    } else if (outcome.kind === 'invalid') {
      failed = true;
      errors.push(...outcome.errors);
      await printDiagnostics(ctx, outcome.errors, new Map([[outcome.file, outcome.source]]));
    } else if (options.check === true) {
      if (outcome.formatted !== outcome.source) {
        failed = true;
        await ctx.stdout.write(`${outcome.file}\n`);
      }
    } else if (options.write === true) {
      if (outcome.formatted !== outcome.source) {
        try {
          await writeFileAtomic(outcome.file, outcome.formatted);
        } catch (error) {
          failed = true;
          await ctx.stderr.write(`${outcome.file}: error: cannot write file: ${describeFsError(error)}\n`);
        }
      }
    } else {
      await ctx.stdout.write(outcome.formatted);
    }
  }
  if (errors.length > 0) await ctx.stderr.write(`${renderSummary(errors, { color: ctx.stderr.color })}\n`);
  return failed ? 1 : 0;
}

async function formatOne(ctx: CliContext, file: string, formatter: Formatter): Promise<Outcome> {
  const name = file === STDIN ? STDIN_NAME : file;
  let source: string;
  try {
    source = file === STDIN ? await ctx.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    return { kind: 'unreadable', file: name, reason: describeFsError(error) };
  }
  const result = formatter(source, name);
  if ('errors' in result) return { kind: 'invalid', file: name, source, errors: result.errors };
  return { kind: 'formatted', file: name, source, formatted: result.text };
}
