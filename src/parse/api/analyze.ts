/**
 * Semantic analysis of an `.api` import graph: AST → IR, with every rule goctl's analyzer enforces
 * (duplicates, unresolved types, unsupported type shapes, routes) and the legacy-grammar warnings.
 * All problems are collected; the IR is returned only when there is no error.
 */
import type { Diagnostic, Severity, Span } from '../../diagnostics.js';
import { compareDiagnostics } from '../../diagnostics.js';
import {
  IR_VERSION,
  PRIMITIVE_TYPES,
  type Annotations,
  type BodyRef,
  type Document,
  type Field,
  type HttpBinding,
  type Import,
  type Method,
  type MethodDoc,
  type PrimitiveName,
  type Service,
  type SourceRef,
  type TypeDecl,
  type TypeRef,
} from '../../ir/index.js';
import type {
  AtServerStmt,
  BodyStmt,
  Comment,
  DataType,
  ElemExpr,
  KVExpr,
  ServiceItem,
  ServiceStmt,
  TokenNode,
  TypeExpr,
} from './ast.js';
import { type GraphFile, type ReadFile, loadGraph } from './graph.js';
import type { LoadApiResult } from './index.js';
import { collectLegacyWarnings } from './legacy.js';
import { commentLines, parseDuration, unquote } from './strings.js';
import { parseOptionList, parseRange, parseTag } from './tags.js';

const PRIMITIVES: ReadonlySet<string> = new Set(PRIMITIVE_TYPES);

interface TypeEntry {
  readonly file: GraphFile;
  readonly expr: TypeExpr;
  readonly doc: Comment[];
}

interface RouteEntry {
  readonly file: GraphFile;
  readonly service: ServiceStmt;
  readonly item: ServiceItem;
}

export function analyzeApi(entry: string, readFile: ReadFile): LoadApiResult {
  const graph = loadGraph(entry, readFile);
  const analyzer = new Analyzer(graph.files);
  const legacyFiles = new Set<string>();
  const legacyWarnings = graph.files.flatMap((file) => collectLegacyWarnings(file.ast));
  for (const w of legacyWarnings) legacyFiles.add(w.file);
  // goctl's legacy parser did not resolve imports, and legacy files in the wild import files that are
  // gone: for them a missing import is a warning (the corpus's g4 test.api), for current files an error.
  const diagnostics: Diagnostic[] = graph.diagnostics.map((d) =>
    d.code === 'API0304' && legacyFiles.has(d.file)
      ? { ...d, severity: 'warning', message: `${d.message} (ignored: this file uses the legacy grammar, whose parser did not resolve imports)` }
      : d,
  );
  const emptyEntry = graph.files[0];
  if (emptyEntry && emptyEntry.ast.source.trim() === '') {
    diagnostics.push(at(emptyEntry.path, emptyEntry.ast.span, 'API0106', 'the file is empty: expected at least one statement or comment'));
  }
  diagnostics.push(...legacyWarnings);
  const document = analyzer.run(entry, graph.imports.map(toImport));
  diagnostics.push(...analyzer.diagnostics);
  diagnostics.sort(compareDiagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const asts = new Map(graph.files.map((f) => [f.path, f.ast]));
  return failed ? { diagnostics, sources: graph.sources, asts } : { document, diagnostics, sources: graph.sources, asts };
}

function at(file: string, span: Span, code: string, message: string, severity: Severity = 'error'): Diagnostic {
  return { file, span, severity, code, message };
}

function sourceRef(file: string, span: Span): SourceRef {
  return { file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

function toImport(i: { from: string; written: string; resolved: string; span: Span }): Import {
  return { from: i.from, path: i.written, resolved: i.resolved, source: sourceRef(i.from, i.span) };
}

function docOf(comments: readonly Comment[]): string[] {
  return comments.flatMap((c) => commentLines(c.token.text));
}

/** The value of a key/value expression as text: strings unquoted, everything else as written. */
function kvValue(kv: KVExpr): string {
  return kv.valueKind === 'string' || kv.valueKind === 'rawString' ? unquote(kv.value.token.text) : kv.value.token.text;
}

function normalizePrefix(prefix: string): string {
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

class Analyzer {
  readonly diagnostics: Diagnostic[] = [];
  private readonly types = new Map<string, TypeEntry>();

  constructor(private readonly files: readonly GraphFile[]) {}

  private error(file: string, span: Span, code: string, message: string): void {
    this.diagnostics.push(at(file, span, code, message));
  }

  private warn(file: string, span: Span, code: string, message: string): void {
    this.diagnostics.push(at(file, span, code, message, 'warning'));
  }

  run(entry: string, imports: Import[]): Document {
    const entryFile = this.files[0];
    let syntax: string | undefined;
    const info: Record<string, string> = {};
    for (const file of this.files) {
      const isEntry = file === entryFile;
      const result = this.checkFileStatements(file);
      if (isEntry) {
        syntax = result.syntax;
        Object.assign(info, result.info);
      }
    }
    this.collectTypes();
    const types = [...this.types.values()].map((t) => this.buildType(t));
    const services = this.buildServices();
    return {
      irVersion: IR_VERSION,
      origin: 'api',
      file: entry,
      files: this.files.map((f) => f.path),
      ...(syntax !== undefined ? { syntax } : {}),
      info,
      imports,
      types,
      enums: [],
      services,
      options: {},
    };
  }

  /** syntax/info at most once per file, info keys unique. */
  private checkFileStatements(file: GraphFile): { syntax?: string; info: Record<string, string> } {
    let syntax: string | undefined;
    let syntaxSeen: TokenNode | undefined;
    let infoSeen: TokenNode | undefined;
    const info: Record<string, string> = {};
    for (const stmt of file.ast.stmts) {
      if (stmt.kind === 'SyntaxStmt') {
        if (syntaxSeen) {
          this.error(file.path, stmt.syntax.span, 'API0201', `duplicate syntax statement (first at line ${syntaxSeen.span.start.line})`);
          continue;
        }
        syntaxSeen = stmt.syntax;
        syntax = unquote(stmt.value.token.text);
        if (syntax !== 'v1') {
          this.warn(file.path, stmt.value.span, 'API0910', `unknown syntax version ${JSON.stringify(syntax)}: tsctl reads the file as "v1"`);
        }
      } else if (stmt.kind === 'InfoStmt') {
        if (infoSeen) {
          this.error(file.path, stmt.info.span, 'API0202', `duplicate info statement (first at line ${infoSeen.span.start.line})`);
          continue;
        }
        infoSeen = stmt.info;
        const seenKeys = new Map<string, TokenNode>();
        for (const kv of stmt.values) {
          const key = kv.key.token.text;
          const first = seenKeys.get(key);
          if (first) {
            this.error(file.path, kv.key.span, 'API0203', `duplicate info key '${key}' (first at line ${first.span.start.line})`);
            continue;
          }
          seenKeys.set(key, kv.key);
          info[key] = kvValue(kv);
        }
      }
    }
    return syntax !== undefined ? { syntax, info } : { info };
  }

  // ── types ─────────────────────────────────────────────────────────────────────────────────

  private collectTypes(): void {
    for (const file of this.files) {
      for (const stmt of file.ast.stmts) {
        if (stmt.kind === 'TypeLiteralStmt') this.declareType(file, stmt.expr, [...stmt.type.head, ...stmt.expr.name.head]);
        if (stmt.kind === 'TypeGroupStmt') for (const expr of stmt.exprs) this.declareType(file, expr, expr.name.head);
      }
    }
  }

  private declareType(file: GraphFile, expr: TypeExpr, doc: Comment[]): void {
    const name = expr.name.token.text;
    const first = this.types.get(name);
    if (first) {
      const where = first.file === file ? `line ${first.expr.name.span.start.line}` : `${first.file.path}:${first.expr.name.span.start.line}`;
      this.error(file.path, expr.name.span, 'API0204', `duplicate type '${name}' (first declared at ${where})`);
      return;
    }
    if (expr.dataType.kind !== 'StructDataType') {
      this.error(file.path, expr.dataType.span, 'API0205', `type '${name}' must be a struct: top-level types are written 'type ${name} { … }'`);
    }
    this.types.set(name, { file, expr, doc });
  }

  private buildType(entry: TypeEntry): TypeDecl {
    const { file, expr } = entry;
    const fields = expr.dataType.kind === 'StructDataType' ? this.buildFields(file, expr.dataType.elems) : [];
    return { kind: 'struct', name: expr.name.token.text, fields, doc: docOf(entry.doc), source: sourceRef(file.path, expr.span) };
  }

  private buildFields(file: GraphFile, elems: readonly ElemExpr[]): Field[] {
    const fields: Field[] = [];
    const seen = new Map<string, TokenNode>();
    for (const elem of elems) {
      const embedded = elem.names.length === 0;
      if (embedded) {
        fields.push(this.buildEmbedded(file, elem));
        continue;
      }
      for (const nameNode of elem.names) {
        const name = nameNode.token.text;
        const first = seen.get(name);
        if (first) {
          this.error(file.path, nameNode.span, 'API0206', `duplicate field '${name}' (first at line ${first.span.start.line})`);
          continue;
        }
        seen.set(name, nameNode);
        fields.push(this.buildField(file, elem, name, this.typeRef(file, elem.dataType, 'field')));
      }
    }
    return fields;
  }

  private buildEmbedded(file: GraphFile, elem: ElemExpr): Field {
    const core = elem.dataType.kind === 'PointerDataType' ? elem.dataType.elem : elem.dataType;
    const name = core.kind === 'BaseDataType' ? core.base.token.text : '?';
    if (core.kind === 'BaseDataType') {
      const declared = this.types.get(name);
      if (!declared) {
        this.error(file.path, core.span, 'API0207', PRIMITIVES.has(name) ? `cannot embed '${name}': only struct types can be embedded` : `unknown type '${name}'`);
      }
    }
    return this.buildField(file, elem, name, this.typeRef(file, elem.dataType, 'embedded'), true);
  }

  private buildField(file: GraphFile, elem: ElemExpr, name: string, type: TypeRef, embedded = false): Field {
    const tagText = elem.tag ? elem.tag.token.text.slice(1, -1) : '';
    const parsed = parseTag(tagText);
    if (parsed.problem && elem.tag) this.warn(file.path, elem.tag.span, 'API0911', parsed.problem);
    const bindingKey = (['path', 'form', 'header', 'json'] as const).find((k) => parsed.keys[k] !== undefined);
    const tag = bindingKey ? parsed.keys[bindingKey] : undefined;
    const binding = bindingKey === 'path' ? 'path' : bindingKey === 'form' ? 'query' : bindingKey === 'header' ? 'header' : 'body';
    const options = tag?.options ?? [];
    const optionValue = (key: string): string | undefined => {
      const found = options.find((o) => o.startsWith(`${key}=`));
      return found === undefined ? undefined : found.slice(key.length + 1);
    };
    const defaultValue = optionValue('default');
    const optionsValue = optionValue('options');
    const rangeValue = optionValue('range');
    const range = rangeValue === undefined ? undefined : parseRange(rangeValue);
    if (rangeValue !== undefined && range === undefined && elem.tag) {
      this.error(file.path, elem.tag.span, 'API0208', `invalid range '${rangeValue}' on field '${name}': expected [min:max] with optional ( ) for open bounds`);
    }
    const omitempty = options.includes('omitempty');
    const first = elem.names[0] ?? elem.dataType;
    const comment = elem.tag?.trailing ?? lastTokenTrailing(elem);
    const commentText = docOf(comment).join('\n');
    return {
      name,
      type,
      embedded,
      binding,
      wireName: tag && tag.name !== '' ? tag.name : name,
      optional: options.includes('optional'),
      omitempty,
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
      ...(optionsValue !== undefined ? { options: parseOptionList(optionsValue) } : {}),
      ...(range !== undefined ? { range } : {}),
      tag: tagText,
      tags: parsed.keys,
      doc: docOf('head' in first ? first.head : []),
      ...(commentText !== '' ? { comment: commentText } : {}),
      source: sourceRef(file.path, elem.span),
    };
  }

  /** Checks a type expression and converts it. `where` says what the type is used as. */
  private typeRef(file: GraphFile, dt: DataType, where: 'field' | 'embedded' | 'mapKey' | 'mapValue' | 'element' | 'pointer'): TypeRef {
    switch (dt.kind) {
      case 'BaseDataType': {
        const name = dt.base.token.text;
        if (PRIMITIVES.has(name)) return { kind: 'primitive', name: name as PrimitiveName };
        if (!this.types.has(name) && where !== 'embedded') this.error(file.path, dt.span, 'API0207', `unknown type '${name}'`);
        return { kind: 'named', name };
      }
      case 'AnyDataType':
        this.error(file.path, dt.span, 'API0209', "'any' is not supported: use interface{}");
        return { kind: 'any' };
      case 'InterfaceDataType':
        return { kind: 'any' };
      case 'MapDataType': {
        if (dt.key.kind !== 'BaseDataType') {
          this.error(file.path, dt.key.span, 'API0210', `map key must be a base type or a type name, got ${describeDataType(dt.key)}`);
        }
        if (dt.value.kind === 'StructDataType') {
          this.error(file.path, dt.value.span, 'API0211', 'map value cannot be an inline struct: declare a named type and use it');
        }
        return { kind: 'map', key: this.typeRef(file, dt.key, 'mapKey'), value: this.typeRef(file, dt.value, 'mapValue') };
      }
      case 'ArrayDataType': {
        const lengthText = dt.length.token.text;
        if (dt.length.token.kind !== 'int') {
          this.error(file.path, dt.length.span, 'API0212', `array length must be a number, got '${lengthText}'`);
        }
        if (dt.elem.kind === 'StructDataType') {
          this.error(file.path, dt.elem.span, 'API0213', 'array elements cannot be an inline struct: declare a named type and use it');
        }
        const length = Number.parseInt(lengthText, 10);
        return { kind: 'array', length: Number.isNaN(length) ? 0 : length, elem: this.typeRef(file, dt.elem, 'element') };
      }
      case 'SliceDataType':
        if (dt.elem.kind === 'StructDataType') {
          this.error(file.path, dt.elem.span, 'API0213', 'slice elements cannot be an inline struct: declare a named type and use it');
        }
        return { kind: 'slice', elem: this.typeRef(file, dt.elem, 'element') };
      case 'PointerDataType':
        return { kind: 'pointer', elem: this.typeRef(file, dt.elem, where === 'embedded' ? 'embedded' : 'pointer') };
      case 'StructDataType':
        if (where === 'field' || where === 'pointer') {
          if (dt.elems.length === 0) this.error(file.path, dt.span, 'API0214', 'an inline struct field must have at least one field');
        }
        return { kind: 'struct', fields: this.buildFields(file, dt.elems) };
    }
  }

  // ── services ──────────────────────────────────────────────────────────────────────────────

  private buildServices(): Service[] {
    const routes: RouteEntry[] = [];
    let firstService: { file: GraphFile; stmt: ServiceStmt } | undefined;
    for (const file of this.files) {
      for (const stmt of file.ast.stmts) {
        if (stmt.kind !== 'ServiceStmt') continue;
        if (!firstService) {
          firstService = { file, stmt };
        } else if (stmt.name.token.text !== firstService.stmt.name.token.text) {
          this.error(
            file.path,
            stmt.name.span,
            'API0215',
            `multiple service names: '${stmt.name.token.text}' here, '${firstService.stmt.name.token.text}' at ${firstService.file.path}:${firstService.stmt.name.span.start.line}; all service blocks must share one name`,
          );
        }
        for (const item of stmt.items) routes.push({ file, service: stmt, item });
      }
    }
    if (!firstService) return [];
    const handlers = new Map<string, RouteEntry>();
    const paths = new Map<string, RouteEntry>();
    const methods: Method[] = [];
    for (const entry of routes) {
      const method = this.buildMethod(entry);
      if (!method) continue;
      methods.push(method);
      const handlerKey = `${method.annotations.group ?? ''}\u0000${method.name}`;
      const handlerNode = handlerNameNode(entry.item);
      const firstHandler = handlers.get(handlerKey);
      if (firstHandler) {
        const scope = method.annotations.group ? ` in group '${method.annotations.group}'` : '';
        this.error(entry.file.path, handlerNode.span, 'API0216', `duplicate handler '${method.name}'${scope} (first at ${locate(firstHandler.file, handlerNameNode(firstHandler.item))})`);
      } else {
        handlers.set(handlerKey, entry);
      }
      if (method.http) {
        const pathKey = `${method.http.method} ${method.http.path}`;
        const firstPath = paths.get(pathKey);
        if (firstPath) {
          this.error(entry.file.path, entry.item.route.span, 'API0217', `duplicate route '${pathKey}' (first at ${locate(firstPath.file, firstPath.item.route.method)})`);
        } else {
          paths.set(pathKey, entry);
        }
      }
    }
    const { file, stmt } = firstService;
    return [{ name: stmt.name.token.text, methods, doc: docOf(stmt.atServer?.atServer.head ?? stmt.service.head), source: sourceRef(file.path, stmt.name.span) }];
  }

  private annotations(file: GraphFile, server: AtServerStmt | undefined): Annotations {
    const raw: Record<string, string> = {};
    const result: { -readonly [K in keyof Annotations]: Annotations[K] } = { middleware: [], server: raw };
    if (!server) return result;
    for (const kv of server.values) {
      const key = kv.key.token.text;
      const value = kvValue(kv);
      if (key in raw) {
        this.error(file.path, kv.key.span, 'API0218', `duplicate @server key '${key}'`);
        continue;
      }
      raw[key] = value;
      switch (key) {
        case 'jwt':
          result.jwt = value;
          break;
        case 'jwtTransition':
          result.jwtTransition = value;
          break;
        case 'group':
          result.group = value;
          break;
        case 'prefix':
          result.prefix = normalizePrefix(value);
          break;
        case 'middleware':
          result.middleware = value.split(',').map((m) => m.trim()).filter((m) => m !== '');
          break;
        case 'timeout': {
          const ms = parseDuration(value);
          if (ms === undefined) this.error(file.path, kv.value.span, 'API0219', `invalid timeout '${value}': expected a duration such as 3s or 500ms`);
          else {
            result.timeoutMs = ms;
            result.timeout = value;
          }
          break;
        }
        case 'maxBytes':
          if (!/^\d+$/.test(value)) this.error(file.path, kv.value.span, 'API0219', `invalid maxBytes '${value}': expected a number of bytes`);
          else result.maxBytes = Number(value);
          break;
        case 'signature':
        case 'sse':
          if (value !== 'true' && value !== 'false') this.error(file.path, kv.value.span, 'API0219', `invalid ${key} '${value}': expected true or false`);
          else result[key] = value === 'true';
          break;
        default:
          break;
      }
    }
    return result;
  }

  private buildMethod(entry: RouteEntry): Method | undefined {
    const { file, service, item } = entry;
    const route = item.route;
    const annotations = this.annotations(file, service.atServer);
    let name: string;
    if (item.atHandler) {
      name = item.atHandler.name.token.text;
    } else {
      const handlerKv = item.legacyAtServer?.values.find((kv) => kv.key.token.text === 'handler');
      if (!handlerKv) {
        this.error(file.path, (item.legacyAtServer ?? route).span, 'API0220', "missing handler: write '@handler name' before the route");
        return undefined;
      }
      name = kvValue(handlerKv);
    }
    const routePath = route.path.value.token.text;
    const prefix = annotations.prefix && annotations.prefix !== '/' ? annotations.prefix : '';
    const http: HttpBinding = {
      method: route.method.token.text as HttpBinding['method'],
      path: prefix + routePath,
      routePath,
      pathParams: route.path.segments.filter((s) => s.param).map((s) => s.text),
    };
    const request = route.request ? this.body(file, route.request, 'request') : undefined;
    const response = route.response ? this.body(file, route.response, 'response') : undefined;
    if (annotations.sse && !response) {
      this.error(file.path, route.span, 'API0221', 'a route of an sse service must declare a response type: returns (Event)');
    }
    if (request) this.checkPathParams(file, route.path.segments, request);
    const doc = this.methodDoc(item);
    const comments = docOf(item.atDoc?.atDoc.head ?? item.atHandler?.atHandler.head ?? item.legacyAtServer?.atServer.head ?? route.method.head);
    return {
      name,
      ...(request ? { request } : {}),
      ...(response ? { response } : {}),
      streaming: { client: false, server: false },
      http,
      annotations,
      doc,
      comments,
      source: sourceRef(file.path, item.span),
    };
  }

  private methodDoc(item: ServiceItem): MethodDoc {
    const atDoc = item.atDoc;
    if (!atDoc) return { properties: {} };
    if (atDoc.kind === 'AtDocLiteralStmt') {
      const summary = unquote(atDoc.value.token.text);
      return { summary, properties: { summary } };
    }
    const properties: Record<string, string> = {};
    for (const kv of atDoc.values) properties[kv.key.token.text] = kvValue(kv);
    return properties.summary !== undefined ? { summary: properties.summary, properties } : { properties };
  }

  private body(file: GraphFile, stmt: BodyStmt, role: 'request' | 'response'): BodyRef | undefined {
    const expr = stmt.body;
    if (!expr) return undefined;
    const name = expr.value.token.text;
    if (role === 'request' && expr.lbrack) {
      this.error(file.path, expr.span, 'API0222', `request body must be a struct, not a slice: use a struct with a '${name}' list field`);
    }
    let type: TypeRef;
    if (PRIMITIVES.has(name)) {
      type = { kind: 'primitive', name: name as PrimitiveName };
    } else if (name === 'any') {
      this.error(file.path, expr.value.span, 'API0209', "'any' is not supported: use interface{}");
      type = { kind: 'any' };
    } else {
      if (!this.types.has(name)) this.error(file.path, expr.value.span, 'API0207', `unknown type '${name}'`);
      type = { kind: 'named', name };
    }
    if (expr.star) type = { kind: 'pointer', elem: type };
    if (expr.lbrack) type = { kind: 'slice', elem: type };
    return { type, name };
  }

  /** Every `:param` of the route needs a request field tagged `path:"param"`. */
  private checkPathParams(file: GraphFile, segments: readonly { text: string; param: boolean; span: Span }[], request: BodyRef): void {
    const params = segments.filter((s) => s.param);
    if (params.length === 0) return;
    const entry = this.types.get(request.name);
    if (!entry || entry.expr.dataType.kind !== 'StructDataType') return;
    const bound = new Set(this.pathFieldNames(entry.expr, new Set()));
    for (const param of params) {
      if (!bound.has(param.text)) {
        this.warn(
          file.path,
          param.span,
          'API0223',
          `path parameter ':${param.text}' has no field tagged path:"${param.text}" in request type '${request.name}': its value will not reach the logic`,
        );
      }
    }
  }

  private pathFieldNames(expr: TypeExpr, visiting: Set<string>): string[] {
    if (expr.dataType.kind !== 'StructDataType' || visiting.has(expr.name.token.text)) return [];
    visiting.add(expr.name.token.text);
    const names: string[] = [];
    for (const elem of expr.dataType.elems) {
      if (elem.names.length === 0) {
        const core = elem.dataType.kind === 'PointerDataType' ? elem.dataType.elem : elem.dataType;
        const embedded = core.kind === 'BaseDataType' ? this.types.get(core.base.token.text) : undefined;
        if (embedded) names.push(...this.pathFieldNames(embedded.expr, visiting));
        continue;
      }
      const tag = elem.tag ? parseTag(elem.tag.token.text.slice(1, -1)).keys.path : undefined;
      if (tag) names.push(tag.name);
    }
    return names;
  }
}

function handlerNameNode(item: ServiceItem): TokenNode {
  if (item.atHandler) return item.atHandler.name;
  const kv = item.legacyAtServer?.values.find((v) => v.key.token.text === 'handler');
  return kv?.value ?? item.route.method;
}

function locate(file: GraphFile, node: { span: Span }): string {
  return `${file.path}:${node.span.start.line}`;
}

function lastTokenTrailing(elem: ElemExpr): Comment[] {
  let dt: DataType = elem.dataType;
  for (;;) {
    switch (dt.kind) {
      case 'BaseDataType':
        return dt.base.trailing;
      case 'AnyDataType':
        return dt.any.trailing;
      case 'InterfaceDataType':
        return dt.interface.trailing;
      case 'StructDataType':
        return dt.rbrace.trailing;
      case 'MapDataType':
        dt = dt.value;
        break;
      case 'ArrayDataType':
      case 'SliceDataType':
      case 'PointerDataType':
        dt = dt.elem;
        break;
    }
  }
}

function describeDataType(dt: DataType): string {
  switch (dt.kind) {
    case 'SliceDataType':
      return 'a slice';
    case 'ArrayDataType':
      return 'an array';
    case 'MapDataType':
      return 'a map';
    case 'PointerDataType':
      return 'a pointer';
    case 'StructDataType':
      return 'an inline struct';
    case 'InterfaceDataType':
      return 'interface{}';
    case 'AnyDataType':
      return "'any'";
    case 'BaseDataType':
      return `'${dt.base.token.text}'`;
  }
}
