/**
 * Message literals (`{ a: 1 b: [..] }`, also written `< .. >`) and array literals inside option
 * values: a literal with one scalar field and no comments stays on one line, anything else is
 * expanded one entry per line; separators are dropped and `:` is always written.
 */
import {
  type ArrayLiteral,
  type FieldRef,
  type MessageField,
  type MessageLiteral,
  type Node,
  type SignedNumber,
  type Token,
  type Value,
  firstToken,
  lastToken,
} from './nodes.js';
import {
  hasInteriorComments,
  writeBody,
  writeBodyEnd,
  writeBodyEndInline,
  writeComma,
  writeInline,
  writeLineEnd,
  writeOpenBrace,
  writeStart,
  writeStringPart,
} from './place.js';
import type { Writer } from './writer.js';

function literalChildren(node: MessageLiteral): Node[] {
  const children: Node[] = [node.open];
  node.fields.forEach((f, i) => {
    children.push(f);
    const sep = node.seps[i];
    if (sep) children.push(sep);
  });
  children.push(node.close);
  return children;
}

/** Any comment between the first and last token of a message-literal field. */
function hasCommentsWithin(field: MessageField): boolean {
  const tokens: Token[] = [];
  const ref = field.name;
  for (const t of [ref.open, ref.slash, ref.close, field.sep]) if (t) tokens.push(t);
  for (const n of [ref.urlPrefix, ref.name, field.value]) {
    if (n === undefined) continue;
    tokens.push(firstToken(n), lastToken(n));
  }
  const first = firstToken(field);
  const last = lastToken(field);
  return tokens.some((t) => (t !== first && t.leading.length > 0) || (t !== last && t.trailing.length > 0));
}

function hasNested(values: readonly Value[]): boolean {
  return values.some((v) => v.kind === 'message-literal' || v.kind === 'array-literal');
}

/** `<`/`>` message literals are printed with braces. */
function braceText(token: Token): string {
  if (token.text === '<') return '{';
  if (token.text === '>') return '}';
  return token.text;
}

/** Placement functions write tokens through `w.node`; braces of literals need their own text. */
function withBraces(token: Token): Token {
  const text = braceText(token);
  return text === token.text ? token : { ...token, text };
}

/** `{a: 1}`: a single scalar field without comments stays on one line. */
function tryCompactMessageLiteral(w: Writer, node: MessageLiteral, inArray: boolean): boolean {
  const field = node.fields[0];
  if (node.fields.length !== 1 || field === undefined) return false;
  if (hasInteriorComments(w, literalChildren(node)) || hasNested([field.value])) return false;
  if (field.value.kind === 'compound-string' || hasCommentsWithin(field)) return false;
  const open = withBraces(node.open);
  if (inArray) w.writeIndent(open);
  w.flat++;
  writeInline(w, open);
  writeInline(w, field.name);
  if (field.sep) writeInline(w, field.sep);
  else w.write(':');
  w.space();
  moveSeparatorComments(w, node, 0);
  writeInline(w, field.value);
  writeInline(w, withBraces(node.close));
  w.flat--;
  return true;
}

/** A dropped `,`/`;` hands its trailing comments to the value before it. */
function moveSeparatorComments(w: Writer, node: MessageLiteral, i: number): void {
  const sep = node.seps[i];
  const field = node.fields[i];
  if (sep === undefined || field === undefined) return;
  const sepInfo = w.info(sep);
  const valueEnd = lastToken(field.value);
  const own = w.info(valueEnd).trailing;
  // The separator is dropped; its comments follow the value (none is ever lost).
  const moved = [...sepInfo.leading, ...sepInfo.trailing];
  if (moved.length > 0) w.trailingOverride.set(valueEnd, [...own, ...moved]);
}

function literalElements(w: Writer, node: MessageLiteral): (() => void) | undefined {
  if (node.fields.length === 0) return undefined;
  return () => {
    node.fields.forEach((f, i) => {
      moveSeparatorComments(w, node, i);
      if (f.value.kind !== 'message-literal' && f.value.kind !== 'array-literal') w.elementEnds.add(lastToken(f.value));
      w.node(f);
    });
  };
}

/** `{` of a message literal: comments after it move to lines of their own inside. */
function writeLiteralOpen(w: Writer, open: Token, inArray: boolean): void {
  const info = w.info(open);
  if (inArray) {
    if (info.leading.length > 0) w.multilineComments(info.leading);
    w.writeIndent(open);
  } else if (info.leading.length > 0) {
    w.leadingInlineComments(info.leading, open);
  }
  w.node(open);
  w.line();
  w.previous = open;
  if (info.trailing.length > 0) w.multilineComments(info.trailing, true);
}

/** A message literal as an option value or field value. */
export function writeMessageLiteral(w: Writer, node: MessageLiteral): void {
  if (tryCompactMessageLiteral(w, node, false)) return;
  const open = (wr: Writer, token: Token): void => writeLiteralOpen(wr, token, false);
  writeBody(w, withBraces(node.open), withBraces(node.close), literalElements(w, node), open, writeBodyEndInline);
}

/** `name:` (the colon is always written) of a literal field. */
export function writeMessageFieldPrefix(w: Writer, node: MessageField): void {
  const ref: FieldRef = node.name;
  if (ref.open) {
    writeStart(w, ref.open);
    if (ref.urlPrefix && ref.slash) {
      writeInline(w, ref.urlPrefix);
      writeInline(w, ref.slash);
    }
    writeInline(w, ref.name);
  } else {
    writeStart(w, ref.name);
  }
  if (ref.close) writeInline(w, ref.close);
  // buf keeps a space between a comment after the name and the `:`.
  if (w.info(ref).trailing.length > 0) w.space();
  if (node.sep) writeInline(w, node.sep);
  else w.write(':');
  w.space();
}

/** `[a, b]`: one scalar stays in-line, anything else gets one element per line. */
export function writeArrayLiteral(w: Writer, node: ArrayLiteral): void {
  const children: Node[] = [node.open];
  node.elements.forEach((e, i) => {
    children.push(e);
    const comma = node.commas[i];
    if (comma) children.push(comma);
  });
  children.push(node.close);
  const single = node.elements[0];
  if (node.elements.length === 1 && single !== undefined && !hasInteriorComments(w, children) && !hasNested(node.elements)) {
    w.flat++;
    writeInline(w, node.open);
    writeInline(w, single);
    writeInline(w, node.close);
    w.flat--;
    return;
  }
  const elements =
    node.elements.length > 0
      ? () => {
          node.elements.forEach((e, i) => {
            const isLast = i === node.elements.length - 1;
            w.elementEnds.add(lastToken(e));
            if (e.kind !== 'token') {
              writeArrayElement(w, e, isLast);
              if (!isLast) writeComma(w, node.commas[i] as Token);
              return;
            }
            if (isLast) {
              writeBodyEnd(w, e, false);
              return;
            }
            writeStart(w, e);
            writeComma(w, node.commas[i] as Token);
          });
        }
      : undefined;
  writeBody(w, node.open, node.close, elements, writeOpenBrace, writeBodyEndInline);
}

function writeArrayElement(w: Writer, node: Exclude<Value, Token>, isLast: boolean): void {
  switch (node.kind) {
    case 'compound-string':
      for (let i = 0; i < node.parts.length; i++) {
        const part = node.parts[i] as Token;
        if (!isLast && i === node.parts.length - 1) {
          writeStart(w, part, true);
          return;
        }
        writeStringPart(w, part);
      }
      return;
    case 'signed':
      writeSignedForArray(w, node, isLast);
      return;
    case 'message-literal': {
      if (tryCompactMessageLiteral(w, node, true)) {
        if (isLast && w.last !== '\n') w.line();
        return;
      }
      const openForArray = (wr: Writer, open: Token): void => writeLiteralOpen(wr, open, true);
      const close = isLast ? writeBodyEnd : writeBodyEndInline;
      writeBody(w, withBraces(node.open), withBraces(node.close), literalElements(w, node), openForArray, close);
      return;
    }
    case 'array-literal':
      writeArrayLiteral(w, node);
      return;
  }
}

function writeSignedForArray(w: Writer, node: SignedNumber, isLast: boolean): void {
  writeStart(w, node.sign);
  if (isLast) writeLineEnd(w, node.number);
  else writeInline(w, node.number);
}
