/**
 * Where `.proto` declarations stand. protobufjs keeps no positions, so each file is scanned once for
 * `message X`, `enum X`, `service X`, `rpc X(` and `name = N` and looked up by name: linear in the
 * file's size, whatever the number of declarations (a regex per declaration was quadratic).
 */
import type { Span } from '../../diagnostics.js';

const DECLARATION = /\b(message|enum|service|rpc)\s+([A-Za-z_][A-Za-z0-9_]*)|\b([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\d+)\s*[;[]/g;

/** Line/column positions of offsets in one text (columns 1-based, in UTF-16 units as the IR's are). */
export class Lines {
  private readonly starts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i += 1) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    return (this.starts[line - 1] ?? 0) + column - 1;
  }

  /** A one-line span of `length` code units at `offset`. */
  span(offset: number, length: number): Span {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - (this.starts[lo] as number) + 1;
    const end = Math.min(offset + length, this.source.length);
    return { start: { line: lo + 1, column, offset }, end: { line: lo + 1, column: column + (end - offset), offset: end } };
  }
}

export class DeclarationIndex {
  private readonly lines: Lines;
  private readonly offsets = new Map<string, number[]>();

  constructor(source: string) {
    this.lines = new Lines(source);
    // Comments are blanked first: `// case enum` above an rpc is not an enum named `rpc`.
    for (const m of maskComments(source).matchAll(DECLARATION)) {
      const index = m.index ?? 0;
      if (m[1] !== undefined && m[2] !== undefined) this.add(`${m[1]}:${m[2]}`, index + m[0].lastIndexOf(m[2]));
      else if (m[3] !== undefined && m[4] !== undefined) this.add(`field:${m[3]}:${m[4]}`, index);
    }
  }

  private add(key: string, offset: number): void {
    const list = this.offsets.get(key);
    if (list) list.push(offset);
    else this.offsets.set(key, [offset]);
  }

  /** The offset of the first `key` declaration at or after `after` (else the first one), if any. */
  offset(key: string, after = 0): number | undefined {
    const list = this.offsets.get(key);
    if (!list) return undefined;
    return list.find((o) => o >= after) ?? list[0];
  }

  /** A one-line span of `length` code units at `offset`. */
  span(offset: number, length: number): Span {
    return this.lines.span(offset, length);
  }
}

/** The text with comments (and string contents) blanked out, offsets and line breaks kept. */
export function maskComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i += 1;
      }
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (; i < stop; i += 1) out += source[i] === '\n' ? '\n' : ' ';
    } else if (c === '"' || c === "'") {
      out += c;
      i += 1;
      while (i < source.length && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') {
          out += ' ';
          i += 1;
        }
        if (i < source.length) {
          out += source[i] === '\n' ? '\n' : ' ';
          i += 1;
        }
      }
      if (i < source.length && source[i] === c) {
        out += c;
        i += 1;
      }
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
