/**
 * Following the servers registered under a key in etcd, as go-zero's `discov.Subscriber` does: read
 * everything under `<key>/`, then watch from the next revision; values are addresses, de-duplicated
 * (two keys with one value are one server).
 *
 * Faults: a broken or cancelled watch (etcd restarted, compaction, partition) is retried about a
 * second later with a full reload, so nothing that changed meanwhile is missed; while etcd is down
 * the last known addresses stay in use. Each change of state is logged once.
 */
import type { EtcdClient, WatchEvent } from '../../etcd/client.ts';
import { type DiscoveryLog, StateLog, consoleLog, errorText } from './log.ts';

export interface SubscriberOptions {
  readonly client: EtcdClient;
  /** The service key (go-zero Etcd.Key): servers are the values under `<key>/`. */
  readonly key: string;
  /** Called with the sorted, de-duplicated addresses whenever they change. */
  readonly onChange?: (addresses: readonly string[]) => void;
  /** Pause before retrying a failed read or watch, in milliseconds (about 1000, as go-zero). */
  readonly retryMs?: number;
  readonly log?: DiscoveryLog;
}

export interface Subscriber {
  /** The addresses known now (the last known ones while etcd is down). */
  readonly addresses: readonly string[];
  /** True once the first read from etcd succeeded. */
  readonly loaded: boolean;
  /** Resolves after the first successful read (never rejects; race it with a deadline). */
  readonly ready: Promise<void>;
  close(): void;
}

/** Starts following `<key>/` in etcd. */
export function subscribe(options: SubscriberOptions): Subscriber {
  const { client, key } = options;
  const prefix = `${key}/`;
  const retryMs = options.retryMs ?? 1000;
  const log = options.log ?? consoleLog;
  const state = new StateLog(log);
  const byKey = new Map<string, string>();
  let addresses: readonly string[] = [];
  let loaded = false;
  let closed = false;
  let watcher: { close(): void } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  const publish = (): void => {
    const next = [...new Set(byKey.values())].sort();
    if (next.length === addresses.length && next.every((a, i) => a === addresses[i])) return;
    addresses = next;
    // A change of the server set is a change of state too: one line each.
    if (loaded) log('info', `etcd: ${key} → ${describe(addresses)}`);
    options.onChange?.(addresses);
  };

  const apply = (events: readonly WatchEvent[]): void => {
    for (const event of events) {
      if (event.type === 'put') byKey.set(event.kv.key, event.kv.value);
      else byKey.delete(event.kv.key);
    }
    publish();
  };

  const retry = (): void => {
    if (closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void load();
    }, jitter(retryMs));
  };

  const load = async (): Promise<void> => {
    if (closed) return;
    let revision: bigint;
    try {
      const result = await client.get(prefix, { prefix: true });
      if (closed) return;
      byKey.clear();
      for (const kv of result.kvs) byKey.set(kv.key, kv.value);
      revision = result.revision;
    } catch (error) {
      state.set('unreachable', 'error', `etcd: cannot read ${prefix} (${errorText(error)}); keeping ${addresses.length} known address(es), retrying`);
      retry();
      return;
    }
    const first = !loaded;
    publish();
    loaded = true;
    resolveReady();
    state.set('watching', 'info', first ? `etcd: ${key} → ${describe(addresses)}` : `etcd: watching ${prefix} again`);
    watcher = client.watch(prefix, {
      prefix: true,
      startRevision: revision + 1n,
      onEvents: (events) => apply(events),
      onError: (error) => {
        watcher = undefined;
        if (closed) return;
        state.set('broken', 'error', `etcd: watch of ${prefix} broke (${errorText(error)}); keeping ${addresses.length} known address(es), reloading`);
        retry();
      },
    });
  };

  void load();

  return {
    get addresses() {
      return addresses;
    },
    get loaded() {
      return loaded;
    },
    ready,
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      watcher?.close();
      watcher = undefined;
    },
  };
}

/** `ms` ± 10 %, so many clients do not retry in lockstep. */
function jitter(ms: number): number {
  return Math.round(ms * (0.9 + Math.random() * 0.2));
}

function describe(addresses: readonly string[]): string {
  return addresses.length === 0 ? 'no servers' : addresses.join(', ');
}
