/**
 * Prints a formatter syntax tree in `buf format`'s layout: the header (syntax, package, sorted
 * imports, sorted file options) first, then every other declaration in source order, two-space
 * indentation, and comments kept where `buf format` keeps them.
 */
import { countNewlines } from './lexer.js';
import type { BlockDecl, Decl, FieldDecl, GroupDecl, Node, ProtoFile, RpcDecl, Token } from './nodes.js';
import {
  hasInteriorComments,
  writeBody,
  writeBodyEnd,
  writeInline,
  writeLineEnd,
  writeOpenBrace,
  writeStart,
} from './place.js';
import { leadingHasBlankLine, writeHeader, writeImport } from './print-header.js';
import { writeCompactOptions, writeOptionDecl, writeValueNode } from './print-values.js';
import { Writer } from './writer.js';

/** Formats a parsed file. */
export function printProtoFile(file: ProtoFile): string {
  const w = new Writer(writeNode, file.keywords, file.namePunct);
  writeHeader(w, file);
  writeTypes(w, file);
  // buf starts a file holding nothing but comments with an empty line.
  const onlyComments = file.syntax === undefined && file.decls.length === 0 && file.eof.leading.length > 0;
  if (onlyComments) w.line();
  w.multilineComments(file.eof.leading, onlyComments || undefined);
  if (w.last !== '\0' && w.last !== '\n') w.line();
  return w.text();
}

/** Writes a node by kind; comments are handled by the caller's placement function. */
function writeNode(w: Writer, node: Node): void {
  switch (node.kind) {
    case 'token':
      w.writeToken(node);
      return;
    case 'message':
    case 'enum':
    case 'service':
    case 'oneof':
    case 'extend':
      writeBlock(w, node);
      return;
    case 'field':
      writeField(w, node);
      return;
    case 'group':
      writeGroup(w, node);
      return;
    case 'rpc':
      writeRpc(w, node);
      return;
    case 'empty': {
      // A stray `;` disappears, but the comments and the blank line above it stay.
      const info = w.info(node.semicolon);
      const blankBefore = countNewlines(info.leadingWs) > 1;
      if (info.leading.length > 0) {
        w.multilineComments(info.leading);
        if (blankBefore) w.line();
      } else if (blankBefore && !w.isAfterOpenBrace()) {
        w.line();
      }
      if (info.trailing.length > 0) w.multilineComments(info.trailing, true);
      w.previous = node.semicolon;
      return;
    }
    case 'option':
      writeOptionDecl(w, node);
      return;
    case 'import':
      writeImport(w, node, false);
      return;
    case 'package':
      writeStart(w, node.keyword);
      w.space();
      writeInline(w, node.name);
      writeLineEnd(w, node.semicolon);
      return;
    default:
      writeValueNode(w, node);
  }
}

function writeTypeBody(w: Writer, open: Token, close: Token, decls: readonly Decl[]): void {
  // A body holding only `;` prints as empty.
  // A body of bare `;` prints as `{}` unless comments make it a real body.
  const hasContent =
    decls.some((d) => d.kind !== 'empty' || w.info(d).leading.length > 0 || w.info(d).trailing.length > 0) ||
    (decls.length > 0 && hasInteriorComments(w, [open, close]));
  const elements = hasContent ? () => decls.forEach((d) => writeNode(w, d)) : undefined;
  writeBody(w, open, close, elements, writeOpenBrace, writeBodyEnd);
}

/** Everything that is not header: messages, enums, services, extends, in source order. */
function writeTypes(w: Writer, file: ProtoFile): void {
  // buf separates the first declaration from a `syntax` line directly above it (not from a
  // package, import or option line).
  const onlySyntaxAbove = file.syntax !== undefined && !file.decls.some((d) => d.kind === 'package' || d.kind === 'import' || d.kind === 'option');
  let first = true;
  for (const d of file.decls) {
    if (d.kind === 'package' || d.kind === 'option' || d.kind === 'import') continue;
    if (d.kind === 'empty') {
      // Only its comments, if any, are printed.
      writeNode(w, d);
      continue;
    }
    if (first && onlySyntaxAbove && !leadingHasBlankLine(w, d)) w.line();
    first = false;
    writeNode(w, d);
  }
}

// --- declarations ----------------------------------------------------------------------------

/** Starts a declaration at its first token: an optional modifier (label, visibility), then `head`. */
function writeLead(w: Writer, modifier: Token | undefined, head: Node): void {
  if (modifier) {
    writeStart(w, modifier);
    w.space();
    writeInline(w, head);
  } else {
    writeStart(w, head);
  }
}

/** ` name = tag [options]`, shared by fields and groups. */
function writeNumbered(w: Writer, node: FieldDecl | GroupDecl): void {
  w.space();
  writeInline(w, node.name);
  w.space();
  writeInline(w, node.equals);
  w.space();
  writeInline(w, node.tag);
  if (node.options) {
    w.space();
    writeCompactOptions(w, node.options);
  }
}

function writeBlock(w: Writer, node: BlockDecl): void {
  writeLead(w, node.visibility, node.keyword);
  w.space();
  writeInline(w, node.name);
  w.space();
  writeTypeBody(w, node.open, node.close, node.decls);
}

function writeField(w: Writer, node: FieldDecl): void {
  if (node.label) {
    writeLead(w, node.label, node.type);
  } else if (node.type.kind === 'compound-ident') {
    const t = node.type;
    if (t.leadingDot) writeStart(w, t.leadingDot);
    t.parts.forEach((part, i) => {
      if (i === 0 && !t.leadingDot) {
        writeStart(w, part);
        return;
      }
      if (i > 0) writeInline(w, t.dots[i - 1] as Token);
      writeInline(w, part);
    });
  } else {
    writeStart(w, node.type);
  }
  writeNumbered(w, node);
  writeLineEnd(w, node.semicolon);
}

function writeGroup(w: Writer, node: GroupDecl): void {
  writeLead(w, node.label, node.keyword);
  writeNumbered(w, node);
  w.space();
  writeTypeBody(w, node.open, node.close, node.decls);
}

function writeRpc(w: Writer, node: RpcDecl): void {
  writeStart(w, node.keyword);
  w.space();
  writeInline(w, node.name);
  writeInline(w, node.input);
  w.space();
  writeInline(w, node.returns);
  w.space();
  writeInline(w, node.output);
  if (node.open === undefined || node.close === undefined) {
    writeLineEnd(w, node.semicolon as Token);
    return;
  }
  w.space();
  writeTypeBody(w, node.open, node.close, node.decls);
}
