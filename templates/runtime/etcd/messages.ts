/**
 * The etcd v3 messages the etcd client (`./client.ts`) exchanges, encoded and decoded by hand with the
 * protobuf wire codec: the requests it sends and the fields of the responses it reads. Field numbers are
 * those of etcd's `api/etcdserverpb/rpc.proto` (package `etcdserverpb`) and `api/mvccpb/kv.proto`.
 *
 * Keys and values are `bytes` in etcd; here they are UTF-8 strings (invalid UTF-8 reads as U+FFFD).
 * Range ends are bytes, since a prefix end need not be valid UTF-8. 64-bit integers are `bigint`s.
 * Decoders read only the fields the client uses and skip every other field, as protobuf parsers must.
 */
import { ProtoReader, ProtoWriter, WireType } from '../protobuf/wire.ts';

/** A key of the store, as a range or a watch event carries it (`mvccpb.KeyValue`). */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
  /** The revision of the last creation of the key. */
  readonly createRevision: bigint;
  /** The revision of the last change of the key. */
  readonly modRevision: bigint;
  /** The lease the key is attached to; 0n for none. */
  readonly lease: bigint;
}

/** A change of a watched key (`mvccpb.Event`). For a delete, `kv` holds the key and its delete revision. */
export interface WatchEvent {
  readonly type: 'put' | 'delete';
  readonly kv: KeyValue;
}

/** `etcdserverpb.RangeResponse`: the kvs found and the store revision of the read. */
export interface RangeResponse {
  readonly revision: bigint;
  readonly kvs: KeyValue[];
}

/** `etcdserverpb.PutResponse`, `LeaseRevokeResponse`: only the header's revision. */
export interface RevisionResponse {
  readonly revision: bigint;
}

/** `etcdserverpb.DeleteRangeResponse`. */
export interface DeleteRangeResponse {
  readonly revision: bigint;
  readonly deleted: bigint;
}

/** `etcdserverpb.LeaseGrantResponse`: `error` is set by etcd when the grant failed. */
export interface LeaseGrantResponse {
  readonly id: bigint;
  readonly ttl: bigint;
  readonly error: string;
}

/** `etcdserverpb.LeaseKeepAliveResponse`: a TTL <= 0 means the lease no longer exists. */
export interface LeaseKeepAliveResponse {
  readonly id: bigint;
  readonly ttl: bigint;
}

/** `etcdserverpb.WatchResponse`. */
export interface WatchResponse {
  /** The header revision: the store revision the response reflects. */
  readonly revision: bigint;
  readonly watchId: bigint;
  readonly created: boolean;
  readonly canceled: boolean;
  /** Set (> 0) when the watch asked for a revision that has been compacted. */
  readonly compactRevision: bigint;
  readonly cancelReason: string;
  readonly events: WatchEvent[];
}

/** `etcdserverpb.AuthenticateResponse`. */
export interface AuthenticateResponse {
  readonly token: string;
}

const utf8 = new TextEncoder();

/** The UTF-8 bytes of a key. */
export function keyBytes(key: string): Uint8Array {
  return utf8.encode(key);
}

/**
 * The range end that makes a range or watch of `key` cover every key starting with it: the key with
 * its last byte below 0xff incremented and what follows dropped ("aa" → "ab", "a\xff" → "b"). When
 * there is no such byte (an empty key, or all 0xff) it is "\0": every key from `key` on.
 */
export function prefixEnd(key: string): Uint8Array {
  const bytes = keyBytes(key);
  for (let i = bytes.length - 1; i >= 0; i -= 1) {
    const b = bytes[i] as number;
    if (b < 0xff) {
      const end = bytes.slice(0, i + 1);
      end[i] = b + 1;
      return end;
    }
  }
  return new Uint8Array([0]);
}

/**
 * Reads the fields of one message (all of the input, or `length` bytes), passing each to `field`,
 * which reads the value and returns true, or returns false to have it skipped.
 */
function readFields(reader: ProtoReader, length: number | undefined, field: (fieldNo: number, wireType: WireType) => boolean): void {
  const previous = reader.pushLimit(length);
  while (reader.pos < reader.limit) {
    const [fieldNo, wireType] = reader.tag();
    if (!field(fieldNo, wireType)) reader.skip(wireType, fieldNo);
  }
  reader.popLimit(previous);
}

const VARINT = WireType.Varint;
const BYTES = WireType.LengthDelimited;

/** `etcdserverpb.ResponseHeader`: only `revision` (3). */
function readHeaderRevision(reader: ProtoReader): bigint {
  let revision = 0n;
  readFields(reader, reader.uint32(), (no, type) => {
    if (no === 3 && type === VARINT) revision = reader.int64();
    else return false;
    return true;
  });
  return revision;
}

/** `mvccpb.KeyValue`: key 1, create_revision 2, mod_revision 3, value 5, lease 6. */
function readKeyValue(reader: ProtoReader): KeyValue {
  let key = '';
  let value = '';
  let createRevision = 0n;
  let modRevision = 0n;
  let lease = 0n;
  readFields(reader, reader.uint32(), (no, type) => {
    if (no === 1 && type === BYTES) key = reader.string();
    else if (no === 2 && type === VARINT) createRevision = reader.int64();
    else if (no === 3 && type === VARINT) modRevision = reader.int64();
    else if (no === 5 && type === BYTES) value = reader.string();
    else if (no === 6 && type === VARINT) lease = reader.int64();
    else return false;
    return true;
  });
  return { key, value, createRevision, modRevision, lease };
}

const EMPTY_KV: KeyValue = { key: '', value: '', createRevision: 0n, modRevision: 0n, lease: 0n };

/** `mvccpb.Event`: type 1 (PUT 0, DELETE 1), kv 2. */
function readEvent(reader: ProtoReader): WatchEvent {
  let type = 0;
  let kv = EMPTY_KV;
  readFields(reader, reader.uint32(), (no, wireType) => {
    if (no === 1 && wireType === VARINT) type = reader.int32();
    else if (no === 2 && wireType === BYTES) kv = readKeyValue(reader);
    else return false;
    return true;
  });
  return { type: type === 1 ? 'delete' : 'put', kv };
}

/** A response of which only the header revision (field 1) is read. */
export function decodeRevisionResponse(bytes: Uint8Array): RevisionResponse {
  const reader = new ProtoReader(bytes);
  let revision = 0n;
  readFields(reader, undefined, (no, type) => {
    if (no === 1 && type === BYTES) revision = readHeaderRevision(reader);
    else return false;
    return true;
  });
  return { revision };
}

/** `etcdserverpb.RangeRequest`: key 1, range_end 2. */
export function encodeRangeRequest(request: { readonly key: string; readonly rangeEnd?: Uint8Array }): Uint8Array {
  const w = ProtoWriter.scratch();
  w.tag(1, BYTES).string(request.key);
  if (request.rangeEnd) w.tag(2, BYTES).bytes(request.rangeEnd);
  return w.finish();
}

/** `etcdserverpb.RangeResponse`: header 1, kvs 2. */
export function decodeRangeResponse(bytes: Uint8Array): RangeResponse {
  const reader = new ProtoReader(bytes);
  let revision = 0n;
  const kvs: KeyValue[] = [];
  readFields(reader, undefined, (no, type) => {
    if (no === 1 && type === BYTES) revision = readHeaderRevision(reader);
    else if (no === 2 && type === BYTES) kvs.push(readKeyValue(reader));
    else return false;
    return true;
  });
  return { revision, kvs };
}

/** `etcdserverpb.PutRequest`: key 1, value 2, lease 3. */
export function encodePutRequest(request: { readonly key: string; readonly value: string; readonly lease?: bigint }): Uint8Array {
  const w = ProtoWriter.scratch();
  w.tag(1, BYTES).string(request.key);
  if (request.value !== '') w.tag(2, BYTES).string(request.value);
  if (request.lease !== undefined && request.lease !== 0n) w.tag(3, VARINT).int64(request.lease);
  return w.finish();
}

/** `etcdserverpb.PutResponse`: header 1. */
export const decodePutResponse = decodeRevisionResponse;

/** `etcdserverpb.DeleteRangeRequest`: key 1, range_end 2. */
export function encodeDeleteRangeRequest(request: { readonly key: string; readonly rangeEnd?: Uint8Array }): Uint8Array {
  const w = ProtoWriter.scratch();
  w.tag(1, BYTES).string(request.key);
  if (request.rangeEnd) w.tag(2, BYTES).bytes(request.rangeEnd);
  return w.finish();
}

/** `etcdserverpb.DeleteRangeResponse`: header 1, deleted 2. */
export function decodeDeleteRangeResponse(bytes: Uint8Array): DeleteRangeResponse {
  const reader = new ProtoReader(bytes);
  let revision = 0n;
  let deleted = 0n;
  readFields(reader, undefined, (no, type) => {
    if (no === 1 && type === BYTES) revision = readHeaderRevision(reader);
    else if (no === 2 && type === VARINT) deleted = reader.int64();
    else return false;
    return true;
  });
  return { revision, deleted };
}

/** `etcdserverpb.LeaseGrantRequest`: TTL 1 (seconds), ID 2 (0: etcd chooses). */
export function encodeLeaseGrantRequest(request: { readonly ttl: number; readonly id?: bigint }): Uint8Array {
  const w = ProtoWriter.scratch();
  if (request.ttl !== 0) w.tag(1, VARINT).int64(request.ttl);
  if (request.id !== undefined && request.id !== 0n) w.tag(2, VARINT).int64(request.id);
  return w.finish();
}

/** `etcdserverpb.LeaseGrantResponse`: ID 2, TTL 3, error 4. */
export function decodeLeaseGrantResponse(bytes: Uint8Array): LeaseGrantResponse {
  const reader = new ProtoReader(bytes);
  let id = 0n;
  let ttl = 0n;
  let error = '';
  readFields(reader, undefined, (no, type) => {
    if (no === 2 && type === VARINT) id = reader.int64();
    else if (no === 3 && type === VARINT) ttl = reader.int64();
    else if (no === 4 && type === BYTES) error = reader.string();
    else return false;
    return true;
  });
  return { id, ttl, error };
}

/** `etcdserverpb.LeaseRevokeRequest`: ID 1. */
export function encodeLeaseRevokeRequest(request: { readonly id: bigint }): Uint8Array {
  return ProtoWriter.scratch().tag(1, VARINT).int64(request.id).finish();
}

/** `etcdserverpb.LeaseRevokeResponse`: header 1. */
export const decodeLeaseRevokeResponse = decodeRevisionResponse;

/** `etcdserverpb.LeaseKeepAliveRequest`: ID 1. */
export function encodeLeaseKeepAliveRequest(request: { readonly id: bigint }): Uint8Array {
  return ProtoWriter.scratch().tag(1, VARINT).int64(request.id).finish();
}

/** `etcdserverpb.LeaseKeepAliveResponse`: ID 2, TTL 3. */
export function decodeLeaseKeepAliveResponse(bytes: Uint8Array): LeaseKeepAliveResponse {
  const reader = new ProtoReader(bytes);
  let id = 0n;
  let ttl = 0n;
  readFields(reader, undefined, (no, type) => {
    if (no === 2 && type === VARINT) id = reader.int64();
    else if (no === 3 && type === VARINT) ttl = reader.int64();
    else return false;
    return true;
  });
  return { id, ttl };
}

/**
 * `etcdserverpb.WatchRequest` with `create_request` (1), a `WatchCreateRequest`: key 1, range_end 2,
 * start_revision 3, progress_notify 4.
 */
export function encodeWatchCreateRequest(request: {
  readonly key: string;
  readonly rangeEnd?: Uint8Array;
  readonly startRevision?: bigint;
  readonly progressNotify?: boolean;
}): Uint8Array {
  const w = ProtoWriter.scratch();
  w.tag(1, BYTES).fork();
  w.tag(1, BYTES).string(request.key);
  if (request.rangeEnd) w.tag(2, BYTES).bytes(request.rangeEnd);
  if (request.startRevision !== undefined && request.startRevision !== 0n) w.tag(3, VARINT).int64(request.startRevision);
  if (request.progressNotify) w.tag(4, VARINT).bool(true);
  w.join();
  return w.finish();
}

/** `etcdserverpb.WatchRequest` with `cancel_request` (2), a `WatchCancelRequest`: watch_id 1. */
export function encodeWatchCancelRequest(request: { readonly watchId: bigint }): Uint8Array {
  const w = ProtoWriter.scratch();
  w.tag(2, BYTES).fork();
  if (request.watchId !== 0n) w.tag(1, VARINT).int64(request.watchId);
  w.join();
  return w.finish();
}

/**
 * `etcdserverpb.WatchResponse`: header 1, watch_id 2, created 3, canceled 4, compact_revision 5,
 * cancel_reason 6, events 11.
 */
export function decodeWatchResponse(bytes: Uint8Array): WatchResponse {
  const reader = new ProtoReader(bytes);
  let revision = 0n;
  let watchId = 0n;
  let created = false;
  let canceled = false;
  let compactRevision = 0n;
  let cancelReason = '';
  const events: WatchEvent[] = [];
  readFields(reader, undefined, (no, type) => {
    if (no === 1 && type === BYTES) revision = readHeaderRevision(reader);
    else if (no === 2 && type === VARINT) watchId = reader.int64();
    else if (no === 3 && type === VARINT) created = reader.bool();
    else if (no === 4 && type === VARINT) canceled = reader.bool();
    else if (no === 5 && type === VARINT) compactRevision = reader.int64();
    else if (no === 6 && type === BYTES) cancelReason = reader.string();
    else if (no === 11 && type === BYTES) events.push(readEvent(reader));
    else return false;
    return true;
  });
  return { revision, watchId, created, canceled, compactRevision, cancelReason, events };
}

/** `etcdserverpb.AuthenticateRequest`: name 1, password 2. */
export function encodeAuthenticateRequest(request: { readonly name: string; readonly password: string }): Uint8Array {
  const w = ProtoWriter.scratch();
  if (request.name !== '') w.tag(1, BYTES).string(request.name);
  if (request.password !== '') w.tag(2, BYTES).string(request.password);
  return w.finish();
}

/** `etcdserverpb.AuthenticateResponse`: token 2. */
export function decodeAuthenticateResponse(bytes: Uint8Array): AuthenticateResponse {
  const reader = new ProtoReader(bytes);
  let token = '';
  readFields(reader, undefined, (no, type) => {
    if (no === 2 && type === BYTES) token = reader.string();
    else return false;
    return true;
  });
  return { token };
}
