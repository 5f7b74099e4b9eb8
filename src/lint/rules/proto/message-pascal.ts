import { PASCAL, type ProtoRule, meta, own, simpleName, spanOf } from './rule.js';

export const messagePascal: ProtoRule = {
  meta: meta('message-pascal', 'message names are PascalCase', 'error'),
  check(input) {
    return own(input, input.document.types)
      .filter((t) => !PASCAL.test(simpleName(t.name)))
      .map((t) => ({ span: spanOf(t.source), message: `message '${simpleName(t.name)}' is not PascalCase` }));
  },
};
