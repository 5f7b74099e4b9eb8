/**
 * The address an RPC server registers in etcd, as go-zero's `figureOutListenOn`
 * (`zrpc/internal/rpcpubserver.go`) and `netx.InternalIp` (`core/netx/ip.go`), v1.10.x: a server listening
 * on every interface advertises $POD_IP, else the machine's first non-loopback IPv4 address.
 */
import { networkInterfaces } from 'node:os';

/** The interface table of `os.networkInterfaces()`. */
export type InterfaceTable = ReturnType<typeof networkInterfaces>;

/** Hosts that mean "every interface". go-zero knows only the empty host and 0.0.0.0; the IPv6 ones are ours. */
const wildcardHosts: ReadonlySet<string> = new Set(['', '0.0.0.0', '::']);

/** `host:port`, bracketing an IPv6 host: `[::1]:8080`. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The host of a `host:port` listen address, without brackets: `[::]:8080` → `::`, `:8080` → ``. An
 * address without a colon is all host. Unbracketed IPv6 (`:::8080`) splits at the last colon.
 */
export function hostOf(address: string): string {
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    return close < 0 ? address : address.slice(1, close);
  }
  const colon = address.lastIndexOf(':');
  return colon < 0 ? address : address.slice(0, colon);
}

/**
 * go-zero's `netx.InternalIp`: the first IPv4 address, not loopback, of the first interface that has
 * one, in the order of the table; undefined when there is none. go-zero skips interfaces that are down
 * or loopback; Node lists only interfaces that are up (and running), and marks the addresses of
 * loopback interfaces `internal`.
 */
export function internalIp(interfaces: InterfaceTable = networkInterfaces()): string | undefined {
  for (const addresses of Object.values(interfaces)) {
    for (const info of addresses ?? []) {
      if (info.internal) continue;
      // Node before 18.4 reported the family as a number.
      const family: unknown = info.family;
      let ip: string | undefined;
      if (family === 'IPv4' || family === 4) {
        ip = info.address;
      } else {
        // Go counts an IPv4-mapped IPv6 address as IPv4 and prints it dotted.
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(info.address);
        ip = mapped?.[1];
      }
      if (ip !== undefined && !ip.startsWith('127.')) return ip;
    }
  }
  return undefined;
}

/**
 * What a server registered in etcd advertises: the ListenOn host, unless it is empty or 0.0.0.0 (also
 * `::`/`[::]`): then $POD_IP, else the first non-loopback IPv4 of the machine, else the ListenOn host as
 * is. The port is `port` (the bound one, so ListenOn :0 works).
 *
 * go-zero keeps ListenOn's own port and passes a ListenOn with an IPv6 host through unchanged; here an
 * IPv6 host is recognised, and bracketed in the result.
 */
export function advertisedAddress(
  listenOn: string,
  port: number,
  env: Readonly<Record<string, string | undefined>> = process.env,
  interfaces?: InterfaceTable,
): string {
  const host = hostOf(listenOn);
  if (!wildcardHosts.has(host)) return joinHostPort(host, port);
  const podIp = env['POD_IP'];
  const ip = podIp !== undefined && podIp !== '' ? podIp : internalIp(interfaces ?? networkInterfaces());
  return joinHostPort(ip ?? host, port);
}
