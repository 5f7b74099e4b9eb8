/**
 * The `.proto` lint rules (buf-style), one per file in this folder; docs with bad/good examples in
 * docs/lint/rules/proto.md.
 */
import { commentRpc } from './comment-rpc.js';
import { commentService } from './comment-service.js';
import { enumPascal } from './enum-pascal.js';
import { enumValuePrefix } from './enum-value-prefix.js';
import { enumValueUpperSnake } from './enum-value-upper-snake.js';
import { enumZeroValueSuffix } from './enum-zero-value-suffix.js';
import { fieldLowerSnake } from './field-lower-snake.js';
import { format } from './format.js';
import { messagePascal } from './message-pascal.js';
import { packageDefined } from './package-defined.js';
import { packageDirectoryMatch } from './package-directory-match.js';
import { packageLowerSnake } from './package-lower-snake.js';
import { rpcPascal } from './rpc-pascal.js';
import { rpcRequestResponseNaming } from './rpc-request-response-naming.js';
import type { ProtoRule } from './rule.js';
import { servicePascal } from './service-pascal.js';

export type { Finding, ProtoRule, ProtoRuleInput } from './rule.js';

export const PROTO_RULES: readonly ProtoRule[] = [
  packageDefined,
  packageLowerSnake,
  packageDirectoryMatch,
  messagePascal,
  servicePascal,
  rpcPascal,
  fieldLowerSnake,
  enumPascal,
  enumValueUpperSnake,
  enumZeroValueSuffix,
  enumValuePrefix,
  rpcRequestResponseNaming,
  commentService,
  commentRpc,
  format,
];
