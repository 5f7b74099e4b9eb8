/**
 * From our AST tokens to layout tokens: goctl's line numbers, and token texts made stable.
 *
 * goctl counts a line only when its scanner skips a newline as white space, so newlines inside a
 * block comment or a string do not count, and every later token sits that many lines "higher".
 * goctl's layout decisions compare those numbers, so we compute the same ones.
 *
 * Each pass of goctl's layout strips one space after every newline, and one before, anywhere in its
 * text — also inside multi-line comments and strings, and it makes several passes, so the result
 * depends on nesting and keeps changing when formatted again. In comments we strip all such white
 * space once, which is what goctl converges to, so formatting is idempotent. Strings are kept as
 * written: their white space is their value, and formatting must never change what a file means.
 */
import type { Comment, TokenNode } from '../ast.js';
import { lex } from '../lexer.js';
import { type Note, Sheet, Tok } from './piece.js';

export class SourceLines {
  private readonly byOffset = new Map<number, number>();
  /**
   * Stands for a tab inside a token (a comment, a string) until the text is aligned: goctl's
   * tabwriter takes such a tab for a column break, which moves text around differently each time the
   * file is formatted. Any character the source does not contain will do.
   */
  private readonly keptTab: string;
  /** Stands for a line break inside a string, which the layout must neither re-indent nor align. */
  private readonly keptNewline: string;

  constructor(private readonly source: string) {
    let line = 1;
    let previousEnd = 0;
    for (const token of lex(source).tokens) {
      line += countBreaks(source, previousEnd, token.span.start.offset);
      this.byOffset.set(token.span.start.offset, line);
      previousEnd = token.span.end.offset;
    }
    let code = 0xe000;
    while (source.includes(String.fromCharCode(code))) code += 1;
    this.keptTab = String.fromCharCode(code);
    code += 1;
    while (source.includes(String.fromCharCode(code))) code += 1;
    this.keptNewline = String.fromCharCode(code);
  }

  /** goctl's line number of the token or comment starting at `offset`. */
  lineAt(offset: number): number {
    // Every AST token starts where a lexed token does; the real line is a safe fallback regardless.
    return this.byOffset.get(offset) ?? 1 + countBreaks(this.source, 0, offset);
  }

  note(comment: Comment): Note {
    return { text: this.settle(comment.token.text), line: this.lineAt(comment.span.start.offset) };
  }

  notes(comments: readonly Comment[]): Note[] {
    return comments.map((c) => this.note(c));
  }

  /** A layout token for an AST token; `text` replaces its text, `head: false` drops its head comments. */
  tok(node: TokenNode, options: { text?: string; head?: boolean } = {}): Tok {
    const head = options.head === false ? [] : this.notes(node.head);
    const text = options.text ?? node.token.text;
    // A string's line breaks and indentation are its value: only comments are re-indented.
    const isString = node.token.kind === 'string' || node.token.kind === 'rawString' || (node.token.kind === 'ident' && /^["`]/.test(text));
    const settled = isString ? text.replaceAll('\t', this.keptTab).replaceAll('\n', this.keptNewline) : this.settle(text);
    return new Tok(settled, this.lineAt(node.span.start.offset), head, this.notes(node.trailing));
  }

  /**
   * A token text with no white space around its inner line breaks, nor at its end (a line comment's
   * trailing blanks), see the file comment; its tabs kept out of the alignment.
   */
  settle(text: string): string {
    let out = text.replace(/[ \t]+$/, '');
    if (out.includes('\n')) out = out.replace(/\r\n/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n[ \t]+/g, '\n');
    return out.replaceAll('\t', this.keptTab);
  }

  /** A fresh tabwriter sheet that knows this source's stand-in for line breaks inside strings. */
  sheet(): Sheet {
    return new Sheet(this.keptNewline);
  }

  /** The final text, with the tabs of tokens back in place. */
  restoreTabs(text: string): string {
    return text.replaceAll(this.keptTab, '\t').replaceAll(this.keptNewline, '\n');
  }
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) if (text.charCodeAt(i) === 10) n += 1;
  return n;
}
