/**
 * Go duration strings (`time.ParseDuration`) as milliseconds.
 *
 * go-zero types some keys as `time.Duration` (`RedisConf.PingTimeout: 1s`, `KeepaliveTime`,
 * `Shutdown.WaitTime: 5.5s`), so an etc file written for go-zero holds strings such as `500ms`, `1m30s`
 * or `1.5h`. We read them as milliseconds, the unit every timeout in tsctl's runtime uses.
 */

const unitMs: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const segment = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;

/**
 * Parses a Go duration (`300ms`, `-1.5h`, `2h45m`, `0`) into milliseconds; undefined when `text` is not
 * one. As in Go, every number needs a unit except a lone `0`.
 */
export function parseDuration(text: string): number | undefined {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  if (body === '0') return 0;
  if (body === '') return undefined;
  segment.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let match = segment.exec(body); match !== null; match = segment.exec(body)) {
    total += Number(match[1]) * (unitMs[match[2] as string] as number);
    end = segment.lastIndex;
  }
  // Rounded to whole nanoseconds: 1.1 * 1000 is 1100.0000000000002 in floating point.
  return end === body.length ? (sign * Math.round(total * 1e6)) / 1e6 : undefined;
}
