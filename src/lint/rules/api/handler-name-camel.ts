import { type ApiRule, type Finding, LOWER_CAMEL, meta, services } from './rule.js';

export const handlerNameCamel: ApiRule = {
  // Not fixable: the handler name is the name of generated functions and files, so renaming it is a
  // change of the contract's output, which a fix must never make.
  meta: meta('handler-name-camel', 'handler names are lowerCamelCase', 'warning', false),
  check({ ast }) {
    const out: Finding[] = [];
    for (const service of services(ast)) {
      for (const item of service.items) {
        const name = item.atHandler?.name;
        if (!name || LOWER_CAMEL.test(name.token.text)) continue;
        const text = name.token.text;
        out.push({ span: name.span, message: `handler '${text}' is not lowerCamelCase (${text.charAt(0).toLowerCase()}${text.slice(1)})` });
      }
    }
    return out;
  },
};
