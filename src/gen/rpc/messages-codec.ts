/**
 * The `const X: MessageType<X> = {…}` of a generated message: `create`, and binary `encode` / `decode`
 * over the vendored wire runtime (https://protobuf.dev/programming-guides/encoding/).
 *
 * Encoding writes fields in field-number order; implicit-presence scalars only when not zero, proto3
 * `optional` fields and oneof cases whenever set; repeated scalars packed when the field says so;
 * a map entry as a sub-message with the key as field 1 and the value as field 2.
 * Decoding accepts packed and unpacked repeated scalars alike, treats a field with an unexpected wire
 * type as unknown, skips unknown fields, and merges a repeated sub-message into the one already read.
 */
import type { TypeDecl } from '../../ir/index.js';
import { type Code, type FieldView, type FileContext } from './messages-context.js';
import { isOptionalProperty } from './messages-declarations.js';
import { SCALARS, type WireTypeName, isPackable } from './messages-scalars.js';

function wireTypeOf(view: Pick<FieldView, 'valueKind'>): WireTypeName {
  if (view.valueKind === 'message') return 'LengthDelimited';
  if (view.valueKind === 'enum') return 'Varint';
  return SCALARS[view.valueKind].wireType;
}

function tag(ctx: FileContext, fieldNo: number, wireType: WireTypeName): string {
  return `writer.tag(${fieldNo}, ${ctx.use('WireType')}.${wireType})`;
}

/** A statement (without `;`) writing one value of `kind` as field `fieldNo`. */
function writeValue(ctx: FileContext, view: Pick<FieldView, 'valueKind' | 'target'>, fieldNo: number, expr: string): string {
  const { valueKind, target } = view;
  if (valueKind === 'message') return `${ctx.ref(target ?? '')}.encode(${expr}, ${tag(ctx, fieldNo, 'LengthDelimited')}.fork()).join()`;
  if (valueKind === 'enum') return `${tag(ctx, fieldNo, 'Varint')}.int32(${expr})`;
  return `${tag(ctx, fieldNo, SCALARS[valueKind].wireType)}.${valueKind}(${expr})`;
}

/** An expression reading one value of `kind`; a message is merged into `into` when given. */
function readValue(ctx: FileContext, view: Pick<FieldView, 'valueKind' | 'target'>, into?: string): string {
  const { valueKind, target } = view;
  if (valueKind === 'message') return `${ctx.ref(target ?? '')}.decode(reader, reader.uint32()${into === undefined ? '' : `, ${into}`})`;
  if (valueKind === 'enum') return `reader.int32() as ${ctx.ref(target ?? '')}`;
  return `reader.${valueKind}()`;
}

/** The value a non-optional property starts with. */
function defaultValue(ctx: FileContext, view: FieldView): string {
  if (view.proto.map) return '{}';
  if (view.proto.label === 'repeated') return '[]';
  if (view.valueKind === 'enum') return ctx.enumDefault(view.target ?? '');
  if (view.valueKind === 'message') throw new Error(`internal: ${view.field.name} has no default`);
  return SCALARS[view.valueKind].zero;
}

/** An expression true when an implicit-presence field holds something other than its default. */
function notDefault(ctx: FileContext, view: FieldView, expr: string): string {
  if (view.valueKind === 'enum') return `${expr} !== ${defaultValue(ctx, view)}`;
  if (view.valueKind === 'message') return `${expr} !== undefined`;
  return SCALARS[view.valueKind].notZero(expr);
}

function byNumber(views: readonly FieldView[]): FieldView[] {
  return [...views].sort((a, b) => a.proto.number - b.proto.number);
}

export function emitMessageConst(ctx: FileContext, code: Code, type: TypeDecl, name: string, views: readonly FieldView[]): void {
  const messageType = ctx.use('MessageType');
  code.block(`export const ${name}: ${messageType}<${name}> = {`, () => {
    code.line(`typeName: '${type.name}',`);
    code.line();
    emitCreate(ctx, code, name, views);
    code.line();
    emitEncode(ctx, code, name, views);
    code.line();
    emitDecode(ctx, code, name, views);
    code.line();
    const writer = ctx.use('ProtoWriter');
    code.block(`toBinary(message: ${name}): Uint8Array {`, () => code.line(`return ${name}.encode(message, ${writer}.scratch()).finish();`), '},');
    code.line();
    code.block(`fromBinary(bytes: Uint8Array): ${name} {`, () => code.line(`return ${name}.decode(bytes);`), '},');
  }, '};');
}

function emitCreate(ctx: FileContext, code: Code, name: string, views: readonly FieldView[]): void {
  const defaults = views.filter((v) => !isOptionalProperty(v));
  code.block(`create(init?: Partial<${name}>): ${name} {`, () => {
    if (defaults.length === 0) {
      code.line('return { ...init };');
      return;
    }
    // Object.assign rather than a spread: this runs for every decoded message, and is faster so.
    code.block(`const message: ${name} = {`, () => {
      for (const view of defaults) code.line(`${view.property}: ${defaultValue(ctx, view)},`);
    }, '};');
    code.line('return init === undefined ? message : Object.assign(message, init);');
  }, '},');
}

function emitEncode(ctx: FileContext, code: Code, name: string, views: readonly FieldView[]): void {
  const writer = ctx.use('ProtoWriter');
  const param = views.length === 0 ? '_message' : 'message';
  code.block(`encode(${param}: ${name}, writer: ${writer} = new ${writer}()): ${writer} {`, () => {
    for (const view of byNumber(views)) encodeField(ctx, code, view);
    code.line('return writer;');
  }, '},');
}

function encodeField(ctx: FileContext, code: Code, view: FieldView): void {
  const { proto } = view;
  const n = proto.number;
  const property = `message.${view.property}`;
  if (proto.map) {
    const key = { valueKind: proto.map.keyType } as const;
    code.block(`for (const [key, value] of Object.entries(${property})) {`, () => {
      code.line(`${tag(ctx, n, 'LengthDelimited')}.fork();`);
      code.line(`${writeValue(ctx, key, 1, SCALARS[proto.map?.keyType ?? 'string'].keyFromString('key'))};`);
      code.line(`${writeValue(ctx, view, 2, 'value')};`);
      code.line('writer.join();');
    });
  } else if (proto.label === 'repeated' && proto.packed && isPackable(view.valueKind)) {
    code.block(`if (${property}.length > 0) {`, () => {
      code.line(`${tag(ctx, n, 'LengthDelimited')}.fork();`);
      code.line(`for (const item of ${property}) writer.${view.valueKind === 'enum' ? 'int32' : view.valueKind}(item);`);
      code.line('writer.join();');
    });
  } else if (proto.label === 'repeated') {
    code.line(`for (const item of ${property}) ${writeValue(ctx, view, n, 'item')};`);
  } else if (view.oneofProperty !== undefined) {
    const oneof = `message.${view.oneofProperty}`;
    code.line(`if (${oneof}?.case === '${view.caseName}') ${writeValue(ctx, view, n, `${oneof}.value`)};`);
  } else if (isOptionalProperty(view)) {
    code.line(`if (${property} !== undefined) ${writeValue(ctx, view, n, property)};`);
  } else if (proto.label === 'required') {
    code.line(`${writeValue(ctx, view, n, property)};`);
  } else {
    code.line(`if (${notDefault(ctx, view, property)}) ${writeValue(ctx, view, n, property)};`);
  }
}

function emitDecode(ctx: FileContext, code: Code, name: string, views: readonly FieldView[]): void {
  const reader = ctx.use('ProtoReader');
  code.block(`decode(input: Uint8Array | ${reader}, length?: number, into?: ${name}): ${name} {`, () => {
    code.line(`const reader = input instanceof ${reader} ? input : new ${reader}(input);`);
    code.line('const outer = reader.pushLimit(length);');
    code.line(`const message = into ?? ${name}.create();`);
    code.block('while (reader.pos < reader.limit) {', () => {
      code.line('const [fieldNo, wireType] = reader.tag();');
      if (views.length > 0) {
        code.block('switch (fieldNo) {', () => {
          for (const view of byNumber(views)) decodeField(ctx, code, view);
        });
      }
      code.line('reader.skip(wireType, fieldNo);');
    });
    code.line('reader.popLimit(outer);');
    code.line('return message;');
  }, '},');
}

/** `if (wireType !== WireType.X) break;`: a field with another wire type is an unknown field. */
function expectWireType(ctx: FileContext, code: Code, wireType: WireTypeName): void {
  code.line(`if (wireType !== ${ctx.use('WireType')}.${wireType}) break;`);
}

function decodeField(ctx: FileContext, code: Code, view: FieldView): void {
  const { proto } = view;
  const property = `message.${view.property}`;
  if (proto.map) {
    code.block(`case ${proto.number}: {`, () => decodeMapEntry(ctx, code, view));
    return;
  }
  code.line(`case ${proto.number}:`);
  code.indent(() => {
    if (proto.label === 'repeated' && isPackable(view.valueKind)) {
      code.block(`if (wireType === ${ctx.use('WireType')}.LengthDelimited) {`, () => {
        code.line('const runOuter = reader.pushLimit(reader.uint32());');
        code.line(`while (reader.pos < reader.limit) ${property}.push(${readValue(ctx, view)});`);
        code.line('reader.popLimit(runOuter);');
        code.line('continue;');
      });
      expectWireType(ctx, code, wireTypeOf(view));
      code.line(`${property}.push(${readValue(ctx, view)});`);
    } else if (proto.label === 'repeated') {
      expectWireType(ctx, code, wireTypeOf(view));
      code.line(`${property}.push(${readValue(ctx, view)});`);
    } else if (view.oneofProperty !== undefined) {
      expectWireType(ctx, code, wireTypeOf(view));
      const oneof = `message.${view.oneofProperty}`;
      const into = view.valueKind === 'message' ? `${oneof}?.case === '${view.caseName}' ? ${oneof}.value : undefined` : undefined;
      code.line(`${oneof} = { case: '${view.caseName}', value: ${readValue(ctx, view, into)} };`);
    } else {
      expectWireType(ctx, code, wireTypeOf(view));
      code.line(`${property} = ${readValue(ctx, view, view.valueKind === 'message' ? property : undefined)};`);
    }
    code.line('continue;');
  });
}

/** A map entry: key (field 1) and value (field 2), each defaulted when missing. */
function decodeMapEntry(ctx: FileContext, code: Code, view: FieldView): void {
  const map = view.proto.map;
  if (!map) return;
  const key = { valueKind: map.keyType } as const;
  const keyInfo = SCALARS[map.keyType];
  expectWireType(ctx, code, 'LengthDelimited');
  code.line('const entryOuter = reader.pushLimit(reader.uint32());');
  code.line(`let key = ${keyInfo.zero};`);
  if (view.valueKind === 'message') code.line(`let value: ${ctx.ref(view.target ?? '')} | undefined;`);
  else if (view.valueKind === 'enum') code.line(`let value: ${ctx.ref(view.target ?? '')} = ${ctx.enumDefault(view.target ?? '')};`);
  else if (view.valueKind === 'bytes') code.line(`let value: Uint8Array = ${SCALARS.bytes.zero};`);
  else code.line(`let value = ${SCALARS[view.valueKind].zero};`);
  code.block('while (reader.pos < reader.limit) {', () => {
    code.line('const [entryFieldNo, entryWireType] = reader.tag();');
    code.line(`if (entryFieldNo === 1 && entryWireType === ${ctx.use('WireType')}.${keyInfo.wireType}) key = ${readValue(ctx, key)};`);
    code.line(`else if (entryFieldNo === 2 && entryWireType === ${ctx.use('WireType')}.${wireTypeOf(view)}) value = ${readValue(ctx, view)};`);
    code.line('else reader.skip(entryWireType, entryFieldNo);');
  });
  code.line('reader.popLimit(entryOuter);');
  const value = view.valueKind === 'message' ? `value ?? ${ctx.ref(view.target ?? '')}.create()` : 'value';
  const property = `message.${view.property}`;
  if (map.keyType === 'string') code.line(`${ctx.use('setMapEntry')}(${property}, key, ${value});`);
  else code.line(`${property}[String(key)] = ${value};`);
  code.line('continue;');
}
