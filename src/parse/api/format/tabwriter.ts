/**
 * Go's `text/tabwriter`, configured as goctl configures it (minwidth 1, tabwidth 8, padding 1,
 * padchar ' ', flag TabIndent), applied to a whole text at once, as a flush would.
 *
 * A line is a list of cells: every cell but the last is ended by a tab. Consecutive lines that have
 * a cell in column k form a block, and every cell of that block is padded to the block's widest cell
 * plus one space. Leading empty cells are written as tabs instead (TabIndent), which is how
 * indentation survives. Widths count code points, as Go counts runes.
 *
 * A line break inside a string is written as `softBreak` (the layout must not re-indent what follows
 * it): for the alignment it ends the line exactly as Go's tabwriter ends it at that newline — the
 * text before it is the line's last cell, the text after it starts a new line, so a pair after a
 * multi-line string value is not aligned with the pairs before it — and it is written back as it is.
 *
 * Deliberate simplification: Go also ends cells at '\v' and lines at '\f'; here they are ordinary
 * characters, so a form feed inside a comment cannot split it into an unparsable second line.
 */

interface Cell {
  readonly text: string;
  readonly width: number;
}

const MIN_WIDTH = 1;
const TAB_WIDTH = 8;
const PADDING = 1;

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Aligns `text` the way goctl's tabwriter does when it is flushed; `softBreak` ends lines too (see above). */
export function tabwrite(text: string, softBreak?: string): string {
  if (!text.includes('\t')) return text;
  const lines: Cell[][] = [];
  /** What ends each line: a newline, or the soft break where a string's text goes on. */
  const ends: string[] = [];
  for (const row of text.split('\n')) {
    const parts = softBreak === undefined ? [row] : row.split(softBreak);
    parts.forEach((part, i) => {
      lines.push(part.split('\t').map((cell) => ({ text: cell, width: runeCount(cell) })));
      ends.push(i < parts.length - 1 ? (softBreak as string) : '\n');
    });
  }
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i += 1) {
      const line = lines[i] as Cell[];
      let leading = true;
      line.forEach((cell, j) => {
        const width = widths[j];
        if (cell.text === '') {
          if (width !== undefined) out.push(padding(0, width, leading));
          return;
        }
        leading = false;
        out.push(cell.text);
        if (width !== undefined) out.push(padding(cell.width, width, false));
      });
      if (i + 1 < lines.length) out.push(ends[i] as string);
    }
  };

  // Go's recursive column-block formatter: `column` is the depth, i.e. widths.length.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let at = line0; at < line1; at += 1) {
      if (column >= (lines[at] as Cell[]).length - 1) continue;
      writeLines(start, at);
      start = at;
      let width = MIN_WIDTH;
      for (; at < line1; at += 1) {
        const line = lines[at] as Cell[];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column] as Cell).width + PADDING);
      }
      widths.push(width);
      format(start, at);
      widths.pop();
      start = at;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('');
}

function padding(textWidth: number, cellWidth: number, useTabs: boolean): string {
  if (useTabs) {
    const rounded = Math.ceil(cellWidth / TAB_WIDTH) * TAB_WIDTH;
    return '\t'.repeat(Math.ceil((rounded - textWidth) / TAB_WIDTH));
  }
  return ' '.repeat(cellWidth - textWidth);
}
