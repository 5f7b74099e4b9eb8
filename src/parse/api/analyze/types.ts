/**
 * The types pass of the analysis: collects every `type` declaration of the import graph (duplicates,
 * non-struct top-level types), then converts each to an IR `TypeDecl`, checking its fields (duplicate
 * names, unknown or unsupported types, tags, ranges) as goctl's analyzer does.
 */
import type { Field, PrimitiveName, TypeDecl, TypeRef } from '../../../ir/index.js';
import type { Comment, DataType, ElemExpr, TokenNode, TypeExpr } from '../ast.js';
import type { GraphFile } from '../graph.js';
import { parseOptionList, parseRange, parseTag } from '../tags.js';
import { type Analysis, PRIMITIVES, type TypeEntry, docOf, sourceRef } from './context.js';

/** Declares every type of every file in `a.types`, reporting duplicates and non-struct types. */
export function collectTypes(a: Analysis): void {
  for (const file of a.files) {
    for (const stmt of file.ast.stmts) {
      if (stmt.kind === 'TypeLiteralStmt') declareType(a, file, stmt.expr, [...stmt.type.head, ...stmt.expr.name.head]);
      if (stmt.kind === 'TypeGroupStmt') for (const expr of stmt.exprs) declareType(a, file, expr, expr.name.head);
    }
  }
}

/** The IR of every collected type, in declaration order. */
export function buildTypes(a: Analysis): TypeDecl[] {
  return [...a.types.values()].map((t) => buildType(a, t));
}

function declareType(a: Analysis, file: GraphFile, expr: TypeExpr, doc: Comment[]): void {
  const name = expr.name.token.text;
  const first = a.types.get(name);
  if (first) {
    const where = first.file === file ? `line ${first.expr.name.span.start.line}` : `${first.file.path}:${first.expr.name.span.start.line}`;
    a.error(file.path, expr.name.span, 'API0204', `duplicate type '${name}' (first declared at ${where})`);
    return;
  }
  if (expr.dataType.kind !== 'StructDataType') {
    a.error(file.path, expr.dataType.span, 'API0205', `type '${name}' must be a struct: top-level types are written 'type ${name} { … }'`);
  }
  a.types.set(name, { file, expr, doc });
}

function buildType(a: Analysis, entry: TypeEntry): TypeDecl {
  const { file, expr } = entry;
  const fields = expr.dataType.kind === 'StructDataType' ? buildFields(a, file, expr.dataType.elems) : [];
  return { kind: 'struct', name: expr.name.token.text, fields, doc: docOf(entry.doc), source: sourceRef(file.path, expr.span) };
}

function buildFields(a: Analysis, file: GraphFile, elems: readonly ElemExpr[]): Field[] {
  const fields: Field[] = [];
  const seen = new Map<string, TokenNode>();
  for (const elem of elems) {
    const embedded = elem.names.length === 0;
    if (embedded) {
      fields.push(buildEmbedded(a, file, elem));
      continue;
    }
    for (const nameNode of elem.names) {
      const name = nameNode.token.text;
      const first = seen.get(name);
      if (first) {
        a.error(file.path, nameNode.span, 'API0206', `duplicate field '${name}' (first at line ${first.span.start.line})`);
        continue;
      }
      seen.set(name, nameNode);
      fields.push(buildField(a, file, elem, name, typeRef(a, file, elem.dataType, 'field')));
    }
  }
  return fields;
}

function buildEmbedded(a: Analysis, file: GraphFile, elem: ElemExpr): Field {
  const core = elem.dataType.kind === 'PointerDataType' ? elem.dataType.elem : elem.dataType;
  const name = core.kind === 'BaseDataType' ? core.base.token.text : '?';
  if (core.kind === 'BaseDataType') {
    const declared = a.types.get(name);
    if (!declared) {
      a.error(file.path, core.span, 'API0207', PRIMITIVES.has(name) ? `cannot embed '${name}': only struct types can be embedded` : `unknown type '${name}'`);
    }
  }
  return buildField(a, file, elem, name, typeRef(a, file, elem.dataType, 'embedded'), true);
}

function buildField(a: Analysis, file: GraphFile, elem: ElemExpr, name: string, type: TypeRef, embedded = false): Field {
  const tagText = elem.tag ? elem.tag.token.text.slice(1, -1) : '';
  const parsed = parseTag(tagText);
  if (parsed.problem && elem.tag) a.warn(file.path, elem.tag.span, 'API0911', parsed.problem);
  const bindingKey = (['path', 'form', 'header', 'json'] as const).find((k) => parsed.keys[k] !== undefined);
  const tag = bindingKey ? parsed.keys[bindingKey] : undefined;
  const binding = bindingKey === 'path' ? 'path' : bindingKey === 'form' ? 'query' : bindingKey === 'header' ? 'header' : 'body';
  const options = tag?.options ?? [];
  const optionValue = (key: string): string | undefined => {
    const found = options.find((o) => o.startsWith(`${key}=`));
    return found === undefined ? undefined : found.slice(key.length + 1);
  };
  const defaultValue = optionValue('default');
  const optionsValue = optionValue('options');
  const rangeValue = optionValue('range');
  const range = rangeValue === undefined ? undefined : parseRange(rangeValue);
  if (rangeValue !== undefined && range === undefined && elem.tag) {
    a.error(file.path, elem.tag.span, 'API0208', `invalid range '${rangeValue}' on field '${name}': expected [min:max] with optional ( ) for open bounds`);
  }
  const omitempty = options.includes('omitempty');
  const first = elem.names[0] ?? elem.dataType;
  const comment = elem.tag?.trailing ?? lastTokenTrailing(elem);
  const commentText = docOf(comment).join('\n');
  return {
    name,
    type,
    embedded,
    binding,
    wireName: tag && tag.name !== '' ? tag.name : name,
    optional: options.includes('optional'),
    omitempty,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(optionsValue !== undefined ? { options: parseOptionList(optionsValue) } : {}),
    ...(range !== undefined ? { range } : {}),
    tag: tagText,
    tags: parsed.keys,
    doc: docOf('head' in first ? first.head : []),
    ...(commentText !== '' ? { comment: commentText } : {}),
    source: sourceRef(file.path, elem.span),
  };
}

/** Checks a type expression and converts it. `where` says what the type is used as. */
function typeRef(a: Analysis, file: GraphFile, dt: DataType, where: 'field' | 'embedded' | 'mapKey' | 'mapValue' | 'element' | 'pointer'): TypeRef {
  switch (dt.kind) {
    case 'BaseDataType': {
      const name = dt.base.token.text;
      if (PRIMITIVES.has(name)) return { kind: 'primitive', name: name as PrimitiveName };
      if (!a.types.has(name) && where !== 'embedded') a.error(file.path, dt.span, 'API0207', `unknown type '${name}'`);
      return { kind: 'named', name };
    }
    case 'AnyDataType':
      a.error(file.path, dt.span, 'API0209', "'any' is not supported: use interface{}");
      return { kind: 'any' };
    case 'InterfaceDataType':
      return { kind: 'any' };
    case 'MapDataType': {
      if (dt.key.kind !== 'BaseDataType') {
        a.error(file.path, dt.key.span, 'API0210', `map key must be a base type or a type name, got ${describeDataType(dt.key)}`);
      }
      if (dt.value.kind === 'StructDataType') {
        a.error(file.path, dt.value.span, 'API0211', 'map value cannot be an inline struct: declare a named type and use it');
      }
      return { kind: 'map', key: typeRef(a, file, dt.key, 'mapKey'), value: typeRef(a, file, dt.value, 'mapValue') };
    }
    case 'ArrayDataType': {
      const lengthText = dt.length.token.text;
      if (dt.length.token.kind !== 'int') {
        a.error(file.path, dt.length.span, 'API0212', `array length must be a number, got '${lengthText}'`);
      }
      if (dt.elem.kind === 'StructDataType') {
        a.error(file.path, dt.elem.span, 'API0213', 'array elements cannot be an inline struct: declare a named type and use it');
      }
      const length = Number.parseInt(lengthText, 10);
      return { kind: 'array', length: Number.isNaN(length) ? 0 : length, elem: typeRef(a, file, dt.elem, 'element') };
    }
    case 'SliceDataType':
      if (dt.elem.kind === 'StructDataType') {
        a.error(file.path, dt.elem.span, 'API0213', 'slice elements cannot be an inline struct: declare a named type and use it');
      }
      return { kind: 'slice', elem: typeRef(a, file, dt.elem, 'element') };
    case 'PointerDataType':
      return { kind: 'pointer', elem: typeRef(a, file, dt.elem, where === 'embedded' ? 'embedded' : 'pointer') };
    case 'StructDataType':
      if (where === 'field' || where === 'pointer') {
        if (dt.elems.length === 0) a.error(file.path, dt.span, 'API0214', 'an inline struct field must have at least one field');
      }
      return { kind: 'struct', fields: buildFields(a, file, dt.elems) };
  }
}

function lastTokenTrailing(elem: ElemExpr): Comment[] {
  let dt: DataType = elem.dataType;
  for (;;) {
    switch (dt.kind) {
      case 'BaseDataType':
        return dt.base.trailing;
      case 'AnyDataType':
        return dt.any.trailing;
      case 'InterfaceDataType':
        return dt.interface.trailing;
      case 'StructDataType':
        return dt.rbrace.trailing;
      case 'MapDataType':
        dt = dt.value;
        break;
      case 'ArrayDataType':
      case 'SliceDataType':
      case 'PointerDataType':
        dt = dt.elem;
        break;
    }
  }
}

function describeDataType(dt: DataType): string {
  switch (dt.kind) {
    case 'SliceDataType':
      return 'a slice';
    case 'ArrayDataType':
      return 'an array';
    case 'MapDataType':
      return 'a map';
    case 'PointerDataType':
      return 'a pointer';
    case 'StructDataType':
      return 'an inline struct';
    case 'InterfaceDataType':
      return 'interface{}';
    case 'AnyDataType':
      return "'any'";
    case 'BaseDataType':
      return `'${dt.base.token.text}'`;
  }
}
