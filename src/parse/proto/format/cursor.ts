/**
 * Token cursor shared by the formatter's parsers. A syntax error stops the parse by throwing
 * `ProtoSyntaxError`, which `parseProtoTree` turns into a result; it never escapes the module.
 */
import type { Token } from './lexer.js';

export class ProtoSyntaxError extends Error {
  constructor(
    readonly token: Token,
    message: string,
  ) {
    super(message);
  }
}

function describe(token: Token): string {
  if (token.type === 'eof') return 'end of file';
  return `'${token.text}'`;
}

export class Cursor {
  private index = 0;
  /** Tokens used as keywords (an identifier token can be either). */
  readonly keywords = new Set<Token>();
  /**
   * Punctuation that buf treats like part of a name when a line comment follows it (dots and
   * parentheses of qualified and option names, the closing brace of a message literal).
   */
  readonly namePunct = new Set<number>();

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    const i = Math.min(this.index + ahead, this.tokens.length - 1);
    return this.tokens[i] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** True when the current token is the punctuation or keyword `text`. */
  is(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type !== 'string' && token.type !== 'eof' && token.text === text;
  }

  isType(type: Token['type'], ahead = 0): boolean {
    return this.peek(ahead).type === type;
  }

  expect(text: string, what?: string): Token {
    if (!this.is(text)) this.fail(`expected ${what ?? `'${text}'`}`);
    return this.next();
  }

  expectType(type: Token['type'], what: string): Token {
    if (!this.isType(type)) this.fail(`expected ${what}`);
    return this.next();
  }

  /** Records `token` as a keyword and returns it. */
  kw(token: Token): Token {
    this.keywords.add(token);
    return token;
  }

  namePart(token: Token): Token {
    this.namePunct.add(token.offset);
    return token;
  }

  fail(message: string, token: Token = this.peek()): never {
    throw new ProtoSyntaxError(token, `syntax error: ${message}, found ${describe(token)}`);
  }
}
