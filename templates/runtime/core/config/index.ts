/**
 * Typed service configuration, go-zero style: the schema builder, the loader, and go-zero's standard
 * sections. A generated `src/config.ts` imports from here; nothing else in the runtime needs the
 * individual files.
 */
export { ConfigError } from './config-error.ts';
export { parseDuration } from './duration.ts';
export { applyEnvOverrides, expandEnv } from './env.ts';
export { etcdConf } from './go-zero-etcd.ts';
export { cacheConf, cacheNodeConf, redisConf, redisKeyConf } from './go-zero-redis.ts';
export { privateKeyConf, restConf, restMiddlewaresConf, signatureConf } from './go-zero-rest.ts';
export { devServerConf, logConf, logFieldKeysConf, prometheusConf, serviceConf, shutdownConf, telemetryConf } from './go-zero-service.ts';
export { clientMiddlewaresConf, methodTimeoutConf, rpcClientConf, rpcServerConf, serverMiddlewaresConf, statConf } from './go-zero-zrpc.ts';
export { checkConfig, configPathFromArgs, type LoadOptions, loadConfig, loadConfigOrExit } from './load.ts';
export { configExtensions, type ConfigFormat, formatOf, parseConfigText } from './parse.ts';
export {
  defineConfig,
  field,
  type Field,
  type FieldRule,
  type Infer,
  type InferField,
  type ListField,
  type MapField,
  type ObjectField,
  type Schema,
} from './schema.ts';
export { type Validated, validate } from './validate.ts';
