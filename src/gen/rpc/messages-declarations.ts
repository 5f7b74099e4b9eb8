/**
 * The types of generated messages and enums (protobuf-es v2 conventions):
 * - a message is an `interface`; a field is its lowerCamelCase property;
 * - implicit-presence scalars and enums are plain properties holding their zero value when unset;
 *   proto3 `optional` fields and singular messages are optional properties (`?:`);
 * - repeated fields are arrays, maps are `{ [key: string]: V }` (keys in their string form);
 * - a oneof is one optional property, a union of `{ case: '<field>'; value: V }`;
 * - 64-bit integers are `bigint`, bytes are `Uint8Array`;
 * - an enum is a `const` object of its numbers plus a type of the same name, the union of
 *   those numbers (`Status.PAID` is `1`, a `Status` is `0 | 1 | 2`): erasable syntax, unlike a TypeScript
 *   `enum`, so the code runs under Node's type stripping. There is no reverse mapping (number → name).
 */
import type { EnumDecl, TypeDecl } from '../../ir/index.js';
import { type Code, type FieldView, type FileContext, protoDeclaration } from './messages-context.js';
import { SCALARS } from './messages-scalars.js';

/** The TypeScript type of one value of the field (a map's value, a repeated field's element). */
export function valueType(ctx: FileContext, view: FieldView): string {
  if (view.target !== undefined) return ctx.ref(view.target);
  if (view.valueKind === 'message' || view.valueKind === 'enum') throw new Error(`internal: ${view.field.name} has no type`);
  return SCALARS[view.valueKind].tsType;
}

/** Whether the property may be absent: explicit presence without a default to hold. */
export function isOptionalProperty(view: FieldView): boolean {
  const { proto } = view;
  if (view.oneofProperty !== undefined || proto.label === 'optional') return true;
  return view.valueKind === 'message' && !proto.map && proto.label !== 'repeated';
}

/** The property's type: the value type, as an array or map when the field is repeated or a map. */
export function propertyType(ctx: FileContext, view: FieldView): string {
  const value = valueType(ctx, view);
  if (view.proto.map) return `{ [key: string]: ${value} }`;
  if (view.proto.label === 'repeated') return `${value}[]`;
  return value;
}

export function emitEnum(ctx: FileContext, code: Code, decl: EnumDecl, name: string): void {
  const members = ctx.enumMembers(decl.name);
  code.doc(decl.doc, `@generated from enum ${decl.name}`);
  code.block(`export const ${name} = {`, () => {
    decl.values.forEach((value, i) => {
      code.doc(value.doc, `@generated from enum value: ${value.name} = ${value.number};`);
      code.line(`${enumKey(members[i] ?? value.name)}: ${value.number},`);
    });
  }, '} as const;');
  code.line(`export type ${name} = (typeof ${name})[keyof typeof ${name}];`);
}

/** The object key of an enum member: `__proto__` is computed, so it is an own property, not the prototype. */
function enumKey(member: string): string {
  return member === '__proto__' ? `['__proto__']` : member;
}

export function emitInterface(ctx: FileContext, code: Code, type: TypeDecl, name: string, views: readonly FieldView[]): void {
  code.doc(type.doc, `@generated from message ${type.name}`);
  if (views.length === 0) {
    code.line(`export interface ${name} {}`);
    return;
  }
  code.block(`export interface ${name} {`, () => {
    const oneofsDone = new Set<string>();
    for (const view of views) {
      const oneof = view.oneofProperty;
      if (oneof === undefined) {
        const doc = view.field.comment === undefined ? view.field.doc : [...view.field.doc, view.field.comment];
        code.doc(doc, `@generated from field: ${protoDeclaration(view)}`);
        code.line(`${view.property}${isOptionalProperty(view) ? '?' : ''}: ${propertyType(ctx, view)};`);
        continue;
      }
      if (oneofsDone.has(oneof)) continue;
      oneofsDone.add(oneof);
      const cases = views.filter((v) => v.oneofProperty === oneof);
      code.doc([], `@generated from oneof ${type.name}.${view.proto.oneof ?? oneof}`);
      code.line(`${oneof}?:`);
      code.indent(() => {
        cases.forEach((c, i) => {
          code.doc(c.field.doc, `@generated from field: ${protoDeclaration(c)}`);
          code.line(`| { case: '${c.caseName}'; value: ${valueType(ctx, c)} }${i === cases.length - 1 ? ';' : ''}`);
        });
      });
    }
  });
}
