/**
 * Case conversions for generated names, shared by the template helpers (render.ts) and the TypeScript
 * view-model builders, so a name is spelled the same way wherever it is computed.
 *
 * A name is split into words at non-alphanumeric characters (`_`, `-`, `.`, spaces…), at a
 * lower-case letter or digit followed by an upper-case letter (`getUser` → get|User), and before the
 * last capital of an acronym that starts a new word (`HTTPServer` → HTTP|Server). Digits stay with the
 * word they follow (`v2Item` → v2|Item, `md5Sum` → md5|Sum). Acronyms are not preserved: `userID`
 * becomes `userId` in camelCase. The result is not checked to be a valid identifier (`2fa` stays
 * `2fa`): callers that need one check for it.
 */

const SEPARATORS = /[^\p{L}\p{N}]+/u;
const LOWER_OR_DIGIT_THEN_UPPER = /([\p{Ll}\p{N}])(\p{Lu})/gu;
const ACRONYM_THEN_WORD = /(\p{Lu})(\p{Lu}\p{Ll})/gu;

/** The words of `name`, in their original spelling. */
export function splitWords(name: string): string[] {
  return name
    .split(SEPARATORS)
    .flatMap((chunk) => chunk.replace(LOWER_OR_DIGIT_THEN_UPPER, '$1\0$2').replace(ACRONYM_THEN_WORD, '$1\0$2').split('\0'))
    .filter((word) => word !== '');
}

function capitalize(word: string): string {
  const lower = word.toLowerCase();
  return lower.slice(0, 1).toUpperCase() + lower.slice(1);
}

/** `get_user-info` → `getUserInfo` */
export function camelCase(name: string): string {
  return splitWords(name)
    .map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word)))
    .join('');
}

/** `get_user-info` → `GetUserInfo` */
export function pascalCase(name: string): string {
  return splitWords(name).map(capitalize).join('');
}

/** `GetUserInfo` → `get-user-info` */
export function kebabCase(name: string): string {
  return splitWords(name)
    .map((word) => word.toLowerCase())
    .join('-');
}

/** `GetUserInfo` → `get_user_info` */
export function snakeCase(name: string): string {
  return splitWords(name)
    .map((word) => word.toLowerCase())
    .join('_');
}

/** `GetUserInfo` → `GET_USER_INFO` */
export function upperSnakeCase(name: string): string {
  return splitWords(name)
    .map((word) => word.toUpperCase())
    .join('_');
}

/** Words an ES module may not use as a declared name (strict-mode reserved words, `arguments`, `eval`). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import',
  'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public',
  'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while',
  'with', 'yield', 'arguments', 'eval',
]);

/** `name`, or `name$` when it is a reserved word (`delete` → `delete$`), usable as a function name. */
export function declarableName(name: string): string {
  return RESERVED_WORDS.has(name) ? `${name}$` : name;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted TypeScript string literal (the style of every template): `it's` → `'it\'s'`. */
export function stringLiteral(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/** A property key as written in an object type or literal: bare when an identifier, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** Reads a property: `.name`, or `['x-name']` when the key is not an identifier. */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${stringLiteral(name)}]`;
}
