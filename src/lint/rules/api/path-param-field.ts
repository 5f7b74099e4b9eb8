import type { Span } from '../../../diagnostics.js';
import { type ApiRule, type Finding, meta } from './rule.js';

export const pathParamField: ApiRule = {
  meta: meta('path-param-field', 'path parameters and path: fields of the request match', 'error', false),
  check({ document, file }) {
    if (!document) return [];
    const out: Finding[] = [];
    const types = new Map(document.types.map((t) => [t.name, t]));
    for (const method of document.services.flatMap((s) => s.methods)) {
      if (!method.http || method.source.file !== file) continue;
      const requestName = method.request?.name;
      const decl = requestName ? types.get(requestName) : undefined;
      if (!decl) continue;
      const fields = decl.fields.filter((f) => f.binding === 'path').map((f) => f.wireName);
      const params = method.http.pathParams;
      const span: Span = {
        start: { line: method.source.line, column: method.source.column, offset: 0 },
        end: { line: method.source.endLine, column: method.source.endColumn, offset: 0 },
      };
      for (const p of params) if (!fields.includes(p)) out.push({ span, message: `path parameter ':${p}' has no path:"${p}" field in ${requestName}` });
      for (const f of fields) if (!params.includes(f)) out.push({ span, message: `${requestName} has a path:"${f}" field but route ${method.http.path} has no ':${f}'` });
    }
    return out;
  },
};
