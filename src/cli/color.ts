/**
 * Whether to colour a stream, decided once per run from the environment and the stream.
 *
 * - `FORCE_COLOR` set: chalk's rules (`FORCE_COLOR=0` or `false` turns colour off, anything else on).
 * - otherwise `NO_COLOR` set to a non-empty value (https://no-color.org): no colour.
 * - otherwise colour only on a terminal whose `TERM` is not `dumb`.
 *
 * chalk's own detection honours `FORCE_COLOR` and TTYs but not `NO_COLOR`, hence this file; the
 * renderers take the answer as a plain `color: boolean`.
 */
export interface ColorStream {
  readonly isTTY?: boolean;
}

/** Whether output written to `stream` should be coloured, given the environment. */
export function shouldColor(stream: ColorStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
