/**
 * Output state of the `.proto` printer: indentation, pending spaces, and the comment-placement
 * primitives that reproduce `buf format`'s whitespace decisions (a node written at the start of a
 * line, in-line, at the end of a line, or as the end of a body).
 *
 * The writer also carries the node dispatcher (print.ts's `writeNode`), so that the placement and
 * value printers recurse through `w.node(…)` instead of importing print.ts, which imports them.
 */
import type { Comment } from './lexer.js';
import { countNewlines } from './lexer.js';
import { type Node, type Token, firstToken, lastToken } from './nodes.js';

// `<`/`>` only survive in map types, where buf does not indent.
const OPENERS = '{[(';
const CLOSERS = '}])';

/** Comments and whitespace around a node (those of its first and last tokens). */
export interface NodeInfo {
  readonly leading: readonly Comment[];
  readonly trailing: readonly Comment[];
  readonly leadingWs: string;
}

/** Writes one node by kind; comments are handled by the caller's placement function. */
export type NodeWriter = (w: Writer, node: Node) => void;

export class Writer {
  constructor(
    /** The dispatcher `node` calls. */
    private readonly writeNode: NodeWriter,
    /** Identifier tokens used as keywords. */
    readonly keywords: ReadonlySet<Token> = new Set(),
    /** Offsets of punctuation that is part of a name. */
    readonly namePunct: ReadonlySet<number> = new Set(),
  ) {}

  private readonly out: string[] = [];
  /** Last character written, `\0` before anything is. */
  last = '\0';
  private indent = 0;
  private pendingSpace = false;
  /** Net brackets opened on the current line; applied to the indent at the next newline. */
  private pendingIndent = 0;
  /** True while a node is written in-line (changes which spaces are dropped). */
  inline = false;
  /** The node written last (undefined until the first one). */
  previous: Node | undefined;
  /** True while the entries of `[...]` compact options are written. */
  inCompactOptions = false;
  /** The token written last. */
  lastToken: Token | undefined;
  /** Nesting depth of single-line bracket forms (`[a = 1]`, `{a: 1}`), where no line may break. */
  flat = 0;
  /** Last tokens of list elements (array entries, expanded compact options, literal field values). */
  readonly elementEnds = new Set<Token>();
  /** Leading comments (and the whitespace after them) moved between header declarations. */
  readonly leadingOverride = new Map<Token, { readonly leading: readonly Comment[]; readonly leadingWs: string }>();
  /** Trailing comments moved from a dropped separator onto a value. */
  readonly trailingOverride = new Map<Node, readonly Comment[]>();

  text(): string {
    return this.out.join('');
  }

  /** Writes `node` by kind (through the dispatcher given to the constructor). */
  node(node: Node): void {
    this.writeNode(this, node);
  }

  info(node: Node): NodeInfo {
    const first = firstToken(node);
    const override = this.trailingOverride.get(node);
    const leading = this.leadingOverride.get(first);
    return {
      leading: leading?.leading ?? first.leading,
      trailing: override ?? lastToken(node).trailing,
      leadingWs: leading?.leadingWs ?? first.leadingWs,
    };
  }

  /** Writes `elem` (no newline handling), first emitting a pending space where one belongs. */
  write(elem: string): void {
    if (this.pendingSpace) {
      this.pendingSpace = false;
      const first = elem.length > 0 ? String.fromCodePoint(elem.codePointAt(0) ?? 0) : '\uFFFD';
      const prevBlock = this.inline ? '\0 \t\n<[{(' : '\0 \t\n';
      const nextBlock = this.inline ? '\n;,)]}>' : '\n;,';
      if (!prevBlock.includes(this.last) && !nextBlock.includes(first)) this.out.push(' ');
    }
    if (elem.length === 0) return;
    this.last = elem[elem.length - 1] ?? this.last;
    this.out.push(elem);
  }

  space(): void {
    this.pendingSpace = true;
  }

  /** Ends the line (after writing `elem`), applying indentation opened or closed on it. */
  line(elem = ''): void {
    if (elem.trim().length > 0) {
      this.writeIndent(undefined);
      this.write(elem);
    }
    this.write('\n');
    if (this.pendingIndent > 0) this.indent++;
    else if (this.pendingIndent < 0) this.outdent();
    this.pendingIndent = 0;
  }

  indentIn(): void {
    this.indent++;
  }

  outdent(): void {
    if (this.indent > 0) this.indent--;
  }

  /** Indents at the start of a line; a closing bracket sits one level out. */
  writeIndent(next: Node | undefined): void {
    if (this.last !== '\n') return;
    let n = this.indent;
    if (next !== undefined && next.kind === 'token' && next.type === 'punct' && CLOSERS.includes(next.text) && n > 0) n--;
    this.write('  '.repeat(n));
  }

  /** Writes one token's text (`override` replaces `<`/`>` of message literals). */
  writeToken(token: Token, override?: string): void {
    const text = override ?? token.text;
    this.lastToken = token;
    // A kept line comment may have ended the line in the middle of a declaration.
    if (this.last === '\n') this.writeIndent(token);
    if (token.type === 'punct') {
      if (OPENERS.includes(text)) this.pendingIndent++;
      else if (CLOSERS.includes(text)) this.pendingIndent--;
    }
    this.write(text);
  }

  isAfterOpenBrace(): boolean {
    const p = this.previous;
    return p !== undefined && p.kind === 'token' && p.type === 'punct' && (p.text === '{' || p.text === '[' || p.text === '<');
  }

  /** Comments above a node, one per line, keeping blank lines between groups. */
  multilineComments(comments: readonly Comment[], forceCompact?: boolean): void {
    // An explicit `false` means "never compact", even right after an opening brace.
    let compact = forceCompact ?? this.isAfterOpenBrace();
    for (const c of comments) {
      if (!compact && countNewlines(c.leadingWs) > 1) this.line();
      compact = false;
      this.comment(c.raw);
      this.write('\n');
    }
  }

  /** Trailing comments inside a line: line comments are rewritten as block comments. */
  inlineComments(comments: readonly Comment[]): void {
    comments.forEach((c, i) => {
      // Between two comments only the source's own blanks count.
      if (i > 0 ? c.leadingWs !== '' : !this.afterNameParen()) this.commentSpace();
      this.writeInlineComment(c);
    });
  }

  /** Inside the parentheses of an option name, buf never spaces a comment from the `(`. */
  private afterNameParen(): boolean {
    const t = this.lastToken;
    return t !== undefined && t.text === '(' && this.namePunct.has(t.offset);
  }

  /**
   * Leading comments of a token on the same line. The space the layout puts before the token (if
   * any) goes before the comments and again after them. Otherwise the source decides: blanks
   * around a comment become one space, a newline after it none (buf's rules, found by testing).
   */
  leadingInlineComments(comments: readonly Comment[], token: Token): void {
    const gap = this.pendingSpace;
    this.pendingSpace = false;
    const beforeCloser = token.type === 'punct' && ')]}>;,:'.includes(token.text);
    const afterSign = this.lastToken !== undefined && (this.lastToken.text === '-' || this.lastToken.text === '+');
    comments.forEach((c, i) => {
      let space: boolean;
      if (i > 0) space = c.leadingWs !== '';
      else {
        space = gap || beforeCloser || afterSign || (c.leadingWs !== '' && !this.afterNameParen());
      }
      if (space) this.commentSpace();
      this.writeInlineComment(c);
    });
    // A line comment ends at its newline; only blanks after that count.
    const lastComment = comments[comments.length - 1];
    let after = token.leadingWs;
    if (lastComment?.raw.startsWith('//')) after = after.replace('\n', '');
    const blanksAfter = after !== '' && !after.includes('\n');
    if (gap || blanksAfter || afterSign || token.text === ':') this.space();
  }

  private writeInlineComment(c: Comment): void {
    if (c.raw.startsWith('//')) this.write(`/* ${trimBlank(c.raw.slice(2))} */`);
    else this.comment(c.raw);
  }

  /** A space before an in-line comment; unlike tokens, comments get one even after `(` or `[`. */
  private commentSpace(): void {
    this.pendingSpace = false;
    if (this.last !== '\n' && this.last !== ' ' && this.last !== '\t' && this.last !== '\0') this.out.push(' ');
  }

  /**
   * Trailing comments of a list element: each block comment moves to a line of its own; a line
   * comment stays on the current line and ends it, except after an identifier value, where it is
   * rewritten as a block comment (what follows, such as `,`, continues that line).
   */
  elementTrailing(comments: readonly Comment[], afterIdent: boolean): void {
    for (const c of comments) {
      if (!c.raw.startsWith('//')) {
        this.line();
        this.comment(c.raw);
      } else if (afterIdent) {
        this.space();
        this.write(`/* ${trimBlank(c.raw.slice(2))} */`);
      } else {
        this.space();
        this.comment(c.raw);
        this.line();
      }
    }
  }

  /**
   * Comments before a closing brace: those cut off from it by a blank line print without blank
   * lines; the group right above it keeps the blank line before it.
   */
  closingComments(comments: readonly Comment[], closeLeadingWs: string): void {
    let attachedStart = 0;
    if (countNewlines(closeLeadingWs) > 1) attachedStart = comments.length;
    else {
      for (let i = comments.length - 1; i > 0; i--) {
        if (countNewlines((comments[i] as Comment).leadingWs) > 1) {
          attachedStart = i;
          break;
        }
      }
    }
    for (const c of comments.slice(0, attachedStart)) {
      this.comment(c.raw);
      this.write('\n');
    }
    this.multilineComments(comments.slice(attachedStart), attachedStart > 0 ? false : undefined);
  }

  /**
   * Trailing comments inside a line after a keyword, literal or punctuation token: a line comment
   * keeps its style and ends the line (the declaration continues on the next one).
   */
  keepLineComments(comments: readonly Comment[]): void {
    comments.forEach((c) => {
      if (c.raw.startsWith('//')) {
        this.commentSpace();
        this.write(trimBlank(c.raw));
        this.line();
        return;
      }
      this.commentSpace();
      this.comment(c.raw);
    });
  }

  /** Comments that end a line, keeping their style; then the newline. */
  trailingEndComments(comments: readonly Comment[]): void {
    for (const c of comments) {
      this.commentSpace();
      this.comment(c.raw);
    }
    this.line();
  }

  /** One comment; multi-line block comments are re-indented. */
  comment(raw: string): void {
    if (!(raw.startsWith('/*') && raw.includes('\n'))) {
      this.writeIndent(undefined);
      this.write(trimBlank(raw));
      return;
    }
    const lines = raw.split('\n');
    let minIndent = -1;
    let prefix = '';
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i] ?? '';
      const ind = leadingColumns(l);
      if (ind !== undefined && (minIndent === -1 || ind < minIndent)) minIndent = ind;
      if (i > 1 && prefix.length === 0) continue;
      const t = trimBlank(l);
      if (t === '*/') continue;
      const c0 = t[0] ?? '';
      const linePrefix = t.length > 0 && !/[\p{L}\p{N}]/u.test(c0) ? c0 : '';
      if (i === 1) prefix = linePrefix;
      else if (linePrefix !== prefix) prefix = '';
    }
    if (minIndent < 0) minIndent = 0;
    // Brackets opened earlier on this line do not indent the comment's continuation lines.
    const pending = this.pendingIndent;
    this.pendingIndent = 0;
    lines.forEach((raw0, i) => {
      const trimmed = trimBlank(raw0);
      let l: string;
      if (trimmed === '' || trimmed === '*/' || prefix.length > 0) l = trimmed;
      else l = unindent(raw0, minIndent).replace(/[ \t]+$/, '');
      if (i > 0 && l !== '*/') l = (prefix.length === 0 ? '   ' : ' ') + l;
      if (l === '*/' && prefix === '*') l = ` ${l}`;
      if (i !== lines.length - 1) this.line(l);
      else {
        this.writeIndent(undefined);
        this.write(l);
      }
    });
    this.pendingIndent = pending;
  }
}

/** Trims spaces and tabs only: buf keeps the `\r` of CRLF files inside comments. */
function trimBlank(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Width of a line's leading blanks (tabs to 8-column stops); undefined for blank or `*\/` lines. */
function leadingColumns(s: string): number | undefined {
  if (trimBlank(s) === '*/') return undefined;
  let n = 0;
  for (const ch of s) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 8 - (n % 8);
    else return n;
  }
  return undefined;
}

function unindent(s: string, cols: number): string {
  let pos = 0;
  let i = 0;
  for (const ch of s) {
    if (pos === cols) return s.slice(i);
    if (pos > cols) return ' '.repeat(pos - cols) + s.slice(i);
    if (ch === ' ') pos++;
    else if (ch === '\t') pos += 8 - (pos % 8);
    else return s.slice(i);
    i += ch.length;
  }
  return '';
}
