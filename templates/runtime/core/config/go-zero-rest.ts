/**
 * go-zero's `rest.RestConf` (`rest/config.go`, v1.10.x), the base of an HTTP service's config: the
 * `ServiceConf` keys plus the server's own, with go-zero's names and defaults. A generated config spreads
 * it and adds the user's keys: `defineConfig({ ...restConf, DB: field.object({ … }) })`.
 * tsctl adds one key of its own, `ShutdownTimeout`.
 */
import { etcdConf } from './go-zero-etcd.ts';
import { serviceConf } from './go-zero-service.ts';
import { defineConfig, field } from './schema.ts';

/** Which built-in HTTP middlewares run; all on by default (go-zero `rest.MiddlewaresConf`). */
export const restMiddlewaresConf = field.object({
  /** Tracing spans (go-zero Middlewares.Trace). */
  Trace: field.boolean({ default: true }),
  /** Access log (go-zero Middlewares.Log). */
  Log: field.boolean({ default: true }),
  /** Prometheus request metrics (go-zero Middlewares.Prometheus). */
  Prometheus: field.boolean({ default: true }),
  /** The MaxConns limit (go-zero Middlewares.MaxConns). */
  MaxConns: field.boolean({ default: true }),
  /** The adaptive circuit breaker (go-zero Middlewares.Breaker). */
  Breaker: field.boolean({ default: true }),
  /** Adaptive load shedding (go-zero Middlewares.Shedding). */
  Shedding: field.boolean({ default: true }),
  /** The request Timeout (go-zero Middlewares.Timeout). */
  Timeout: field.boolean({ default: true }),
  /** Turning a thrown error into a 500 (go-zero Middlewares.Recover). */
  Recover: field.boolean({ default: true }),
  /** Request statistics (go-zero Middlewares.Metrics). */
  Metrics: field.boolean({ default: true }),
  /** The MaxBytes body limit (go-zero Middlewares.MaxBytes). */
  MaxBytes: field.boolean({ default: true }),
  /** Gunzipping gzip request bodies (go-zero Middlewares.Gunzip). */
  Gunzip: field.boolean({ default: true }),
});

/** One private key for signed requests (go-zero `rest.PrivateKeyConf`). */
export const privateKeyConf = field.object({
  /** Fingerprint clients send to pick the key (go-zero PrivateKeyConf.Fingerprint). */
  Fingerprint: field.string(),
  /** PEM file of the key (go-zero PrivateKeyConf.KeyFile). */
  KeyFile: field.string(),
});

/** Request signature checking (go-zero `rest.SignatureConf`). */
export const signatureConf = field.object({
  /** Reject unsigned requests (go-zero Signature.Strict). */
  Strict: field.boolean({ default: false }),
  /** How long a signature stays valid, in milliseconds (go-zero Signature.Expiry). */
  Expiry: field.duration({ default: '1h' }),
  /** The keys requests may be signed for (go-zero Signature.PrivateKeys). */
  PrivateKeys: field.list(privateKeyConf),
});

/** go-zero's `rest.RestConf` keys, plus tsctl's ShutdownTimeout. Spread it into a schema. */
export const restConf = defineConfig({
  ...serviceConf,
  /** Address to listen on (go-zero RestConf.Host). */
  Host: field.string({ default: '0.0.0.0' }),
  /** Port to listen on (go-zero RestConf.Port). */
  Port: field.number({ integer: true, min: 0, max: 65535 }),
  /** Register in etcd as go-zero's RPC servers do (tsctl, not go-zero: its REST servers never register). */
  Etcd: field.object(etcdConf.fields, { optional: true, inherit: true }),
  /** TLS certificate file; https when set with KeyFile (go-zero RestConf.CertFile). */
  CertFile: field.string({ optional: true }),
  /** TLS key file (go-zero RestConf.KeyFile). */
  KeyFile: field.string({ optional: true }),
  /** Log every request in full (go-zero RestConf.Verbose). */
  Verbose: field.boolean({ optional: true }),
  /** Most requests handled at once; more get 503 (go-zero RestConf.MaxConns). */
  MaxConns: field.number({ default: 10000, integer: true, min: 0 }),
  /** Largest request body in bytes (go-zero RestConf.MaxBytes). */
  MaxBytes: field.number({ default: 1048576, integer: true, min: 0 }),
  /** Request timeout in milliseconds; 0 means none (go-zero RestConf.Timeout). */
  Timeout: field.number({ default: 3000, integer: true, min: 0 }),
  /** CPU load, out of 1000, above which load shedding starts; 0 disables it (go-zero RestConf.CpuThreshold, range [0:1000)). */
  CpuThreshold: field.number({ default: 900, integer: true, min: 0, max: 999 }),
  /** Request signature checking (go-zero RestConf.Signature). */
  Signature: field.object(signatureConf.fields, { optional: true }),
  /** Which built-in middlewares run (go-zero RestConf.Middlewares). */
  Middlewares: restMiddlewaresConf,
  /** Paths the trace middleware skips (go-zero RestConf.TraceIgnorePaths). */
  TraceIgnorePaths: field.list(field.string(), { optional: true }),
  /** How long a shutdown waits for running requests, in milliseconds (tsctl, not go-zero). */
  ShutdownTimeout: field.number({ default: 5500, min: 0 }),
});
