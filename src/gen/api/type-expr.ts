/**
 * `.api` types → TypeScript type expressions and interface views for the generated client's
 * `types.ts`. Go's JSON encoding decides the shapes: ints and floats are numbers, `[]T` and `[N]T`
 * arrays, `map[K]V` objects keyed by strings, `interface{}` unknown, `*T` a `T` that may be left out.
 */
import type { Field, TypeDecl, TypeRef } from '../../ir/index.js';
import { type TypeIndex, flattenFields, structFields } from '../../ir/flatten.js';
import { propertyAccess, propertyKey, stringLiteral } from '../names.js';

export { propertyAccess, propertyKey, stringLiteral };

/** Spells a named type where it is used (`User` in types.ts, `types.User` in client.ts). */
export type QualifyName = (name: string) => string;

/** Names an interface may not have (TypeScript's own type names and reserved words). */
const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'any', 'bigint', 'boolean', 'never', 'null', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown', 'void',
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'while', 'with', 'implements', 'interface',
  'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'type',
]);

/** The TypeScript name of an `.api` type: its own name, with `_` appended when TypeScript reserves it. */
export function interfaceName(name: string): string {
  return RESERVED_TYPE_NAMES.has(name) ? `${name}_` : name;
}

/**
 * Whether a caller may leave the field out, or a response may lack it: the tag says `optional`,
 * `omitempty` or `default=` (go-zero fills it in), or the type is a pointer.
 */
export function isOptional(field: Field): boolean {
  return field.optional || field.omitempty || field.default !== undefined || field.type.kind === 'pointer';
}

/** A field Go's JSON encoding never writes (`json:"-"`). */
export function isSkipped(field: Field): boolean {
  return field.binding === 'body' && field.wireName === '-';
}

/** One property of an interface or inline object type. */
export interface PropertyView {
  /** The property's name on the TypeScript side (the wire name, see `propertyNames`). */
  readonly name: string;
  readonly key: string;
  readonly access: string;
  readonly optional: boolean;
  readonly type: string;
  /** JSDoc lines (the field's comments), empty for none. */
  readonly doc: readonly string[];
  readonly field: Field;
}

/**
 * The properties of a flattened field list. A property is named after the field's wire name; when two
 * fields share a wire name with different bindings (`form:"id"` and `json:"id"`), the later one is
 * named `binding:wireName` so both stay reachable.
 */
export function properties(types: TypeIndex, fields: readonly Field[], qualify: QualifyName): PropertyView[] {
  const taken = new Set<string>();
  const out: PropertyView[] = [];
  for (const field of fields) {
    if (isSkipped(field)) continue;
    const name = taken.has(field.wireName) ? `${field.binding}:${field.wireName}` : field.wireName;
    taken.add(name);
    out.push({
      name,
      key: propertyKey(name),
      access: propertyAccess(name),
      optional: isOptional(field),
      type: fieldType(types, field, qualify),
      doc: docLines([...field.doc, ...(field.comment === undefined ? [] : [field.comment])]),
      field,
    });
  }
  return out;
}

/** A field's type; a string with `options=a|b` is the union of those strings. */
function fieldType(types: TypeIndex, field: Field, qualify: QualifyName): string {
  const core = field.type.kind === 'pointer' ? field.type.elem : field.type;
  if (field.options !== undefined && field.options.length > 0 && core.kind === 'primitive' && core.name === 'string') {
    return field.options.map(stringLiteral).join(' | ');
  }
  return typeExpr(types, field.type, qualify);
}

/** The TypeScript type of a TypeRef. */
export function typeExpr(types: TypeIndex, ref: TypeRef, qualify: QualifyName): string {
  switch (ref.kind) {
    case 'primitive':
      if (ref.name === 'string' || ref.name === 'bytes') return 'string';
      if (ref.name === 'bool') return 'boolean';
      if (ref.name === 'complex64' || ref.name === 'complex128') return 'unknown';
      return 'number';
    case 'named':
      return types.has(ref.name) ? qualify(interfaceName(ref.name)) : 'unknown';
    case 'any':
      return 'unknown';
    case 'slice':
    case 'array':
      return `${typeExpr(types, ref.elem, qualify)}[]`;
    case 'map':
      return `{ [key: string]: ${typeExpr(types, ref.value, qualify)} }`;
    case 'pointer':
      return typeExpr(types, ref.elem, qualify);
    case 'struct': {
      const props = properties(types, flattenFields(types, ref.fields), qualify);
      if (props.length === 0) return '{}';
      return `{ ${props.map((p) => `${p.key}${p.optional ? '?' : ''}: ${p.type};`).join(' ')} }`;
    }
  }
}

/** Comment lines made safe inside a JSDoc block. */
export function docLines(lines: readonly string[]): string[] {
  return lines.map((line) => line.replaceAll('*/', '*\\/').trimEnd());
}

export interface InterfaceView {
  readonly name: string;
  readonly doc: readonly string[];
  readonly properties: readonly PropertyView[];
}

/** One interface per struct, embedded structs inlined as go-zero binds them. */
export function interfaceView(types: TypeIndex, decl: TypeDecl): InterfaceView {
  return {
    name: interfaceName(decl.name),
    doc: docLines(decl.doc),
    properties: properties(types, structFields(types, decl.name), (name) => name),
  };
}
