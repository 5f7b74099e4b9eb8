/**
 * The model goctl's `api format` lays text out with (pkg/parser/api/ast: writer.go, ast.go), in our
 * own terms.
 *
 * Every node is a `Piece`: it renders itself with a prefix (the indentation its parent gives it) and
 * tells its parent the lines it starts and ends on and whether it carries comments before it ("head")
 * or after it on the same line ("trailing"). A parent lays its children out on one line with
 * `lineOf`, which breaks the line only where goctl does: before a child that starts on a later source
 * line, if that child has head comments or its predecessor had trailing ones. Each node's text then
 * goes through a tab-aligning `Sheet`, exactly where goctl uses a fresh tabwriter.
 *
 * Lines are goctl's line numbers (see `lines.ts`), not necessarily the real ones.
 */
import { tabwrite } from './tabwriter.js';

/** A comment as the layout sees it. An empty `text` marks a position only (goctl uses such markers). */
export interface Note {
  readonly text: string;
  readonly line: number;
}

export interface Piece {
  /** The line the node starts on: its first head comment's, else its first token's. */
  readonly pos: number;
  /** The line it ends on: its last trailing comment's, else its last token's start. */
  readonly end: number;
  readonly hasHead: boolean;
  readonly hasTrailing: boolean;
  /** The node's text, every line of it prefixed as its parent asks. */
  render(prefix: string): string;
}

/** goctl's TrimWhiteSpace: the characters it ignores when it asks whether a text is empty. */
export function isBlank(text: string): boolean {
  return text.replace(/[ \t\n\f\r]/g, '') === '';
}

/**
 * Comments gathered from several places to trail one token: block comments first, since a line
 * comment runs to the end of the line (several line comments then read as one).
 */
export function trailingOrder(notes: readonly Note[]): Note[] {
  const isLine = (n: Note): boolean => n.text.startsWith('//');
  return [...notes.filter((n) => !isLine(n)), ...notes.filter(isLine)];
}

/** goctl drops a few constructs whose value is an empty string: `import ""`, `@doc ""`, … */
export function isZeroString(tok: Tok): boolean {
  return tok.text === '""' || tok.text === '``';
}

/** One token with its comments (goctl's TokenNode). */
export class Tok implements Piece {
  constructor(
    readonly text: string,
    /** The token's own line, which is also its end when nothing trails it. */
    readonly line: number,
    readonly head: readonly Note[] = [],
    readonly trailing: readonly Note[] = [],
    private readonly headFlag = false,
    private readonly trailingFlag = false,
  ) {}

  get pos(): number {
    return this.head[0]?.line ?? this.line;
  }

  get end(): number {
    return this.trailing[this.trailing.length - 1]?.line ?? this.line;
  }

  get hasHead(): boolean {
    return this.head.length > 0 || this.headFlag;
  }

  get hasTrailing(): boolean {
    return this.trailing.length > 0 || this.trailingFlag;
  }

  render(prefix: string): string {
    const lines = this.head.map((c) => prefix + c.text);
    const trailing = this.trailing.filter((c) => !isBlank(c.text)).map((c) => c.text);
    lines.push(prefix + this.text + (trailing.length > 0 ? ` ${trailing.join(' ')}` : ''));
    return lines.join('\n');
  }
}

export interface CopyOptions {
  readonly prefix?: string;
  readonly dropHead?: boolean;
  readonly dropTrailing?: boolean;
}

/** A copy of a token with a prefix on its text and head comments, and some comments left out. */
export function copyTok(tok: Tok, options: CopyOptions = {}): Tok {
  const prefix = options.prefix ?? '';
  const head = options.dropHead ? [] : tok.head.map((c) => ({ text: prefix + c.text, line: c.line }));
  return new Tok(prefix + tok.text, tok.line, head, options.dropTrailing ? [] : tok.trailing);
}

/**
 * Tokens glued into one: their texts joined by `infix`, the first one's head comments and the last
 * one's trailing comments; every comment in between is lost. The result starts where the first
 * token's first comment does.
 */
export function joinToks(toks: readonly Tok[], infix = ''): Tok {
  const first = toks[0] as Tok;
  const last = toks[toks.length - 1] as Tok;
  return new Tok(toks.map((t) => t.text).join(infix), first.pos, first.head, last.trailing);
}

/**
 * A rendered node frozen into a token, as a parent sees a child it has already laid out: no comments
 * of its own, but the child's comment flags, and a position marker at the child's end. Because of
 * that marker it always counts as having trailing comments.
 */
export function freeze(piece: Piece, prefix: string): Tok {
  return new Tok(piece.render(prefix), piece.pos, [], [{ text: '', line: piece.end }], piece.hasHead, piece.hasTrailing);
}

export interface LineOptions {
  readonly prefix?: string;
  /** Joins the children; a space unless told otherwise. */
  readonly infix?: string;
  /** Keep the children on one line unless comments force a break (else break wherever the source did). */
  readonly sameLine?: boolean;
}

/** Lays children out on one line, breaking where goctl breaks (its `Writer.write`). */
export function lineOf(pieces: readonly Piece[], options: LineOptions = {}): string {
  const first = pieces[0];
  if (first === undefined) return '';
  const parts: string[] = [];
  let line = first.end;
  pieces.forEach((piece, i) => {
    const previous = pieces[i - 1];
    const mayBreak = !options.sameLine || piece.hasHead || (previous !== undefined && previous.hasTrailing);
    if (mayBreak && piece.pos > line) parts.push('\n');
    line = piece.end;
    if (isBlank(piece.render(''))) return;
    parts.push(piece.render(options.prefix ?? ''));
  });
  return parts
    .join(options.infix ?? ' ')
    .replaceAll(' \n', '\n')
    .replaceAll('\n ', '\n');
}

/** Text collected for one tabwriter (goctl's buffer Writer): aligned when read. */
export class Sheet {
  private text = '';

  /** `softBreak`: the stand-in for a line break inside a string (see tabwriter.ts); `SourceLines.sheet()` passes it. */
  constructor(private readonly softBreak?: string) {}

  line(pieces: readonly Piece[], options: LineOptions = {}): this {
    this.text += lineOf(pieces, options);
    return this;
  }

  /** Text written as it is (goctl passes it to Fprintf as a format string; we do not, see docs/format.md). */
  write(text: string): this {
    this.text += text;
    return this;
  }

  newline(): this {
    this.text += '\n';
    return this;
  }

  toString(): string {
    return tabwrite(this.text, this.softBreak);
  }
}

/** A piece whose text is computed once per prefix: parents render their children several times. */
export function piece(parts: Omit<Piece, 'render'>, render: (prefix: string) => string): Piece {
  const cache = new Map<string, string>();
  return {
    ...parts,
    render(prefix: string): string {
      let text = cache.get(prefix);
      if (text === undefined) {
        text = render(prefix);
        cache.set(prefix, text);
      }
      return text;
    },
  };
}
