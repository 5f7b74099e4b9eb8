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
  /** `shopclient HOST:PORT`: every call of the contract through goctl's client, one JSON line. */
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
export declare function rpcPeerConfig(port: number): string;
export declare function restPeerConfig(port: number, accessSecret: string): string;
export declare function freePort(): Promise<number>;
export declare function waitForPort(port: number, options?: { timeoutMs?: number; alive?: () => boolean }): Promise<void>;

/** The go-zero REST server of bench/http/bench.api (bench:http's go-zero column). */
export declare function ensureBenchPeer(): { readonly dir: string; readonly server: string };
