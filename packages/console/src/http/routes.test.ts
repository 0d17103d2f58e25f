import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.js';

describe('matchRoute', () => {
  it('decodes each segment on its own, so an encoded slash stays inside a queue name', () => {
    expect(matchRoute('GET', '/queues/a%2Fredrive')).toEqual({
      kind: 'route',
      route: { name: 'queue', method: 'GET', params: ['a/redrive'] },
    });
    expect(matchRoute('POST', '/queues/Q/messages/id%201/body')).toEqual({
      kind: 'route',
      route: { name: 'revealBody', method: 'POST', params: ['Q', 'id 1'] },
    });
  });

  it('tells a wrong method from an unknown path, and serves HEAD as GET', () => {
    expect(matchRoute('GET', '/queues/Q/redrive')).toEqual({
      kind: 'methodNotAllowed',
      allow: ['POST'],
    });
    expect(matchRoute('DELETE', '/login')).toEqual({
      kind: 'methodNotAllowed',
      allow: ['GET', 'POST'],
    });
    expect(matchRoute('GET', '/nothing')).toEqual({ kind: 'notFound' });
    expect(matchRoute('GET', '/queues/%E0%A4%A')).toEqual({ kind: 'notFound' });
    expect(matchRoute('HEAD', '/keys')).toMatchObject({ kind: 'route', route: { name: 'keys' } });
  });

  it('never throws and returns params that re-encode to the path', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (method, name) => {
        const match = matchRoute(method, `/queues/${encodeURIComponent(name)}`);
        if (match.kind === 'route') expect(match.route.params).toEqual([name]);
      }),
    );
  });
});
