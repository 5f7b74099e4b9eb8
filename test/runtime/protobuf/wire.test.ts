/**
 * The vendored protobuf wire runtime: every scalar round-trips at its edge values, encodings match the
 * spec's bytes (and protobufjs's writer), and malformed input fails with a clear error.
 */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ProtoReader, ProtoWireError, ProtoWriter, WireType, setMapEntry } from '../../../templates/runtime/protobuf/wire.js';

type NumberScalar = 'int32' | 'uint32' | 'sint32' | 'fixed32' | 'sfixed32' | 'float' | 'double';
type BigScalar = 'int64' | 'uint64' | 'sint64' | 'fixed64' | 'sfixed64';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const numberCases: [NumberScalar, number[]][] = [
  ['int32', [0, 1, -1, 127, 128, 300, INT32_MIN, INT32_MAX, -300]],
  ['uint32', [0, 1, 127, 128, 16_383, 16_384, 2 ** 28, UINT32_MAX]],
  ['sint32', [0, 1, -1, 2, -2, INT32_MIN, INT32_MAX]],
  ['fixed32', [0, 1, 0xdeadbeef, UINT32_MAX]],
  ['sfixed32', [0, 1, -1, INT32_MIN, INT32_MAX]],
  ['float', [0, -0, 1, -1, 0.5, Math.fround(3.14159), Math.fround(1e38), Math.fround(1e-45), Infinity, -Infinity, NaN]],
  ['double', [0, -0, 1, -1, Math.PI, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, Infinity, -Infinity, NaN]],
];

const bigCases: [BigScalar, bigint[]][] = [
  ['int64', [0n, 1n, -1n, 2n ** 32n, -(2n ** 32n), INT64_MIN, INT64_MAX, 2n ** 53n + 1n]],
  ['uint64', [0n, 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, INT64_MAX, UINT64_MAX]],
  ['sint64', [0n, 1n, -1n, INT64_MIN, INT64_MAX, -(2n ** 53n) - 1n]],
  ['fixed64', [0n, 1n, 2n ** 32n, UINT64_MAX, 0x0123456789abcdefn]],
  ['sfixed64', [0n, 1n, -1n, INT64_MIN, INT64_MAX]],
];

function roundTrip<T>(write: (w: ProtoWriter) => void, read: (r: ProtoReader) => T): { value: T; bytes: Uint8Array; rest: number } {
  const writer = new ProtoWriter(16);
  write(writer);
  const bytes = writer.finish();
  const reader = new ProtoReader(bytes);
  const value = read(reader);
  return { value, bytes, rest: bytes.length - reader.pos };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('ProtoWriter / ProtoReader round trips', () => {
  it.each(numberCases.flatMap(([type, values]) => values.map((v) => [type, v] as const)))('%s %d', (type, v) => {
    const { value, rest } = roundTrip((w) => w[type](v), (r) => r[type]());
    expect(Object.is(value, v)).toBe(true);
    expect(rest).toBe(0);
  });

  it.each(bigCases.flatMap(([type, values]) => values.map((v) => [type, v] as const)))('%s %s', (type, v) => {
    const { value, rest } = roundTrip((w) => w[type](v), (r) => r[type]());
    expect(value).toBe(v);
    expect(rest).toBe(0);
  });

  it.each([true, false])('bool %s', (v) => {
    expect(roundTrip((w) => w.bool(v), (r) => r.bool()).value).toBe(v);
  });

  it.each([
    ['empty', ''],
    ['ascii', 'hello'],
    ['latin', 'déjà vu'],
    ['cjk', '场景06：导入'],
    ['emoji', '👩‍💻 ok 🎉'],
    ['BOM first', '\uFEFFbom'],
    ['NUL inside', 'a\u0000b'],
    ['long ascii (length varint of 2 bytes)', 'x'.repeat(1000)],
    ['long non-ascii', 'ü€😀'.repeat(500)],
    ['42 3-byte chars (one-byte length bound)', '€'.repeat(42)],
    ['43 3-byte chars', '€'.repeat(43)],
  ])('string: %s', (_name, v) => {
    const { value, bytes, rest } = roundTrip((w) => w.string(v), (r) => r.string());
    expect(value).toBe(v);
    expect(rest).toBe(0);
    expect(hex(bytes.subarray(bytes.length - Buffer.byteLength(v)))).toBe(Buffer.from(v, 'utf8').toString('hex'));
  });

  it('writes a lone surrogate as U+FFFD, as TextEncoder does', () => {
    expect(roundTrip((w) => w.string('a\uD800b\uDC00'), (r) => r.string()).value).toBe('a\uFFFDb\uFFFD');
  });

  it.each([0, 1, 127, 128, 300, 70_000])('bytes of length %d', (length) => {
    const v = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
    const { value, rest } = roundTrip((w) => w.bytes(v), (r) => r.bytes());
    expect(value).toEqual(v);
    expect(rest).toBe(0);
  });

  it('returns bytes that do not share memory with the input', () => {
    const input = new ProtoWriter().bytes(Uint8Array.of(1, 2, 3)).finish();
    const value = new ProtoReader(input).bytes();
    input[1] = 99;
    expect([...value]).toEqual([1, 2, 3]);
  });

  it('accepts numbers and decimal strings for 64-bit values', () => {
    expect(roundTrip((w) => w.int64(-5), (r) => r.int64()).value).toBe(-5n);
    expect(roundTrip((w) => w.uint64('18446744073709551615'), (r) => r.uint64()).value).toBe(UINT64_MAX);
    expect(roundTrip((w) => w.sfixed64('-9223372036854775808'), (r) => r.sfixed64()).value).toBe(INT64_MIN);
  });
});

describe('encodings match the spec', () => {
  const cases: [string, (w: ProtoWriter) => void, string][] = [
    ['tag 1 varint 150 (the spec example)', (w) => w.tag(1, WireType.Varint).int32(150), '089601'],
    ['int32 -1 is ten bytes', (w) => w.int32(-1), 'ffffffffffffffffff01'],
    ['int32 min', (w) => w.int32(INT32_MIN), '80808080f8ffffffff01'],
    ['int64 -1', (w) => w.int64(-1n), 'ffffffffffffffffff01'],
    ['uint64 max', (w) => w.uint64(UINT64_MAX), 'ffffffffffffffffff01'],
    ['int64 min', (w) => w.int64(INT64_MIN), '80808080808080808001'],
    ['sint32 -1 → 1', (w) => w.sint32(-1), '01'],
    ['sint32 1 → 2', (w) => w.sint32(1), '02'],
    ['sint64 min', (w) => w.sint64(INT64_MIN), 'ffffffffffffffffff01'],
    ['fixed32 little-endian', (w) => w.fixed32(0x01020304), '04030201'],
    ['sfixed32 -2', (w) => w.sfixed32(-2), 'feffffff'],
    ['fixed64 little-endian', (w) => w.fixed64(0x0102030405060708n), '0807060504030201'],
    ['sfixed64 -2', (w) => w.sfixed64(-2n), 'feffffffffffffff'],
    ['double 1', (w) => w.double(1), '000000000000f03f'],
    ['float 1', (w) => w.float(1), '0000803f'],
    ['double -0', (w) => w.double(-0), '0000000000000080'],
    ['bool true', (w) => w.bool(true), '01'],
    ['string "testing" as field 2', (w) => w.tag(2, WireType.LengthDelimited).string('testing'), '120774657374696e67'],
    ['largest field number', (w) => w.tag(2 ** 29 - 1, WireType.Fixed32), 'fdffffff0f'],
    ['sub-message (spec example)', (w) => w.tag(3, WireType.LengthDelimited).fork().tag(1, WireType.Varint).int32(150).join(), '1a03089601'],
    ['empty sub-message', (w) => w.tag(1, WireType.LengthDelimited).fork().join(), '0a00'],
    [
      'packed run (spec example)',
      (w) => {
        w.tag(4, WireType.LengthDelimited).fork();
        for (const v of [3, 270, 86942]) w.int32(v);
        w.join();
      },
      '2206038e029ea705',
    ],
  ];
  it.each(cases)('%s', (_name, write, want) => {
    const writer = new ProtoWriter();
    write(writer);
    expect(hex(writer.finish())).toBe(want);
  });

  it('grows a fork whose length needs several bytes, nested', () => {
    const inner = 'y'.repeat(200);
    const writer = new ProtoWriter(16);
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork().tag(3, WireType.LengthDelimited).string(inner).join();
    writer.tag(4, WireType.Varint).uint32(1);
    writer.join();
    const bytes = writer.finish();
    const w2 = protobuf.Writer.create();
    w2.uint32(10).fork().uint32(18).fork().uint32(26).string(inner).ldelim().uint32(32).uint32(1).ldelim();
    expect(hex(bytes)).toBe(hex(w2.finish()));
  });

  it('matches protobufjs for every varint width', () => {
    for (let bits = 0; bits <= 64; bits += 1) {
      const v = bits === 0 ? 0n : (1n << BigInt(bits)) - 1n;
      const ours = new ProtoWriter().uint64(v).finish();
      const theirs = protobuf.Writer.create().uint64((protobuf.util.Long as unknown as { fromString(value: string, unsigned: boolean): protobuf.Long }).fromString(v.toString(), true)).finish();
      expect(hex(ours), `2^${bits}-1`).toBe(hex(theirs));
    }
  });

  it('empties the scratch writer on each scratch() call, even after a failed encode', () => {
    expect(() => ProtoWriter.scratch().fork().string('half').int32(0.5)).toThrow(TypeError);
    expect(hex(ProtoWriter.scratch().bool(true).finish())).toBe('01');
    const big = ProtoWriter.scratch().bytes(new Uint8Array(2 ** 21)).finish();
    expect(big.length).toBe(2 ** 21 + 4);
    expect(hex(ProtoWriter.scratch().int32(150).finish())).toBe('9601');
  });

  it('is reusable after finish()', () => {
    const writer = new ProtoWriter();
    writer.string('first');
    writer.finish();
    expect(hex(writer.int32(1).finish())).toBe('01');
  });
});

describe('writer rejects values the type cannot hold', () => {
  it.each([
    ['int32', (w: ProtoWriter) => w.int32(1.5)],
    ['int32', (w: ProtoWriter) => w.int32(2 ** 31)],
    ['uint32', (w: ProtoWriter) => w.uint32(-1)],
    ['sint32', (w: ProtoWriter) => w.sint32(NaN)],
    ['fixed32', (w: ProtoWriter) => w.fixed32(2 ** 32)],
    ['int64', (w: ProtoWriter) => w.int64(2n ** 63n)],
    ['uint64', (w: ProtoWriter) => w.uint64(-1n)],
    ['uint64', (w: ProtoWriter) => w.uint64('12abc')],
    ['int64', (w: ProtoWriter) => w.int64(0.5)],
    ['field number', (w: ProtoWriter) => w.tag(0, WireType.Varint)],
    ['field number', (w: ProtoWriter) => w.tag(2 ** 29, WireType.Varint)],
  ])('%s', (type, write) => {
    expect(() => write(new ProtoWriter())).toThrow(new RegExp(`^protobuf: invalid ${type} value`));
  });

  it('join() needs a fork()', () => {
    expect(() => new ProtoWriter().join()).toThrow('protobuf: join() without fork()');
    expect(() => new ProtoWriter().fork().finish()).toThrow('protobuf: finish() with 1 fork() not joined');
  });
});

describe('ProtoReader', () => {
  it('reads tags', () => {
    const reader = new ProtoReader(new ProtoWriter().tag(1, WireType.Varint).tag(2 ** 29 - 1, WireType.Fixed32).tag(16, WireType.LengthDelimited).finish());
    expect([reader.tag(), reader.tag(), reader.tag()]).toEqual([[1, 0], [2 ** 29 - 1, 5], [16, 2]]);
  });

  it('truncates a uint32 read of a 64-bit varint to its low bits', () => {
    const bytes = new ProtoWriter().uint64(2n ** 40n + 5n).finish();
    expect(new ProtoReader(bytes).uint32()).toBe(5);
    expect(new ProtoReader(new ProtoWriter().int64(-2n).finish()).int32()).toBe(-2);
  });

  it('reads any non-zero varint as true', () => {
    expect(new ProtoReader(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x01)).bool()).toBe(true);
  });

  it('skips every wire type, groups included', () => {
    const writer = new ProtoWriter();
    writer.tag(1, WireType.Varint).int64(-1n);
    writer.tag(2, WireType.Fixed64).double(1);
    writer.tag(3, WireType.LengthDelimited).string('skip me');
    writer.tag(4, WireType.Fixed32).float(1);
    writer.tag(5, WireType.StartGroup).tag(1, WireType.Varint).int32(1).tag(6, WireType.StartGroup).tag(6, WireType.EndGroup).tag(5, WireType.EndGroup);
    writer.tag(9, WireType.Varint).int32(42);
    const reader = new ProtoReader(writer.finish());
    for (;;) {
      const [fieldNo, wireType] = reader.tag();
      if (fieldNo === 9) break;
      reader.skip(wireType, fieldNo);
    }
    expect(reader.int32()).toBe(42);
    expect(reader.pos).toBe(reader.limit);
  });

  it('bounds reads by pushLimit and checks popLimit', () => {
    const bytes = new ProtoWriter().string('abc').int32(7).finish();
    const reader = new ProtoReader(bytes);
    const outer = reader.pushLimit(reader.uint32());
    expect(reader.limit).toBe(4);
    expect(() => reader.fixed64()).toThrow(ProtoWireError);
    expect(reader.string.bind(reader)).toThrow(/truncated/);
    reader.pos = 4;
    reader.popLimit(outer);
    expect(reader.int32()).toBe(7);
  });

  const malformed: [string, number[], (r: ProtoReader) => unknown, RegExp][] = [
    ['empty input, varint', [], (r) => r.int32(), /truncated varint at offset 0/],
    ['varint cut short', [0x96], (r) => r.uint32(), /truncated varint/],
    ['64-bit varint cut short', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], (r) => r.int64(), /truncated varint/],
    ['varint of 11 bytes', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], (r) => r.uint64(), /varint longer than 10 bytes/],
    ['varint of 11 bytes, uint32', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], (r) => r.uint32(), /varint longer than 10 bytes/],
    ['fixed32 of 3 bytes', [1, 2, 3], (r) => r.fixed32(), /truncated input at offset 0: a value of 4 bytes, but 3 bytes left/],
    ['fixed64 of 7 bytes', [1, 2, 3, 4, 5, 6, 7], (r) => r.sfixed64(), /a value of 8 bytes, but 7 bytes left/],
    ['double of 4 bytes', [1, 2, 3, 4], (r) => r.double(), /truncated/],
    ['string longer than the input', [0x05, 0x61, 0x62], (r) => r.string(), /a value of 5 bytes, but 2 bytes left/],
    ['bytes with a huge length', [0xff, 0xff, 0xff, 0xff, 0x0f], (r) => r.bytes(), /truncated/],
    ['field number 0', [0x00], (r) => r.tag(), /field number 0 at offset 0/],
    ['wire type 6', [0x0e], (r) => r.tag(), /wire type 6/],
    ['wire type 7', [0x0f], (r) => r.tag(), /wire type 7/],
    ['end-group alone', [0x0c], (r) => r.skip(r.tag()[1]), /end-group tag without a start-group/],
    ['group never closed', [0x0b, 0x08, 0x01], (r) => r.skip(r.tag()[1], 1), /truncated varint/],
    ['group closed by another field', [0x0b, 0x14], (r) => r.skip(r.tag()[1], 1), /end-group tag of field 2 closes a group of field 1/],
    ['groups nested too deep', Array.from({ length: 200 }, () => 0x0b), (r) => r.skip(r.tag()[1], 1), /nested more than 100 deep/],
    ['skip of a length past the end', [0x0a, 0x05, 0x01], (r) => r.skip(r.tag()[1]), /truncated/],
    ['sub-message length past the end', [0x03, 0x01], (r) => r.pushLimit(r.uint32()), /a value of 3 bytes, but 1 bytes left/],
  ];
  it.each(malformed)('rejects %s', (_name, bytes, read, message) => {
    const reader = new ProtoReader(Uint8Array.from(bytes));
    expect(() => read(reader)).toThrow(ProtoWireError);
    expect(() => read(new ProtoReader(Uint8Array.from(bytes)))).toThrow(message);
  });

  it('reads from a view into a larger buffer', () => {
    const backing = new Uint8Array(64);
    backing.set(new ProtoWriter().double(2.5).string('é').finish(), 10);
    const reader = new ProtoReader(backing.subarray(10, 21));
    expect(reader.double()).toBe(2.5);
    expect(reader.string()).toBe('é');
  });
});

describe('setMapEntry', () => {
  it('keeps __proto__ an ordinary key', () => {
    const map: { [key: string]: number } = {};
    setMapEntry(map, '__proto__', 1);
    setMapEntry(map, 'a', 2);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.entries(map)).toEqual([['__proto__', 1], ['a', 2]]);
  });
});
