import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, isLoopbackHost } from './endpointUrl.js';

describe('http/https endpoints', () => {
  it('knows the loopback names', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ['10.0.0.1', 'example.com', '[::2]', '127.0.0.1.nip.io', 'localhost.evil']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('a URL accepted by default always names this machine (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http'] }), (url) => {
        let accepted = true;
        try {
          checkEndpointUrl('http', url, false);
        } catch {
          accepted = false;
        }
        expect(accepted).toBe(isLoopbackHost(new URL(url).hostname));
      }),
      { numRuns: 300 },
    );
  });

  it('allowNonLoopback lets other hosts through, never another scheme', () => {
    expect(checkEndpointUrl('https', 'https://example.com/h', true).hostname).toBe('example.com');
    expect(() => checkEndpointUrl('https', 'ftp://example.com/h', true)).toThrow(
      'Invalid parameter: Endpoint must match the specified protocol',
    );
    expect(() => checkEndpointUrl('http', 'not a url', true)).toThrow(
      'Invalid parameter: Endpoint',
    );
  });
});
