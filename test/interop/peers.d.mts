/** Types of peers.mjs (plain JavaScript, so `npm run interop:build` runs it without a build). */
export declare const peersModuleDir: string;
export declare const overlayRoot: string;
export declare const peersCacheDir: string;
export declare const PEERS_MODULE: string;
export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string };
export declare function protocStatus(): { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };
export declare function peerStatus(kind: 'rpc' | 'rest'): Availability;
export interface RpcPeer {
  /** The generated, built project (.tsctl-cache/go/peers/shop-<hash>/). */
  readonly dir: string;
  /** goctl's zrpc server: `server -f config.yaml` (see rpcPeerConfig). */
  readonly server: string;
  /**
   * `shopclient HOST:PORT`: every call of the contract through goctl's client, one JSON line.
   * `shopclient -etcd HOSTS -key KEY [-calls N] [-method Get|Ping] [-wait MS] [-timeout MS] [-interval MS]`:
   * discovery through etcd, N unary calls, one JSON line `{calls, ok, failed, errors, servedBy, discoveryMs}`
   * (see test/interop/go/overlay/shop/cmd/shopclient/main.go).
   */
  readonly client: string;
}
export interface RestPeer {
  /** The generated, built project (.tsctl-cache/go/peers/bookstore-<hash>/). */
  readonly dir: string;
  /** goctl's REST server: `server -f config.yaml` (see restPeerConfig). */
  readonly server: string;
  /** stdin `[{type, body}]` → stdout `[{type, value} | {type, error}]`, decoded by go-zero's rules. */
  readonly decodeTypes: string;
}
export interface Peers {
  readonly rpc: RpcPeer | { readonly skipped: string };
  readonly rest: RestPeer;
}
export declare function ensureRpcPeer(): RpcPeer;
export declare function ensureRestPeer(): RestPeer;
export declare function ensurePeers(): Peers;
/** go-zero's `Etcd:` section of a zrpc server config (discov.EtcdConf): where and under which key it registers. */
export interface RpcPeerEtcd {
  /** `Etcd.Hosts`: etcd endpoints, `host:port`. */
  readonly hosts: readonly string[];
  /** `Etcd.Key`: the server registers `<key>/<lease id>` (or `<key>/<id>`) = `127.0.0.1:<port>`. */
  readonly key: string;
  /** `Etcd.ID`: when > 0, the key's suffix instead of the lease id. */
  readonly id?: number;
}
/** The shop peer's config: `Name: shop.rpc`, `ListenOn: 127.0.0.1:<port>`, plus `Etcd` when given. */
export declare function rpcPeerConfig(port: number, options?: { readonly etcd?: RpcPeerEtcd }): string;
export declare function restPeerConfig(port: number, accessSecret: string): string;
export declare function freePort(): Promise<number>;
export declare function waitForPort(port: number, options?: { timeoutMs?: number; alive?: () => boolean }): Promise<void>;

/** The go-zero REST server of bench/http/bench.api (bench:http's go-zero column). */
export declare function ensureBenchPeer(): { readonly dir: string; readonly server: string };
