/**
 * Template rendering: one Handlebars environment per run, templates from `templates/<target>/` of the
 * installed tsctl, each replaceable by a file of the same name under a user template directory
 * (`--home DIR`: `DIR/rpc/main.ts.hbs` replaces the built-in `rpc/main.ts.hbs`).
 *
 * Templates hold no logic: the view is a typed object built in TypeScript. The environment is strict —
 * a missing field, an unknown helper or an `undefined` helper argument throws (views say "absent" with
 * `null` or `false`) — and does not HTML-escape. Helpers only spell names (names.ts), quote strings
 * and indent; `lookup` and `log` are removed. Partials are other template files, named by their path
 * without `.hbs` (`{{> rpc/method.ts}}` includes `rpc/method.ts.hbs`), with the same override rule.
 * Output goes through the file type's formatter (format-ts.ts). See docs/generation.md.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { UserError } from '../diagnostics.js';
import { formatOutput } from './format-ts.js';
import { camelCase, kebabCase, pascalCase, propertyAccess, propertyKey, snakeCase, stringLiteral, upperSnakeCase } from './names.js';

/** `templates/` of the installed tsctl: `../../templates/` from both src/gen/ and dist/gen/. */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface RenderOptions {
  /** A user template directory (`--home`); its files replace built-in templates of the same name. */
  readonly home?: string;
  /** The built-in template directory; BUILTIN_TEMPLATES_DIR unless given (tests, plugins). */
  readonly builtinDir?: string;
}

/** Where a template was read from; a user template's failures are user errors. */
interface LoadedTemplate {
  render: Handlebars.TemplateDelegate;
  readonly file: string;
  readonly fromHome: boolean;
}

/** One rendering context: the Handlebars instance and its compiled templates (created per run). */
export interface RenderEnv {
  readonly builtinDir: string;
  readonly home: string | undefined;
  readonly handlebars: typeof Handlebars;
  readonly templates: Map<string, LoadedTemplate>;
}

const HELPERS: Readonly<Record<string, (value: string) => string>> = {
  camelCase,
  pascalCase,
  kebabCase,
  snakeCase,
  upperSnakeCase,
  quote: stringLiteral,
  propertyKey,
  member: propertyAccess,
};

/** The built-in block helpers, kept but made strict: an undefined argument throws. */
const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

// `trackIds` (missing from the typings) gives helpers the paths of their arguments, for messages.
const COMPILE_OPTIONS: CompileOptions & { trackIds: boolean } = {
  strict: true,
  noEscape: true,
  trackIds: true,
  knownHelpersOnly: true,
  knownHelpers: {
    ...Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
    indent: true,
    json: true,
    lookup: false,
    log: false,
  },
};

/** What Handlebars passes a helper as its last argument. */
interface HelperCall {
  readonly name?: string;
  /** With `trackIds`: each argument's path in the view (`user.name`), or null for a literal. */
  readonly ids?: readonly unknown[];
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } };
  /** The block's body, for `{{#helper}}…{{/helper}}`. */
  readonly fn?: (context: unknown) => string;
}

type HelperFunction = (this: unknown, ...args: unknown[]) => unknown;

export function createRenderEnv(options: RenderOptions = {}): RenderEnv {
  const handlebars = Handlebars.create();
  handlebars.unregisterHelper('lookup');
  handlebars.unregisterHelper('log');
  for (const name of BLOCK_HELPERS) {
    const builtin = handlebars.helpers[name] as HelperFunction | undefined;
    if (builtin === undefined) throw new Error(`handlebars has no '${name}' helper`);
    registerHelper(handlebars, name, function (this: unknown, ...args: unknown[]) {
      definedArguments(args);
      return builtin.apply(this, args);
    });
  }
  for (const [name, convert] of Object.entries(HELPERS)) {
    registerHelper(handlebars, name, (...args: unknown[]) => {
      const [value] = definedArguments(args, 1);
      if (typeof value !== 'string') throw helperError(args, `expects a string, got ${value === null ? 'null' : typeof value}`);
      return convert(value);
    });
  }
  // `{{json value}}`: a JSON value (string, number, boolean, null, array, object) as a literal on one
  // line; `{{json value 6}}`: pretty-printed, its continuation lines indented by 6 spaces.
  registerHelper(handlebars, 'json', (...args: unknown[]) => {
    const values = definedArguments(args);
    if (values.length !== 1 && values.length !== 2) throw helperError(args, `expects 1 or 2 arguments, got ${values.length}`);
    const [value, width] = values;
    if (width !== undefined && (typeof width !== 'number' || !Number.isInteger(width) || width < 0)) {
      throw helperError(args, 'expects a non-negative integer width');
    }
    return width === undefined ? JSON.stringify(value) : JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(width)}`);
  });
  // `{{indent 2 text}}` or `{{#indent 2}}…{{/indent}}`
  registerHelper(handlebars, 'indent', function (this: unknown, ...args: unknown[]) {
    const call = args[args.length - 1] as HelperCall;
    const values = definedArguments(args, call.fn === undefined ? 2 : 1);
    const width = values[0];
    if (typeof width !== 'number' || !Number.isInteger(width) || width < 0) {
      throw helperError(args, 'expects a non-negative integer width');
    }
    const text = call.fn === undefined ? values[1] : call.fn(this);
    if (typeof text !== 'string') throw helperError(args, 'expects a string to indent');
    return indent(text, width);
  });
  return {
    builtinDir: options.builtinDir ?? BUILTIN_TEMPLATES_DIR,
    home: options.home,
    handlebars,
    templates: new Map(),
  };
}

function registerHelper(handlebars: typeof Handlebars, name: string, helper: HelperFunction): void {
  handlebars.registerHelper(name, helper as Handlebars.HelperDelegate);
}

/**
 * Renders `name` (`rpc/main.ts.hbs`: a path under the template directories) with `view`, formatted for
 * the output file named by `name` without `.hbs`. A template error in a built-in template is an
 * internal error; in a user template (`--home`) a UserError naming the file.
 */
export function renderTemplate(env: RenderEnv, name: string, view: object): string {
  const template = loadTemplate(env, name);
  let text: string;
  try {
    text = template.render(view);
  } catch (error) {
    throw templateError(template, error);
  }
  return formatOutput(name.slice(0, -'.hbs'.length), text);
}

/** Every space-prefixed non-empty line of `text` (blank lines stay empty: no trailing whitespace). */
export function indent(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function loadTemplate(env: RenderEnv, name: string, includedBy?: LoadedTemplate): LoadedTemplate {
  const cached = env.templates.get(name);
  if (cached !== undefined) return cached;
  checkTemplateName(name);
  const { file, fromHome } = locateTemplate(env, name, includedBy);
  const source = readFileSync(file, 'utf8');
  const template: LoadedTemplate = { file, fromHome, render: unready };
  // Cached before its partials are loaded, so that a recursive partial does not loop.
  env.templates.set(name, template);
  try {
    const ast = env.handlebars.parse(source, { srcName: name });
    for (const partial of partialNames(ast)) {
      const included = loadTemplate(env, `${partial}.hbs`, template);
      env.handlebars.registerPartial(partial, (context: unknown, options?: RuntimeOptions) => {
        try {
          return included.render(context, options);
        } catch (error) {
          throw templateError(included, error);
        }
      });
    }
    template.render = env.handlebars.compile(ast, COMPILE_OPTIONS);
  } catch (error) {
    env.templates.delete(name);
    throw templateError(template, error);
  }
  return template;
}

function unready(): string {
  throw new Error('template used before it was compiled');
}

function checkTemplateName(name: string): void {
  const segments = name.split('/');
  if (!name.endsWith('.hbs') || name.startsWith('/') || name.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`invalid template name '${name}': expected a relative posix path ending in .hbs`);
  }
}

function locateTemplate(env: RenderEnv, name: string, includedBy: LoadedTemplate | undefined): { file: string; fromHome: boolean } {
  const candidates = [
    ...(env.home === undefined ? [] : [{ file: path.join(env.home, name), fromHome: true }]),
    { file: path.join(env.builtinDir, name), fromHome: false },
  ];
  for (const candidate of candidates) {
    if (isFile(candidate.file)) return candidate;
  }
  const message = `template '${name}' not found (looked in ${candidates.map((c) => c.file).join(', ')})`;
  // A partial missing for a user template is the user's to fix; any other missing template is ours.
  throw includedBy?.fromHome === true ? new UserError(`template ${includedBy.file}: ${message}`) : new Error(message);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The static partial names used by a template; dynamic partials (`{{> (expr)}}`) are logic: refused. */
function partialNames(ast: hbs.AST.Program): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const statement = node as { type?: string; name?: { type: string; original: unknown } };
    if ((statement.type === 'PartialStatement' || statement.type === 'PartialBlockStatement') && statement.name !== undefined) {
      if (statement.name.type === 'SubExpression') {
        throw new Error('dynamic partials ({{> (expression)}}) are not supported: name the partial template');
      }
      names.add(String(statement.name.original));
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'loc') visit(value);
    }
  };
  visit(ast);
  return [...names].sort();
}

/**
 * A helper's arguments (without the trailing call options); throws when there are not `count` of
 * them or one is undefined — a missing or misspelled view field, which Handlebars' strict mode does
 * not catch in helper arguments.
 */
function definedArguments(args: readonly unknown[], count?: number): unknown[] {
  const call = args[args.length - 1] as HelperCall;
  const values = args.slice(0, -1);
  if (count !== undefined && values.length !== count) {
    throw helperError(args, `expects ${count} ${count === 1 ? 'argument' : 'arguments'}, got ${values.length}`);
  }
  values.forEach((value, index) => {
    if (value === undefined) {
      const id = call.ids?.[index];
      const what = typeof id === 'string' ? `"${id}"` : `argument ${index + 1}`;
      throw helperError(args, `${what} is undefined (use null or false for an absent value)`);
    }
  });
  return values;
}

/** `{{name}}: problem - line:column`, in the form of Handlebars' own errors (0-based column). */
function helperError(args: readonly unknown[], problem: string): Error {
  const call = args[args.length - 1] as HelperCall;
  const start = call.loc?.start;
  return new Error(`{{${call.name ?? '?'}}} ${problem}${start === undefined ? '' : ` - ${start.line}:${start.column}`}`);
}

/** Errors already attributed to a template file (by a partial), passed through unchanged. */
const attributed = new WeakSet<Error>();

function templateError(template: LoadedTemplate, error: unknown): Error {
  if (error instanceof Error && (attributed.has(error) || error instanceof UserError)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = template.fromHome
    ? new UserError(`template ${template.file}: ${message}`)
    : new Error(`template ${template.file}: ${message}`, { cause: error });
  attributed.add(wrapped);
  return wrapped;
}
