// The address an RPC server registers in etcd (templates/runtime/core/discovery/address.ts), as go-zero's
// figureOutListenOn (zrpc/internal/rpcpubserver.go) and netx.InternalIp (core/netx/ip.go): with injected
// environment and interface tables.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { InterfaceTable } from '../../../templates/runtime/core/discovery/address.js';
import { advertisedAddress, hostOf, internalIp, joinHostPort } from '../../../templates/runtime/core/discovery/address.js';

function v4(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '255.255.255.0', family: 'IPv4', mac: '02:42:ac:11:00:02', internal, cidr: `${address}/24` };
}

function v6(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:42:ac:11:00:02', internal, cidr: `${address}/64`, scopeid: 0 };
}

const machine: InterfaceTable = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  eth0: [v6('fe80::42:acff:fe11:2'), v4('172.17.0.2')],
  eth1: [v4('10.0.0.5')],
};

describe('internalIp', () => {
  it('takes the first IPv4 address of the first non-loopback interface, in table order', () => {
    expect(internalIp(machine)).toBe('172.17.0.2');
    expect(internalIp({ eth1: [v4('10.0.0.5')], eth0: [v4('172.17.0.2')] })).toBe('10.0.0.5');
  });

  it('skips loopback interfaces and addresses, IPv6 ones and empty entries', () => {
    expect(internalIp({ lo: [v4('127.0.0.1', true)], lo0: [v4('10.9.9.9', true)], docker0: undefined, eth0: [v6('2001:db8::1')] })).toBeUndefined();
    expect(internalIp({ weird: [v4('127.0.0.53')], eth0: [v4('192.168.1.2')] })).toBe('192.168.1.2');
    expect(internalIp({})).toBeUndefined();
  });

  it('counts an IPv4-mapped IPv6 address as IPv4, as Go does, and a numeric family as Node < 18.4 reported it', () => {
    expect(internalIp({ eth0: [v6('::ffff:10.1.2.3')] })).toBe('10.1.2.3');
    expect(internalIp({ eth0: [{ ...v4('10.4.4.4'), family: 4 as unknown as 'IPv4' }] })).toBe('10.4.4.4');
  });
});

describe('advertisedAddress', () => {
  it('keeps a concrete ListenOn host, with the bound port', () => {
    expect(advertisedAddress('127.0.0.1:8080', 8080, { POD_IP: '10.1.1.1' }, machine)).toBe('127.0.0.1:8080');
    expect(advertisedAddress('rpc.internal:0', 41234, {}, machine)).toBe('rpc.internal:41234');
    expect(advertisedAddress('[fd00::5]:8080', 8080, { POD_IP: '10.1.1.1' }, machine)).toBe('[fd00::5]:8080');
  });

  it('advertises $POD_IP for a wildcard ListenOn', () => {
    for (const listenOn of ['0.0.0.0:8080', ':8080', '[::]:8080', ':::8080']) {
      expect(advertisedAddress(listenOn, 8080, { POD_IP: '10.1.1.1' }, machine)).toBe('10.1.1.1:8080');
    }
    expect(advertisedAddress('0.0.0.0:8080', 8080, { POD_IP: 'fd00::7' }, machine)).toBe('[fd00::7]:8080');
  });

  it('falls back to the internal IP when POD_IP is unset or empty', () => {
    expect(advertisedAddress('0.0.0.0:8080', 8080, {}, machine)).toBe('172.17.0.2:8080');
    expect(advertisedAddress('0.0.0.0:0', 39999, { POD_IP: '' }, machine)).toBe('172.17.0.2:39999');
  });

  it('keeps the ListenOn host when there is no internal IP either', () => {
    expect(advertisedAddress('0.0.0.0:8080', 8080, {}, { lo: [v4('127.0.0.1', true)] })).toBe('0.0.0.0:8080');
    expect(advertisedAddress(':8080', 8080, {}, {})).toBe(':8080');
    expect(advertisedAddress('[::]:8080', 8080, {}, {})).toBe('[::]:8080');
  });

  it('reads process.env and the real interfaces by default', () => {
    const address = advertisedAddress('127.0.0.1:1', 2);
    expect(address).toBe('127.0.0.1:2');
    expect(advertisedAddress('0.0.0.0:1', 2, { POD_IP: '10.0.0.1' })).toBe('10.0.0.1:2');
  });
});

describe('hostOf / joinHostPort', () => {
  it('splits and joins, bracketing IPv6', () => {
    expect(['1.2.3.4:80', ':80', '[::1]:80', '[::]', 'host', ':::80'].map(hostOf)).toEqual(['1.2.3.4', '', '::1', '::', 'host', '::']);
    expect(joinHostPort('1.2.3.4', 80)).toBe('1.2.3.4:80');
    expect(joinHostPort('::1', '80')).toBe('[::1]:80');
  });
});
