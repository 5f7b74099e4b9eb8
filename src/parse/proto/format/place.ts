/**
 * Where comments and blank lines go around a node, by the node's place in a line: starting it,
 * inside it, ending it, or closing a body. These are buf's placement rules; every printer function
 * writes tokens through them.
 */
import type { Comment } from './lexer.js';
import { countNewlines } from './lexer.js';
import { type Node, type Token, firstToken } from './nodes.js';
import type { Writer } from './writer.js';

/** Nodes made of several tokens; their comments belong to their tokens. */
export function isComposite(node: Node): boolean {
  return node.kind !== 'token';
}

/** A node that starts a line: leading comments above it, blank lines before it kept (one). */
export function writeStart(w: Writer, node: Node, forceCompact = false): void {
  const info = w.info(node);
  const newlines = countNewlines(info.leadingWs);
  const compact = forceCompact || w.isAfterOpenBrace();
  if (info.leading.length > 0) {
    w.multilineComments(info.leading, forceCompact || undefined);
    if (newlines > 1) w.line();
  } else if (!compact && newlines > 1) {
    w.line();
  }
  w.writeIndent(node);
  w.node(node);
  // An option name writes its own trailing comments.
  if (node.kind !== 'option-name') trailingInLine(w, node, info.trailing);
  w.previous = node;
}

function isIdentValue(node: Node): boolean {
  return node.kind === 'token' && node.type === 'ident';
}

/** Names (and their dots and parentheses) get in-line block comments; other tokens may end a line. */
function isNameLike(w: Writer, node: Node): boolean {
  if (node.kind !== 'token') return true;
  return (node.type === 'ident' && !w.keywords.has(node)) || w.namePunct.has(node.offset);
}

function isElementEnd(w: Writer, node: Node): boolean {
  return node.kind === 'token' && w.elementEnds.has(node);
}

/** Trailing comments of a node that more tokens may follow on the same line. */
function trailingInLine(w: Writer, node: Node, comments: readonly Comment[]): void {
  if (comments.length === 0) return;
  if (isElementEnd(w, node)) w.elementTrailing(comments, isIdentValue(node));
  else if (w.flat > 0 || isNameLike(w, node)) w.inlineComments(comments);
  else w.keepLineComments(comments);
}

/** Trailing comments of a node that ends its line. */
function trailingAtLineEnd(w: Writer, node: Node, comments: readonly Comment[]): void {
  if (isElementEnd(w, node) && comments.length > 0) {
    w.elementTrailing(comments, isIdentValue(node));
    if (w.last !== '\n') w.line();
    return;
  }
  w.trailingEndComments(comments);
}

/** A node inside a line: its comments become in-line block comments. */
export function writeInline(w: Writer, node: Node): void {
  w.inline = true;
  if (isComposite(node)) {
    w.node(node);
    w.inline = false;
    return;
  }
  const info = w.info(node);
  leadingInline(w, node, info);
  w.node(node);
  trailingInLine(w, node, info.trailing);
  w.previous = node;
  w.inline = false;
}

function leadingInline(w: Writer, node: Node, info: { leading: readonly Comment[]; leadingWs: string }): void {
  if (info.leading.length > 0) w.leadingInlineComments(info.leading, firstToken(node));
}

/** Leading comments of a line-starting end token; closing brackets get buf's detached-comment rule. */
function endLeadingComments(w: Writer, node: Node, info: { leading: readonly Comment[]; leadingWs: string }): void {
  if (node.kind === 'token' && node.type === 'punct' && '}]>'.includes(node.text)) w.closingComments(info.leading, info.leadingWs);
  else w.multilineComments(info.leading);
}

/** The closing token of a body (or a line-ending element): trailing comments end the line. */
export function writeBodyEnd(w: Writer, node: Node, leadingOnSameLine: boolean): void {
  writeClosing(w, node, leadingOnSameLine, true);
}

/** The closing `]`/`}` of a value, which more tokens may follow on the same line. */
export function writeBodyEndInline(w: Writer, node: Node, leadingOnSameLine: boolean): void {
  writeClosing(w, node, leadingOnSameLine, false);
}

/** A closing token with its comments; `endsLine` says whether the line ends after it. */
function writeClosing(w: Writer, node: Node, leadingOnSameLine: boolean, endsLine: boolean): void {
  if (isComposite(node)) {
    w.node(node);
    if (endsLine && w.last !== '\n') w.line();
    return;
  }
  const info = w.info(node);
  if (leadingOnSameLine) leadingInline(w, node, info);
  else {
    endLeadingComments(w, node, info);
    w.writeIndent(node);
  }
  w.node(node);
  if (endsLine) trailingAtLineEnd(w, node, info.trailing);
  else trailingInLine(w, node, info.trailing);
  w.previous = node;
}

/** The last token of a line (`;`, `,`): its trailing comments keep their style. */
export function writeLineEnd(w: Writer, node: Node): void {
  if (isComposite(node)) {
    w.node(node);
    if (w.last !== '\n') w.line();
    return;
  }
  const info = w.info(node);
  leadingInline(w, node, info);
  w.node(node);
  w.space();
  trailingAtLineEnd(w, node, info.trailing);
  w.previous = node;
}

/** Comments between the nodes (ignoring those before the first and after the last). */
export function hasInteriorComments(w: Writer, nodes: readonly Node[]): boolean {
  return nodes.some((n, i) => {
    const info = w.info(n);
    return (i > 0 && info.leading.length > 0) || (i < nodes.length - 1 && info.trailing.length > 0);
  });
}

/** `{ ... }`, `[ ... ]`: an empty body without comments stays `{}`. */
export function writeBody(
  w: Writer,
  open: Token,
  close: Token,
  elements: (() => void) | undefined,
  openWriter: (w: Writer, open: Token) => void,
  closeWriter: (w: Writer, close: Token, leadingOnSameLine: boolean) => void,
): void {
  if (elements === undefined && !hasInteriorComments(w, [open, close])) {
    writeInline(w, open);
    closeWriter(w, close, true);
    return;
  }
  if (elements === undefined) {
    // Only comments inside: they go on lines of their own between the brackets (buf glues the first
    // one to the `[` of compact options).
    const comments = [...w.info(open).trailing, ...w.info(close).leading];
    leadingInline(w, open, w.info(open));
    w.node(open);
    if (open.text === '[' && w.inCompactOptions) {
      comments.forEach((c, i) => {
        if (i > 0) w.space();
        w.comment(c.raw);
      });
      w.line();
    } else {
      w.line();
      w.previous = open;
      w.multilineComments(comments, true);
    }
    closeWriter(w, { ...close, leading: [] }, false);
    return;
  }
  // An expanded body breaks lines freely, even inside a single-line form around it.
  const flat = w.flat;
  w.flat = 0;
  openWriter(w, open);
  elements?.();
  closeWriter(w, close, false);
  w.flat = flat;
}

/** `{` or `[` opening an expanded body; comments after it stay on its line. */
export function writeOpenBrace(w: Writer, open: Token): void {
  const info = w.info(open);
  leadingInline(w, open, info);
  w.node(open);
  if (info.trailing.length > 0) w.trailingEndComments(info.trailing);
  else w.line();
  w.previous = open;
}

/** Adjacent strings, one per line under the `=`. */
export function writeCompoundStringValue(w: Writer, parts: readonly Token[], indent: boolean, endInline: boolean): void {
  w.line();
  if (indent) w.indentIn();
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Token;
    if (endInline && i === parts.length - 1) {
      writeStart(w, part, true);
      break;
    }
    writeStringPart(w, part);
  }
  if (indent) w.outdent();
}

/** A line of adjacent strings: comments after it get lines of their own. */
export function writeStringPart(w: Writer, part: Token): void {
  const info = w.info(part);
  if (info.trailing.length === 0 || w.elementEnds.has(part)) {
    writeBodyEnd(w, part, false);
    return;
  }
  writeBodyEnd(w, { ...part, trailing: [] }, false);
  w.multilineComments(info.trailing, true);
}

/** A list comma; it starts a line of its own after an element's line comment. */
export function writeComma(w: Writer, comma: Token): void {
  if (w.last === '\n') w.writeIndent(undefined);
  writeLineEnd(w, comma);
}
