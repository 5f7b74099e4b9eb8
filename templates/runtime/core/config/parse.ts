/**
 * Parses a config file's text by its extension — `.yaml`/`.yml` (with `<<` merge keys, as go-zero's
 * yaml.v3 reads them), `.json` and `.toml` (smol-toml), the formats go-zero's `conf.Load` accepts
 * besides `.json5` — and turns a parser's error into one problem line that names the line and column
 * when the parser reports them.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml, YAMLParseError } from 'yaml';

export type ConfigFormat = 'YAML' | 'JSON' | 'TOML';

/** The accepted extensions, in the order messages list them. */
export const configExtensions: readonly string[] = ['.yaml', '.yml', '.json', '.toml'];

/** The format of a file by its extension (any case, as go-zero), or undefined for another one. */
export function formatOf(file: string): ConfigFormat | undefined {
  const match = /\.[^./\\]*$/.exec(file);
  switch (match?.[0].toLowerCase()) {
    case '.yaml':
    case '.yml':
      return 'YAML';
    case '.json':
      return 'JSON';
    case '.toml':
      return 'TOML';
    default:
      return undefined;
  }
}

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** Parses `text`; an empty YAML file gives null. */
export function parseConfigText(text: string, format: ConfigFormat): Parsed {
  try {
    switch (format) {
      case 'YAML':
        return { ok: true, value: parseYaml(text, { merge: true }) as unknown };
      case 'JSON':
        return { ok: true, value: JSON.parse(text) as unknown };
      case 'TOML':
        return { ok: true, value: parseToml(text) };
    }
  } catch (error) {
    return { ok: false, problem: parseProblem(error, text, format) };
  }
}

function parseProblem(error: unknown, text: string, format: ConfigFormat): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] as string;
  if (error instanceof YAMLParseError && error.linePos !== undefined) {
    const { line, col } = error.linePos[0];
    return located(format, line, col, firstLine.replace(/ at line \d+, column \d+:?$/, ''));
  }
  if (error instanceof TomlError) {
    return located(format, error.line, error.column, firstLine.replace(/^Invalid TOML document: /, ''));
  }
  if (format === 'JSON') {
    const position = /^(.*?) in JSON at position (\d+)/.exec(firstLine);
    if (position) {
      const before = text.slice(0, Number(position[2]));
      const line = before.split('\n').length;
      return located(format, line, before.length - before.lastIndexOf('\n'), position[1] as string);
    }
  }
  return `not valid ${format}: ${message.replace(/\n/g, '\\n')}`;
}

function located(format: ConfigFormat, line: number, column: number, reason: string): string {
  return `not valid ${format} at line ${line}, column ${column}: ${reason}`;
}
