/**
 * tsctl's programmatic API (`import { loadApi } from 'tsctl'`): the same stages the CLI wires together,
 * as pure functions over strings and plain data.
 *
 * - `parseApi(source, file)`: one `.api` text → syntax tree + syntax diagnostics (never throws).
 * - `loadApi(path, options?)`: a `.api` file and its imports → IR `Document` + every diagnostic.
 * - `formatApi(ast)`: a syntax tree → canonical (goctl-compatible) text, as `tsctl api format` prints.
 * - `renderDiagnostic(d, source, {color})` / `renderSummary(diagnostics)`: diagnostics as CLI text.
 *
 * The IR types are documented in docs/ir.md; diagnostics and their codes in docs/diagnostics.md.
 */
export { parseApi, loadApi } from './parse/api/index.js';
export { defaultReadFile } from './parse/read-file.js';
export type { ReadFile } from './parse/read-file.js';
export type { LoadApiOptions, LoadApiResult, ParseResult } from './parse/api/index.js';
export { formatApi } from './parse/api/format.js';
export { formatProto, formatProtoSettled } from './parse/proto/format/index.js';
export type { ProtoFormatError, ProtoFormatResult } from './parse/proto/format/index.js';
export type { ApiFile } from './parse/api/ast.js';

export { UserError, compareDiagnostics, countBySeverity, hasErrors } from './diagnostics.js';
export type { Diagnostic, Fix, Position, Severity, Span, TextEdit } from './diagnostics.js';

export { renderDiagnostic, renderSummary } from './render-diagnostics.js';
export type { RenderOptions } from './render-diagnostics.js';

export { IR_VERSION, PRIMITIVE_TYPES } from './ir/index.js';
export type * from './ir/index.js';
