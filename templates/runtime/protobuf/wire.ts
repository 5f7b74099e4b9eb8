/**
 * The protobuf binary wire format (https://protobuf.dev/programming-guides/encoding/): a writer and a
 * reader with no dependencies, which the message code tsctl generates (`src/pb/*.ts`) calls.
 *
 * tsctl copies this file verbatim into every generated service as `src/runtime/protobuf/wire.ts`;
 * it is rewritten on each `tsctl gen`, so change it in tsctl, not in a generated project.
 *
 * - 64-bit integers are `bigint`s; the writer also accepts a `number` or a decimal `string` for them.
 * - The writer throws a `TypeError` for a value its type cannot hold (`int32` 1.5, `uint64` -1n).
 * - The reader throws a `ProtoWireError` for truncated or malformed input rather than reading past
 *   the end of a field or returning garbage.
 */

/** How a field's value is laid out on the wire: the low 3 bits of its tag. */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** What the generated `const X = {…}` of every message `X` offers. */
export interface MessageType<T> {
  /** The fully qualified protobuf name (`shop.v1.Order`). */
  readonly typeName: string;
  /** A message with every field at its default (proto3 zero values), then the fields of `init`. */
  create(init?: Partial<T>): T;
  /** Appends `message` to `writer` (a new one by default) and returns the writer. */
  encode(message: T, writer?: ProtoWriter): ProtoWriter;
  /**
   * Reads a message: all of `input`, or `length` bytes from the reader's position. Fields are merged
   * into `into` when given (repeated fields appended, sub-messages merged), as protobuf parsers must.
   */
  decode(input: Uint8Array | ProtoReader, length?: number, into?: T): T;
  toBinary(message: T): Uint8Array;
  fromBinary(bytes: Uint8Array): T;
}

/** Malformed protobuf input: truncated, an over-long varint, an invalid tag or wire type. */
export class ProtoWireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtoWireError';
  }
}

const MAX_FIELD_NUMBER = 0x1fffffff;
const MAX_RETAINED_BUFFER = 1 << 20;
const MAX_GROUP_DEPTH = 100;
const TWO_POW_32 = 0x100000000;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

// Typed here rather than through the DOM or Node type libraries, so the file compiles with either.
interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
interface Utf8Encoder {
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
const textCodecs = globalThis as unknown as {
  TextDecoder: new (label: string, options: { ignoreBOM: boolean }) => Utf8Decoder;
  TextEncoder: new () => Utf8Encoder;
};
// ignoreBOM: a leading U+FEFF is part of the string, not a byte-order mark to drop.
const utf8Decoder = new textCodecs.TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new textCodecs.TextEncoder();

function invalid(type: string, value: unknown): TypeError {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new TypeError(`protobuf: invalid ${type} value ${shown}`);
}

function toBigInt(type: string, value: bigint | number | string, min: bigint, max: bigint): bigint {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else {
    if (typeof value === 'number' ? !Number.isInteger(value) : !/^\s*[-+]?\d+\s*$/.test(value)) throw invalid(type, value);
    big = BigInt(value);
  }
  if (big < min || big > max) throw invalid(type, value);
  return big;
}

/** The number of bytes of the varint encoding of a uint32. */
function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

let scratchWriter: ProtoWriter | undefined;

/**
 * Builds a protobuf message in one growing buffer. Methods chain:
 * `writer.tag(1, WireType.LengthDelimited).string('x')`. Sub-messages and packed runs are written
 * between `fork()` and `join()`, which prefix them with their length.
 */
export class ProtoWriter {
  private buf: Uint8Array;
  private view: DataView | undefined;
  private pos = 0;
  /** Where each open fork's one-byte length placeholder stands. */
  private readonly forks: number[] = [];

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  /**
   * The writer `toBinary` encodes with: one per process, emptied on each call, so encoding a message
   * allocates only its result. Use it for one message at a time and `finish()` it before any other
   * `scratch()` call; keep your own `new ProtoWriter()` for anything else.
   */
  static scratch(): ProtoWriter {
    scratchWriter ??= new ProtoWriter(1024);
    scratchWriter.reset();
    return scratchWriter;
  }

  /** Drops everything written (after an error, say), keeping the buffer. */
  reset(): void {
    this.pos = 0;
    this.forks.length = 0;
  }

  /** Returns a copy of the bytes written and resets the writer (its buffer is kept for reuse). */
  finish(): Uint8Array {
    if (this.forks.length > 0) throw new Error(`protobuf: finish() with ${this.forks.length} fork() not joined`);
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    // Do not hold on to the memory of one huge message for the life of the process.
    if (this.buf.length > MAX_RETAINED_BUFFER) {
      this.buf = new Uint8Array(1024);
      this.view = undefined;
    }
    return out;
  }

  /** Writes a field's key: its number and how its value is laid out. */
  tag(fieldNo: number, wireType: WireType): this {
    if (!Number.isInteger(fieldNo) || fieldNo < 1 || fieldNo > MAX_FIELD_NUMBER) throw invalid('field number', fieldNo);
    this.varint32(((fieldNo << 3) | wireType) >>> 0);
    return this;
  }

  /** Starts a length-delimited value (sub-message, packed run, map entry); end it with `join()`. */
  fork(): this {
    this.reserve(1);
    this.forks.push(this.pos);
    this.pos += 1;
    return this;
  }

  /** Ends the innermost `fork()`, writing the length before the bytes written since. */
  join(): this {
    const start = this.forks.pop();
    if (start === undefined) throw new Error('protobuf: join() without fork()');
    const length = this.pos - start - 1;
    const size = varintSize(length);
    if (size > 1) {
      // The length needs more than the one byte reserved: move the value up to make room.
      this.reserve(size - 1);
      this.buf.copyWithin(start + size, start + 1, this.pos);
      this.pos += size - 1;
    }
    let at = start;
    let rest = length;
    while (rest > 0x7f) {
      this.buf[at++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buf[at] = rest;
    return this;
  }

  uint32(value: number): this {
    if (value >>> 0 !== value) throw invalid('uint32', value);
    this.varint32(value);
    return this;
  }

  int32(value: number): this {
    if ((value | 0) !== value) throw invalid('int32', value);
    // Negative int32s are sign-extended to 64 bits: always 10 bytes.
    if (value >= 0) this.varint32(value);
    else this.varint64(value >>> 0, 0xffffffff);
    return this;
  }

  sint32(value: number): this {
    if ((value | 0) !== value) throw invalid('sint32', value);
    this.varint32(((value << 1) ^ (value >> 31)) >>> 0);
    return this;
  }

  int64(value: bigint | number | string): this {
    this.varintBig(BigInt.asUintN(64, toBigInt('int64', value, INT64_MIN, INT64_MAX)));
    return this;
  }

  uint64(value: bigint | number | string): this {
    this.varintBig(toBigInt('uint64', value, 0n, UINT64_MAX));
    return this;
  }

  sint64(value: bigint | number | string): this {
    const big = toBigInt('sint64', value, INT64_MIN, INT64_MAX);
    this.varintBig(BigInt.asUintN(64, (big << 1n) ^ (big >> 63n)));
    return this;
  }

  bool(value: boolean): this {
    this.reserve(1);
    this.buf[this.pos++] = value ? 1 : 0;
    return this;
  }

  fixed32(value: number): this {
    if (value >>> 0 !== value) throw invalid('fixed32', value);
    this.fixed32Bits(value);
    return this;
  }

  sfixed32(value: number): this {
    if ((value | 0) !== value) throw invalid('sfixed32', value);
    this.fixed32Bits(value);
    return this;
  }

  fixed64(value: bigint | number | string): this {
    this.fixed64Bits(toBigInt('fixed64', value, 0n, UINT64_MAX));
    return this;
  }

  sfixed64(value: bigint | number | string): this {
    this.fixed64Bits(BigInt.asUintN(64, toBigInt('sfixed64', value, INT64_MIN, INT64_MAX)));
    return this;
  }

  float(value: number): this {
    this.reserve(4);
    this.dataView().setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  double(value: number): this {
    this.reserve(8);
    this.dataView().setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  /** A length-prefixed byte string. */
  bytes(value: Uint8Array): this {
    this.varint32(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** A length-prefixed UTF-8 string (a lone surrogate becomes U+FFFD, as `TextEncoder` does). */
  string(value: string): this {
    const maxBytes = value.length * 3;
    if (maxBytes < 0x80) {
      // Short: the length fits one byte whatever the encoding, so encode in place after it.
      this.reserve(maxBytes + 1);
      const start = this.pos;
      this.pos = this.utf8(value, start + 1);
      this.buf[start] = this.pos - start - 1;
      return this;
    }
    const lengthSize = varintSize(maxBytes);
    this.reserve(lengthSize + maxBytes);
    const start = this.pos;
    const { written } = utf8Encoder.encodeInto(value, this.buf.subarray(start + lengthSize));
    const size = varintSize(written);
    if (size < lengthSize) this.buf.copyWithin(start + size, start + lengthSize, start + lengthSize + written);
    this.varint32(written);
    this.pos = start + size + written;
    return this;
  }

  private reserve(bytes: number): void {
    const needed = this.pos + bytes;
    if (needed <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = undefined;
  }

  private dataView(): DataView {
    this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this.view;
  }

  /** Encodes `value` as UTF-8 at `at` (room for 3 bytes per code unit reserved); returns the end. */
  private utf8(value: string, at: number): number {
    const buf = this.buf;
    let pos = at;
    for (let i = 0; i < value.length; i += 1) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if ((c & 0xf800) !== 0xd800) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
        if (c < 0xdc00 && (next & 0xfc00) === 0xdc00) {
          c = 0x10000 + ((c & 0x3ff) << 10) + (next & 0x3ff);
          i += 1;
          buf[pos++] = 0xf0 | (c >> 18);
          buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
        } else {
          buf[pos++] = 0xef;
          buf[pos++] = 0xbf;
          buf[pos++] = 0xbd;
        }
      }
    }
    return pos;
  }

  private varint32(value: number): void {
    this.reserve(5);
    const buf = this.buf;
    let pos = this.pos;
    while (value > 0x7f) {
      buf[pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[pos++] = value;
    this.pos = pos;
  }

  /** A 64-bit varint from its low and high 32 bits (each taken as unsigned). */
  private varint64(lo: number, hi: number): void {
    this.reserve(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** A varint of an unsigned 64-bit `bigint`. */
  private varintBig(value: bigint): void {
    if (value <= 0xffffffffn) this.varint32(Number(value));
    else this.varint64(Number(value & 0xffffffffn), Number(value >> 32n));
  }

  private fixed32Bits(value: number): void {
    this.reserve(4);
    const buf = this.buf;
    const pos = this.pos;
    buf[pos] = value & 0xff;
    buf[pos + 1] = (value >>> 8) & 0xff;
    buf[pos + 2] = (value >>> 16) & 0xff;
    buf[pos + 3] = (value >>> 24) & 0xff;
    this.pos = pos + 4;
  }

  private fixed64Bits(value: bigint): void {
    this.fixed32Bits(Number(value & 0xffffffffn));
    this.fixed32Bits(Number(value >> 32n));
  }
}

/**
 * Reads a protobuf message from bytes. Every read is bounded by the current limit: the end of the
 * input, or of the length-delimited value being read (`pushLimit` / `popLimit`).
 */
export class ProtoReader {
  readonly buf: Uint8Array;
  /** The offset of the next byte to read. */
  pos = 0;
  private end: number;
  private view: DataView | undefined;
  private groupDepth = 0;
  /** The two halves of the last 64-bit varint read (`varint64`), to avoid allocating a pair. */
  private lo = 0;
  private hi = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.end = buf.length;
  }

  /** The offset reads stop at: the end of the input or of the value being read. */
  get limit(): number {
    return this.end;
  }

  /**
   * Limits reads to the next `length` bytes (no change when `length` is undefined) and returns the
   * previous limit, to give back to `popLimit` once those bytes are read.
   */
  pushLimit(length?: number): number {
    const previous = this.end;
    if (length === undefined) return previous;
    if (!Number.isInteger(length) || length < 0 || length > this.end - this.pos) {
      throw this.truncated(length);
    }
    this.end = this.pos + length;
    return previous;
  }

  /** Restores the limit `pushLimit` returned, checking that the limited bytes were all read. */
  popLimit(previous: number): void {
    if (this.pos !== this.end) {
      throw new ProtoWireError(`invalid protobuf: ${this.end - this.pos} bytes left unread in a length-delimited value at offset ${this.pos}`);
    }
    this.end = previous;
  }

  /** Reads a field's key: its number (1 … 2^29-1) and wire type (0 … 5). */
  tag(): [fieldNo: number, wireType: WireType] {
    const at = this.pos;
    const key = this.uint32();
    const fieldNo = key >>> 3;
    const wireType = key & 7;
    if (fieldNo === 0) throw new ProtoWireError(`invalid protobuf: field number 0 at offset ${at}`);
    if (wireType > 5) throw new ProtoWireError(`invalid protobuf: wire type ${wireType} at offset ${at}`);
    return [fieldNo, wireType as WireType];
  }

  /** Skips the value of a field of this wire type (a whole group for `StartGroup`). */
  skip(wireType: number, fieldNo?: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.varint64();
        return;
      case WireType.Fixed64:
        this.advance(8);
        return;
      case WireType.LengthDelimited:
        this.advance(this.uint32());
        return;
      case WireType.Fixed32:
        this.advance(4);
        return;
      case WireType.StartGroup:
        this.skipGroup(fieldNo);
        return;
      case WireType.EndGroup:
        throw new ProtoWireError(`invalid protobuf: end-group tag without a start-group at offset ${this.pos}`);
      default:
        throw new ProtoWireError(`invalid protobuf: wire type ${wireType} at offset ${this.pos}`);
    }
  }

  /** A varint, truncated to its low 32 bits, unsigned. */
  uint32(): number {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= end) throw this.truncatedVarint();
      const b = buf[pos++] as number;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    // Bytes 6 to 10 of a 64-bit varint carry only bits above 32: check them and drop them.
    for (let i = 5; i < 10; i += 1) {
      if (pos >= end) throw this.truncatedVarint();
      if ((buf[pos++] as number) < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    throw new ProtoWireError(`invalid protobuf: varint longer than 10 bytes at offset ${this.pos}`);
  }

  int32(): number {
    return this.uint32() | 0;
  }

  sint32(): number {
    const n = this.uint32();
    return (n >>> 1) ^ -(n & 1);
  }

  int64(): bigint {
    this.varint64();
    return BigInt.asIntN(64, this.unsigned64());
  }

  uint64(): bigint {
    this.varint64();
    return this.unsigned64();
  }

  sint64(): bigint {
    this.varint64();
    const n = this.unsigned64();
    return (n >> 1n) ^ -(n & 1n);
  }

  bool(): boolean {
    this.varint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  fixed32(): number {
    return this.littleEndian32(this.advance(4));
  }

  sfixed32(): number {
    return this.fixed32() | 0;
  }

  fixed64(): bigint {
    const pos = this.advance(8);
    this.lo = this.littleEndian32(pos);
    this.hi = this.littleEndian32(pos + 4);
    return this.unsigned64();
  }

  sfixed64(): bigint {
    return BigInt.asIntN(64, this.fixed64());
  }

  float(): number {
    const pos = this.advance(4);
    return this.dataView().getFloat32(pos, true);
  }

  double(): number {
    const pos = this.advance(8);
    return this.dataView().getFloat64(pos, true);
  }

  /** A length-prefixed byte string, copied (the result never shares memory with the input). */
  bytes(): Uint8Array {
    const length = this.uint32();
    const start = this.advance(length);
    return this.buf.slice(start, start + length);
  }

  /** A length-prefixed UTF-8 string (invalid sequences become U+FFFD). */
  string(): string {
    const length = this.uint32();
    const start = this.advance(length);
    const buf = this.buf;
    if (length <= 32) {
      // Short ASCII is the common case and cheaper by hand than through TextDecoder.
      let text = '';
      for (let i = start; i < start + length; i += 1) {
        const b = buf[i] as number;
        if (b >= 0x80) return utf8Decoder.decode(buf.subarray(start, start + length));
        text += String.fromCharCode(b);
      }
      return text;
    }
    return utf8Decoder.decode(buf.subarray(start, start + length));
  }

  /** Moves past `length` bytes, checking they are there; returns where they start. */
  private advance(length: number): number {
    const start = this.pos;
    if (length > this.end - start) throw this.truncated(length);
    this.pos = start + length;
    return start;
  }

  private littleEndian32(pos: number): number {
    const buf = this.buf;
    return ((buf[pos] as number) | ((buf[pos + 1] as number) << 8) | ((buf[pos + 2] as number) << 16) | ((buf[pos + 3] as number) << 24)) >>> 0;
  }

  private truncated(wanted: number): ProtoWireError {
    return new ProtoWireError(
      `invalid protobuf: truncated input at offset ${this.pos}: a value of ${wanted} bytes, but ${this.end - this.pos} bytes left`,
    );
  }

  private truncatedVarint(): ProtoWireError {
    return new ProtoWireError(`invalid protobuf: truncated varint at offset ${this.pos}`);
  }

  private dataView(): DataView {
    this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this.view;
  }

  /** Reads a 64-bit varint into `lo` and `hi`. */
  private varint64(): void {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.truncatedVarint();
      b = buf[pos++] as number;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return this.setVarint64(pos, lo, hi);
    }
    if (pos >= end) throw this.truncatedVarint();
    b = buf[pos++] as number;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b < 0x80) return this.setVarint64(pos, lo, hi);
    for (let shift = 3; shift <= 31; shift += 7) {
      if (pos >= end) throw this.truncatedVarint();
      b = buf[pos++] as number;
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) return this.setVarint64(pos, lo, hi);
    }
    throw new ProtoWireError(`invalid protobuf: varint longer than 10 bytes at offset ${this.pos}`);
  }

  private setVarint64(pos: number, lo: number, hi: number): void {
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** `hi:lo` as an unsigned bigint. */
  private unsigned64(): bigint {
    const { lo, hi } = this;
    // Below 2^53 the number arithmetic is exact and cheaper than two bigint operations.
    if (hi < 0x200000) return BigInt(hi * TWO_POW_32 + lo);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  private skipGroup(fieldNo: number | undefined): void {
    if (++this.groupDepth > MAX_GROUP_DEPTH) {
      throw new ProtoWireError(`invalid protobuf: groups nested more than ${MAX_GROUP_DEPTH} deep at offset ${this.pos}`);
    }
    for (;;) {
      const [innerNo, innerType] = this.tag();
      if (innerType === WireType.EndGroup) {
        if (fieldNo !== undefined && innerNo !== fieldNo) {
          throw new ProtoWireError(`invalid protobuf: end-group tag of field ${innerNo} closes a group of field ${fieldNo}`);
        }
        this.groupDepth -= 1;
        return;
      }
      this.skip(innerType, innerNo);
    }
  }
}

/**
 * Sets a string-keyed map entry. Unlike `map[key] = value`, a key of `"__proto__"` becomes an
 * ordinary entry instead of replacing the object's prototype.
 */
export function setMapEntry<V>(map: { [key: string]: V }, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
