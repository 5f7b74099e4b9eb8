/**
 * What the emitters of one generated message file share: the names of every declaration, the imports
 * the file needs (collected as declarations are referenced), and a small indenting code builder.
 */
import path from 'node:path';
import type { Document, EnumDecl, Field, ProtoFieldInfo, ProtoScalar, TypeDecl, TypeRef } from '../../ir/index.js';
import { type DeclName, enumValueNames, lowerCamel, safeProperty } from './naming.js';

/**
 * Where generated message files import the wire runtime from (`src/pb/` → `src/runtime/protobuf/`).
 * Relative imports keep their `.ts` extension so that Node runs the sources as they are (type
 * stripping); the generated tsconfig rewrites them to `.js` when it compiles (docs/generation.md).
 */
export const RUNTIME_MODULE = '../runtime/protobuf/wire.ts';

/** The runtime's exports that generated code uses; `MessageType` is a type. */
export type RuntimeName = 'MessageType' | 'ProtoReader' | 'ProtoWriter' | 'WireType' | 'setMapEntry';
const RUNTIME_TYPES: ReadonlySet<RuntimeName> = new Set(['MessageType']);

/** Lines of TypeScript, indented two spaces a level. */
export class Code {
  private readonly out: string[] = [];
  private depth = 0;

  line(text = ''): this {
    this.out.push(text === '' ? '' : `${'  '.repeat(this.depth)}${text}`);
    return this;
  }

  /** `open`, then `body` one level deeper, then `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.depth += 1;
    body();
    this.depth -= 1;
    return this.line(close);
  }

  /** `body` one level deeper. */
  indent(body: () => void): this {
    this.depth += 1;
    body();
    this.depth -= 1;
    return this;
  }

  /** A JSDoc comment: the documentation lines, then where the declaration came from. */
  doc(lines: readonly string[], origin: string): this {
    const body = [...trimBlankEdges(lines).map((l) => l.replace(/\*\//g, '*\\/')), ...(lines.some((l) => l.trim() !== '') ? [''] : []), origin];
    if (body.length === 1) return this.line(`/** ${origin} */`);
    this.line('/**');
    for (const l of body) this.line(l === '' ? ' *' : ` * ${l}`);
    return this.line(' */');
  }

  toString(): string {
    return this.out.join('\n');
  }
}

function trimBlankEdges(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start += 1;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end -= 1;
  return lines.slice(start, end).map((l) => l.trimEnd());
}

/** One field of a message as the emitters see it. */
export interface FieldView {
  readonly field: Field;
  readonly proto: ProtoFieldInfo;
  /** The TypeScript property: the field's lowerCamelCase name. */
  readonly property: string;
  /** The oneof property this field is a case of. */
  readonly oneofProperty?: string;
  /** The case name inside the oneof (the field's property name). */
  readonly caseName: string;
  /** The wire kind of the value (a map's value, a repeated field's element). */
  readonly valueKind: ProtoScalar | 'message' | 'enum';
  /** The message or enum the value is, by full name. */
  readonly target?: string;
}

function namedIn(ref: TypeRef): string | undefined {
  switch (ref.kind) {
    case 'named':
      return ref.name;
    case 'slice':
    case 'array':
    case 'pointer':
      return namedIn(ref.elem);
    case 'map':
      return namedIn(ref.value);
    default:
      return undefined;
  }
}

export function fieldViews(type: TypeDecl): FieldView[] {
  return type.fields.flatMap((field): FieldView[] => {
    const proto = field.proto;
    if (!proto) return [];
    const valueKind = proto.map ? proto.map.valueType : proto.type;
    const target = valueKind === 'message' || valueKind === 'enum' ? namedIn(field.type) : undefined;
    if ((valueKind === 'message' || valueKind === 'enum') && target === undefined) {
      throw new Error(`internal: field ${type.name}.${field.name} names no ${valueKind} type`);
    }
    const property = safeProperty(field.wireName);
    return [{
      field,
      proto,
      property,
      ...(proto.oneof !== undefined ? { oneofProperty: safeProperty(lowerCamel(proto.oneof)) } : {}),
      caseName: field.wireName,
      valueKind,
      ...(target !== undefined ? { target } : {}),
    }];
  });
}

/** The field as declared in `.proto`, for `@generated from field:` comments. */
export function protoDeclaration(view: FieldView): string {
  const { field, proto } = view;
  const valueType = view.target ?? view.valueKind;
  const options = proto.label === 'repeated' && !proto.map && view.valueKind !== 'message' && view.valueKind !== 'string' && view.valueKind !== 'bytes' && !proto.packed ? ' [packed = false]' : '';
  if (proto.map) return `map<${proto.map.keyType}, ${valueType}> ${field.name} = ${proto.number};`;
  const label = proto.label === 'singular' ? '' : `${proto.label} `;
  return `${label}${valueType} ${field.name} = ${proto.number}${options};`;
}

/** The imports and names of one generated file. */
export class FileContext {
  private readonly imports = new Map<string, Map<string, string>>();
  private readonly runtime = new Set<RuntimeName>();
  private readonly taken: Set<string>;

  constructor(
    readonly doc: Document,
    readonly names: ReadonlyMap<string, DeclName>,
    readonly enums: ReadonlyMap<string, EnumDecl>,
    /** This file, relative to the project root (`src/pb/shop.v1.ts`). */
    readonly file: string,
  ) {
    this.taken = new Set([...names.values()].filter((n) => n.file === file).map((n) => n.name));
  }

  private declName(fullName: string): DeclName {
    const name = this.names.get(fullName);
    if (!name) throw new Error(`internal: no message or enum named ${fullName}`);
    return name;
  }

  /** The identifier of a message or enum here, importing it when another file declares it. */
  ref(fullName: string): string {
    const target = this.declName(fullName);
    if (target.file === this.file) return target.name;
    const fromFile = this.imports.get(target.file) ?? new Map<string, string>();
    this.imports.set(target.file, fromFile);
    const existing = fromFile.get(target.name);
    if (existing !== undefined) return existing;
    let local = target.name;
    if (this.taken.has(local)) {
      const prefixed = `${target.packageName === '' ? '' : target.packageName.replace(/\./g, '_')}_${target.name}`;
      local = prefixed;
      for (let n = 1; this.taken.has(local); n += 1) local = `${prefixed}$${n}`;
    }
    this.taken.add(local);
    fromFile.set(target.name, local);
    return local;
  }

  /** A runtime export, imported on first use. */
  use(name: RuntimeName): string {
    this.runtime.add(name);
    return name;
  }

  /** The enum's TypeScript member names, parallel to its values. */
  enumMembers(fullName: string): string[] {
    const decl = this.enums.get(fullName);
    if (!decl) throw new Error(`internal: no enum named ${fullName}`);
    const shortName = fullName.slice(fullName.lastIndexOf('.') + 1);
    const names = enumValueNames(shortName, decl.values.map((v) => v.name));
    return new Set(names).size === names.length ? names : decl.values.map((v) => v.name);
  }

  /** The enum's default: its zero value (proto3 requires one), else its first value. */
  enumDefault(fullName: string): string {
    const decl = this.enums.get(fullName);
    const members = this.enumMembers(fullName);
    const index = Math.max(0, decl?.values.findIndex((v) => v.number === 0) ?? 0);
    const member = members[index];
    return member === undefined ? `(0 as ${this.ref(fullName)})` : `${this.ref(fullName)}.${member}`;
  }

  /** The import statements, runtime first, each list of names sorted. */
  importLines(): string[] {
    const lines: string[] = [];
    if (this.runtime.size > 0) {
      const names = [...this.runtime].sort().map((n) => (RUNTIME_TYPES.has(n) ? `type ${n}` : n));
      lines.push(`import { ${names.join(', ')} } from '${RUNTIME_MODULE}';`);
    }
    const fromDir = path.posix.dirname(this.file);
    const modules = [...this.imports.entries()].map(([file, names]) => {
      let specifier = path.posix.relative(fromDir, file);
      if (!specifier.startsWith('.')) specifier = `./${specifier}`;
      return { specifier, names };
    });
    modules.sort((a, b) => (a.specifier < b.specifier ? -1 : a.specifier > b.specifier ? 1 : 0));
    for (const { specifier, names } of modules) {
      const list = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, local]) => (name === local ? name : `${name} as ${local}`));
      lines.push(`import { ${list.join(', ')} } from '${specifier}';`);
    }
    return lines;
  }
}
