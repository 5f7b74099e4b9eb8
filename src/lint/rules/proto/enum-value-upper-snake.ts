import { type ProtoRule, UPPER_SNAKE, enumValueSpans, meta, own, spanOf } from './rule.js';

export const enumValueUpperSnake: ProtoRule = {
  meta: meta('enum-value-upper-snake', 'enum value names are UPPER_SNAKE_CASE', 'error'),
  check(input) {
    return own(input, input.document.enums).flatMap((e) => {
      const spans = enumValueSpans(input.source, e.source);
      return e.values
        .filter((v) => !UPPER_SNAKE.test(v.name))
        .map((v) => ({ span: spans.get(v.name) ?? spanOf(e.source), message: `enum value '${v.name}' is not UPPER_SNAKE_CASE` }));
    });
  },
};
