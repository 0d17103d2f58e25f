import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_OPTIONS, resolveConsoleOptions } from './ConsoleOptions.js';
import { createConsole } from './createConsole.js';
import { startConsoleServer } from './startConsoleServer.js';

const kms = new LocalKms();
const broker = createMemoryBroker({ kms });
afterAll(async () => {
  await broker.close();
  await kms.close();
});

describe('resolveConsoleOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveConsoleOptions({ broker, kms });
    expect(resolved).toMatchObject({
      principal: DEFAULT_CONSOLE_OPTIONS.principal,
      basePath: '/console',
      refreshIntervalMs: 2000,
      accessToken: undefined,
    });
  });

  it.each([
    [{ basePath: 'console' }, 'basePath', 'such as /console'],
    [{ basePath: '/console/' }, 'basePath', 'no trailing slash'],
    [{ basePath: '/a b' }, 'basePath', 'got "/a b"'],
    [{ accessToken: 'short' }, 'accessToken', 'at least 16 characters; got 5 characters'],
    [{ principal: '' }, 'principal', '1-256 characters'],
    [{ refreshIntervalMs: 10 }, 'refreshIntervalMs', 'from 1000 to 60000'],
  ])('rejects %o naming %s', (extra, field, text) => {
    expect(() => resolveConsoleOptions({ broker, kms, ...extra })).toThrow(
      expect.objectContaining({
        code: 'InvalidParameterValue',
        field,
        message: expect.stringContaining(text),
      }),
    );
  });

  it('rejects a broker without peek and a KMS without an audit log', () => {
    expect(() => resolveConsoleOptions({ broker: {} as never, kms })).toThrow(
      expect.objectContaining({ field: 'broker' }),
    );
    expect(() => resolveConsoleOptions({ broker, kms: {} as never })).toThrow(
      expect.objectContaining({ field: 'kms' }),
    );
  });
});

describe('createConsole', () => {
  it('leaves requests outside its base path untouched', () => {
    const handler = createConsole({ broker, kms, basePath: '/ops/console' });
    const untouched = { headersSent: false } as never;
    for (const url of ['/', '/ops', '/ops/consoles', '/health', '/ops/console-x']) {
      expect(handler.handle({ url, headers: {} } as never, untouched), url).toBe(false);
    }
  });
});

describe('startConsoleServer', () => {
  it('refuses a non-loopback bind without an access token', async () => {
    await expect(startConsoleServer({ broker, kms, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      expect.objectContaining({
        field: 'accessToken',
        message: expect.stringContaining('not a loopback address'),
      }),
    );
  });

  it('refuses a port out of range', async () => {
    await expect(startConsoleServer({ broker, kms, port: 70_000 })).rejects.toThrow(
      expect.objectContaining({ field: 'port' }),
    );
  });

  it('binds to 127.0.0.1 by default and reports its URL', async () => {
    const server = await startConsoleServer({ broker, kms, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console$/);
      const response = await fetch(`${server.url}/queues`);
      expect(response.status).toBe(200);
      expect((await fetch(new URL('/elsewhere', server.url))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
