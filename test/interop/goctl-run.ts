/**
 * Running the real goctl on `.api` inputs, many at a time: `goctl api validate --api FILE` (the
 * verdict, and the line of the error where goctl gives one) and `goctl api format --stdin` (the
 * formatted bytes, or a refusal). Used by the differential tests; goctl comes from harness.mjs.
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface GoctlValidate {
  readonly accepted: boolean;
  /** The error goctl printed (its first line, colours removed), '' when it accepted. */
  readonly message: string;
  /** The line goctl gave for the error (`file.api 3:7 …`), when it gave one. */
  readonly line: number | undefined;
  /** goctl ended through Go's log.Fatal (a timestamped line and exit 1) instead of a reported error. */
  readonly fatal: boolean;
}

export interface GoctlFormat {
  /** The formatted text, or null when goctl refused the input. */
  readonly text: string | null;
  readonly message: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;
/** `2026/11/29 21:52:40 filename: …` — how Go's log package prints a log.Fatal. */
const LOG_FATAL = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} /;

function exec(binary: string, args: readonly string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(binary, [...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
    // goctl may exit without reading stdin (validate never does): its exit status and output are what count.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** The first meaningful line of goctl's complaint: `Error: …` (cobra) or a log.Fatal line. */
function complaint(output: string): { message: string; fatal: boolean } {
  const lines = output.replace(ANSI, '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const fatal = lines.find((l) => LOG_FATAL.test(l));
  if (fatal !== undefined) return { message: fatal.replace(LOG_FATAL, ''), fatal: true };
  const error = lines.find((l) => l.startsWith('Error: '));
  return { message: (error ?? lines[0] ?? '').replace(/^Error: /, ''), fatal: false };
}

/** goctl's position of an error: `name.api 12:5`. */
function lineOf(message: string): number | undefined {
  const m = /\.api (\d+):(\d+)\b/.exec(message);
  return m ? Number(m[1]) : undefined;
}

export async function goctlValidate(goctl: string, file: string): Promise<GoctlValidate> {
  const result = await exec(goctl, ['api', 'validate', '--api', file]);
  if (result.code === 0) return { accepted: true, message: '', line: undefined, fatal: false };
  const { message, fatal } = complaint(`${result.stderr}\n${result.stdout}`);
  return { accepted: false, message, line: lineOf(message), fatal };
}

export async function goctlFormat(goctl: string, source: string): Promise<GoctlFormat> {
  const result = await exec(goctl, ['api', 'format', '--stdin'], source);
  if (result.code === 0) return { text: result.stdout, message: '' };
  return { text: null, message: complaint(`${result.stderr}\n${result.stdout}`).message };
}

/** Maps `work` over `items` with at most `limit` in flight, keeping the order. */
export async function pool<T, R>(items: readonly T[], work: (item: T) => Promise<R>, limit = Math.max(2, availableParallelism() * 2)): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
