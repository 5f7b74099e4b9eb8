/**
 * The header of a `.proto` file as buf prints it: syntax (or edition), package, imports sorted by
 * path (plain, then public, then weak for the same path; duplicates kept), then file options sorted
 * by name with built-in options before custom `(...)` ones.
 */
import type { Comment } from './lexer.js';
import { countNewlines } from './lexer.js';
import {
  type Decl,
  type FieldRef,
  type ImportDecl,
  type Node,
  type OptionDecl,
  type OptionName,
  type ProtoFile,
  type Token,
  firstToken,
} from './nodes.js';
import { writeCompoundStringValue, writeInline, writeLineEnd, writeStart } from './place.js';
import type { Writer } from './writer.js';

/** Whether a blank line precedes the node (or its first leading comment) in the source. */
export function leadingHasBlankLine(w: Writer, node: Node): boolean {
  const info = w.info(node);
  return countNewlines(info.leading[0]?.leadingWs ?? info.leadingWs) > 1;
}

/** An import path as written, quotes dropped (escapes in import paths are not worth decoding). */
function stringContent(node: Token | { parts: readonly Token[] }): string {
  const parts = 'parts' in node ? node.parts : [node];
  return parts.map((t) => t.text.slice(1, -1)).join('');
}

/** Order among imports of the same path. */
function importRank(node: ImportDecl): number {
  if (node.modifier?.text === 'public') return 2;
  if (node.modifier?.text === 'weak') return 1;
  return 3;
}

/** Code-unit order, like Go's string comparison for the ASCII names found in practice. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A (possibly qualified) name without whitespace or comments. */
function identText(node: Node): string {
  if (node.kind === 'token') return node.text;
  if (node.kind === 'compound-ident') return (node.leadingDot ? '.' : '') + node.parts.map((p) => p.text).join('.');
  return '';
}

/** Sort key of a file option: its name without whitespace or comments, e.g. `(foo.bar).baz`. */
function optionNameKey(name: OptionName): string {
  return name.parts.map((p: FieldRef) => (p.open ? `(${identText(p.name)})` : identText(p.name))).join('.');
}

/** Writes syntax, package, imports and file options, wherever they were in the source. */
export function writeHeader(w: Writer, file: ProtoFile): void {
  let pkg: Decl | undefined;
  const imports: ImportDecl[] = [];
  const options: OptionDecl[] = [];
  for (const d of file.decls) {
    if (d.kind === 'package') pkg = d;
    else if (d.kind === 'import') imports.push(d);
    else if (d.kind === 'option') options.push(d);
  }
  if (file.syntax) {
    const s = file.syntax;
    writeStart(w, s.keyword);
    w.space();
    writeInline(w, s.equals);
    w.space();
    writeInline(w, s.value);
    writeLineEnd(w, s.semicolon);
  }
  const sortedImports = imports
    .map((node, index) => ({ node, index, name: stringContent(node.name), rank: importRank(node) }))
    .sort((a, b) => {
      const byName = compareStrings(a.name, b.name);
      if (byName !== 0) return byName;
      if (a.rank !== b.rank) return b.rank - a.rank;
      return a.index - b.index;
    });
  const sortedOptions = options
    .map((node, index) => ({ node, index, key: optionNameKey(node.name) }))
    .sort((a, b) => {
      const ac = a.key.startsWith('(');
      const bc = b.key.startsWith('(');
      if (ac !== bc) return ac ? 1 : -1;
      return compareStrings(a.key, b.key) || a.index - b.index;
    });
  moveDetachedComments(w, file, [...(pkg ? [pkg] : []), ...sortedImports.map((e) => e.node), ...sortedOptions.map((e) => e.node)]);
  if (pkg) w.node(pkg);
  sortedImports.forEach((entry, i) => {
    if (i === 0 && w.previous !== undefined && !leadingHasBlankLine(w, entry.node)) w.line();
    writeImport(w, entry.node, i > 0);
  });
  sortedOptions.forEach((entry, i) => {
    if (i === 0 && w.previous !== undefined && !leadingHasBlankLine(w, entry.node)) w.line();
    writeFileOption(w, entry.node, i > 0);
  });
}

/** Splits leading comments where the last blank line falls: `[detached, attached]`. */
function splitDetached(token: Token): [readonly Comment[], readonly Comment[]] {
  const comments = token.leading;
  if (countNewlines(token.leadingWs) > 1) return [comments, []];
  for (let i = comments.length - 1; i > 0; i--) {
    if (countNewlines((comments[i] as Comment).leadingWs) > 1) return [comments.slice(0, i), comments.slice(i)];
  }
  return [[], comments];
}

/**
 * Sorting moves header declarations, but comments set off from a declaration by a blank line
 * stay at their place in the sequence: buf prints them before the first declaration, in the new
 * order, that came at or after them in the source.
 */
function moveDetachedComments(w: Writer, file: ProtoFile, order: readonly Decl[]): void {
  const sourceIndex = new Map(file.decls.map((d, i) => [d, i]));
  const moved = new Map<Decl, Comment[]>();
  for (const owner of order) {
    const [detached] = splitDetached(firstToken(owner));
    if (detached.length === 0) continue;
    const from = sourceIndex.get(owner) ?? 0;
    const target = order.find((d) => (sourceIndex.get(d) ?? 0) >= from) ?? owner;
    if (target === owner) continue;
    // Groups from different declarations stay apart by a blank line.
    const group = (moved.get(target)?.length ?? 0) > 0 ? [{ ...(detached[0] as Comment), leadingWs: '\n\n' }, ...detached.slice(1)] : [...detached];
    moved.set(target, [...(moved.get(target) ?? []), ...group]);
    const first = firstToken(owner);
    w.leadingOverride.set(first, { leading: splitDetached(first)[1], leadingWs: first.leadingWs });
  }
  for (const [target, comments] of moved) {
    const first = firstToken(target);
    const [ownDetached, attached] = splitDetached(first);
    const all = [...comments, ...ownDetached].sort((a, b) => a.line - b.line);
    const firstWs = first.leading[0]?.leadingWs ?? first.leadingWs;
    const head = all[0] as Comment;
    const leading: Comment[] = [{ ...head, leadingWs: firstWs }, ...all.slice(1)];
    let leadingWs = first.leadingWs;
    const firstAttached = attached[0];
    if (firstAttached !== undefined) leading.push({ ...firstAttached, leadingWs: '\n\n' }, ...attached.slice(1));
    else leadingWs = '\n\n';
    w.leadingOverride.set(first, { leading, leadingWs });
  }
}

/** `import [public|weak] "path";`, compact (no blank lines) after the first import. */
export function writeImport(w: Writer, node: ImportDecl, forceCompact: boolean): void {
  writeStart(w, node.keyword, forceCompact);
  w.space();
  if (node.modifier) {
    writeInline(w, node.modifier);
    w.space();
  }
  writeInline(w, node.name);
  writeLineEnd(w, node.semicolon);
}

/** `option name = value;` at file level, compact after the first option. */
function writeFileOption(w: Writer, node: OptionDecl, forceCompact: boolean): void {
  writeStart(w, node.keyword as Token, forceCompact);
  w.space();
  w.node(node.name);
  w.space();
  writeInline(w, node.equals);
  if (node.value.kind === 'compound-string') {
    writeCompoundStringValue(w, node.value.parts, true, true);
  } else {
    w.space();
    writeInline(w, node.value);
  }
  writeLineEnd(w, node.semicolon as Token);
}
