/**
 * The `.api` lint rules, one per file in this folder; docs with bad/good examples in docs/lint/rules/api.md.
 */
import { format } from './format.js';
import { legacyGrammar } from './legacy-grammar.js';
import { typeNamePascal } from './type-name-pascal.js';
import { handlerNameCamel } from './handler-name-camel.js';
import { jsonTagCase } from './json-tag-case.js';
import { routeDoc } from './route-doc.js';
import { pathParamField } from './path-param-field.js';
import { noUnusedTypes } from './no-unused-types.js';
import { prefixStyle } from './prefix-style.js';
import type { ApiRule } from './rule.js';

export type { ApiRule, ApiRuleInput, Finding } from './rule.js';

export const API_RULES: readonly ApiRule[] = [format, legacyGrammar, typeNamePascal, handlerNameCamel, jsonTagCase, routeDoc, pathParamField, noUnusedTypes, prefixStyle];
