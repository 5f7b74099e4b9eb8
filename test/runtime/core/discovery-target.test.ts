// Client targets (templates/runtime/core/discovery/target.ts) as go-zero reads them: BuildTarget's
// priority (zrpc/config.go), the target strings of zrpc/resolver/, and the errors for malformed ones.
import { describe, expect, it } from 'vitest';
import {
  describeTarget,
  formatTarget,
  parseTarget,
  subset,
  subsetSize,
  TargetError,
  targetOf,
} from '../../../templates/runtime/core/discovery/target.js';
import { mulberry32 } from '../../helpers/random.js';

function errorOf(run: () => unknown): TargetError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TargetError);
    return error as TargetError;
  }
  throw new Error('expected a TargetError');
}

describe('parseTarget', () => {
  it('reads etcd:///hosts?key= (go-zero BuildDiscovTarget)', () => {
    expect(parseTarget('etcd:///127.0.0.1:2379,10.0.0.2:2379?key=user.rpc')).toEqual({
      kind: 'etcd',
      hosts: ['127.0.0.1:2379', '10.0.0.2:2379'],
      key: 'user.rpc',
    });
  });

  it('unescapes the key as Go url.Query does', () => {
    expect(parseTarget('etcd:///localhost:2379?key=%2Fgrpc%2Fmy-service')).toMatchObject({ key: '/grpc/my-service' });
    expect(parseTarget('etcd:///localhost:2379?key=a+b%26c%3Dd&other=1')).toMatchObject({ key: 'a b&c=d' });
  });

  it('reads the older etcd://hosts/key, the key slashes and all', () => {
    expect(parseTarget('etcd://h1:2379,h2:2379/user.rpc')).toEqual({ kind: 'etcd', hosts: ['h1:2379', 'h2:2379'], key: 'user.rpc' });
    expect(parseTarget('etcd://h1:2379/grpc/user')).toMatchObject({ key: 'grpc/user' });
    expect(parseTarget('etcd://h1:2379//user.rpc/')).toMatchObject({ key: 'user.rpc' });
  });

  it('reads discov:// in both forms, and schemes in any case', () => {
    expect(parseTarget('discov://h1:2379,h2:2379/user.rpc')).toEqual({ kind: 'etcd', hosts: ['h1:2379', 'h2:2379'], key: 'user.rpc' });
    expect(parseTarget('discov:///h1:2379?key=user.rpc')).toEqual({ kind: 'etcd', hosts: ['h1:2379'], key: 'user.rpc' });
    expect(parseTarget('ETCD:///h1:2379?key=k')).toMatchObject({ kind: 'etcd', key: 'k' });
  });

  it('reads direct:///a,b, dropping empty entries and ignoring an authority as go-zero', () => {
    expect(parseTarget('direct:///127.0.0.1:1,127.0.0.1:2')).toEqual({ kind: 'direct', addresses: ['127.0.0.1:1', '127.0.0.1:2'] });
    expect(parseTarget('direct:///a:1,,b:2,')).toEqual({ kind: 'direct', addresses: ['a:1', 'b:2'] });
    expect(parseTarget('direct://authority/localhost:8080')).toEqual({ kind: 'direct', addresses: ['localhost:8080'] });
    expect(parseTarget('direct:///[::1]:8080')).toEqual({ kind: 'direct', addresses: ['[::1]:8080'] });
  });

  it('takes a plain host:port, and passthrough:///host:port, as one direct address', () => {
    expect(parseTarget('127.0.0.1:8080')).toEqual({ kind: 'direct', addresses: ['127.0.0.1:8080'] });
    expect(parseTarget('localhost:8080')).toEqual({ kind: 'direct', addresses: ['localhost:8080'] });
    expect(parseTarget('user-rpc.prod.svc.cluster.local:9000')).toEqual({
      kind: 'direct',
      addresses: ['user-rpc.prod.svc.cluster.local:9000'],
    });
    expect(parseTarget('[::1]:8080')).toEqual({ kind: 'direct', addresses: ['[::1]:8080'] });
    expect(parseTarget('passthrough:///10.0.0.1:80')).toEqual({ kind: 'direct', addresses: ['10.0.0.1:80'] });
  });

  it('hands any other scheme to grpc-js unchanged', () => {
    for (const target of ['dns:///user-rpc:8080', 'dns://8.8.8.8/user-rpc:8080', 'unix:///tmp/rpc.sock', 'unix:/tmp/rpc.sock', 'unix:rpc.sock', 'ipv4:10.0.0.1:80,10.0.0.2:80', 'ipv6:[::1]:80', 'xds:///user']) {
      expect(parseTarget(target)).toEqual({ kind: 'grpc', target });
    }
  });

  it('refuses go-zero k8s:// targets, pointing at dns:///', () => {
    expect(errorOf(() => parseTarget('k8s://prod/user-rpc:9000')).message).toMatch(
      /^target "k8s:\/\/prod\/user-rpc:9000": k8s targets are not supported; use dns:\/\/\//,
    );
  });

  it.each([
    ['', 'empty target'],
    ['  ', 'empty target'],
    ['etcd:///?key=user.rpc', 'target "etcd:///?key=user.rpc": no etcd hosts'],
    ['etcd:///h1:2379', 'target "etcd:///h1:2379": no etcd key (expected ?key=<key>)'],
    ['etcd:///h1:2379?key=', 'target "etcd:///h1:2379?key=": no etcd key (expected ?key=<key>)'],
    ['etcd://h1:2379', 'target "etcd://h1:2379": no etcd key (expected /<key> after the hosts)'],
    ['etcd:///h1?key=k', 'target "etcd:///h1?key=k": "h1" has no port (expected host:port)'],
    ['etcd:///h1:99999?key=k', 'target "etcd:///h1:99999?key=k": "h1:99999": port 99999 is out of range 1-65535'],
    ['direct:///', 'target "direct:///": no addresses'],
    ['direct://a:1,b:2', 'target "direct://a:1,b:2": no addresses; direct targets list them after three slashes, direct:///a:1,b:2'],
    ['direct:///a:1,b', 'target "direct:///a:1,b": "b" has no port (expected host:port)'],
    ['direct:///a:0', 'target "direct:///a:0": "a:0": port 0 is out of range 1-65535'],
    ['direct:///a:http', 'target "direct:///a:http": "a:http": port "http" is not a number'],
    ['direct:///::1:80', 'target "direct:///::1:80": "::1:80": bracket an IPv6 address, as [::1]:80'],
    ['direct:///:80', 'target "direct:///:80": ":80" has no host'],
    ['direct:///[::1]', 'target "direct:///[::1]": "[::1]" has no port'],
    ['localhost', 'target "localhost": "localhost" has no port (expected host:port)'],
    ['localhost:', 'target "localhost:": "localhost:" has no port'],
    ['localhost:70000', 'target "localhost:70000": "localhost:70000": port 70000 is out of range 1-65535'],
    ['a:1,b:2', 'target "a:1,b:2": list several addresses as direct:///a:1,b:2, or in Endpoints'],
    ['etcd:///h:1?key=%zz', 'target "etcd:///h:1?key=%zz": invalid %-escape in "key=%zz"'],
    ['etcd://h:1/%zz', 'target "etcd://h:1/%zz": invalid %-escape in "/%zz"'],
  ])('refuses %j', (target, message) => {
    const error = errorOf(() => parseTarget(target));
    expect(error.message).toBe(message);
    expect(error.name).toBe('TargetError');
  });
});

describe('targetOf', () => {
  const etcd = { Hosts: ['127.0.0.1:2379'], Key: 'user.rpc' };

  it('takes Endpoints before Target before Etcd, as go-zero BuildTarget', () => {
    expect(targetOf({ Endpoints: ['10.0.0.1:8080', '10.0.0.2:8080'], Target: 'dns:///x:1', Etcd: etcd })).toEqual({
      kind: 'direct',
      addresses: ['10.0.0.1:8080', '10.0.0.2:8080'],
    });
    expect(targetOf({ Endpoints: [], Target: 'dns:///x:1', Etcd: etcd })).toEqual({ kind: 'grpc', target: 'dns:///x:1' });
    expect(targetOf({ Target: '', Etcd: etcd })).toEqual({ kind: 'etcd', hosts: ['127.0.0.1:2379'], key: 'user.rpc' });
    expect(targetOf({ Target: 'etcd:///h:2379?key=other', Etcd: etcd })).toEqual({ kind: 'etcd', hosts: ['h:2379'], key: 'other' });
  });

  it('splits Endpoint entries at commas, as go-zero joins and re-splits them', () => {
    expect(targetOf({ Endpoints: ['a:1,b:2', 'c:3'] })).toEqual({ kind: 'direct', addresses: ['a:1', 'b:2', 'c:3'] });
  });

  it('carries the etcd account and TLS settings as set, and refuses a certificate without its key', () => {
    expect(targetOf({ Etcd: { ...etcd, User: 'root', Pass: 'secret' } })).toEqual({
      kind: 'etcd',
      hosts: ['127.0.0.1:2379'],
      key: 'user.rpc',
      user: 'root',
      pass: 'secret',
    });
    // go-zero would drop the account silently; etcd says what is wrong instead.
    expect(targetOf({ Etcd: { ...etcd, User: 'root' } })).toEqual({ kind: 'etcd', hosts: ['127.0.0.1:2379'], key: 'user.rpc', user: 'root', pass: '' });
    expect(
      targetOf({ Etcd: { ...etcd, CertFile: 'c.pem', CertKeyFile: 'k.pem', CACertFile: 'ca.pem', InsecureSkipVerify: true } }),
    ).toEqual({
      kind: 'etcd',
      hosts: ['127.0.0.1:2379'],
      key: 'user.rpc',
      certFile: 'c.pem',
      certKeyFile: 'k.pem',
      caCertFile: 'ca.pem',
      insecureSkipVerify: true,
    });
    // A server-only TLS setup: the CA, no client certificate.
    expect(targetOf({ Etcd: { ...etcd, CACertFile: 'ca.pem' } })).toEqual({ kind: 'etcd', hosts: ['127.0.0.1:2379'], key: 'user.rpc', caCertFile: 'ca.pem' });
    expect(() => targetOf({ Etcd: { ...etcd, CertFile: 'c.pem', InsecureSkipVerify: true } })).toThrow(
      new TargetError('Etcd {"Hosts":["127.0.0.1:2379"],"Key":"user.rpc"}: CertFile and CertKeyFile go together'),
    );
  });

  it.each([
    [{}, 'no target: set Endpoints, Target or Etcd (Hosts and Key)'],
    [{ Endpoints: [], Target: '' }, 'no target: set Endpoints, Target or Etcd (Hosts and Key)'],
    [{ Etcd: { Hosts: [], Key: '' } }, 'no target: set Endpoints, Target or Etcd (Hosts and Key)'],
    [{ Etcd: { Hosts: [], Key: 'user.rpc' } }, 'Etcd {"Hosts":[],"Key":"user.rpc"}: no Hosts'],
    [{ Etcd: { Hosts: ['127.0.0.1:2379'], Key: '' } }, 'Etcd {"Hosts":["127.0.0.1:2379"],"Key":""}: no Key'],
    [{ Etcd: { Hosts: ['etcd'], Key: 'k' } }, 'Etcd {"Hosts":["etcd"],"Key":"k"}: "etcd" has no port (expected host:port)'],
    [{ Endpoints: ['10.0.0.1'] }, 'Endpoints ["10.0.0.1"]: "10.0.0.1" has no port (expected host:port)'],
    [{ Endpoints: [',', ''] }, 'Endpoints [",",""]: no addresses'],
    [{ Target: 'localhost' }, 'target "localhost": "localhost" has no port (expected host:port)'],
  ])('refuses %j', (conf, message) => {
    expect(errorOf(() => targetOf(conf)).message).toBe(message);
  });
});

describe('formatTarget', () => {
  it('writes the strings of go-zero BuildDiscovTarget and BuildDirectTarget (zrpc/resolver/target_test.go)', () => {
    expect(formatTarget({ kind: 'direct', addresses: ['localhost:123', 'localhost:456'] })).toBe('direct:///localhost:123,localhost:456');
    expect(formatTarget({ kind: 'etcd', hosts: ['localhost:123', 'localhost:456'], key: 'foo' })).toBe(
      'etcd:///localhost:123,localhost:456?key=foo',
    );
    expect(formatTarget({ kind: 'etcd', hosts: ['localhost:2379'], key: '/grpc/my-service' })).toBe(
      'etcd:///localhost:2379?key=%2Fgrpc%2Fmy-service',
    );
    expect(formatTarget({ kind: 'grpc', target: 'dns:///x:1' })).toBe('dns:///x:1');
  });

  it('escapes the key as Go url.QueryEscape, and parseTarget reads it back', () => {
    const key = "a b+c&d=e/f?g#h!'()*~é";
    const text = formatTarget({ kind: 'etcd', hosts: ['h:1'], key });
    expect(text).toBe('etcd:///h:1?key=a+b%2Bc%26d%3De%2Ff%3Fg%23h%21%27%28%29%2A~%C3%A9');
    expect(parseTarget(text)).toEqual({ kind: 'etcd', hosts: ['h:1'], key });
  });
});

describe('describeTarget', () => {
  it('names the target for error messages', () => {
    expect(describeTarget(targetOf({ Etcd: { Hosts: ['127.0.0.1:2379'], Key: 'user.rpc' } }))).toBe('etcd key "user.rpc" on 127.0.0.1:2379');
    expect(describeTarget(parseTarget('etcd:///a:1,b:2?key=k'))).toBe('etcd key "k" on a:1,b:2');
    expect(describeTarget(targetOf({ Endpoints: ['127.0.0.1:1', '127.0.0.1:2'] }))).toBe('direct 127.0.0.1:1,127.0.0.1:2');
    expect(describeTarget(parseTarget('dns:///user-rpc:8080'))).toBe('target dns:///user-rpc:8080');
  });
});

describe('subset', () => {
  it('keeps all of a small set, shuffled, and a random 32 of a large one (go-zero subsetSize)', () => {
    expect(subsetSize).toBe(32);
    const small = ['a', 'b', 'c'];
    const shuffled = subset(small, subsetSize, mulberry32(1));
    expect([...shuffled].sort()).toEqual(small);
    expect(small).toEqual(['a', 'b', 'c']); // the input is left alone
    const large = Array.from({ length: 100 }, (_, i) => i);
    const picked = subset(large, subsetSize, mulberry32(2));
    expect(picked).toHaveLength(32);
    expect(new Set(picked).size).toBe(32);
    expect(picked).not.toEqual(large.slice(0, 32));
  });
});
