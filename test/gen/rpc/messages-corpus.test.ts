/**
 * Every `valid` .proto row of the corpus INDEX.tsv: the generated message files type-check under strict
 * settings (one compiler run over all of them), and every message interoperates with protobufjs over
 * seeded random messages, in both directions.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, readIndex } from '../../helpers/corpus.js';
import {
  type GeneratedCase,
  Random,
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

const MESSAGES_PER_TYPE = 200;

const rows = readIndex()
  .filter((row) => row.path.endsWith('.proto') && row.expected === 'valid')
  .map((row, index) => {
    const file = corpusPath(row.path);
    return { ...row, index, file, includePaths: row.include.map((dir) => path.join(path.dirname(file), dir)) };
  });

const cases = new Map<string, GeneratedCase>();

beforeAll(() => {
  for (const row of rows) {
    cases.set(row.path, generateInto(path.join(scratchRoot, 'corpus', String(row.index).padStart(2, '0')), loadDocument(row.file, row.includePaths)));
  }
});

describe('generated messages of the corpus', () => {
  it('has the expected number of valid .proto rows', () => {
    expect(rows).toHaveLength(56);
    expect(cases.size).toBe(56);
  });

  it('type-check under strict settings, all 56 in one program', () => {
    const files = [...cases.values()].flatMap((c) => c.tsFiles);
    expect(files.length).toBeGreaterThanOrEqual(56 * 2);
    expect(typecheck(files)).toEqual([]);
  });

  it.each(rows.map((row) => [row.path, row] as const))('%s interoperates with protobufjs', async (_path, row) => {
    const generated = cases.get(row.path) as GeneratedCase;
    const modules = await loadModules(generated);
    const root = loadProtobufjs(row.file, row.includePaths);
    const schema = new Schema(generated.doc);
    const rng = new Random(row.index + 1);
    for (const decl of generated.doc.types) {
      const ours = messageType(generated, modules, decl.name);
      const theirs = root.lookupType(decl.name);
      for (let i = 0; i < MESSAGES_PER_TYPE; i += 1) {
        const message = ours.create(randomMessage(schema, rng, decl.name));
        const want = canonical(message);
        const bytes = ours.toBinary(message);
        expect(canonical(ours.fromBinary(bytes)), `${decl.name} round trip #${i}`).toEqual(want);
        expect(canonical(fromProtobufjs(schema, decl.name, theirs.toObject(theirs.decode(bytes), TO_OBJECT_OPTIONS))), `protobufjs decodes our ${decl.name} #${i}`).toEqual(want);
        expect(canonical(ours.fromBinary(theirs.encode(toProtobufjs(schema, decl.name, message)).finish())), `we decode protobufjs's ${decl.name} #${i}`).toEqual(want);
      }
    }
  });
});
