import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from './cookies.js';

describe('cookies', () => {
  it('reads back what it serializes, whatever the value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/), fc.string(), (name, value) => {
        const header = serializeCookie(name, value, { path: '/console' }).split(';')[0]!;
        expect(parseCookies(`other=1; ${header}`).get(name)).toBe(value);
      }),
    );
  });

  it('never throws on arbitrary headers and skips malformed pairs', () => {
    fc.assert(fc.property(fc.string(), (header) => void parseCookies(header)));
    const cookies = parseCookies('a=1; novalue; b="quoted"; bad=%E0%A4%A; a=2');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', 'quoted'],
    ]);
  });

  it('marks cookies HttpOnly and SameSite=Strict, with Max-Age when asked', () => {
    expect(serializeCookie('s', 'v', { path: '/c', maxAgeSeconds: 0 })).toBe(
      's=v; Path=/c; HttpOnly; SameSite=Strict; Max-Age=0',
    );
  });
});
