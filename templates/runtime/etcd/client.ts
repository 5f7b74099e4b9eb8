/**
 * A small etcd v3 client over gRPC, for service registration and discovery: the key-value calls, leases
 * with a keepalive stream, watches, and `Auth.Authenticate` for clusters with auth enabled. Messages are
 * encoded by hand (`./messages.ts`) with tsctl's protobuf wire codec.
 *
 * Hosts: one gRPC channel per host, opened on first use. Requests and streams go to the current host;
 * a failure of the host (UNAVAILABLE, or a call reset without a status, as a stopping etcd does) or a
 * deadline exceeded moves the client to the next host for what follows, and a unary request that
 * failed with the host is retried once there when there are several hosts. Channels with a call open
 * ping every 10 s (a silent peer is dropped 5 s later) and reconnect within about a second once etcd
 * is back.
 *
 * Auth: with `user` set, the client authenticates before its first request, sends the token as the
 * `token` metadata of every call (streams included), and authenticates again, once per request, when
 * etcd answers that the token is invalid (simple tokens are local to the member that issued them, so
 * this happens after moving to another host, and after a restart).
 *
 * Every failed request rejects with an `EtcdError` naming the host and the RPC.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {
  type DeleteRangeResponse,
  type KeyValue,
  type LeaseGrantResponse,
  type LeaseKeepAliveResponse,
  type RangeResponse,
  type RevisionResponse,
  type WatchEvent,
  type WatchResponse,
  type AuthenticateResponse,
  decodeAuthenticateResponse,
  decodeDeleteRangeResponse,
  decodeLeaseGrantResponse,
  decodeLeaseKeepAliveResponse,
  decodeLeaseRevokeResponse,
  decodePutResponse,
  decodeRangeResponse,
  decodeWatchResponse,
  encodeAuthenticateRequest,
  encodeDeleteRangeRequest,
  encodeLeaseGrantRequest,
  encodeLeaseKeepAliveRequest,
  encodeLeaseRevokeRequest,
  encodePutRequest,
  encodeRangeRequest,
  encodeWatchCreateRequest,
  prefixEnd,
} from './messages.ts';

export type { KeyValue, WatchEvent } from './messages.ts';

/** How to reach an etcd cluster (go-zero's `EtcdConf`, minus the key). */
export interface EtcdClientOptions {
  /** `host:port` of each member; at least one. */
  readonly hosts: readonly string[];
  /** etcd auth: the client authenticates as this user and sends the token with every call. */
  readonly user?: string;
  /** The password of `user`. */
  readonly pass?: string;
  /** TLS is used when `certFile` or `caCertFile` is set. The client certificate, a PEM file. */
  readonly certFile?: string;
  /** The key of `certFile`, a PEM file; required with it. */
  readonly certKeyFile?: string;
  /** The CA that signed the etcd server certificates, a PEM file; the system CAs when unset. */
  readonly caCertFile?: string;
  /** Accepts any server certificate (no chain or host name check), as Go's InsecureSkipVerify. */
  readonly insecureSkipVerify?: boolean;
  /** The deadline of each unary request, retries and authentication included; 3000 by default. */
  readonly requestTimeoutMs?: number;
}

/** A running lease keepalive or watch; `close()` stops it without calling its handlers. */
export interface EtcdStream {
  close(): void;
}

/** What `keepAlive` calls when the lease is gone. */
export interface KeepAliveHandlers {
  /** Called once, after which the keepalive has stopped: grant a new lease. */
  onLost(reason: string): void;
}

/** What `watch` watches and whom it tells. */
export interface WatchOptions {
  /** Watch every key starting with the key. */
  readonly prefix?: boolean;
  /** The first revision to report (inclusive): the revision of a `get` plus one. Now when unset. */
  readonly startRevision?: bigint;
  /** The events of one watch response, with the store revision of the response header. */
  onEvents(events: WatchEvent[], revision: bigint): void;
  /**
   * Called once when the stream fails or etcd cancels the watch (`compactRevision` is set when the
   * start revision has been compacted); the watcher is closed by then and the caller restarts it.
   */
  onError(error: EtcdError & { compactRevision?: bigint }): void;
}

/** A failed etcd request or stream. */
export class EtcdError extends Error {
  /** The gRPC status code (14 UNAVAILABLE, 4 DEADLINE_EXCEEDED, 5 NOT_FOUND, 11 OUT_OF_RANGE, …). */
  readonly code: number;
  /** The host the request went to, when it reached the transport. */
  readonly host: string | undefined;
  /** The RPC (`Range`, `LeaseGrant`, `Watch`, …). */
  readonly rpc: string | undefined;
  /** For a watch canceled because its start revision was compacted: the oldest revision left. */
  readonly compactRevision?: bigint;

  constructor(message: string, code: number, details: { host?: string; rpc?: string; compactRevision?: bigint; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EtcdError';
    this.code = code;
    this.host = details.host;
    this.rpc = details.rpc;
    if (details.compactRevision !== undefined) this.compactRevision = details.compactRevision;
  }
}

const DEFAULT_REQUEST_TIMEOUT_MS = 3000;
/** Delay before re-opening a keepalive stream after its first failure, then between attempts. */
const FIRST_REOPEN_MS = 200;
const REOPEN_MS = 1000;

const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  // Notice a dead peer (a partition, a host gone without closing its sockets) on open streams.
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  // etcd's gRPC server does not permit pings without a call in progress (PermitWithoutStream is
  // false): it answers them with GOAWAY "too_many_pings". An idle channel does not need them.
  'grpc.keepalive_permit_without_calls': 0,
  // Reconnect within about a second once etcd is back (grpc's default backoff grows to 2 minutes).
  'grpc.initial_reconnect_backoff_ms': 1000,
  'grpc.max_reconnect_backoff_ms': 1000,
  // A range over a big prefix can exceed grpc's 4 MiB default; etcd's Go client has no limit either.
  'grpc.max_receive_message_length': -1,
  // Connections belong to this client, so close() closes them.
  'grpc.use_local_subchannel_pool': 1,
};

interface Rpc<Req, Res> {
  readonly name: string;
  readonly path: string;
  readonly encode: (request: Req) => Uint8Array;
  readonly decode: (bytes: Uint8Array) => Res;
}

function rpc<Req, Res>(service: string, name: string, encode: (request: Req) => Uint8Array, decode: (bytes: Uint8Array) => Res): Rpc<Req, Res> {
  return { name, path: `/etcdserverpb.${service}/${name}`, encode, decode };
}

const RANGE = rpc('KV', 'Range', encodeRangeRequest, decodeRangeResponse);
const PUT = rpc('KV', 'Put', encodePutRequest, decodePutResponse);
const DELETE_RANGE = rpc('KV', 'DeleteRange', encodeDeleteRangeRequest, decodeDeleteRangeResponse);
const LEASE_GRANT = rpc('Lease', 'LeaseGrant', encodeLeaseGrantRequest, decodeLeaseGrantResponse);
const LEASE_REVOKE = rpc('Lease', 'LeaseRevoke', encodeLeaseRevokeRequest, decodeLeaseRevokeResponse);
const AUTHENTICATE = rpc('Auth', 'Authenticate', encodeAuthenticateRequest, decodeAuthenticateResponse);
/** Streams take requests already encoded. */
const LEASE_KEEP_ALIVE = rpc('Lease', 'LeaseKeepAlive', (bytes: Uint8Array) => bytes, decodeLeaseKeepAliveResponse);
const WATCH = rpc('Watch', 'Watch', (bytes: Uint8Array) => bytes, decodeWatchResponse);

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An error of a call to `host` as an EtcdError: "etcd <host> <rpc>: <code> <NAME>: <details>". */
function callError(host: string, rpcName: string, error: unknown): EtcdError {
  const raw = error as { code?: unknown; message?: unknown } | null;
  const code = typeof raw?.code === 'number' ? raw.code : grpc.status.UNKNOWN;
  const message = typeof raw?.message === 'string' ? raw.message : String(error);
  return new EtcdError(`etcd ${host} ${rpcName}: ${message}`, code, { host, rpc: rpcName, cause: error });
}

function closedError(rpcName: string): EtcdError {
  return new EtcdError(`etcd ${rpcName}: the client is closed`, grpc.status.CANCELLED, { rpc: rpcName });
}

/**
 * A failure of the host rather than of the request: UNAVAILABLE, or the stream reset without a status
 * (13 INTERNAL "Received RST_STREAM with code 0"), which is how a stopping etcd ends open calls.
 */
function isHostFailure(error: EtcdError): boolean {
  return error.code === grpc.status.UNAVAILABLE || (error.code === grpc.status.INTERNAL && error.message.includes('RST_STREAM'));
}

/** etcd's answer to a missing, expired or foreign (another member's simple) token. */
function isInvalidToken(error: EtcdError): boolean {
  return error.code === grpc.status.UNAUTHENTICATED || error.message.includes('invalid auth token');
}

function channelCredentials(options: EtcdClientOptions): grpc.ChannelCredentials {
  if (!options.certFile && !options.caCertFile) return grpc.credentials.createInsecure();
  if (options.certFile && !options.certKeyFile) throw new Error('etcd: certFile is set but certKeyFile is not');
  const ca = options.caCertFile ? readFileSync(options.caCertFile) : null;
  const cert = options.certFile ? readFileSync(options.certFile) : null;
  const key = options.certFile && options.certKeyFile ? readFileSync(options.certKeyFile) : null;
  const verify: grpc.VerifyOptions = options.insecureSkipVerify ? { checkServerIdentity: () => undefined, rejectUnauthorized: false } : {};
  return grpc.credentials.createSsl(ca, key, cert, verify);
}

/** Cancels a call whose outcome no longer matters (its CANCELLED error goes to a listener that ignores it). */
function cancelQuietly(call: grpc.ClientDuplexStream<Uint8Array, unknown>): void {
  call.on('error', () => undefined);
  call.cancel();
}

/** A client of one etcd cluster. Create one per cluster and share it; `close()` it when done. */
export class EtcdClient {
  private readonly hosts: readonly string[];
  private readonly user: string | undefined;
  private readonly pass: string;
  private readonly timeoutMs: number;
  private readonly credentials: grpc.ChannelCredentials;
  private readonly channels: (grpc.Client | undefined)[];
  /** The index of the host requests go to. */
  private current = 0;
  private closed = false;
  /** The auth token; '' when etcd said auth is not enabled; undefined before authenticating. */
  private token: string | undefined;
  private authenticating: Promise<string | undefined> | undefined;
  /** Unary calls in flight, cancelled by close(). */
  private readonly calls = new Set<grpc.ClientUnaryCall>();
  /** The stop functions of open keepalives and watches. */
  private readonly streams = new Set<() => void>();

  constructor(options: EtcdClientOptions) {
    const hosts = options.hosts.map((host) => host.trim().replace(/^https?:\/\//, '')).filter((host) => host !== '');
    if (hosts.length === 0) throw new Error('etcd: no hosts');
    this.hosts = hosts;
    this.user = options.user ? options.user : undefined;
    this.pass = options.pass ?? '';
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.credentials = channelCredentials(options);
    this.channels = hosts.map(() => undefined);
  }

  /** The key (or every key under it when prefix), with the store revision of the read. */
  async get(key: string, options: { prefix?: boolean } = {}): Promise<{ revision: bigint; kvs: KeyValue[] }> {
    const response: RangeResponse = await this.call(RANGE, { key, ...(options.prefix ? { rangeEnd: prefixEnd(key) } : {}) });
    return { revision: response.revision, kvs: response.kvs };
  }

  /** Sets the key, attached to `lease` when given; resolves with the revision of the change. */
  async put(key: string, value: string, options: { lease?: bigint } = {}): Promise<{ revision: bigint }> {
    const response: RevisionResponse = await this.call(PUT, { key, value, ...(options.lease !== undefined ? { lease: options.lease } : {}) });
    return { revision: response.revision };
  }

  /** Deletes the key (or every key under it when prefix); resolves with how many were deleted. */
  async delete(key: string, options: { prefix?: boolean } = {}): Promise<{ deleted: number; revision: bigint }> {
    const response: DeleteRangeResponse = await this.call(DELETE_RANGE, { key, ...(options.prefix ? { rangeEnd: prefixEnd(key) } : {}) });
    return { deleted: Number(response.deleted), revision: response.revision };
  }

  /** Grants a lease of `ttlSeconds`; `ttl` is what etcd granted (it raises TTLs below its minimum). */
  async grant(ttlSeconds: number): Promise<{ id: bigint; ttl: number }> {
    const response: LeaseGrantResponse = await this.call(LEASE_GRANT, { ttl: Math.ceil(ttlSeconds) });
    if (response.error !== '') {
      throw new EtcdError(`etcd LeaseGrant: ${response.error}`, grpc.status.UNKNOWN, { rpc: LEASE_GRANT.name });
    }
    return { id: response.id, ttl: Number(response.ttl) };
  }

  /** Revokes a lease, deleting its keys. A lease that is already gone is not an error. */
  async revoke(id: bigint): Promise<void> {
    try {
      await this.call(LEASE_REVOKE, { id });
    } catch (error) {
      // "etcdserver: requested lease not found"
      if (error instanceof EtcdError && error.code === grpc.status.NOT_FOUND) return;
      throw error;
    }
  }

  /**
   * Keeps a lease alive over one LeaseKeepAlive stream: a request every ttl/3 s. Calls onLost ONCE
   * (and stops) when the lease is gone: a response with TTL <= 0, the stream failing and not
   * re-established before the lease would have expired (it is re-opened within about a second of a
   * failure, on the next host after UNAVAILABLE), or no successful keepalive response for a full TTL.
   * After `close()` of the client this does nothing.
   */
  keepAlive(id: bigint, ttlSeconds: number, handlers: KeepAliveHandlers): EtcdStream {
    if (this.closed) return { close: () => undefined };
    const intervalMs = Math.max(100, Math.floor((ttlSeconds * 1000) / 3));
    const request = encodeLeaseKeepAliveRequest({ id });
    let stopped = false;
    let call: grpc.ClientDuplexStream<Uint8Array, LeaseKeepAliveResponse> | undefined;
    let callIndex = 0;
    let callToken: string | undefined;
    /** When the oldest request not yet answered on the current stream was sent. */
    let waitingSince: number | undefined;
    let failures = 0;
    let lastError = '';
    let lostTimer: NodeJS.Timeout | undefined;
    let reopenTimer: NodeJS.Timeout | undefined;

    const stop = (): void => {
      stopped = true;
      this.streams.delete(stop);
      clearInterval(ticker);
      clearTimeout(lostTimer);
      clearTimeout(reopenTimer);
      const open = call;
      call = undefined;
      if (open) cancelQuietly(open);
    };
    const lose = (reason: string): void => {
      if (stopped) return;
      stop();
      handlers.onLost(reason);
    };
    /** The lease expires `ms` from now unless a keepalive response comes first. */
    const expireIn = (ms: number): void => {
      clearTimeout(lostTimer);
      lostTimer = setTimeout(() => {
        lose(`lease ${id} not renewed for ${ttlSeconds} s${lastError ? ` (${lastError})` : ''}`);
      }, ms);
      lostTimer.unref();
    };
    const send = (): void => {
      if (!call) return;
      waitingSince ??= Date.now();
      call.write(request);
    };
    const reopenLater = (): void => {
      if (stopped || reopenTimer) return;
      reopenTimer = setTimeout(open, failures === 0 ? FIRST_REOPEN_MS : REOPEN_MS);
      reopenTimer.unref();
      failures += 1;
    };
    const broken = (stream: grpc.ClientDuplexStream<Uint8Array, LeaseKeepAliveResponse>, error: EtcdError): void => {
      if (call !== stream) return;
      call = undefined;
      cancelQuietly(stream);
      lastError = error.message;
      if (isHostFailure(error) || error.code === grpc.status.DEADLINE_EXCEEDED) this.failover(callIndex);
      if (callToken !== undefined && isInvalidToken(error)) this.dropToken(callToken);
      reopenLater();
    };
    const open = (): void => {
      reopenTimer = undefined;
      if (stopped) return;
      this.tokenFor(Date.now() + this.timeoutMs)
        .then((token) => {
          if (stopped || this.closed) return;
          const index = this.current;
          const host = this.hosts[index] as string;
          const stream = this.openStream(index, LEASE_KEEP_ALIVE, token);
          call = stream;
          callIndex = index;
          callToken = token;
          waitingSince = undefined;
          stream.on('data', (response: LeaseKeepAliveResponse) => {
            if (call !== stream) return;
            if (response.ttl <= 0n) {
              lose(`lease ${id} expired or was revoked (etcd ${host} answered TTL ${response.ttl})`);
              return;
            }
            waitingSince = undefined;
            failures = 0;
            lastError = '';
            expireIn(Number(response.ttl) * 1000);
          });
          stream.on('error', (error) => broken(stream, callError(host, LEASE_KEEP_ALIVE.name, error)));
          stream.on('status', (status: grpc.StatusObject) => {
            if (status.code === grpc.status.OK) {
              broken(stream, new EtcdError(`etcd ${host} LeaseKeepAlive: the server ended the stream`, grpc.status.UNAVAILABLE, { host, rpc: LEASE_KEEP_ALIVE.name }));
            }
          });
          send();
        })
        .catch((error: unknown) => {
          if (stopped) return;
          lastError = error instanceof Error ? error.message : String(error);
          reopenLater();
        });
    };
    const ticker = setInterval(() => {
      if (!call) return;
      // Two intervals without an answer: the stream (or its host) is stuck. Try again, on the next
      // host when there are several, while the lease still has a third of its TTL.
      if (waitingSince !== undefined && Date.now() - waitingSince >= 2 * intervalMs) {
        const host = this.hosts[callIndex] as string;
        broken(call, new EtcdError(`etcd ${host} LeaseKeepAlive: no response for ${Date.now() - waitingSince} ms`, grpc.status.DEADLINE_EXCEEDED, { host, rpc: LEASE_KEEP_ALIVE.name }));
        return;
      }
      send();
    }, intervalMs);
    ticker.unref();

    this.streams.add(stop);
    expireIn(ttlSeconds * 1000);
    open();
    return { close: stop };
  }

  /**
   * One Watch stream for `key` (a prefix when `prefix`), reporting the events from `startRevision` on.
   * `onError` is called once when the stream fails or etcd cancels the watch, after which the watcher
   * is closed; there is no internal retry. After `close()` of the client this does nothing.
   */
  watch(key: string, options: WatchOptions): EtcdStream {
    if (this.closed) return { close: () => undefined };
    let done = false;
    let call: grpc.ClientDuplexStream<Uint8Array, WatchResponse> | undefined;
    const stop = (): void => {
      done = true;
      this.streams.delete(stop);
      const open = call;
      call = undefined;
      if (open) cancelQuietly(open);
    };
    const fail = (error: EtcdError): void => {
      if (done) return;
      stop();
      options.onError(error);
    };
    this.streams.add(stop);
    const create = encodeWatchCreateRequest({
      key,
      ...(options.prefix ? { rangeEnd: prefixEnd(key) } : {}),
      ...(options.startRevision !== undefined ? { startRevision: options.startRevision } : {}),
    });
    this.tokenFor(Date.now() + this.timeoutMs)
      .then((token) => {
        if (done || this.closed) return;
        const index = this.current;
        const host = this.hosts[index] as string;
        const stream = this.openStream(index, WATCH, token);
        call = stream;
        stream.on('data', (response: WatchResponse) => {
          if (done) return;
          if (response.canceled) {
            const error = watchCanceled(host, response, options.startRevision);
            if (token !== undefined && isInvalidToken(error)) this.dropToken(token);
            fail(error);
            return;
          }
          if (response.events.length > 0) options.onEvents(response.events, response.revision);
        });
        stream.on('error', (raw) => {
          if (done) return;
          const error = callError(host, WATCH.name, raw);
          if (isHostFailure(error)) this.failover(index);
          if (token !== undefined && isInvalidToken(error)) this.dropToken(token);
          fail(error);
        });
        stream.on('status', (status: grpc.StatusObject) => {
          if (status.code === grpc.status.OK) fail(new EtcdError(`etcd ${host} Watch: the server ended the stream`, grpc.status.UNAVAILABLE, { host, rpc: WATCH.name }));
        });
        stream.write(create);
      })
      .catch((error: unknown) => {
        fail(error instanceof EtcdError ? error : new EtcdError(`etcd Watch: ${error instanceof Error ? error.message : String(error)}`, grpc.status.UNKNOWN, { rpc: WATCH.name, cause: error }));
      });
    return { close: stop };
  }

  /** Closes every channel and stream (without calling their handlers); later requests reject. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.streams]) stop();
    for (const call of [...this.calls]) call.cancel();
    this.calls.clear();
    for (const channel of this.channels) channel?.close();
    this.channels.fill(undefined);
  }

  private channel(index: number): grpc.Client {
    let channel = this.channels[index];
    if (!channel) {
      channel = new grpc.Client(this.hosts[index] as string, this.credentials, CHANNEL_OPTIONS);
      this.channels[index] = channel;
    }
    return channel;
  }

  /** After a failure on host `index`: the requests that follow go to the next host. */
  private failover(index: number): void {
    if (this.hosts.length > 1 && this.current === index) this.current = (index + 1) % this.hosts.length;
  }

  private metadata(token: string | undefined): grpc.Metadata {
    const metadata = new grpc.Metadata();
    if (token !== undefined) metadata.set('token', token);
    return metadata;
  }

  /** The auth token to send, authenticating first when there is none; undefined without auth. */
  private tokenFor(deadline: number): Promise<string | undefined> {
    if (this.user === undefined) return Promise.resolve(undefined);
    if (this.token !== undefined) return Promise.resolve(this.token === '' ? undefined : this.token);
    this.authenticating ??= this.call(AUTHENTICATE, { name: this.user, password: this.pass }, deadline, false)
      .then(
        (response: AuthenticateResponse) => {
          this.token = response.token;
          return response.token === '' ? undefined : response.token;
        },
        (error: unknown) => {
          // As etcd's Go client: a user configured for a cluster without auth is not an error.
          if (error instanceof EtcdError && error.message.includes('authentication is not enabled')) {
            this.token = '';
            return undefined;
          }
          throw error;
        },
      )
      .finally(() => {
        this.authenticating = undefined;
      });
    return this.authenticating;
  }

  private dropToken(token: string): void {
    if (this.token === token) this.token = undefined;
  }

  /**
   * A unary request with its failover and auth retries, all within one deadline: once more on the
   * next host after UNAVAILABLE (with several hosts), once more with a new token after an invalid one.
   */
  private async call<Req, Res>(method: Rpc<Req, Res>, request: Req, deadline = Date.now() + this.timeoutMs, withAuth = true): Promise<Res> {
    let hostRetry = this.hosts.length > 1;
    let authRetry = true;
    for (;;) {
      if (this.closed) throw closedError(method.name);
      const token = withAuth ? await this.tokenFor(deadline) : undefined;
      if (this.closed) throw closedError(method.name);
      const index = this.current;
      try {
        return await this.invoke(index, method, request, token, deadline);
      } catch (caught) {
        if (this.closed) throw closedError(method.name);
        const error = caught instanceof EtcdError ? caught : callError(this.hosts[index] as string, method.name, caught);
        if (isHostFailure(error)) {
          this.failover(index);
          if (hostRetry && Date.now() < deadline) {
            hostRetry = false;
            continue;
          }
        } else if (error.code === grpc.status.DEADLINE_EXCEEDED) {
          this.failover(index);
        } else if (token !== undefined && authRetry && isInvalidToken(error)) {
          this.dropToken(token);
          if (Date.now() < deadline) {
            authRetry = false;
            continue;
          }
        }
        throw error;
      }
    }
  }

  private invoke<Req, Res>(index: number, method: Rpc<Req, Res>, request: Req, token: string | undefined, deadline: number): Promise<Res> {
    const host = this.hosts[index] as string;
    return new Promise<Res>((resolve, reject) => {
      let settled = false;
      const call: grpc.ClientUnaryCall = this.channel(index).makeUnaryRequest<Req, Res>(
        method.path,
        (message) => toBuffer(method.encode(message)),
        (bytes) => method.decode(bytes),
        request,
        this.metadata(token),
        { deadline: new Date(deadline) },
        (error, response) => {
          settled = true;
          this.calls.delete(call);
          if (error) {
            // At the deadline etcd (grpc-go) may reset the stream first, which grpc-js reports as
            // CANCELLED: that is a deadline exceeded, unless close() cancelled the call.
            const code = error.code === grpc.status.CANCELLED && !this.closed && Date.now() >= deadline ? grpc.status.DEADLINE_EXCEEDED : undefined;
            const failure = callError(host, method.name, error);
            reject(code === undefined ? failure : new EtcdError(`etcd ${host} ${method.name}: ${code} DEADLINE_EXCEEDED: Deadline exceeded`, code, { host, rpc: method.name, cause: error }));
          } else resolve(response as Res);
        },
      );
      if (!settled) this.calls.add(call);
    });
  }

  private openStream<Res>(index: number, method: Rpc<Uint8Array, Res>, token: string | undefined): grpc.ClientDuplexStream<Uint8Array, Res> {
    return this.channel(index).makeBidiStreamRequest<Uint8Array, Res>(
      method.path,
      (bytes) => toBuffer(bytes),
      (bytes) => method.decode(bytes),
      this.metadata(token),
      {},
    );
  }
}

/** The error of a watch etcd canceled: its start revision compacted, or a reason etcd gives. */
function watchCanceled(host: string, response: WatchResponse, startRevision: bigint | undefined): EtcdError {
  const details = { host, rpc: WATCH.name };
  if (response.compactRevision > 0n) {
    return new EtcdError(
      `etcd ${host} Watch: canceled: revision ${startRevision ?? 0n} has been compacted (the oldest left is ${response.compactRevision})`,
      grpc.status.OUT_OF_RANGE,
      { ...details, compactRevision: response.compactRevision },
    );
  }
  const reason = response.cancelReason || 'the watch was canceled';
  const code = reason.includes('permission denied')
    ? grpc.status.PERMISSION_DENIED
    : reason.includes('invalid auth token')
      ? grpc.status.UNAUTHENTICATED
      : grpc.status.UNKNOWN;
  return new EtcdError(`etcd ${host} Watch: canceled: ${reason}`, code, details);
}
