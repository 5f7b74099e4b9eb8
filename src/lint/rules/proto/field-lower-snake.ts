import { LOWER_SNAKE, type ProtoRule, meta, own, spanOf } from './rule.js';

export const fieldLowerSnake: ProtoRule = {
  meta: meta('field-lower-snake', 'field names are lower_snake_case', 'error'),
  check(input) {
    return own(input, input.document.types)
      .flatMap((t) => own(input, t.fields))
      .filter((f) => !LOWER_SNAKE.test(f.name))
      .map((f) => ({ span: spanOf(f.source), message: `field '${f.name}' is not lower_snake_case` }));
  },
};
