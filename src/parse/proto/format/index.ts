/**
 * `.proto` source formatter producing byte-for-byte the layout of `buf format` (buf 1.75): header
 * order (syntax, package, sorted imports, sorted file options), two-space indentation, one blank
 * line kept where the source had blank lines, and every comment kept.
 */
import { printProtoFile } from './print.js';
import { parseProtoTree } from './tree.js';

export interface ProtoFormatError {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly message: string;
}

export type ProtoFormatResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: ProtoFormatError };

/** buf format's layout of one .proto file. Pure; never throws on any input (syntax errors come back as ok:false with position). */
export function formatProto(source: string): ProtoFormatResult {
  try {
    const parsed = parseProtoTree(source);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    return { ok: true, text: printProtoFile(parsed.file) };
  } catch (err) {
    // Defensive: a bug must not crash the caller; report it at the start of the file.
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { line: 1, column: 1, offset: 0, message: `internal formatter error: ${message}` } };
  }
}

/**
 * `formatProto` run until the text stops changing (at most three passes). buf 1.75 itself is not
 * idempotent on a few comment placements (`FAST // c` becomes `FAST /* c *\/`, which the next run moves
 * to a line of its own): the commands users run (`proto format`, `lint --fix`) settle in one go, so a
 * `--check` after `--write` is always clean. On every other input this is exactly `formatProto`.
 */
export function formatProtoSettled(source: string): ProtoFormatResult {
  let result = formatProto(source);
  for (let pass = 0; pass < 3 && result.ok; pass += 1) {
    const next = formatProto(result.text);
    if (!next.ok || next.text === result.text) break;
    result = next;
  }
  return result;
}
