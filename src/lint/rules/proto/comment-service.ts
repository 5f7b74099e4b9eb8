import { type ProtoRule, hasComment, meta, own, spanOf } from './rule.js';

export const commentService: ProtoRule = {
  meta: meta('comment-service', 'every service has a leading comment', 'warning'),
  check(input) {
    return own(input, input.document.services)
      .filter((s) => !hasComment(s.doc))
      .map((s) => ({ span: spanOf(s.source), message: `service '${s.name}' has no leading comment` }));
  },
};
