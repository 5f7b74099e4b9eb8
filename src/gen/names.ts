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
