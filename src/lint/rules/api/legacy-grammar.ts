import type { Diagnostic } from '../../../diagnostics.js';
import { collectLegacyWarnings } from '../../../parse/api/legacy.js';
import { type ApiRule, meta } from './rule.js';

export const legacyGrammar: ApiRule = {
  meta: meta('legacy-grammar', 'the current grammar, not the legacy one goctl no longer accepts', 'warning', true),
  check({ ast }) {
    return collectLegacyWarnings(ast).map((d: Diagnostic) => ({
      span: d.span,
      message: d.message,
      ...(d.fix && d.fix.edits.length > 0 ? { fix: d.fix } : {}),
    }));
  },
};
