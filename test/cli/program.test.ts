/**
 * The `tsctl` program as a process: version, help on every command, exit codes for usage errors,
 * and (in process) the internal-error path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { UserError } from '../../src/diagnostics.js';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(assertBuilt);

describe('tsctl --version', () => {
  it.each([['--version'], ['-v']])('%s prints the package version and exits 0', (flag) => {
    expect(tsctl([flag])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('--help on every command', () => {
  it.each([
    [['--help'], 'Usage: tsctl [options] [command]'],
    [['-h'], 'Usage: tsctl [options] [command]'],
    [['help'], 'Usage: tsctl [options] [command]'],
    [['api', '--help'], 'Usage: tsctl api [options] [command]'],
    [['help', 'api'], 'Usage: tsctl api [options] [command]'],
    [['api', 'validate', '--help'], 'Usage: tsctl api validate [options] <files...>'],
    [['api', 'format', '--help'], 'Usage: tsctl api format [options] <files...>'],
    [['ir', '--help'], 'Usage: tsctl ir [options] <file>'],
  ])('tsctl %j exits 0 with usage on stdout', (args, usage) => {
    const result = tsctl(args);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(usage);
    expect(result.stderr).toBe('');
  });

  it('documents exit codes and colour variables in the top-level help', () => {
    const { stdout } = tsctl(['--help']);
    expect(stdout).toContain('Exit codes: 0 ok, 1 errors or findings, 2 usage or internal error.\n');
    expect(stdout).toContain('NO_COLOR=1');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [[], undefined],
    [['api'], undefined],
    [['bogus'], "error: unknown command 'bogus'"],
    [['--bogus'], "error: unknown option '--bogus'"],
    [['api', 'bogus'], "error: unknown command 'bogus'"],
    [['api', 'validate'], "error: missing required argument 'files'"],
    [['api', 'validate', '--bogus', 'x.api'], "error: unknown option '--bogus'"],
    [['api', 'format'], "error: missing required argument 'files'"],
    [['api', 'format', '--check', '--write', 'x.api'], "error: option '--check' cannot be used with option '-w, --write'"],
    [['ir', '--json'], "error: missing required argument 'file'"],
    [['ir', 'fixtures/api/demo.api'], "error: required option '--json' not specified"],
    [['ir', 'a.api', 'b.api', '--json'], "error: too many arguments for 'ir'. Expected 1 argument but got 2."],
  ])('tsctl %j', (args, message) => {
    const result = tsctl(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    if (message === undefined) expect(result.stderr).toMatch(/^Usage: tsctl/);
    else expect(result.stderr.split('\n')[0]).toBe(message);
  });
});

/** A context with in-memory streams, for the paths a real process cannot reach on purpose. */
function failingStdout(error: Error): { ctx: CliContext; stderr: string[] } {
  const stderr: string[] = [];
  const ctx: CliContext = {
    stdout: { color: false, write: () => Promise.reject(error) },
    stderr: { color: false, write: async (text) => void stderr.push(text) },
    readStdin: async () => '',
    env: {},
  };
  return { ctx, stderr };
}

const IR_ARGS = ['node', 'tsctl', 'ir', path.join(repoRoot, 'fixtures/api/demo.api'), '--json'];

describe('errors thrown by a command', () => {
  it('a UserError prints its message without a stack and exits with its code', async () => {
    const { ctx, stderr } = failingStdout(new UserError('the output is gone', 3));
    expect(await execute(IR_ARGS, ctx)).toBe(3);
    expect(stderr).toEqual(['error: the output is gone\n']);
  });

  it('anything else is an internal error: message, stack, a report line, exit 2', async () => {
    const { ctx, stderr } = failingStdout(new Error('boom'));
    expect(await execute(IR_ARGS, ctx)).toBe(2);
    const lines = stderr.join('').split('\n');
    expect(lines[0]).toBe('internal error: boom');
    expect(lines[1]).toBe('Error: boom');
    expect(lines[2]).toMatch(/^ {4}at /);
    expect(lines.at(-2)).toMatch(/^please report this at .+ with the command you ran and this output \(tsctl \d+\.\d+\.\d+, node v\d+/);
    expect(lines.at(-1)).toBe('');
  });
});
