import { PASCAL, type ProtoRule, meta, own, simpleName, spanOf } from './rule.js';

export const enumPascal: ProtoRule = {
  meta: meta('enum-pascal', 'enum names are PascalCase', 'error'),
  check(input) {
    return own(input, input.document.enums)
      .filter((e) => !PASCAL.test(simpleName(e.name)))
      .map((e) => ({ span: spanOf(e.source), message: `enum '${simpleName(e.name)}' is not PascalCase` }));
  },
};
