/**
 * Registering a server in etcd the way go-zero's `discov.Publisher` does, so go-zero clients (and
 * ours) find it: key `<Key>/<lease id in decimal>` (or `<Key>/<ID>` with a fixed ID), value
 * `host:port`, under a lease of 10 s kept alive.
 *
 * Where go-zero stops or gives up, this keeps the service reachable: etcd unreachable at start → the
 * service serves anyway and registration is retried every second; the lease lost (etcd restarted,
 * partition, revoked by someone) → a new lease and key every second until it works; the key deleted by
 * someone → put back. Each change of state is logged once, not each attempt.
 */
import type { EtcdClient } from '../../etcd/client.ts';
import { advertisedAddress } from './address.ts';
import { type EtcdConfLike, acquireEtcd, etcdClientOptions } from './etcd.ts';
import { type DiscoveryLog, StateLog, consoleLog, errorText } from './log.ts';

/** go-zero's `discov.TimeToLive`: the lease TTL of a registration, in seconds. */
export const REGISTRATION_TTL_SECONDS = 10;

export interface RegistrationOptions {
  readonly client: EtcdClient;
  /** The service key (go-zero Etcd.Key); the registration is `<key>/<lease id>` or `<key>/<id>`. */
  readonly key: string;
  /** What clients dial: `host:port`. */
  readonly value: string;
  /** A fixed id (go-zero Etcd.ID) instead of the lease id; ignored unless > 0. */
  readonly id?: number;
  readonly ttlSeconds?: number;
  /** Pause between attempts while etcd cannot be reached, in milliseconds (1000, as go-zero). */
  readonly retryMs?: number;
  readonly log?: DiscoveryLog;
}

/** A running registration; `stop()` revokes its lease (the key disappears at once). */
export interface Registration {
  /** The key currently registered, or undefined while (re)registering. */
  readonly currentKey: string | undefined;
  /** Resolves once the key is first in etcd (it may never be, if etcd stays away: race it with a timer). */
  readonly registered: Promise<string>;
  /** Stops keeping the lease alive and revokes it; waits at most `timeoutMs` for etcd. Never rejects. */
  stop(timeoutMs?: number): Promise<void>;
}

interface Closable {
  close(): void;
}

/** Starts registering `value` under `key`; returns at once (registration proceeds in the background). */
export function register(options: RegistrationOptions): Registration {
  const { client, key, value } = options;
  const ttl = options.ttlSeconds ?? REGISTRATION_TTL_SECONDS;
  const retryMs = options.retryMs ?? 1000;
  const state = new StateLog(options.log);
  const fixedId = options.id !== undefined && options.id > 0 ? String(Math.trunc(options.id)) : undefined;

  let stopped = false;
  let lease: bigint | undefined;
  let fullKey: string | undefined;
  let keepAlive: Closable | undefined;
  let watcher: Closable | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchTimer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  /** Leases given up while etcd was unreachable: revoked once it answers, so their keys go at once. */
  const stale = new Set<bigint>();
  let resolveRegistered: (key: string) => void = () => undefined;
  const registered = new Promise<string>((resolve) => {
    resolveRegistered = resolve;
  });

  const closeStreams = (): void => {
    keepAlive?.close();
    watcher?.close();
    keepAlive = undefined;
    watcher = undefined;
    if (watchTimer !== undefined) clearTimeout(watchTimer);
    watchTimer = undefined;
  };

  const scheduleRetry = (): void => {
    if (stopped || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void attempt();
    }, retryMs);
  };

  /** The lease is gone (or unusable): drop it, revoke it in case etcd still has it, and start over. */
  const lost = (reason: string, mine: number): void => {
    if (stopped || mine !== generation) return;
    generation += 1;
    closeStreams();
    const old = lease;
    lease = undefined;
    fullKey = undefined;
    state.set('lost', 'error', `etcd: registration ${key} lost (${reason}); registering again every ${retryMs} ms`);
    if (old !== undefined) {
      stale.add(old);
      revokeStale();
    }
    scheduleRetry();
  };

  /** Watches our own key: deleted → put it back; the watch failing → check the key, then watch again. */
  const watchOwnKey = (mine: number, fromRevision: bigint): void => {
    if (stopped || mine !== generation || fullKey === undefined || lease === undefined) return;
    const myKey = fullKey;
    const myLease = lease;
    watcher = client.watch(myKey, {
      startRevision: fromRevision,
      onEvents: (events) => {
        if (!events.some((e) => e.type === 'delete')) return;
        state.set('restoring', 'info', `etcd: ${myKey} was deleted; putting it back`);
        client.put(myKey, value, { lease: myLease }).then(
          () => state.set('registered', 'info', `etcd: registered ${myKey} → ${value}`),
          (error: unknown) => {
            if (isLeaseNotFound(error)) lost('lease not found', mine);
          },
        );
      },
      onError: () => {
        watcher = undefined;
        restoreLater(mine);
      },
    });
  };

  /** After a broken watch: the key may have been deleted meanwhile; put it back if so, then watch again. */
  const restoreAndWatch = async (mine: number): Promise<void> => {
    if (stopped || mine !== generation || fullKey === undefined || lease === undefined) return;
    try {
      const current = await client.get(fullKey);
      if (stopped || mine !== generation) return;
      let revision = current.revision;
      if (current.kvs.length === 0) {
        revision = (await client.put(fullKey, value, { lease })).revision;
        state.set('registered', 'info', `etcd: registered ${fullKey} → ${value} again`);
      }
      watchOwnKey(mine, revision + 1n);
    } catch (error) {
      if (isLeaseNotFound(error)) {
        lost('lease not found', mine);
        return;
      }
      restoreLater(mine);
    }
  };

  /** Checks the key and watches it again in `retryMs`, unless this registration has moved on. */
  const restoreLater = (mine: number): void => {
    if (stopped || mine !== generation) return;
    watchTimer = setTimeout(() => {
      watchTimer = undefined;
      void restoreAndWatch(mine);
    }, retryMs);
  };

  const revokeStale = (): void => {
    for (const id of stale) client.revoke(id).then(() => stale.delete(id), () => undefined);
  };

  const attempt = async (): Promise<void> => {
    if (stopped) return;
    generation += 1;
    const mine = generation;
    let granted: bigint | undefined;
    try {
      granted = (await client.grant(ttl)).id;
      const myKey = `${key}/${fixedId ?? granted.toString()}`;
      const { revision } = await client.put(myKey, value, { lease: granted });
      if (stopped || mine !== generation) {
        client.revoke(granted).catch(() => undefined);
        return;
      }
      lease = granted;
      fullKey = myKey;
      keepAlive = client.keepAlive(granted, ttl, { onLost: (reason) => lost(reason, mine) });
      watchOwnKey(mine, revision + 1n);
      state.set('registered', 'info', `etcd: registered ${myKey} → ${value}`);
      resolveRegistered(myKey);
      revokeStale();
    } catch (error) {
      if (granted !== undefined) client.revoke(granted).catch(() => undefined);
      if (stopped) return;
      // After "lost" (which said it registers again), failed attempts are the same state: no new line.
      if (state.state !== 'lost') state.set('unreachable', 'error', `etcd: cannot register ${key} (${errorText(error)}); retrying every ${retryMs} ms`);
      scheduleRetry();
    }
  };

  void attempt();

  return {
    get currentKey() {
      return fullKey;
    },
    registered,
    async stop(timeoutMs = 3000): Promise<void> {
      if (stopped) return;
      stopped = true;
      generation += 1;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      closeStreams();
      const old = lease;
      const oldKey = fullKey;
      lease = undefined;
      fullKey = undefined;
      if (old === undefined) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([
        client.revoke(old).then(
          () => state.set('stopped', 'info', `etcd: deregistered ${oldKey ?? key}`),
          (error: unknown) => state.set('stopped', 'error', `etcd: could not revoke the lease of ${oldKey ?? key} (${errorText(error)}); it expires within ${ttl} s`),
        ),
        timeout,
      ]);
      clearTimeout(timer);
    },
  };
}

function isLeaseNotFound(error: unknown): boolean {
  return /lease not found/i.test(errorText(error));
}

export interface ServiceRegistrationOptions {
  /** The address the server listens on (go-zero ListenOn / Host); decides what is advertised. */
  readonly listenOn: string;
  /** The port actually bound. */
  readonly port: number;
  readonly log?: DiscoveryLog;
  /** Lease TTL in seconds (10, as go-zero); tests shorten it. */
  readonly ttlSeconds?: number;
}

/**
 * Registers a server that is already listening: `<Etcd.Key>/<lease id>` (or `/<Etcd.ID>`) → the
 * advertised `host:port` (go-zero's rule: the ListenOn host, or `$POD_IP` or the first
 * non-loopback IPv4 when it listens on every interface). `stop()` revokes the lease and releases the
 * etcd client.
 */
export function registerService(conf: EtcdConfLike, options: ServiceRegistrationOptions): Registration {
  const lease = acquireEtcd(etcdClientOptions(conf));
  const log = options.log ?? consoleLog;
  const registration = register({
    client: lease.client,
    key: conf.Key,
    value: advertisedAddress(options.listenOn, options.port),
    ...(conf.ID !== undefined ? { id: conf.ID } : {}),
    ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
    log,
  });
  return {
    get currentKey() {
      return registration.currentKey;
    },
    registered: registration.registered,
    async stop(timeoutMs?: number) {
      try {
        await registration.stop(timeoutMs);
      } finally {
        lease.release();
      }
    },
  };
}
