/**
 * TypeScript names for protobuf declarations, in protobuf-es (v2) style:
 * - a message or enum is named by its path inside its package, joined with `_` (`Order_Item`);
 * - a package's declarations live in one file, `src/pb/<package>.ts` (`src/pb/_.ts` without a package);
 * - enum values lose the enum's name as a prefix when every value has it (`STATUS_PAID` → `PAID`);
 * - a name that would shadow a keyword, a global the generated code uses or a runtime import gets a
 *   `$` suffix (`Object$`), as protobuf-es does.
 */
import type { Document } from '../../ir/index.js';

/** JavaScript keywords and TypeScript's built-in type names: never declared as ours. */
const KEYWORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  'any', 'bigint', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'unknown', 'type', 'as',
  'async', 'declare', 'from', 'get', 'is', 'keyof', 'module', 'namespace', 'of', 'readonly', 'require',
  'set', 'infer', 'satisfies', 'global',
]);

/** Globals and runtime imports the generated message files refer to. */
const RESERVED_GLOBALS = new Set([
  'Array', 'BigInt', 'Number', 'Object', 'Partial', 'String', 'Uint8Array',
  'MessageType', 'ProtoReader', 'ProtoWriter', 'WireType', 'setMapEntry',
]);

/** Parameter and local names of the generated methods, which a declaration must not shadow. */
const RESERVED_LOCALS = new Set(['message', 'writer', 'reader', 'init', 'input', 'length', 'into', 'bytes', 'fieldNo', 'wireType', 'outer', 'entryOuter', 'runOuter', 'entryFieldNo', 'entryWireType', 'key', 'value', 'item']);

/** `name` with a `$` suffix when it is reserved in generated code. */
export function safeIdentifier(name: string): string {
  return KEYWORDS.has(name) || RESERVED_GLOBALS.has(name) || RESERVED_LOCALS.has(name) ? `${name}$` : name;
}

/** Property names that would change an object's behaviour when set as own properties. */
const RESERVED_PROPERTIES = new Set(['__proto__']);

/** `name` usable as an object property (`__proto__` gets a `$` suffix). */
export function safeProperty(name: string): string {
  return RESERVED_PROPERTIES.has(name) ? `${name}$` : name;
}

/** protobuf's lowerCamelCase of a snake_case field name (`order_id` → `orderId`). */
export function lowerCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `ShopOrder` → `shop_order`: the enum-name prefix protobuf-es strips from values. */
function snakeCase(camel: string): string {
  return (camel.slice(0, 1) + camel.slice(1).replace(/[A-Z]/g, (c) => `_${c}`)).toLowerCase();
}

/**
 * The TypeScript member names of an enum's values: without the shared `ENUM_NAME_` prefix when every
 * value has it and none would be left empty or start with a digit.
 */
export function enumValueNames(enumName: string, valueNames: readonly string[]): string[] {
  const prefix = `${snakeCase(enumName)}_`;
  const strippable = valueNames.every((value) => {
    if (!value.toLowerCase().startsWith(prefix)) return false;
    const rest = value.slice(prefix.length);
    return rest !== '' && !/^\d/.test(rest) && rest !== 'NaN' && rest !== 'Infinity';
  });
  return valueNames.map((value) => (strippable ? value.slice(prefix.length) : value));
}

/** Where one message or enum lives in the generated code. */
export interface DeclName {
  /** The protobuf package ('' for none). */
  readonly packageName: string;
  /** The path inside the package, dot-separated (`Order.Item`). */
  readonly localPath: string;
  /** The generated file, relative to the project root (`src/pb/shop.v1.ts`). */
  readonly file: string;
  /** The exported TypeScript name (`Order_Item`). */
  readonly name: string;
}

/** The generated file of a protobuf package. */
export function packageFile(packageName: string): string {
  return `src/pb/${packageName === '' ? '_' : packageName}.ts`;
}

/**
 * Names every message and enum of the document. The package of a declaration is what is left of its
 * full name once the enclosing messages are taken off (the IR lists nested messages too, so a parent
 * that is not a message is the package).
 */
export function nameDeclarations(doc: Document): ReadonlyMap<string, DeclName> {
  const messages = new Set(doc.types.map((t) => t.name));
  const names = new Map<string, DeclName>();
  const taken = new Map<string, Set<string>>();
  const all = [...doc.types.map((t) => t.name), ...doc.enums.map((e) => e.name)];
  for (const fullName of all) {
    let packageName = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : '';
    while (messages.has(packageName)) packageName = packageName.includes('.') ? packageName.slice(0, packageName.lastIndexOf('.')) : '';
    const localPath = packageName === '' ? fullName : fullName.slice(packageName.length + 1);
    const file = packageFile(packageName);
    const used = taken.get(file) ?? new Set<string>();
    taken.set(file, used);
    const base = safeIdentifier(localPath.replace(/\./g, '_'));
    let name = base;
    for (let n = 1; used.has(name); n += 1) name = `${base}$${n}`;
    used.add(name);
    names.set(fullName, { packageName, localPath, file, name });
  }
  return names;
}
