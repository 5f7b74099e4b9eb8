/**
 * go-zero's `service.ServiceConf` and the sections it holds (logging, metrics, tracing, dev server,
 * shutdown), with go-zero's key names and defaults, so an etc file written for a Go service loads
 * unchanged. Read from go-zero v1.10.x: `core/service/serviceconf.go`, `core/logx/config.go`,
 * `core/prometheus/config.go`, `core/trace/config.go`, `internal/devserver/config.go`,
 * `core/proc/shutdown.go`. Each section is exported as go-zero's type (a required struct); where go-zero
 * tags the key `optional`, the schema that holds it re-declares it with `{ optional: true }`.
 */
import { defineConfig, field } from './schema.ts';

const port = { integer: true, min: 0, max: 65535 } as const;

/** Key names of the JSON log lines (go-zero's `logx` fieldKeyConf). */
export const logFieldKeysConf = field.object({
  /** Key of the caller (go-zero LogConf.FieldKeys.CallerKey). */
  CallerKey: field.string({ default: 'caller' }),
  /** Key of the message (go-zero LogConf.FieldKeys.ContentKey). */
  ContentKey: field.string({ default: 'content' }),
  /** Key of a duration (go-zero LogConf.FieldKeys.DurationKey). */
  DurationKey: field.string({ default: 'duration' }),
  /** Key of the level (go-zero LogConf.FieldKeys.LevelKey). */
  LevelKey: field.string({ default: 'level' }),
  /** Key of the span id (go-zero LogConf.FieldKeys.SpanKey). */
  SpanKey: field.string({ default: 'span' }),
  /** Key of the time (go-zero LogConf.FieldKeys.TimestampKey). */
  TimestampKey: field.string({ default: '@timestamp' }),
  /** Key of the trace id (go-zero LogConf.FieldKeys.TraceKey). */
  TraceKey: field.string({ default: 'trace' }),
  /** Key marking a truncated message (go-zero LogConf.FieldKeys.TruncatedKey). */
  TruncatedKey: field.string({ default: 'truncated' }),
});

/** Logging (go-zero `logx.LogConf`). */
export const logConf = field.object({
  /** Service name in log lines; Name when empty (go-zero LogConf.ServiceName). */
  ServiceName: field.string({ optional: true }),
  /** Where logs go: console, file, or volume (file under a per-host directory) (go-zero LogConf.Mode). */
  Mode: field.oneOf(['console', 'file', 'volume'], { default: 'console' }),
  /** Line format: json or plain (go-zero LogConf.Encoding). */
  Encoding: field.oneOf(['json', 'plain'], { default: 'json' }),
  /** Time layout of log lines, Go style (go-zero LogConf.TimeFormat). */
  TimeFormat: field.string({ optional: true }),
  /** Directory of log files in file and volume modes (go-zero LogConf.Path). */
  Path: field.string({ default: 'logs' }),
  /** Lowest level written: debug, info, error or severe (go-zero LogConf.Level). */
  Level: field.oneOf(['debug', 'info', 'error', 'severe'], { default: 'info' }),
  /** Longest message in bytes before it is truncated; no limit when unset (go-zero LogConf.MaxContentLength). */
  MaxContentLength: field.number({ optional: true, integer: true, min: 0 }),
  /** Gzip rotated log files (go-zero LogConf.Compress). */
  Compress: field.boolean({ optional: true }),
  /** Log periodic CPU/memory statistics (go-zero LogConf.Stat). */
  Stat: field.boolean({ default: true }),
  /** Days to keep log files; all when unset (go-zero LogConf.KeepDays). */
  KeepDays: field.number({ optional: true, integer: true, min: 0 }),
  /** Least milliseconds between two logged stacks (go-zero LogConf.StackCooldownMillis). */
  StackCooldownMillis: field.number({ default: 100, integer: true, min: 0 }),
  /** Rotated files kept with size rotation; 0 keeps all (go-zero LogConf.MaxBackups). */
  MaxBackups: field.number({ default: 0, integer: true, min: 0 }),
  /** Size in MB that rotates a log file with size rotation; 0 means no limit (go-zero LogConf.MaxSize). */
  MaxSize: field.number({ default: 0, integer: true, min: 0 }),
  /** Rotation rule: daily or size (go-zero LogConf.Rotation). */
  Rotation: field.oneOf(['daily', 'size'], { default: 'daily' }),
  /** Time layout in rotated file names, Go style (go-zero LogConf.FileTimeFormat). */
  FileTimeFormat: field.string({ optional: true }),
  /** Key names of JSON log lines (go-zero LogConf.FieldKeys). */
  FieldKeys: field.object(logFieldKeysConf.fields, { optional: true }),
});

/** The Prometheus agent; it starts only when Host is set (go-zero `prometheus.Config`). */
export const prometheusConf = field.object({
  /** Address the metrics endpoint listens on (go-zero Prometheus.Host). */
  Host: field.string({ optional: true }),
  /** Port of the metrics endpoint (go-zero Prometheus.Port). */
  Port: field.number({ default: 9101, ...port }),
  /** Path of the metrics endpoint (go-zero Prometheus.Path). */
  Path: field.string({ default: '/metrics' }),
});

/** OpenTelemetry tracing (go-zero `trace.Config`). */
export const telemetryConf = field.object({
  /** Service name on spans; Name when empty (go-zero Telemetry.Name). */
  Name: field.string({ optional: true }),
  /** Collector endpoint; no export when empty (go-zero Telemetry.Endpoint). */
  Endpoint: field.string({ optional: true }),
  /** Fraction of traces sampled, 0 to 1 (go-zero Telemetry.Sampler). */
  Sampler: field.number({ default: 1, min: 0, max: 1 }),
  /** Exporter: zipkin, otlpgrpc, otlphttp or file (go-zero Telemetry.Batcher). */
  Batcher: field.oneOf(['zipkin', 'otlpgrpc', 'otlphttp', 'file'], { default: 'otlpgrpc' }),
  /** Headers sent with OTLP exports (go-zero Telemetry.OtlpHeaders). */
  OtlpHeaders: field.map(field.string(), { optional: true }),
  /** URL path of OTLP over HTTP, e.g. /v1/traces (go-zero Telemetry.OtlpHttpPath). */
  OtlpHttpPath: field.string({ optional: true }),
  /** Use https for OTLP over HTTP (go-zero Telemetry.OtlpHttpSecure). */
  OtlpHttpSecure: field.boolean({ optional: true }),
  /** Do not start the tracing agent (go-zero Telemetry.Disabled). */
  Disabled: field.boolean({ optional: true }),
});

/** The internal HTTP server for health, metrics and pprof (go-zero `devserver.Config`). */
export const devServerConf = field.object({
  /** Start the dev server (go-zero DevServer.Enabled). */
  Enabled: field.boolean({ default: true }),
  /** Address it listens on (go-zero DevServer.Host). */
  Host: field.string({ optional: true }),
  /** Port it listens on (go-zero DevServer.Port). */
  Port: field.number({ default: 6060, ...port }),
  /** Path of the metrics page (go-zero DevServer.MetricsPath). */
  MetricsPath: field.string({ default: '/metrics' }),
  /** Path of the health check (go-zero DevServer.HealthPath). */
  HealthPath: field.string({ default: '/healthz' }),
  /** Serve metrics (go-zero DevServer.EnableMetrics). */
  EnableMetrics: field.boolean({ default: true }),
  /** Serve profiling endpoints (go-zero DevServer.EnablePprof). */
  EnablePprof: field.boolean({ default: true }),
  /** Body of a healthy health check (go-zero DevServer.HealthResponse). */
  HealthResponse: field.string({ default: 'OK' }),
});

/** Graceful shutdown timing, in milliseconds (go-zero `proc.ShutdownConf`). */
export const shutdownConf = field.object({
  /** Time given to wrap-up listeners (deregistration) before shutdown listeners run (go-zero Shutdown.WrapUpTime). */
  WrapUpTime: field.duration({ default: '1s' }),
  /** Time before the process is force-killed (go-zero Shutdown.WaitTime). */
  WaitTime: field.duration({ default: '5.5s' }),
});

/** go-zero's `service.ServiceConf`: the keys every service has. Spread it into a schema. */
export const serviceConf = defineConfig({
  /** The service name, used in logs, metrics and registration (go-zero Name). */
  Name: field.string(),
  /** Logging (go-zero Log). */
  Log: logConf,
  /** dev, test, rt, pre or pro; all but pro turn load shedding off (go-zero Mode). */
  Mode: field.oneOf(['dev', 'test', 'rt', 'pre', 'pro'], { default: 'pro' }),
  /** URL that periodic stats are posted to (go-zero MetricsUrl). */
  MetricsUrl: field.string({ optional: true }),
  /** The Prometheus agent (go-zero Prometheus). */
  Prometheus: field.object(prometheusConf.fields, { optional: true }),
  /** OpenTelemetry tracing (go-zero Telemetry). */
  Telemetry: field.object(telemetryConf.fields, { optional: true }),
  /** The internal dev server (go-zero DevServer). */
  DevServer: field.object(devServerConf.fields, { optional: true }),
  /** Graceful shutdown timing (go-zero Shutdown). */
  Shutdown: field.object(shutdownConf.fields, { optional: true }),
});
