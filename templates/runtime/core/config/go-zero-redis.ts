/**
 * go-zero's Redis and cache sections (`core/stores/redis/conf.go`, `core/stores/cache/config.go`,
 * v1.10.x), the ones users add to their own config most: `Redis redis.RedisConf` and
 * `Cache cache.CacheConf` (a list of Redis nodes with weights).
 */
import { field } from './schema.ts';

/** A Redis server (go-zero `redis.RedisConf`). */
export const redisConf = field.object({
  /** host:port (go-zero RedisConf.Host). */
  Host: field.string(),
  /** node or cluster (go-zero RedisConf.Type). */
  Type: field.oneOf(['node', 'cluster'], { default: 'node' }),
  /** ACL user (go-zero RedisConf.User). */
  User: field.string({ optional: true }),
  /** Password (go-zero RedisConf.Pass). */
  Pass: field.string({ optional: true }),
  /** Connect with TLS (go-zero RedisConf.Tls). */
  Tls: field.boolean({ optional: true }),
  /** Start without waiting for a first successful ping (go-zero RedisConf.NonBlock). */
  NonBlock: field.boolean({ default: true }),
  /** Skip CLIENT SETINFO on connect, for servers that reject it (go-zero RedisConf.DisableIdentity). */
  DisableIdentity: field.boolean({ default: false }),
  /** RESP protocol version, 2 or 3 (go-zero RedisConf.Protocol). */
  Protocol: field.number({ default: 3, integer: true }),
  /** CLIENT MAINT_NOTIFICATIONS handshake: disabled, enabled or auto (go-zero RedisConf.MaintNotifications). */
  MaintNotifications: field.oneOf(['disabled', 'enabled', 'auto'], { default: 'disabled' }),
  /** Timeout of the connect-time ping, in milliseconds (go-zero RedisConf.PingTimeout). */
  PingTimeout: field.duration({ default: '1s' }),
});

/** A Redis server and the key of the data kept there (go-zero `redis.RedisKeyConf`). */
export const redisKeyConf = field.object({
  ...redisConf.fields,
  /** The key (go-zero RedisKeyConf.Key). */
  Key: field.string(),
});

/** One cache node: a Redis server and its share of keys (go-zero `cache.NodeConf`). */
export const cacheNodeConf = field.object({
  ...redisConf.fields,
  /** Relative share of keys on this node (go-zero NodeConf.Weight). */
  Weight: field.number({ default: 100, integer: true, min: 0 }),
});

/** The model cache: one or more Redis nodes (go-zero `cache.CacheConf`). */
export const cacheConf = field.list(cacheNodeConf);
