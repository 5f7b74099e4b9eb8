/**
 * The generated messages of the rich fixture (fixtures/proto/messages/shop.proto: every scalar, nested
 * types, oneofs, maps of every key kind, packed and unpacked repeated fields, proto3 optional, well-known
 * types) compile under strict settings and speak the same wire format as protobufjs, in both directions,
 * over seeded random messages; plus the decoding rules a random message does not reach.
 */
import path from 'node:path';
import type protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProtoWriter, WireType } from '../../../templates/runtime/protobuf/wire.js';
import { repoRoot } from '../../helpers/corpus.js';
import {
  type GeneratedCase,
  Random,
  type RuntimeMessageType,
  Schema,
  TO_OBJECT_OPTIONS,
  canonical,
  fromProtobufjs,
  generateInto,
  loadDocument,
  loadModules,
  loadProtobufjs,
  messageType,
  randomMessage,
  scratchRoot,
  toProtobufjs,
  typecheck,
} from './messages-harness.js';

const entry = path.join(repoRoot, 'fixtures/proto/messages/shop.proto');
const MESSAGES_PER_TYPE = 300;

let generated: GeneratedCase;
let modules: Map<string, Record<string, unknown>>;
let root: protobuf.Root;
let schema: Schema;
const type = (name: string): RuntimeMessageType => messageType(generated, modules, name);

beforeAll(async () => {
  const doc = loadDocument(entry);
  schema = new Schema(doc);
  generated = generateInto(path.join(scratchRoot, 'interop-shop'), doc);
  modules = await loadModules(generated);
  root = loadProtobufjs(entry);
});

describe('generated messages of shop.proto', () => {
  it('type-check under strict settings', () => {
    expect(typecheck(generated.tsFiles)).toEqual([]);
  });

  it('declare each enum as a plain object of its numbers: no reverse mapping', () => {
    expect(modules.get('src/pb/shop.v1.ts')?.Status).toStrictEqual({ UNSPECIFIED: 0, PAID: 1, SHIPPED: 2 });
    expect(modules.get('src/pb/shop.v1.ts')?.Priority).toStrictEqual({ PRIORITY_NONE: 0, PRIORITY_LOW: -1, PRIORITY_HIGH: 1, URGENT: 2 });
    expect(modules.get('src/pb/shop.common.ts')?.Region).toStrictEqual({ UNSPECIFIED: 0, EU: 1, US: 2 });
    expect(modules.get('src/pb/google.protobuf.ts')?.NullValue).toStrictEqual({ NULL_VALUE: 0 });
  });

  it('cover every message and enum, one file per package', () => {
    expect(generated.generated.files.map((f) => f.path)).toEqual(['src/pb/google.protobuf.ts', 'src/pb/shop.common.ts', 'src/pb/shop.v1.ts']);
    expect(schema.doc.types.length).toBe(26);
  });

  it.each(['shop.v1.Scalars', 'shop.v1.Optionals', 'shop.v1.Repeats', 'shop.v1.Maps', 'shop.v1.Order', 'shop.v1.Order.Item', 'shop.v1.Error', 'google.protobuf.Struct', 'google.protobuf.Timestamp'])(
    '%s: interoperates with protobufjs over random messages',
    (typeName) => {
      const ours = type(typeName);
      const theirs = root.lookupType(typeName);
      const rng = new Random(0x5eed ^ typeName.length);
      for (let i = 0; i < MESSAGES_PER_TYPE; i += 1) {
        const message = ours.create(randomMessage(schema, rng, typeName));
        const want = canonical(message);
        const bytes = ours.toBinary(message);
        expect(canonical(ours.fromBinary(bytes)), `round trip #${i}`).toEqual(want);
        const decodedByThem = fromProtobufjs(schema, typeName, theirs.toObject(theirs.decode(bytes), TO_OBJECT_OPTIONS));
        expect(canonical(decodedByThem), `protobufjs decodes ours #${i}`).toEqual(want);
        const theirBytes = theirs.encode(toProtobufjs(schema, typeName, message)).finish();
        expect(canonical(ours.fromBinary(theirBytes)), `we decode protobufjs #${i}`).toEqual(want);
      }
    },
  );
});

describe('encoding rules', () => {
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

  it('skips implicit-presence zero values, writes -0 and explicit-presence zeros', () => {
    expect(hex(type('shop.v1.Scalars').toBinary(type('shop.v1.Scalars').create()))).toBe('');
    expect(hex(type('shop.v1.Scalars').toBinary(type('shop.v1.Scalars').create({ fDouble: -0 })))).toBe('090000000000000080');
    expect(hex(type('shop.v1.Optionals').toBinary({ oInt32: 0, oString: '', oStatus: 0 }))).toBe('18007200800100');
    expect(hex(type('shop.v1.Order').toBinary(type('shop.v1.Order').create({ payment: { case: 'points', value: 0n } })))).toBe('3800');
  });

  it('packs repeated scalars unless [packed = false]', () => {
    const repeats = type('shop.v1.Repeats');
    expect(hex(repeats.toBinary(repeats.create({ rInt32: [1, 2], uInt32: [1, 2] })))).toBe('1a020102' + '900101' + '900102');
  });

  it('writes map entries as key 1, value 2', () => {
    const maps = type('shop.v1.Maps');
    expect(hex(maps.toBinary(maps.create({ boolDouble: { false: 1 }, int64Order: { '-1': type('shop.v1.Order').create() } })))).toBe(
      `120d08${'ff'.repeat(9)}011200` + '2a0b0800' + '11000000000000f03f',
    );
  });
});

describe('decoding rules', () => {
  it('accepts packed and unpacked forms of every repeated scalar', () => {
    const repeats = type('shop.v1.Repeats');
    const writer = new ProtoWriter();
    writer.tag(3, WireType.Varint).int32(5).tag(3, WireType.LengthDelimited).fork().int32(6).int32(-7).join();
    writer.tag(18, WireType.LengthDelimited).fork().int32(1).int32(2).join().tag(18, WireType.Varint).int32(3);
    writer.tag(16, WireType.Varint).int32(2).tag(16, WireType.LengthDelimited).fork().int32(1).join();
    const decoded = repeats.fromBinary(writer.finish());
    expect(decoded.rInt32).toEqual([5, 6, -7]);
    expect(decoded.uInt32).toEqual([1, 2, 3]);
    expect(decoded.rStatus).toEqual([2, 1]);
  });

  it('skips unknown fields and fields of an unexpected wire type', () => {
    const writer = new ProtoWriter();
    writer.tag(99, WireType.LengthDelimited).string('unknown');
    writer.tag(1, WireType.Varint).int32(5); // order_id is a string: not this
    writer.tag(1, WireType.LengthDelimited).string('o-1');
    writer.tag(98, WireType.StartGroup).tag(1, WireType.Fixed32).fixed32(1).tag(98, WireType.EndGroup);
    writer.tag(10, WireType.Fixed64).fixed64(1n); // status is a varint: not this
    const order = type('shop.v1.Order').fromBinary(writer.finish());
    expect(order.orderId).toBe('o-1');
    expect(order.status).toBe(0);
  });

  it('keeps unknown enum numbers (open enums)', () => {
    const order = type('shop.v1.Order').fromBinary(new ProtoWriter().tag(10, WireType.Varint).int32(42).finish());
    expect(order.status).toBe(42);
  });

  it('merges a repeated singular sub-message, the last scalar wins, and the last oneof case wins', () => {
    const writer = new ProtoWriter();
    writer.tag(22, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('EUR').join();
    writer.tag(22, WireType.LengthDelimited).fork().tag(2, WireType.Varint).sint64(-5n).join();
    writer.tag(1, WireType.LengthDelimited).string('first').tag(1, WireType.LengthDelimited).string('second');
    writer.tag(5, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('USD').join();
    writer.tag(5, WireType.LengthDelimited).fork().tag(2, WireType.Varint).sint64(7n).join();
    const order = type('shop.v1.Order').fromBinary(writer.finish());
    expect(order.total).toEqual({ currency: 'EUR', minorUnits: -5n });
    expect(order.orderId).toBe('second');
    expect(order.payment).toEqual({ case: 'cash', value: { currency: 'USD', minorUnits: 7n } });
    const switched = type('shop.v1.Order').fromBinary(new ProtoWriter().tag(3, WireType.LengthDelimited).string('card').tag(7, WireType.Varint).int64(9n).finish());
    expect(switched.payment).toEqual({ case: 'points', value: 9n });
  });

  it('defaults a map entry missing its key or value', () => {
    const writer = new ProtoWriter();
    writer.tag(2, WireType.LengthDelimited).fork().join();
    writer.tag(3, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('k').join();
    const maps = type('shop.v1.Maps').fromBinary(writer.finish());
    expect(canonical(maps.int64Order)).toEqual({ 0: canonical(type('shop.v1.Order').create()) });
    expect(maps.stringStatus).toEqual({ k: 0 });
  });

  it('keeps a "__proto__" map key an ordinary entry', () => {
    const maps = type('shop.v1.Maps');
    const bytes = new ProtoWriter().tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('__proto__').tag(2, WireType.LengthDelimited).string('x').join().finish();
    const decoded = maps.fromBinary(bytes);
    expect(Object.getPrototypeOf(decoded.stringString)).toBe(Object.prototype);
    expect(Object.entries(decoded.stringString as object)).toEqual([['__proto__', 'x']]);
    expect(maps.toBinary(decoded)).toEqual(bytes);
  });

  it.each([
    ['a truncated string', '0a05616263', /truncated input/],
    ['a sub-message longer than the input', 'b20105' + '0a01', /truncated input at offset 3: a value of 5 bytes, but 2 bytes left/],
    ['a sub-message field running past the sub-message', 'b201020a05' + '6162636465', /truncated input at offset 5: a value of 5 bytes, but 0 bytes left/],
    ['field number 0', '0001', /field number 0/],
    ['an end-group tag', '0c', /end-group tag without a start-group/],
  ])('rejects %s with a ProtoWireError', (_name, input, message) => {
    expect(() => type('shop.v1.Order').fromBinary(Buffer.from(input, 'hex'))).toThrow(message);
  });
});
