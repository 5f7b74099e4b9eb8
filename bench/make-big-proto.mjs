// Writes a large, seeded .proto for the generation benchmark: SERVICES services of METHODS methods
// each (every streaming kind), MESSAGES messages with scalar, repeated, map, enum, nested, oneof and
// message fields. Same seed, same bytes.
//   node bench/make-big-proto.mjs OUT.proto [--seed N] [--services 100] [--messages 1000]
import { writeFileSync } from 'node:fs';

/** The seeded PRNG of the benchmark inputs (the same sequence as test/helpers/random.ts). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeBigProto({ seed = 42, services = 100, methodsPerService = 10, messages = 1000 } = {}) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const scalars = ['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes'];
  const lines = ['syntax = "proto3";', '', 'package bench.v1;', '', 'import "google/protobuf/timestamp.proto";', ''];
  const enums = 20;
  for (let e = 0; e < enums; e += 1) {
    lines.push(`enum Kind${e} {`, `  KIND${e}_UNSPECIFIED = 0;`);
    for (let v = 1; v <= 5; v += 1) lines.push(`  KIND${e}_VALUE_${v} = ${v};`);
    lines.push('}', '');
  }
  for (let m = 0; m < messages; m += 1) {
    lines.push(`// Message ${m}.`, `message Msg${m} {`);
    const fields = 4 + Math.floor(random() * 10);
    let number = 1;
    for (let f = 0; f < fields; f += 1) {
      const r = random();
      const name = `field_${f}`;
      if (r < 0.45) lines.push(`  ${pick(scalars)} ${name} = ${number++};`);
      else if (r < 0.6) lines.push(`  repeated ${pick(scalars)} ${name} = ${number++};`);
      else if (r < 0.68) lines.push(`  map<string, ${pick(scalars)}> ${name} = ${number++};`);
      else if (r < 0.76) lines.push(`  Kind${Math.floor(random() * enums)} ${name} = ${number++};`);
      else if (r < 0.86 && m > 0) lines.push(`  ${random() < 0.5 ? 'repeated ' : ''}Msg${Math.floor(random() * m)} ${name} = ${number++};`);
      else if (r < 0.9) lines.push(`  google.protobuf.Timestamp ${name} = ${number++};`);
      else if (r < 0.95) lines.push(`  optional ${pick(scalars)} ${name} = ${number++};`);
      else lines.push(`  oneof choice_${f} {`, `    string ${name}_a = ${number++};`, `    int64 ${name}_b = ${number++};`, '  }');
    }
    if (random() < 0.2) lines.push(`  message Inner {`, `    string id = 1;`, `    repeated int32 values = 2;`, '  }', `  Inner inner = ${number++};`);
    lines.push('}', '');
  }
  for (let s = 0; s < services; s += 1) {
    lines.push(`// Service ${s}.`, `service Service${s} {`);
    for (let i = 0; i < methodsPerService; i += 1) {
      const req = `Msg${Math.floor(random() * messages)}`;
      const res = `Msg${Math.floor(random() * messages)}`;
      const kind = random();
      const [a, b] = kind < 0.7 ? ['', ''] : kind < 0.8 ? ['', 'stream '] : kind < 0.9 ? ['stream ', ''] : ['stream ', 'stream '];
      lines.push(`  rpc Method${i}(${a}${req}) returns (${b}${res});`);
    }
    lines.push('}', '');
  }
  return `${lines.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const out = args[0];
  const flag = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  if (!out) {
    console.error('usage: node bench/make-big-proto.mjs OUT.proto [--seed N] [--services N] [--messages N]');
    process.exit(2);
  }
  writeFileSync(out, makeBigProto({ seed: flag('seed', 42), services: flag('services', 100), messages: flag('messages', 1000) }));
}
