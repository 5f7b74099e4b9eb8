/**
 * Where a client's calls go: one grpc-js channel per server address, chosen per call by a balancer
 * (go-zero's p2c with EWMA by default, or round robin), over addresses that are fixed (`Endpoints`,
 * `direct:///a,b`) or followed in etcd (`Etcd`, `etcd:///hosts?key=…`). A target grpc-js resolves
 * itself (`dns:///…`, `unix:…`) gets one channel and grpc-js's own balancing.
 */
import * as grpc from '@grpc/grpc-js';
import { acquireEtcd } from '../core/discovery/etcd.ts';
import type { DiscoveryLog } from '../core/discovery/log.ts';
import { type Balancer, createBalancer } from '../core/discovery/p2c.ts';
import { type Subscriber, subscribe } from '../core/discovery/subscriber.ts';
import { type Target, describeTarget } from '../core/discovery/target.ts';

/** The channel a call goes to, and how to tell the balancer how it ended. */
export interface ChannelPick {
  readonly client: grpc.Client;
  /** The call's final status code (0 for OK); once. */
  done(code: number): void;
}

export interface ChannelSource {
  /** A channel for one call; waits (until `deadline`) only for the first etcd read. Throws UNAVAILABLE when there is no server. */
  pick(deadline: Date | undefined): ChannelPick | Promise<ChannelPick>;
  /** Resolves once some server's channel is connected; rejects at the deadline. */
  waitForReady(deadline: Date): Promise<void>;
  close(): void;
}

/** How long a call without a deadline waits for the first read from etcd. */
const FIRST_READ_WAIT_MS = 3000;

/** A grpc-js `ServiceError` with code UNAVAILABLE. */
export function unavailable(details: string): grpc.ServiceError {
  const error = new Error(`${grpc.status.UNAVAILABLE} UNAVAILABLE: ${details}`) as grpc.ServiceError;
  error.code = grpc.status.UNAVAILABLE;
  error.details = details;
  error.metadata = new grpc.Metadata();
  return error;
}

const noop = (): void => undefined;

/** A single grpc-js channel for a target grpc-js resolves and balances itself. */
class SingleChannel implements ChannelSource {
  readonly #client: grpc.Client;
  constructor(client: grpc.Client) {
    this.#client = client;
  }
  pick(): ChannelPick {
    return { client: this.#client, done: noop };
  }
  waitForReady(deadline: Date): Promise<void> {
    return new Promise((resolve, reject) => this.#client.waitForReady(deadline, (error) => (error ? reject(error) : resolve())));
  }
  close(): void {
    this.#client.close();
  }
}

/** One channel per address, a balancer choosing among the connected ones. */
class BalancedChannels implements ChannelSource {
  readonly #clients = new Map<string, grpc.Client>();
  readonly #balancer: Balancer<grpc.Client>;
  readonly #make: (address: string) => grpc.Client;
  readonly #describe: string;
  readonly #subscriber: Subscriber | undefined;
  readonly #release: () => void;
  #closed = false;

  constructor(target: Target, make: (address: string) => grpc.Client, balancerName: string, log: DiscoveryLog | undefined) {
    this.#make = make;
    this.#balancer = createBalancer<grpc.Client>(balancerName);
    this.#describe = describeTarget(target);
    if (target.kind === 'etcd') {
      // The target carries the cluster's hosts, account and TLS settings: etcd client options.
      const lease = acquireEtcd(target);
      this.#release = () => lease.release();
      this.#subscriber = subscribe({
        client: lease.client,
        key: target.key,
        onChange: (addresses) => this.#update(addresses),
        ...(log ? { log } : {}),
      });
    } else {
      this.#release = noop;
      this.#subscriber = undefined;
      this.#update(target.kind === 'direct' ? target.addresses : [target.target]);
    }
  }

  #update(addresses: readonly string[]): void {
    if (this.#closed) return;
    const wanted = new Set(addresses);
    for (const [address, client] of this.#clients) {
      if (wanted.has(address)) continue;
      this.#clients.delete(address);
      client.close();
    }
    for (const address of addresses) if (!this.#clients.has(address)) this.#clients.set(address, this.#make(address));
    this.#balancer.retain([...this.#clients.values()]);
  }

  #pickNow(): ChannelPick | undefined {
    const all = [...this.#clients.values()];
    if (all.length === 0) return undefined;
    // Connected channels first; else those not failing (grpc-js queues the call while it connects);
    // else any (the call fails fast, and the balancer learns from it).
    const states = all.map((client) => client.getChannel().getConnectivityState(true));
    let candidates = all.filter((_, i) => states[i] === grpc.connectivityState.READY);
    if (candidates.length === 0) candidates = all.filter((_, i) => states[i] !== grpc.connectivityState.TRANSIENT_FAILURE);
    if (candidates.length === 0) candidates = all;
    const picked = this.#balancer.pick(candidates);
    return picked ? { client: picked.conn, done: (code) => picked.done(code) } : undefined;
  }

  #noServer(): grpc.ServiceError {
    if (this.#subscriber && !this.#subscriber.loaded) return unavailable(`no server known yet for ${this.#describe}: etcd has not answered`);
    return unavailable(`no server registered for ${this.#describe}`);
  }

  pick(deadline: Date | undefined): ChannelPick | Promise<ChannelPick> {
    if (this.#closed) throw unavailable(`the client of ${this.#describe} is closed`);
    const now = this.#pickNow();
    if (now) return now;
    const subscriber = this.#subscriber;
    if (!subscriber || subscriber.loaded) throw this.#noServer();
    const waitMs = Math.max(0, (deadline?.getTime() ?? Date.now() + FIRST_READ_WAIT_MS) - Date.now());
    return within(subscriber.ready, waitMs).then(() => {
      const picked = this.#pickNow();
      if (!picked) throw this.#noServer();
      return picked;
    });
  }

  async waitForReady(deadline: Date): Promise<void> {
    for (;;) {
      const clients = [...this.#clients.values()];
      const ready = clients.some((client) => client.getChannel().getConnectivityState(true) === grpc.connectivityState.READY);
      if (ready) return;
      if (Date.now() >= deadline.getTime()) throw unavailable(`no server of ${this.#describe} became ready in time`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscriber?.close();
    this.#release();
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }
}

/** Resolves when `promise` does, or after `ms` (whichever is first). */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/** The channels for `target`; `make` creates the grpc-js client (with credentials, options, interceptors) for one address. */
export function channelSource(target: Target, make: (address: string) => grpc.Client, balancerName: string, log?: DiscoveryLog): ChannelSource {
  if (target.kind === 'grpc') return new SingleChannel(make(target.target));
  return new BalancedChannels(target, make, balancerName, log);
}
