/**
 * Warnings for the legacy `.api` grammar (spec "Legacy grammar"): accepted, reported with a stable code,
 * and each carries a fix that rewrites it to the current grammar (used by `lint --fix`).
 */
import type { Diagnostic, Fix } from '../../diagnostics.js';
import type { ApiFile, DataType, KVExpr, ServiceItem, StructDataType } from './ast.js';
import { quote } from './strings.js';

export function collectLegacyWarnings(ast: ApiFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (span: Diagnostic['span'], code: string, message: string, fix: Fix): void => {
    out.push({ file: ast.file, span, severity: 'warning', code, message, fix });
  };

  const structKeyword = (dt: StructDataType): void => {
    const kw = dt.structKeyword;
    if (!kw) return;
    warn(kw.span, 'API0901', "legacy grammar: drop the 'struct' keyword ('type X {…}')", {
      description: "remove 'struct'",
      edits: [{ start: kw.span.start.offset, end: dt.lbrace.span.start.offset, text: '' }],
    });
  };

  const walk = (dt: DataType): void => {
    switch (dt.kind) {
      case 'StructDataType':
        structKeyword(dt);
        for (const elem of dt.elems) walk(elem.dataType);
        break;
      case 'MapDataType':
        walk(dt.key);
        walk(dt.value);
        break;
      case 'ArrayDataType':
      case 'SliceDataType':
      case 'PointerDataType':
        walk(dt.elem);
        break;
      default:
        break;
    }
  };

  const bareValues = (values: readonly KVExpr[]): void => {
    for (const kv of values) {
      if (kv.valueKind !== 'bareText') continue;
      const text = kv.value.token.text;
      warn(kv.value.span, 'API0903', `legacy grammar: quote the value of '${kv.key.token.text}' (${quote(text)})`, {
        description: 'quote the value',
        edits: [{ start: kv.value.span.start.offset, end: kv.value.span.end.offset, text: quote(text) }],
      });
    }
  };

  const serviceItem = (item: ServiceItem): void => {
    const doc = item.atDoc;
    if (doc) {
      if (doc.kind === 'AtDocLiteralStmt' && doc.lparen && doc.rparen) {
        warn(doc.span, 'API0904', `legacy grammar: write @doc ${doc.value.token.text} without parentheses`, {
          description: 'remove the parentheses',
          edits: [{ start: doc.atDoc.span.end.offset, end: doc.rparen.span.end.offset, text: ` ${doc.value.token.text}` }],
        });
      }
      if (doc.kind === 'AtDocGroupStmt') bareValues(doc.values);
    }
    const legacy = item.legacyAtServer;
    if (legacy) {
      const handler = legacy.values.find((kv) => kv.key.token.text === 'handler');
      const onlyHandler = handler !== undefined && legacy.values.length === 1;
      warn(
        legacy.span,
        'API0902',
        `legacy grammar: write '@handler ${handler?.value.token.text ?? 'name'}' instead of '@server(handler: …)' on a route`,
        onlyHandler
          ? {
              description: 'rewrite as @handler',
              edits: [{ start: legacy.span.start.offset, end: legacy.span.end.offset, text: `@handler ${handler.value.token.text}` }],
            }
          : { description: 'rewrite by hand: the annotation has keys other than handler', edits: [] },
      );
    }
  };

  for (const stmt of ast.stmts) {
    switch (stmt.kind) {
      case 'InfoStmt':
        bareValues(stmt.values);
        break;
      case 'TypeLiteralStmt':
        walk(stmt.expr.dataType);
        break;
      case 'TypeGroupStmt':
        for (const expr of stmt.exprs) walk(expr.dataType);
        break;
      case 'ServiceStmt':
        for (const item of stmt.items) serviceItem(item);
        break;
      default:
        break;
    }
  }
  return out;
}
