import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES } from '../pages/routeTable.js';
import { type ConsoleRoute, matchRoute, route } from './routes.js';

function matched(method: string, path: string) {
  const match = matchRoute(CONSOLE_ROUTES, method, path);
  return match.kind === 'route'
    ? { kind: match.kind, path: match.route.path, method: match.route.method, params: match.params }
    : match;
}

describe('matchRoute over the console route table', () => {
  it('decodes each segment on its own, so an encoded slash stays inside a queue name', () => {
    expect(matched('GET', '/queues/a%2Fredrive')).toEqual({
      kind: 'route',
      path: 'queues/:queue',
      method: 'GET',
      params: { queue: 'a/redrive' },
    });
    expect(matched('POST', '/queues/Q/messages/id%201/body')).toEqual({
      kind: 'route',
      path: 'queues/:queue/messages/:messageId/body',
      method: 'POST',
      params: { queue: 'Q', messageId: 'id 1' },
    });
  });

  it('tells a wrong method from an unknown path, and serves HEAD as GET', () => {
    expect(matched('GET', '/queues/Q/redrive')).toEqual({
      kind: 'methodNotAllowed',
      allow: ['POST'],
    });
    expect(matched('DELETE', '/login')).toEqual({
      kind: 'methodNotAllowed',
      allow: ['GET', 'POST'],
    });
    expect(matched('GET', '/nothing')).toEqual({ kind: 'notFound' });
    expect(matched('GET', '/queues/%E0%A4%A')).toEqual({ kind: 'notFound' });
    expect(matched('HEAD', '/keys')).toMatchObject({ kind: 'route', path: 'keys' });
  });

  it('never throws and returns params that re-encode to the path', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (method, name) => {
        const match = matchRoute(CONSOLE_ROUTES, method, `/queues/${encodeURIComponent(name)}`);
        if (match.kind === 'route') expect(match.params).toEqual({ queue: name });
      }),
    );
  });

  it('types a handler’s params from its path', () => {
    const table: ConsoleRoute[] = [
      route('GET', 'queues/:queue', (_request, params) => {
        params.queue.toUpperCase();
        // @ts-expect-error the path has no :messageId, so the handler cannot read one
        params.messageId?.toUpperCase();
      }),
    ];
    expect(table).toHaveLength(1);
  });
});
