import { type ProtoRule, enumValueSpans, meta, own, simpleName, spanOf, upperSnake } from './rule.js';

/** Option `suffix` (default `_UNSPECIFIED`), as buf's `enum_zero_value_suffix`. */
export const enumZeroValueSuffix: ProtoRule = {
  meta: meta('enum-zero-value-suffix', 'the zero value of an enum is <ENUM_NAME>_UNSPECIFIED', 'error'),
  check(input) {
    const suffix = typeof input.options.suffix === 'string' ? input.options.suffix : '_UNSPECIFIED';
    return own(input, input.document.enums).flatMap((e) => {
      const zero = e.values.find((v) => v.number === 0);
      const name = simpleName(e.name);
      const want = `${upperSnake(name)}${suffix}`;
      if (!zero || zero.name === want) return [];
      const span = enumValueSpans(input.source, e.source).get(zero.name) ?? spanOf(e.source);
      return [{ span, message: `zero value '${zero.name}' of enum '${name}' should be '${want}'` }];
    });
  },
};
