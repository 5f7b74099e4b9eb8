/**
 * The `tsctl` program: commander wiring, exit codes, and the one place that calls `process.exit`.
 *
 * Exit codes (docs/cli.md): 0 ok; 1 errors or findings (diagnostics, files that would change, a
 * UserError); 2 usage errors (unknown command or option, missing argument) and internal errors.
 *
 * Command modules are imported inside their actions so `tsctl --version` and `--help` load nothing but
 * commander.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../diagnostics.js';
import { shouldColor } from './color.js';
import type { CliContext, Output } from './context.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
const EXIT_INTERNAL = 2;

interface PackageInfo {
  readonly version: string;
  readonly bugs?: string;
}

const FALLBACK_BUGS = 'the tsctl issue tracker';

/** Runs the CLI with `argv` as `process.argv` is shaped (`node`, script, arguments…) and exits. */
export async function run(argv: string[]): Promise<void> {
  exitOnBrokenStdout();
  const ctx = processContext();
  const code = await execute(argv, ctx);
  await flush(process.stdout);
  await flush(process.stderr);
  process.exit(code);
}

/** Runs one command line and returns its exit code; never throws. */
export async function execute(argv: readonly string[], ctx: CliContext): Promise<number> {
  let info: PackageInfo = { version: '0.0.0' };
  try {
    info = readPackageInfo();
    let exitCode = EXIT_OK;
    const program = buildProgram(ctx, info, (code) => {
      exitCode = code;
    });
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    if (error instanceof UserError) {
      await ctx.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    await ctx.stderr.write(internalErrorText(error, info));
    return EXIT_INTERNAL;
  }
}

function buildProgram(ctx: CliContext, info: PackageInfo, setExitCode: (code: number) => void): Command {
  const program = new Command('tsctl')
    .description('Code generation for go-zero style .api and .proto contracts.')
    .version(info.version, '-v, --version', 'print the tsctl version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    // Settings below are copied to every command added afterwards.
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 errors or findings, 2 usage or internal error.\n' +
        'Colour: on for terminals; NO_COLOR=1 turns it off, FORCE_COLOR=1 forces it on.',
    );

  const api = program.command('api').description('work with .api files');

  api
    .command('validate')
    .description('parse and check .api files and their imports; print every diagnostic')
    .argument('<files...>', '.api files to check')
    .action(async (files: string[]) => {
      const { apiValidate } = await import('./api-validate.js');
      setExitCode(await apiValidate(ctx, files));
    });

  api
    .command('format')
    .description('format .api files in the canonical (goctl) layout; print the result by default')
    .argument('<files...>', ".api files to format, or '-' for standard input")
    .option('-w, --write', 'rewrite files in place when their formatting changes')
    .addOption(new Option('--check', 'list files whose formatting would change; exit 1 if any').conflicts('write'))
    .action(async (files: string[], options: { write?: boolean; check?: boolean }) => {
      const { apiFormat } = await import('./api-format.js');
      setExitCode(await apiFormat(ctx, files, options));
    });

  api
    .command('openapi')
    .description('print (or write) the OpenAPI 3.1 document of an .api contract')
    .argument('<file>', 'the .api file')
    .option('-o, --output <file>', 'write to this file instead of stdout: .json, or .yaml/.yml for YAML')
    .action(async (file: string, options: { output?: string }) => {
      const { apiOpenApi } = await import('./api-openapi.js');
      setExitCode(await apiOpenApi(ctx, file, options));
    });

  api
    .command('doc')
    .description('print (or write) Markdown documentation of an .api contract')
    .argument('<file>', 'the .api file')
    .option('-o, --output <file>', 'write to this .md file instead of stdout')
    .action(async (file: string, options: { output?: string }) => {
      const { apiDoc } = await import('./api-doc.js');
      setExitCode(await apiDoc(ctx, file, options));
    });

  const proto = program.command('proto').description('work with .proto files');

  proto
    .command('format')
    .description('format .proto files exactly as buf format does; print the result by default')
    .argument('<files...>', ".proto files to format, or '-' for standard input")
    .option('-w, --write', 'rewrite files in place when their formatting changes')
    .addOption(new Option('--check', 'list files whose formatting would change; exit 1 if any').conflicts('write'))
    .action(async (files: string[], options: { write?: boolean; check?: boolean }) => {
      const { protoFormat } = await import('./proto-format.js');
      setExitCode(await protoFormat(ctx, files, options));
    });

  program
    .command('ir')
    .description('print the intermediate representation (IR) of a contract, see docs/ir.md')
    .argument('<file>', '.api or .proto file')
    .addOption(new Option('--json', 'print the IR as JSON (the only format so far)').makeOptionMandatory())
    .option('-I, --proto-path <dir>', 'a folder .proto imports are searched in (repeatable; .proto only)', collect, [])
    .action(async (file: string, options: { protoPath: string[] }) => {
      const { irCommand } = await import('./ir.js');
      setExitCode(await irCommand(ctx, file, { includePaths: options.protoPath }));
    });

  program
    .command('lint')
    .description('lint .api, .proto and .ts files (formatting, legacy grammar, naming, docs, unused types, …); fit for pre-commit hooks and CI')
    .argument('[paths...]', 'files and folders (default: the current folder)')
    .option('--fix', 'apply the safe fixes until the files are stable, then report what is left')
    .option('--format <format>', 'stylish, json, gitlab, sarif or junit', 'stylish')
    .option('--output-stylish <file>', 'also write the stylish report to a file')
    .option('--output-json <file>', 'also write the JSON report to a file')
    .option('--output-gitlab <file>', 'also write a GitLab Code Quality report to a file')
    .option('--output-sarif <file>', 'also write a SARIF 2.1.0 report to a file')
    .option('--output-junit <file>', 'also write a JUnit XML report to a file')
    .option('--max-warnings <n>', 'allow up to this many warnings before exiting 1 (default 0: any finding fails)')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', collect, [])
    .option('-I, --proto-path <dir>', 'a folder .proto imports are searched in (repeatable)', collect, [])
    .action(
      async (
        paths: string[],
        options: { fix?: boolean; format: string; maxWarnings?: string; rule: string[]; protoPath: string[] } & Record<string, string | boolean | string[] | undefined>,
      ) => {
        const { lintCommand } = await import('./lint.js');
        const outputs: Record<string, string> = {};
        for (const name of ['stylish', 'json', 'gitlab', 'sarif', 'junit']) {
          const file = options[`output${name.charAt(0).toUpperCase()}${name.slice(1)}`];
          if (typeof file === 'string') outputs[name] = file;
        }
        setExitCode(
          await lintCommand(ctx, paths, {
            ...(options.fix ? { fix: true } : {}),
            format: options.format,
            outputs,
            ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}),
            rule: options.rule,
            protoPath: options.protoPath,
            toolVersion: info.version,
          }),
        );
      },
    );

  const gen = program.command('gen').description('generate services and clients from contracts');

  gen
    .command('rpc')
    .description('generate a gRPC service (server, typed clients, config, logic stubs, Dockerfile) from a .proto file')
    .argument('<proto>', 'the .proto file; its imports come along')
    .requiredOption('-o, --output <dir>', 'the project folder to write (created if missing)')
    .option('-I, --proto-path <dir>', 'a folder imports are searched in (repeatable)', collect, [])
    .option('--name <name>', 'the service name (default: the .proto file name)')
    .option('--dry-run', 'list what would be written; write nothing')
    .addOption(new Option('--check', 'exit 1 when generated files differ from disk (CI drift check); write nothing').conflicts('dryRun'))
    .option('--home <dir>', 'a folder of templates that replace the built-in ones')
    .option('--force', 'write into a non-empty folder, and replace files at generated paths that lack the generated header (never your own files)')
    .action(async (proto: string, options: { output: string; protoPath: string[]; name?: string; dryRun?: boolean; check?: boolean; force?: boolean; home?: string }) => {
      const { genRpc } = await import('./gen-rpc.js');
      setExitCode(await genRpc(ctx, proto, options));
    });

  gen
    .command('client')
    .description('generate a typed fetch client (no runtime dependencies) for the HTTP service of an .api file')
    .argument('<file>', 'the .api file; its imports come along')
    .requiredOption('-o, --output <dir>', 'the folder to write client.ts and types.ts to')
    .option('--dry-run', 'list what would be written; write nothing')
    .addOption(new Option('--check', 'exit 1 when generated files differ from disk (CI drift check); write nothing').conflicts('dryRun'))
    .option('--home <dir>', 'a folder of templates that replace the built-in ones')
    .option('--force', 'replace files at generated paths that lack the generated header')
    .action(async (file: string, options: { output: string; dryRun?: boolean; check?: boolean; force?: boolean; home?: string }) => {
      const { genClient } = await import('./gen-client.js');
      setExitCode(await genClient(ctx, file, options));
    });

  gen
    .command('api')
    .description('generate an HTTP service on Fastify (routes, validation, jwt, middleware, logic stubs) from an .api file')
    .argument('<file>', 'the .api file; its imports come along')
    .requiredOption('-o, --output <dir>', 'the project folder to write (created if missing)')
    .option('--name <name>', 'the service name (default: the service name of the contract)')
    .option('--style <style>', 'file names of your logic and middleware: go-zero (kebab, default), go_zero, goZero or gozero', 'go-zero')
    .option('--dry-run', 'list what would be written; write nothing')
    .addOption(new Option('--check', 'exit 1 when generated files differ from disk (CI drift check); write nothing').conflicts('dryRun'))
    .option('--home <dir>', 'a folder of templates that replace the built-in ones')
    .option('--force', 'write into a non-empty folder, and replace files at generated paths that lack the generated header (never your own files)')
    .action(async (file: string, options: { output: string; name?: string; style?: string; dryRun?: boolean; check?: boolean; force?: boolean; home?: string }) => {
      const { genApi } = await import('./gen-api.js');
      setExitCode(await genApi(ctx, file, options));
    });

  return program;
}

/** Commander's accumulator for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--help`, `help` and `--version` exit 0; every other commander exit is a usage error. */
function commanderExitCode(error: CommanderError): number {
  switch (error.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return EXIT_OK;
    case 'commander.help':
      // `help` asked for is 0; help shown because a command was missing (`tsctl api`) is not.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    default:
      return EXIT_USAGE;
  }
}

function internalErrorText(error: unknown, info: PackageInfo): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : '';
  return (
    `internal error: ${message}\n${stack}` +
    `please report this at ${info.bugs ?? FALLBACK_BUGS} with the command you ran and this output ` +
    `(tsctl ${info.version}, node ${process.version})\n`
  );
}

function readPackageInfo(): PackageInfo {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const json = JSON.parse(text) as { version?: unknown; bugs?: unknown };
  const bugs = typeof json.bugs === 'string' ? json.bugs : (json.bugs as { url?: unknown } | undefined)?.url;
  return {
    version: typeof json.version === 'string' ? json.version : '0.0.0',
    ...(typeof bugs === 'string' ? { bugs } : {}),
  };
}

function processContext(): CliContext {
  return {
    stdout: streamOutput(process.stdout, shouldColor(process.stdout, process.env)),
    stderr: streamOutput(process.stderr, shouldColor(process.stderr, process.env)),
    readStdin,
    env: process.env,
  };
}

function streamOutput(stream: NodeJS.WriteStream, color: boolean): Output {
  return {
    color,
    // Write errors surface as the stream's 'error' event (see exitOnBrokenStdout), not here.
    write: (text) => new Promise((resolve) => stream.write(text, () => resolve())),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * `tsctl ir x.api --json | head` closes stdout early: stop quietly (the reader has what it wanted)
 * instead of dying on an unhandled EPIPE. Any other output failure is reported and exits 1.
 */
function exitOnBrokenStdout(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_OK);
      if (stream === process.stdout) process.stderr.write(`error: cannot write output: ${error.message}\n`);
      process.exit(EXIT_FAILURE);
    });
  }
}
