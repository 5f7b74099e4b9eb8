/**
 * The generated message files of the rich fixture, pinned byte-for-byte under
 * fixtures/proto/golden/messages/ (`npm run test:update-goldens` rewrites them). messages-interop.test.ts
 * proves the same output compiles and interoperates.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMessageFiles } from '../../../src/gen/rpc/messages.js';
import { repoRoot } from '../../helpers/corpus.js';
import { describeGoldenTree } from '../../helpers/golden-tree.js';
import { loadDocument } from './messages-harness.js';

const entry = path.join(repoRoot, 'fixtures/proto/messages/shop.proto');
const goldenDir = path.join(repoRoot, 'fixtures/proto/golden/messages');

describe('golden: fixtures/proto/messages/shop.proto', () => {
  const { files } = generateMessageFiles(loadDocument(entry));

  describeGoldenTree(files, goldenDir);

  it('is deterministic: a second run gives the same bytes', () => {
    expect(generateMessageFiles(loadDocument(entry)).files).toEqual(files);
  });
});
