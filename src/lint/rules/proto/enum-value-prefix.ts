import { type ProtoRule, enumValueSpans, meta, own, simpleName, spanOf, upperSnake } from './rule.js';

export const enumValuePrefix: ProtoRule = {
  meta: meta('enum-value-prefix', 'every enum value starts with <ENUM_NAME>_', 'error'),
  check(input) {
    return own(input, input.document.enums).flatMap((e) => {
      const prefix = `${upperSnake(simpleName(e.name))}_`;
      const spans = enumValueSpans(input.source, e.source);
      return e.values
        .filter((v) => !v.name.startsWith(prefix))
        .map((v) => ({ span: spans.get(v.name) ?? spanOf(e.source), message: `enum value '${v.name}' is not prefixed with '${prefix}'` }));
    });
  },
};
