import { type ApiRule, PASCAL, meta, typeExprs } from './rule.js';

export const typeNamePascal: ApiRule = {
  meta: meta('type-name-pascal', 'type names are PascalCase', 'warning', false),
  check({ ast }) {
    return typeExprs(ast)
      .filter((e) => !PASCAL.test(e.name.token.text))
      .map((e) => ({ span: e.name.span, message: `type '${e.name.token.text}' is not PascalCase` }));
  },
};
