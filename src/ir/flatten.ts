/**
 * Embedded structs, resolved: the fields a struct has on the wire once every embedded type's fields
 * are inlined (recursively), as Go's encoding and go-zero's binding see them. A field declared in the
 * struct itself wins over an embedded field with the same wire name and binding (Go's shadowing rule);
 * between two embedded types, the first one declared wins. Cycles through embedding are cut.
 */
import type { Document, Field, TypeDecl, TypeRef } from './index.js';

export type TypeIndex = ReadonlyMap<string, TypeDecl>;

export function typeIndex(doc: Document): TypeIndex {
  return new Map(doc.types.map((t) => [t.name, t]));
}

/** The named type at the core of a reference: `*User` and `User` name `User`. */
export function namedCore(ref: TypeRef): string | undefined {
  if (ref.kind === 'named') return ref.name;
  if (ref.kind === 'pointer') return namedCore(ref.elem);
  return undefined;
}

/** `fields` with every embedded field replaced by the fields it brings, in declaration order. */
export function flattenFields(types: TypeIndex, fields: readonly Field[], visiting: ReadonlySet<string> = new Set()): Field[] {
  const own = fields.filter((f) => !f.embedded);
  const key = (f: Field): string => `${f.binding}\u0000${f.wireName}`;
  const taken = new Set(own.map(key));
  const out: Field[] = [];
  for (const field of fields) {
    if (!field.embedded) {
      out.push(field);
      continue;
    }
    const name = namedCore(field.type);
    const decl = name === undefined ? undefined : types.get(name);
    if (!decl || visiting.has(decl.name)) continue;
    for (const inner of flattenFields(types, decl.fields, new Set([...visiting, decl.name]))) {
      if (taken.has(key(inner))) continue;
      taken.add(key(inner));
      out.push(inner);
    }
  }
  return out;
}

/** The flattened fields of a named struct (empty for an unknown name). */
export function structFields(types: TypeIndex, name: string): Field[] {
  const decl = types.get(name);
  return decl ? flattenFields(types, decl.fields, new Set([name])) : [];
}
