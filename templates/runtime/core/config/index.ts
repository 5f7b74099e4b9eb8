/**
 * Typed service configuration, go-zero style: the schema builder, the loader, and go-zero's standard
 * sections. A generated `src/config.ts` imports from here; nothing else in the runtime needs the
 * individual files.
 */
export { ConfigError } from './config-error.js';
export { parseDuration } from './duration.js';
export { applyEnvOverrides, expandEnv } from './env.js';
export { etcdConf } from './go-zero-etcd.js';
export { cacheConf, cacheNodeConf, redisConf, redisKeyConf } from './go-zero-redis.js';
export { privateKeyConf, restConf, restMiddlewaresConf, signatureConf } from './go-zero-rest.js';
export { devServerConf, logConf, logFieldKeysConf, prometheusConf, serviceConf, shutdownConf, telemetryConf } from './go-zero-service.js';
export { clientMiddlewaresConf, methodTimeoutConf, rpcClientConf, rpcServerConf, serverMiddlewaresConf, statConf } from './go-zero-zrpc.js';
export { checkConfig, configPathFromArgs, type LoadOptions, loadConfig, loadConfigOrExit } from './load.js';
export { configExtensions, type ConfigFormat, formatOf, parseConfigText } from './parse.js';
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
} from './schema.js';
export { type Validated, validate } from './validate.js';
