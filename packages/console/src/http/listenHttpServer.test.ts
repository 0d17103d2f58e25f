import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listenHttpServer } from './listenHttpServer.js';

describe('listenHttpServer', () => {
  it('reports the real port, serves, and closes open connections', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const listening = await listenHttpServer(server, 0, '127.0.0.1');
    expect(listening.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening.origin.endsWith(':0')).toBe(false);
    expect(await (await fetch(listening.origin)).text()).toBe('ok');
    await listening.close();
    expect(server.listening).toBe(false);
  });

  it('rejects with the listen error when the port is taken', async () => {
    const first = await listenHttpServer(createServer(), 0, '127.0.0.1');
    const port = Number(new URL(first.origin).port);
    try {
      await expect(listenHttpServer(createServer(), port, '127.0.0.1')).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });
});
