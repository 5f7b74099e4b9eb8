import { type ProtoRule, hasComment, meta, own, spanOf } from './rule.js';

export const commentRpc: ProtoRule = {
  meta: meta('comment-rpc', 'every RPC has a leading comment', 'warning'),
  check(input) {
    return own(input, input.document.services)
      .flatMap((s) => own(input, s.methods))
      .filter((m) => !hasComment(m.comments))
      .map((m) => ({ span: spanOf(m.source), message: `rpc '${m.name}' has no leading comment` }));
  },
};
