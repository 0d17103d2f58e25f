import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostNameOf, isLoopbackHost } from './loopback.js';

describe('loopback', () => {
  it('accepts 127.0.0.0/8, ::1 and localhost names only', () => {
    for (const host of [
      '127.0.0.1',
      '127.4.5.6',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      'app.localhost',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '192.168.1.2',
      'example.com',
      'localhost.example.com',
      '128.0.0.1',
      '',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('accepts every IPv4 address in 127.0.0.0/8', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(isLoopbackHost(ip)).toBe(ip.startsWith('127.'));
      }),
    );
  });

  it('strips the port of a Host header, IPv6 included', () => {
    expect(hostNameOf('127.0.0.1:4567')).toBe('127.0.0.1');
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
    expect(hostNameOf('localhost')).toBe('localhost');
  });
});
