import { type ApiRule, type Finding, meta, services } from './rule.js';

export const prefixStyle: ApiRule = {
  // Not fixable: the IR keeps every @server value as written, and a fix must never change the IR.
  meta: meta('prefix-style', '@server prefix starts with / and does not end with /; group is lower case', 'warning', false),
  check({ ast }) {
    const out: Finding[] = [];
    for (const service of services(ast)) {
      for (const kv of service.atServer?.values ?? []) {
        const key = kv.key.token.text;
        const value = kv.value.token.text;
        if (key === 'prefix') {
          const normal = `/${value.replace(/^\/+|\/+$/g, '')}`;
          if (normal !== value) {
            out.push({ span: kv.value.span, message: `prefix '${value}' should be written '${normal}'` });
          }
        }
        if (key === 'group' && value !== value.toLowerCase()) out.push({ span: kv.value.span, message: `group '${value}' should be lower case (it names a folder)` });
      }
    }
    return out;
  },
};
