/**
 * Printing of option values (scalars, adjacent strings, message and array literals), option names,
 * `[...]` compact options, and the one-line declarations built from them (enum values, map fields,
 * reserved and extension ranges).
 */
import type {
  CompactOptions,
  EnumValueDecl,
  ExtensionsDecl,
  MapFieldDecl,
  Node,
  OptionDecl,
  OptionName,
  RangeNode,
  ReservedDecl,
  RpcType,
  Token,
} from './nodes.js';
import { lastToken } from './nodes.js';
import {
  hasInteriorComments,
  writeBody,
  writeBodyEndInline,
  writeComma,
  writeCompoundStringValue,
  writeInline,
  writeLineEnd,
  writeOpenBrace,
  writeStart,
} from './place.js';
import { writeArrayLiteral, writeMessageFieldPrefix, writeMessageLiteral } from './print-literals.js';
import type { Writer } from './writer.js';

type ValueNode = Exclude<Node, { kind: 'token' | 'message' | 'enum' | 'service' | 'oneof' | 'extend' | 'field' | 'group' | 'rpc' | 'empty' | 'option' | 'import' | 'package' }>;

/** Writes values, option parts and one-line declarations (dispatch for print.ts's `writeNode`). */
export function writeValueNode(w: Writer, node: ValueNode): void {
  switch (node.kind) {
    case 'compound-ident':
      if (node.leadingDot) writeInline(w, node.leadingDot);
      node.parts.forEach((part, i) => {
        if (i > 0) writeInline(w, node.dots[i - 1] as Token);
        writeInline(w, part);
      });
      return;
    case 'compound-string':
      writeCompoundStringValue(w, node.parts, true, false);
      return;
    case 'signed':
      writeInline(w, node.sign);
      writeInline(w, node.number);
      return;
    case 'message-literal':
      writeMessageLiteral(w, node);
      return;
    case 'message-field':
      writeMessageFieldPrefix(w, node);
      if (node.value.kind === 'compound-string') writeCompoundStringValue(w, node.value.parts, true, false);
      else writeLineEnd(w, node.value);
      return;
    case 'array-literal':
      writeArrayLiteral(w, node);
      return;
    case 'field-ref':
      if (node.open) writeInline(w, node.open);
      writeInline(w, node.name);
      if (node.close) writeInline(w, node.close);
      return;
    case 'option-name':
      writeOptionName(w, node);
      return;
    case 'compact-options':
      writeCompactOptions(w, node);
      return;
    case 'map-type':
      writeStart(w, node.keyword);
      writeInline(w, node.open);
      writeInline(w, node.keyType);
      writeInline(w, node.comma);
      w.space();
      writeInline(w, node.valueType);
      writeInline(w, node.close);
      return;
    case 'range':
      writeRange(w, node);
      return;
    case 'rpc-type':
      writeRpcType(w, node);
      return;
    case 'enum-value':
      writeEnumValue(w, node);
      return;
    case 'extensions':
      writeExtensions(w, node);
      return;
    case 'reserved':
      writeReserved(w, node);
      return;
    case 'map-field':
      writeMapField(w, node);
      return;
    case 'syntax':
      return;
  }
}

/** Tokens strictly inside `( ... )` of an rpc type. */
function rpcTypeInner(node: RpcType): Token[] {
  const tokens: Token[] = node.stream ? [node.stream] : [];
  const t = node.type;
  if (t.kind === 'token') tokens.push(t);
  else tokens.push(...(t.leadingDot ? [t.leadingDot] : []), ...t.parts, ...t.dots);
  return tokens;
}

/**
 * `(stream Foo)`. When a comment inside forces a line break (a line comment that is kept, or a
 * block comment over several lines), buf puts the contents on a line of their own.
 */
function writeRpcType(w: Writer, node: RpcType): void {
  const inner = rpcTypeInner(node);
  const comments = [...node.open.trailing, ...node.close.leading, ...inner.flatMap((t) => [...t.leading, ...t.trailing])];
  const keptLine = (t: Token): boolean => t.trailing.some((c) => c.raw.startsWith('//')) && t !== node.type && !(t.type === 'ident' && !w.keywords.has(t)) && !w.namePunct.has(t.offset);
  const breaks = comments.some((c) => c.raw.startsWith('/*') && c.raw.includes('\n')) || inner.some(keptLine);
  if (!breaks) {
    writeInline(w, node.open);
    if (node.stream) {
      writeInline(w, node.stream);
      w.space();
    }
    writeInline(w, node.type);
    writeInline(w, node.close);
    return;
  }
  writeInline(w, { ...node.open, trailing: [] });
  w.line();
  w.writeIndent(undefined);
  const first = inner[0] as Token;
  const moved = node.open.trailing;
  if (moved.length > 0) w.trailingOverride.delete(first);
  if (node.stream) {
    writeInline(w, moved.length > 0 ? { ...node.stream, leading: [...moved, ...node.stream.leading], leadingWs: ' ' } : node.stream);
    w.space();
    writeInline(w, node.type);
  } else if (moved.length > 0 && node.type.kind === 'token') {
    writeInline(w, { ...node.type, leading: [...moved, ...node.type.leading], leadingWs: ' ' });
  } else {
    if (moved.length > 0) w.inlineComments(moved);
    writeInline(w, node.type);
  }
  // Comments before `)` stay after the type; `)` goes back to the rpc's indentation.
  if (node.close.leading.length > 0) w.inlineComments(node.close.leading);
  if (w.last !== '\n') w.line();
  writeInline(w, { ...node.close, leading: [] });
}

// --- options ---------------------------------------------------------------------------------

function writeOptionName(w: Writer, name: OptionName): void {
  name.parts.forEach((part, i) => {
    if (w.inCompactOptions && i === 0) {
      // The caller already wrote the leading comments of the first token.
      if (part.open) {
        w.node(part.open);
        const trailing = w.info(part.open).trailing;
        if (trailing.length > 0) w.inlineComments(trailing);
        writeInline(w, part.name);
      } else {
        w.node(part.name);
        const trailing = w.info(part.name).trailing;
        if (trailing.length > 0) w.inlineComments(trailing);
      }
      if (part.close) writeInline(w, part.close);
      return;
    }
    if (i > 0) writeInline(w, name.dots[i - 1] as Token);
    w.node(part);
  });
}

function writeOptionPrefix(w: Writer, node: OptionDecl): void {
  if (node.keyword) {
    writeStart(w, node.keyword);
    w.space();
    w.node(node.name);
  } else {
    writeStart(w, node.name);
  }
  w.space();
  writeInline(w, node.equals);
  w.space();
}

/** `option a = 1;` in a body, or a non-final entry of compact options. */
export function writeOptionDecl(w: Writer, node: OptionDecl): void {
  writeOptionPrefix(w, node);
  if (node.semicolon) {
    if (node.value.kind === 'compound-string') {
      writeCompoundStringValue(w, node.value.parts, true, true);
    } else {
      writeInline(w, node.value);
    }
    writeLineEnd(w, node.semicolon);
    return;
  }
  if (node.value.kind === 'compound-string') writeCompoundStringValue(w, node.value.parts, true, true);
  else writeInline(w, node.value);
}

/** `[a = 1]` stays in-line when it holds one option and no comments; else one option per line. */
export function writeCompactOptions(w: Writer, node: CompactOptions): void {
  w.inCompactOptions = true;
  const only = node.options[0];
  if (node.options.length === 1 && only !== undefined && !hasInteriorComments(w, [node.open, only.name])) {
    w.flat++;
    writeInline(w, node.open);
    writeInline(w, only.name);
    w.space();
    writeInline(w, only.equals);
    if (only.value.kind === 'compound-string') {
      writeCompoundStringValue(w, only.value.parts, false, true);
    } else {
      w.space();
      writeInline(w, only.value);
    }
    writeInline(w, node.close);
    w.flat--;
    w.inCompactOptions = false;
    return;
  }
  const elements =
    node.options.length > 0
      ? () => {
          node.options.forEach((opt, i) => {
            w.elementEnds.add(lastToken(opt.value));
            if (i === node.options.length - 1) {
              writeOptionPrefix(w, opt);
              writeLineEnd(w, opt.value);
              return;
            }
            w.node(opt);
            writeComma(w, node.commas[i] as Token);
          });
        }
      : undefined;
  writeBody(w, node.open, node.close, elements, writeOpenBrace, writeBodyEndInline);
  w.inCompactOptions = false;
}

// --- one-line declarations -------------------------------------------------------------------

function writeEnumValue(w: Writer, node: EnumValueDecl): void {
  writeStart(w, node.name);
  w.space();
  writeInline(w, node.equals);
  w.space();
  writeInline(w, node.number);
  if (node.options) {
    w.space();
    writeCompactOptions(w, node.options);
  }
  writeLineEnd(w, node.semicolon);
}

function writeMapField(w: Writer, node: MapFieldDecl): void {
  w.node(node.mapType);
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
  writeLineEnd(w, node.semicolon);
}

function writeRange(w: Writer, node: RangeNode): void {
  writeInline(w, node.start);
  if (node.to) {
    w.space();
    writeInline(w, node.to);
  }
  if (node.end) {
    w.space();
    writeInline(w, node.end);
  }
}

function writeExtensions(w: Writer, node: ExtensionsDecl): void {
  writeStart(w, node.keyword);
  w.space();
  node.ranges.forEach((r, i) => {
    if (i > 0) {
      writeInline(w, node.commas[i - 1] as Token);
      w.space();
    }
    w.node(r);
  });
  if (node.options) {
    w.space();
    writeCompactOptions(w, node.options);
  }
  writeLineEnd(w, node.semicolon);
}

function writeReserved(w: Writer, node: ReservedDecl): void {
  writeStart(w, node.keyword);
  w.space();
  node.elements.forEach((e, i) => {
    if (i > 0) {
      writeInline(w, node.commas[i - 1] as Token);
      w.space();
    }
    writeInline(w, e);
  });
  writeLineEnd(w, node.semicolon);
}
