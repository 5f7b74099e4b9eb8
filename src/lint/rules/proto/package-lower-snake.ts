import { LOWER_SNAKE, type ProtoRule, meta, packageStatement } from './rule.js';

export const packageLowerSnake: ProtoRule = {
  meta: meta('package-lower-snake', 'the package is lower_snake_case, dot-separated (shop.v1)', 'error'),
  check({ source }) {
    const pkg = packageStatement(source);
    if (!pkg || pkg.name.split('.').every((segment) => LOWER_SNAKE.test(segment))) return [];
    return [{ span: pkg.span, message: `package '${pkg.name}' is not lower_snake_case.dot.separated` }];
  },
};
