/**
 * What an RPC client connects to, as go-zero decides it (`zrpc/config.go` BuildTarget,
 * `zrpc/resolver/target.go`, `zrpc/resolver/internal/`, v1.10.x): a fixed list of addresses, a key in
 * etcd under which the servers register, or any other gRPC target, handed to grpc-js unchanged.
 *
 * Target strings go-zero understands:
 *
 *     etcd:///h1:2379,h2:2379?key=user.rpc   hosts in the path, the key URL-escaped in the query
 *     etcd://h1:2379,h2:2379/user.rpc        the older form: hosts in the authority, key in the path
 *     discov://...                            the same two forms under go-zero's other scheme name
 *     direct:///10.0.0.1:8080,10.0.0.2:8080   fixed addresses (an authority, if any, is ignored)
 *     10.0.0.1:8080                           one fixed address (gRPC's passthrough)
 */
import type { EtcdConfLike } from './etcd.ts';

/** Servers registered in etcd under `key`. */
export interface EtcdTarget {
  readonly kind: 'etcd';
  readonly hosts: readonly string[];
  readonly key: string;
  /** etcd user, and its password ('' when the config gives none). */
  readonly user?: string;
  readonly pass?: string;
  /** TLS files: a client certificate with its key, and/or the CA of etcd's certificates. */
  readonly certFile?: string;
  readonly certKeyFile?: string;
  readonly caCertFile?: string;
  /** With TLS: skip verifying etcd's certificate. */
  readonly insecureSkipVerify?: boolean;
}

/** A fixed list of server addresses, host:port. */
export interface DirectTarget {
  readonly kind: 'direct';
  readonly addresses: readonly string[];
}

/** Any other gRPC target, such as dns:///svc:80, handed to grpc-js as is. */
export interface PassThroughTarget {
  readonly kind: 'grpc';
  readonly target: string;
}

/** What an RPC client connects to. */
export type Target = EtcdTarget | DirectTarget | PassThroughTarget;

/** The shape of go-zero's RpcClientConf keys that choose the target (all optional). */
export interface TargetConf {
  readonly Endpoints?: readonly string[];
  readonly Target?: string;
  readonly Etcd?: EtcdConfLike;
}

/** A target that is missing or malformed; the message quotes the offending input. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** How many addresses go-zero hands to the balancer at most; it takes a random subset of more (go-zero subsetSize). */
export const subsetSize = 32;

/**
 * go-zero's resolver `subset`: a random `size` of `items` (all of them, shuffled, when there are no
 * more), so that many clients of a large service spread over its servers.
 */
export function subset<T>(items: readonly T[], size: number = subsetSize, random: () => number = Math.random): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled.slice(0, size);
}

/** Schemes grpc-js resolves itself and that need no `//`: `unix:/path`, `ipv4:1.2.3.4:80,...`. */
const grpcSchemes: ReadonlySet<string> = new Set(['dns', 'unix', 'unix-abstract', 'ipv4', 'ipv6']);

const schemeWithSlashes = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const schemeOnly = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** A host (bracketed if IPv6) and a port, nothing else: what a plain target must be. */
const plainHostPort = /^(\[[^\]]*\]|[^:/[\]]*):([^:/]*)$/;

/**
 * Checks one `host:port`; returns the problem, or undefined when it is fine. The port must be a
 * number in 1..65535; an IPv6 host must be bracketed.
 */
function hostPortProblem(address: string): string | undefined {
  const quoted = JSON.stringify(address);
  let host: string;
  let port: string;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close < 0) return `${quoted} has no closing ]`;
    host = address.slice(1, close);
    const rest = address.slice(close + 1);
    if (rest === '') return `${quoted} has no port`;
    if (!rest.startsWith(':')) return `${quoted}: expected :port after ]`;
    port = rest.slice(1);
  } else {
    const colon = address.lastIndexOf(':');
    if (colon < 0) return `${quoted} has no port (expected host:port)`;
    host = address.slice(0, colon);
    port = address.slice(colon + 1);
    if (host.includes(':')) return `${quoted}: bracket an IPv6 address, as [${host}]:${port}`;
  }
  if (host === '') return `${quoted} has no host`;
  if (/[\s/?#@,]/.test(host)) return `${quoted}: invalid host ${JSON.stringify(host)}`;
  if (port === '') return `${quoted} has no port`;
  if (!/^\d+$/.test(port)) return `${quoted}: port ${JSON.stringify(port)} is not a number`;
  const value = Number(port);
  if (value < 1 || value > 65535) return `${quoted}: port ${port} is out of range 1-65535`;
  return undefined;
}

function checkAddresses(addresses: readonly string[], where: string, what: string): void {
  if (addresses.length === 0) throw new TargetError(`${where}: no ${what}`);
  for (const address of addresses) {
    const problem = hostPortProblem(address);
    if (problem !== undefined) throw new TargetError(`${where}: ${problem}`);
  }
}

/** Splits a comma-separated list, dropping empty entries, as go-zero's strings.FieldsFunc. */
function splitList(list: string): string[] {
  return list.split(',').filter((item) => item !== '');
}

function trimSlashes(text: string): string {
  return text.replace(/^\/+|\/+$/g, '');
}

function decode(text: string, where: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TargetError(`${where}: invalid %-escape in ${JSON.stringify(text)}`);
  }
}

/** The parts of `scheme://authority/path?query#fragment` after the `//`. */
function splitUrl(rest: string): { authority: string; path: string; query: string } {
  const end = (from: number, stops: string): number => {
    for (let i = from; i < rest.length; i++) if (stops.includes(rest[i] as string)) return i;
    return rest.length;
  };
  const authorityEnd = end(0, '/?#');
  const pathEnd = end(authorityEnd, '?#');
  const queryEnd = end(pathEnd, '#');
  return {
    authority: rest.slice(0, authorityEnd),
    path: rest.slice(authorityEnd, pathEnd),
    query: rest.slice(pathEnd + 1, queryEnd),
  };
}

function etcdTarget(rest: string, where: string): EtcdTarget {
  const { authority, path, query } = splitUrl(rest);
  let hosts: string[];
  let key: string;
  if (authority === '') {
    // etcd:///h1,h2?key=k — URLSearchParams decodes as Go's url.Query does, `+` included.
    hosts = splitList(trimSlashes(decode(path, where)));
    decode(query, where); // URLSearchParams passes a bad %-escape through; refuse it instead
    key = new URLSearchParams(query).get('key') ?? '';
  } else {
    // etcd://h1,h2/k — the key may itself hold slashes: etcd://h/a/b is key a/b.
    hosts = splitList(decode(authority, where));
    key = trimSlashes(decode(path, where));
  }
  checkAddresses(hosts, where, 'etcd hosts');
  if (key === '') {
    throw new TargetError(
      authority === '' ? `${where}: no etcd key (expected ?key=<key>)` : `${where}: no etcd key (expected /<key> after the hosts)`,
    );
  }
  return { kind: 'etcd', hosts, key };
}

function directTarget(rest: string, where: string): DirectTarget {
  const { authority, path } = splitUrl(rest);
  const addresses = splitList(trimSlashes(decode(path, where)));
  if (addresses.length === 0 && authority !== '') {
    throw new TargetError(`${where}: no addresses; direct targets list them after three slashes, direct:///${authority}`);
  }
  checkAddresses(addresses, where, 'addresses');
  return { kind: 'direct', addresses };
}

/**
 * Parses a target string: `etcd:///h1:2379,h2:2379?key=<url-escaped>`, the older
 * `etcd://h1:2379,h2:2379/key`, either under `discov://`, `direct:///a:1,b:2`, `passthrough:///a:1` or a
 * plain `host:port` (one fixed address); anything else with a scheme (`dns:///svc:80`, `unix:/path`) is
 * handed to grpc-js. go-zero's `k8s://` is refused: grpc-js cannot watch Kubernetes endpoints.
 */
export function parseTarget(target: string): Target {
  const where = `target ${JSON.stringify(target)}`;
  if (target.trim() === '') throw new TargetError('empty target');
  const withSlashes = schemeWithSlashes.exec(target);
  if (withSlashes !== null) {
    const rest = target.slice(withSlashes[0].length);
    // Go's url.Parse lowercases the scheme.
    switch ((withSlashes[1] as string).toLowerCase()) {
      case 'etcd':
      case 'discov':
        return etcdTarget(rest, where);
      case 'direct':
        return directTarget(rest, where);
      case 'passthrough': {
        // gRPC-Go's passthrough: the endpoint is one address, the authority ignored.
        const address = trimSlashes(splitUrl(rest).path);
        checkAddresses(address === '' ? [] : [address], where, 'address');
        return { kind: 'direct', addresses: [address] };
      }
      case 'k8s':
        throw new TargetError(
          `${where}: k8s targets are not supported; use dns:///<service>.<namespace>.svc.cluster.local:<port> (a headless service), Endpoints or Etcd`,
        );
      default:
        return { kind: 'grpc', target };
    }
  }
  const scheme = schemeOnly.exec(target);
  if (scheme !== null && grpcSchemes.has((scheme[1] as string).toLowerCase())) return { kind: 'grpc', target };
  if (target.includes(',')) {
    throw new TargetError(`${where}: list several addresses as direct:///${target}, or in Endpoints`);
  }
  if (plainHostPort.test(target) || !target.includes(':')) {
    checkAddresses([target], where, 'address');
    return { kind: 'direct', addresses: [target] };
  }
  if (scheme !== null) return { kind: 'grpc', target };
  throw new TargetError(`${where}: expected host:port or scheme:///...`);
}

/**
 * The target of an RPC client's config: Endpoints, else Target, else Etcd, as go-zero's BuildTarget.
 * Throws TargetError when none is set or a value is malformed (also: CertFile without CertKeyFile, or
 * the reverse). The etcd account and TLS settings are carried as set.
 */
export function targetOf(conf: TargetConf): Target {
  if (conf.Endpoints !== undefined && conf.Endpoints.length > 0) {
    // go-zero joins Endpoints with commas and splits them again, so an entry may itself list several.
    const addresses = conf.Endpoints.flatMap(splitList);
    checkAddresses(addresses, `Endpoints ${JSON.stringify(conf.Endpoints)}`, 'addresses');
    return { kind: 'direct', addresses };
  }
  if (conf.Target !== undefined && conf.Target !== '') return parseTarget(conf.Target);
  const etcd = conf.Etcd;
  if (etcd === undefined || (etcd.Hosts.length === 0 && etcd.Key === '')) {
    throw new TargetError('no target: set Endpoints, Target or Etcd (Hosts and Key)');
  }
  const where = `Etcd ${JSON.stringify({ Hosts: etcd.Hosts, Key: etcd.Key })}`;
  checkAddresses(etcd.Hosts, where, 'Hosts');
  if (etcd.Key === '') throw new TargetError(`${where}: no Key`);
  // go-zero drops an account without a password and TLS without all three files, silently; a half
  // setting here reaches etcd (which then says what is wrong), and a certificate without its key is
  // refused at once.
  if (nonEmpty(etcd.CertFile) !== nonEmpty(etcd.CertKeyFile)) throw new TargetError(`${where}: CertFile and CertKeyFile go together`);
  const account = nonEmpty(etcd.User) ? { user: etcd.User, pass: etcd.Pass ?? '' } : {};
  const tls = {
    ...(nonEmpty(etcd.CertFile) && nonEmpty(etcd.CertKeyFile) ? { certFile: etcd.CertFile, certKeyFile: etcd.CertKeyFile } : {}),
    ...(nonEmpty(etcd.CACertFile) ? { caCertFile: etcd.CACertFile } : {}),
    ...(etcd.InsecureSkipVerify === true ? { insecureSkipVerify: true } : {}),
  };
  return { kind: 'etcd', hosts: [...etcd.Hosts], key: etcd.Key, ...account, ...tls };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** Go's url.QueryEscape: everything but letters, digits and `-_.~` %-escaped, a space as `+`. */
function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The target as go-zero writes it (resolver.BuildDiscovTarget / BuildDirectTarget):
 * `etcd:///h1:2379,h2:2379?key=<escaped>`, `direct:///a:1,b:2`; a pass-through target unchanged.
 * Account and TLS settings are not part of the string.
 */
export function formatTarget(target: Target): string {
  switch (target.kind) {
    case 'etcd':
      return `etcd:///${target.hosts.join(',')}?key=${queryEscape(target.key)}`;
    case 'direct':
      return `direct:///${target.addresses.join(',')}`;
    case 'grpc':
      return target.target;
  }
}

/** For error messages: `etcd key "user.rpc" on 127.0.0.1:2379` / `direct 127.0.0.1:1,127.0.0.1:2`. */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'etcd':
      return `etcd key ${JSON.stringify(target.key)} on ${target.hosts.join(',')}`;
    case 'direct':
      return `direct ${target.addresses.join(',')}`;
    case 'grpc':
      return `target ${target.target}`;
  }
}
