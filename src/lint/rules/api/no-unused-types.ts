import { type ApiRule, meta, typeExprs } from './rule.js';

export const noUnusedTypes: ApiRule = {
  meta: meta('no-unused-types', 'every type is used by a route, directly or through other types', 'warning', false),
  check({ document, ast }) {
    if (!document || document.services.length === 0) return [];
    const used = new Set<string>();
    const types = new Map(document.types.map((t) => [t.name, t]));
    const visitRef = (ref: unknown): void => {
      const r = ref as { kind: string; name?: string; elem?: unknown; key?: unknown; value?: unknown; fields?: { type: unknown }[] };
      if (r.kind === 'named' && r.name && !used.has(r.name)) {
        used.add(r.name);
        for (const f of types.get(r.name)?.fields ?? []) visitRef(f.type);
      }
      if (r.elem) visitRef(r.elem);
      if (r.key) visitRef(r.key);
      if (r.value) visitRef(r.value);
      for (const f of r.fields ?? []) visitRef(f.type);
    };
    for (const m of document.services.flatMap((s) => s.methods)) {
      if (m.request) visitRef(m.request.type);
      if (m.response) visitRef(m.response.type);
    }
    return typeExprs(ast)
      .filter((e) => !used.has(e.name.token.text))
      .map((e) => ({ span: e.name.span, message: `type '${e.name.token.text}' is not used by any route` }));
  },
};
