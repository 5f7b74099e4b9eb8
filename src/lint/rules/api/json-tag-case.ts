import type { Span } from '../../../diagnostics.js';
import { parseTag } from '../../../parse/api/tags.js';
import { type ApiRule, type Finding, meta, typeExprs } from './rule.js';

const CASES: Readonly<Record<string, RegExp>> = {
  camel: /^[a-z][A-Za-z0-9]*$/,
  snake: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
  pascal: /^[A-Z][A-Za-z0-9]*$/,
  kebab: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
};

export const jsonTagCase: ApiRule = {
  meta: meta('json-tag-case', 'json tag names follow one case (option `case`: camel (default), snake, pascal or kebab)', 'warning', false),
  check({ ast, options }) {
    const wanted = typeof options.case === 'string' && options.case in CASES ? options.case : 'camel';
    const pattern = CASES[wanted] as RegExp;
    const out: Finding[] = [];
    const visit = (elems: readonly { tag?: { token: { text: string }; span: Span }; dataType: { kind: string } }[]): void => {
      for (const elem of elems) {
        if (elem.tag) {
          const name = parseTag(elem.tag.token.text.slice(1, -1)).keys.json?.name;
          if (name && name !== '-' && !pattern.test(name)) out.push({ span: elem.tag.span, message: `json name '${name}' is not ${wanted} case` });
        }
        const inner = elem.dataType as { kind: string; elems?: typeof elems };
        if (inner.kind === 'StructDataType' && inner.elems) visit(inner.elems);
      }
    };
    for (const expr of typeExprs(ast)) if (expr.dataType.kind === 'StructDataType') visit(expr.dataType.elems);
    return out;
  },
};
