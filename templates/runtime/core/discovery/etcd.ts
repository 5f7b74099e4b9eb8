/**
 * From go-zero's `EtcdConf` to a connected etcd client, shared: every registration and subscriber
 * of a process that names the same etcd (hosts, account, TLS) uses one client, as go-zero's registry
 * shares one connection per cluster. The client closes when its last user releases it.
 */
import { EtcdClient, type EtcdClientOptions } from '../../etcd/client.ts';

/** go-zero's `discov.EtcdConf`, as the config loader produces it. */
export interface EtcdConfLike {
  readonly Hosts: readonly string[];
  readonly Key: string;
  readonly ID?: number;
  readonly User?: string;
  readonly Pass?: string;
  readonly CertFile?: string;
  readonly CertKeyFile?: string;
  readonly CACertFile?: string;
  readonly InsecureSkipVerify?: boolean;
}

/** A use of a shared client; `release()` once done with it. */
export interface EtcdLease {
  readonly client: EtcdClient;
  release(): void;
}

const shared = new Map<string, { client: EtcdClient; users: number }>();

/** The etcd client options of an `EtcdConf`. */
export function etcdClientOptions(conf: EtcdConfLike): EtcdClientOptions {
  return {
    hosts: conf.Hosts,
    ...(conf.User ? { user: conf.User, pass: conf.Pass ?? '' } : {}),
    ...(conf.CertFile ? { certFile: conf.CertFile } : {}),
    ...(conf.CertKeyFile ? { certKeyFile: conf.CertKeyFile } : {}),
    ...(conf.CACertFile ? { caCertFile: conf.CACertFile } : {}),
    ...(conf.InsecureSkipVerify ? { insecureSkipVerify: true } : {}),
  };
}

/**
 * Takes a use of the client for a cluster (hosts, account, TLS: an `EtcdTarget` is such options too),
 * creating it on first use.
 */
export function acquireEtcd(options: EtcdClientOptions): EtcdLease {
  const id = JSON.stringify([
    [...options.hosts].sort(),
    options.user ?? '',
    options.pass ?? '',
    options.certFile ?? '',
    options.certKeyFile ?? '',
    options.caCertFile ?? '',
    options.insecureSkipVerify ?? false,
  ]);
  let entry = shared.get(id);
  if (!entry) {
    entry = { client: new EtcdClient(options), users: 0 };
    shared.set(id, entry);
  }
  entry.users += 1;
  const mine = entry;
  let released = false;
  return {
    client: mine.client,
    release() {
      if (released) return;
      released = true;
      mine.users -= 1;
      if (mine.users === 0) {
        shared.delete(id);
        mine.client.close();
      }
    },
  };
}
