import { PASCAL, type ProtoRule, meta, own, spanOf } from './rule.js';

export const rpcPascal: ProtoRule = {
  meta: meta('rpc-pascal', 'RPC names are PascalCase', 'error'),
  check(input) {
    return own(input, input.document.services)
      .flatMap((s) => own(input, s.methods))
      .filter((m) => !PASCAL.test(m.name))
      .map((m) => ({ span: spanOf(m.source), message: `rpc '${m.name}' is not PascalCase` }));
  },
};
