/**
 * How each protobuf scalar type appears in generated TypeScript and on the wire
 * (https://protobuf.dev/programming-guides/proto3/#scalar, protobuf-es's mapping): its TS type, zero
 * value, wire type and the `ProtoWriter` / `ProtoReader` method (named after the scalar) that codes it.
 */
import type { ProtoScalar } from '../../ir/index.js';

export type WireTypeName = 'Varint' | 'Fixed64' | 'LengthDelimited' | 'Fixed32';

export interface ScalarInfo {
  readonly tsType: 'number' | 'bigint' | 'boolean' | 'string' | 'Uint8Array';
  readonly wireType: WireTypeName;
  /** The zero value (proto3 default) as an expression. */
  readonly zero: string;
  /** An expression that is true when `expr` is not the zero value (so an implicit-presence field is written). */
  notZero(expr: string): string;
  /** A map key of this type from its string form (`key` is a string). */
  keyFromString(key: string): string;
}

const number = (wireType: WireTypeName): ScalarInfo => ({
  tsType: 'number',
  wireType,
  zero: '0',
  notZero: (expr) => `${expr} !== 0`,
  keyFromString: (key) => `Number(${key})`,
});

/** Floating point: -0 and NaN are not the zero value (protobuf compares the bits). */
const floating = (wireType: WireTypeName): ScalarInfo => ({
  ...number(wireType),
  notZero: (expr) => `!Object.is(${expr}, 0)`,
});

const bigint = (wireType: WireTypeName): ScalarInfo => ({
  tsType: 'bigint',
  wireType,
  zero: '0n',
  notZero: (expr) => `${expr} !== 0n`,
  keyFromString: (key) => `BigInt(${key})`,
});

export const SCALARS: Readonly<Record<ProtoScalar, ScalarInfo>> = {
  double: floating('Fixed64'),
  float: floating('Fixed32'),
  int32: number('Varint'),
  uint32: number('Varint'),
  sint32: number('Varint'),
  fixed32: number('Fixed32'),
  sfixed32: number('Fixed32'),
  int64: bigint('Varint'),
  uint64: bigint('Varint'),
  sint64: bigint('Varint'),
  fixed64: bigint('Fixed64'),
  sfixed64: bigint('Fixed64'),
  bool: {
    tsType: 'boolean',
    wireType: 'Varint',
    zero: 'false',
    notZero: (expr) => expr,
    keyFromString: (key) => `${key} === 'true'`,
  },
  string: {
    tsType: 'string',
    wireType: 'LengthDelimited',
    zero: "''",
    notZero: (expr) => `${expr} !== ''`,
    keyFromString: (key) => key,
  },
  bytes: {
    tsType: 'Uint8Array',
    wireType: 'LengthDelimited',
    zero: 'new Uint8Array(0)',
    notZero: (expr) => `${expr}.length > 0`,
    keyFromString: () => {
      throw new Error('bytes cannot be a map key');
    },
  },
};

/** Scalars that a repeated field may pack (every one but string and bytes). */
export function isPackable(type: string): boolean {
  return type !== 'string' && type !== 'bytes' && type !== 'message';
}
