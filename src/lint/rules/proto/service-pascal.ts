import { PASCAL, type ProtoRule, meta, own, spanOf } from './rule.js';

export const servicePascal: ProtoRule = {
  meta: meta('service-pascal', 'service names are PascalCase', 'error'),
  check(input) {
    return own(input, input.document.services)
      .filter((s) => !PASCAL.test(s.name))
      .map((s) => ({ span: spanOf(s.source), message: `service '${s.name}' is not PascalCase` }));
  },
};
