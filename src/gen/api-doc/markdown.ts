/**
 * IR → Markdown reference docs, as `tsctl api doc` prints them: the title and info, a table of routes,
 * one section per route (parameters, body, response), then every type. One pure function; constraints
 * are described from the same tag data the JSON Schema mapping (../api/schema.ts) enforces.
 */
import type { Binding, Document, Field, Method, TypeRef } from '../../ir/index.js';
import { namedCore, structFields } from '../../ir/flatten.js';
import { isRequired, requestFields, type SchemaContext, schemaContext } from '../api/schema.js';
import { type HttpRoute, httpRoutes } from '../api/routes.js';

/** Go-style text of a type: `[]Item`, `map[string]int64`, `*User`, `object` for an inline struct. */
export function typeText(ref: TypeRef): string {
  switch (ref.kind) {
    case 'primitive':
    case 'named':
      return ref.name;
    case 'any':
      return 'any';
    case 'slice':
      return `[]${typeText(ref.elem)}`;
    case 'array':
      return `[${ref.length}]${typeText(ref.elem)}`;
    case 'map':
      return `map[${typeText(ref.key)}]${typeText(ref.value)}`;
    case 'pointer':
      return `*${typeText(ref.elem)}`;
    case 'struct':
      return 'object';
  }
}

/** The tag constraints of a field in words: `options: a, b; range: [1:10); default: 1`. */
export function constraintsText(field: Field): string {
  const parts: string[] = [];
  if (field.options !== undefined && field.options.length > 0) parts.push(`one of ${field.options.map((o) => `\`${o}\``).join(', ')}`);
  if (field.range !== undefined) {
    const { min, max, minInclusive, maxInclusive } = field.range;
    parts.push(`range \`${minInclusive ? '[' : '('}${min ?? ''}:${max ?? ''}${maxInclusive ? ']' : ')'}\``);
  }
  if (field.default !== undefined) parts.push(`default \`${field.default}\``);
  return parts.join('; ');
}

const IN: Record<Binding, string> = { body: 'body', path: 'path', query: 'query', header: 'header' };

/** Markdown reference documentation of an `.api` IR document. Ends with one newline. */
export function apiMarkdown(doc: Document): string {
  const ctx = schemaContext(doc, { omitemptyOptional: false });
  const routes = httpRoutes(doc);
  const out: string[] = [];
  const title = doc.info.title ?? doc.services[0]?.name ?? 'API';
  out.push(`# ${title}`, '');
  const desc = doc.info.desc ?? doc.info.description;
  if (desc !== undefined && desc.trim() !== '') out.push(desc.trim(), '');
  const infoRows = Object.entries(doc.info).filter(([key]) => key !== 'title' && key !== 'desc' && key !== 'description');
  if (infoRows.length > 0) {
    out.push('| | |', '|---|---|');
    for (const [key, value] of infoRows) out.push(`| ${cell(capitalize(key))} | ${cell(value)} |`);
    out.push('');
  }
  out.push('## Routes', '');
  if (routes.length === 0) out.push('No routes.', '');
  else {
    out.push('| Method | Path | Handler | Auth |', '|---|---|---|---|');
    for (const route of routes) {
      const m = route.method;
      out.push(`| ${m.http?.method.toUpperCase()} | \`${m.http?.path}\` | [${m.name}](#${routeAnchor(route)}) | ${authText(m)} |`);
    }
    out.push('');
    for (const route of routes) out.push(...routeSection(ctx, route));
  }
  if (doc.types.length > 0) {
    out.push('## Types', '');
    for (const type of doc.types) {
      out.push(`### <a id="${typeAnchor(type.name)}"></a>${type.name}`, '');
      const text = type.doc.join('\n').trim();
      if (text !== '') out.push(text, '');
      out.push(...fieldTable(ctx, structFields(ctx.types, type.name), true));
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function routeSection(ctx: SchemaContext, route: HttpRoute): string[] {
  const m = route.method;
  const out = [`## <a id="${routeAnchor(route)}"></a>${m.name}`, '', `\`${m.http?.method.toUpperCase()} ${m.http?.path}\``, ''];
  if (m.doc.summary !== undefined && m.doc.summary.trim() !== '') out.push(m.doc.summary.trim(), '');
  const details = (m.doc.properties.description ?? m.comments.join('\n')).trim();
  if (details !== '' && details !== m.doc.summary?.trim()) out.push(details, '');
  const facts: string[] = [];
  if (m.annotations.group !== undefined) facts.push(`- Group: \`${m.annotations.group}\``);
  if (m.annotations.jwt !== undefined) facts.push(`- Auth: bearer JWT (config \`${m.annotations.jwt}\`)`);
  if (m.annotations.middleware.length > 0) facts.push(`- Middleware: ${m.annotations.middleware.map((n) => `\`${n}\``).join(', ')}`);
  if (m.annotations.timeout !== undefined) facts.push(`- Timeout: ${m.annotations.timeout}`);
  if (m.annotations.maxBytes !== undefined) facts.push(`- Max body: ${m.annotations.maxBytes} bytes`);
  if (facts.length > 0) out.push(...facts, '');

  const params = [
    ...requestFields(ctx, m, 'path'),
    ...requestFields(ctx, m, 'query'),
    ...requestFields(ctx, m, 'header'),
  ];
  if (params.length > 0) {
    out.push('### Request parameters', '', '| Name | In | Type | Required | Constraints | Description |', '|---|---|---|---|---|---|');
    for (const f of params) {
      const required = f.binding === 'path' || isRequired(f, ctx);
      out.push(`| \`${cell(f.wireName)}\` | ${IN[f.binding]} | ${typeCell(f.type)} | ${yesNo(required)} | ${cell(constraintsText(f))} | ${cell(description(f))} |`);
    }
    out.push('');
  }
  if (m.request) {
    const body = requestFields(ctx, m, 'body');
    const name = namedCore(m.request.type);
    if (body.length > 0 || name === undefined || !ctx.types.has(name)) {
      out.push('### Request body', '', `Type: ${typeCell(m.request.type)}`, '');
      if (body.length > 0) out.push(...fieldTable(ctx, body, false));
    }
  }
  out.push('### Response', '');
  if (!m.response) out.push('No body.', '');
  else {
    out.push(`Type: ${typeCell(m.response.type)}`, '');
    const name = namedCore(m.response.type);
    if (name !== undefined && ctx.types.has(name)) {
      out.push(...fieldTable({ ...ctx, omitemptyOptional: true }, structFields(ctx.types, name).filter((f) => f.binding === 'body'), false));
    }
  }
  return out;
}

function fieldTable(ctx: SchemaContext, fields: readonly Field[], withIn: boolean): string[] {
  if (fields.length === 0) return ['No fields.', ''];
  const out = withIn
    ? ['| Field | In | Type | Required | Constraints | Description |', '|---|---|---|---|---|---|']
    : ['| Field | Type | Required | Constraints | Description |', '|---|---|---|---|---|'];
  for (const f of fields) {
    const cells = [`\`${cell(f.wireName)}\``, ...(withIn ? [IN[f.binding]] : []), typeCell(f.type), yesNo(isRequired(f, ctx)), cell(constraintsText(f)), cell(description(f))];
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('');
  return out;
}

function description(field: Field): string {
  return [...field.doc, ...(field.comment === undefined ? [] : [field.comment])].join(' ').trim();
}

/** A type in a table cell: named types link to their section. */
function typeCell(ref: TypeRef): string {
  const text = cell(typeText(ref));
  const name = namedCore(ref) ?? (ref.kind === 'slice' || ref.kind === 'array' ? namedCore(ref.elem) : undefined);
  return name === undefined ? `\`${text}\`` : `[\`${text}\`](#${typeAnchor(name)})`;
}

function authText(m: Method): string {
  return m.annotations.jwt === undefined ? '—' : `JWT (\`${m.annotations.jwt}\`)`;
}

function routeAnchor(route: HttpRoute): string {
  return `route-${slug(route.operationId)}`;
}

function typeAnchor(name: string): string {
  return `type-${slug(name)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text safe in a table cell: pipes escaped, line breaks as spaces. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
