import { type ApiRule, meta, services } from './rule.js';

export const routeDoc: ApiRule = {
  meta: meta('route-doc', 'every route has an @doc', 'warning', false),
  check({ ast }) {
    return services(ast).flatMap((service) =>
      service.items.filter((item) => !item.atDoc).map((item) => ({ span: item.span, message: `route ${item.route.method.token.text} ${item.route.path.value.token.text} has no @doc` })),
    );
  },
};
