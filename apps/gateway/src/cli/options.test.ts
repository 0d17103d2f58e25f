import { InvalidParameterValueError } from '@sealbus/core';
import { DEFAULT_SQLITE_PATH } from '@sealbus/sqlite/backend';
import { describe, expect, it } from 'vitest';
import { type GatewayCliOptions, parseGatewayCliOptions, startupBanner } from './options.js';

async function parse(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayCliOptions> {
  const options = await parseGatewayCliOptions(argv, env);
  if (options === 'help') throw new Error('unexpected --help');
  return options;
}

describe('parseGatewayCliOptions', () => {
  it('defaults to 127.0.0.1:4566 and the one default SQLite file without verification', async () => {
    const options = await parse([], {});
    expect(options).toMatchObject({
      port: 4566,
      host: '127.0.0.1',
      verifySigv4: false,
      credentials: new Map(),
    });
    expect(options.backend).toMatchObject({
      backend: 'sqlite',
      values: { path: DEFAULT_SQLITE_PATH },
    });
  });

  it('reads the environment, and flags override it', async () => {
    const env = {
      PORT: '5000',
      SEALBUS_SQLITE_PATH: '/tmp/env.db',
      SEALBUS_VERIFY_SIGV4: 'true',
      SEALBUS_GATEWAY_CREDENTIALS: 'AKIDENV:secret',
      SEALBUS_CONSOLE_TOKEN: 'console-token-of-24-chars',
    };
    const fromEnv = await parse([], env);
    expect(fromEnv).toMatchObject({
      port: 5000,
      verifySigv4: true,
      credentials: new Map([['AKIDENV', 'secret']]),
    });
    expect(fromEnv.backend.values['path']).toBe('/tmp/env.db');
    const fromFlags = await parse(
      ['--port', '0', '--path', 'flag.db', '--credentials', 'AKIDFLAG:s'],
      env,
    );
    expect(fromFlags).toMatchObject({ port: 0, credentials: new Map([['AKIDFLAG', 's']]) });
    expect(fromFlags.backend.values['path']).toBe('flag.db');
    expect((await parse(['--', '--port', '1'], {})).port).toBe(1);
    expect(await parseGatewayCliOptions(['--help'], {})).toBe('help');
  });

  it('rejects bad ports, verification without credentials and unknown flags', async () => {
    await expect(parse(['--port', '70000'], {})).rejects.toThrow(InvalidParameterValueError);
    await expect(parse(['--port', 'http'], {})).rejects.toThrow(InvalidParameterValueError);
    await expect(parse(['--verify-sigv4'], {})).rejects.toThrow(/needs credentials/);
    await expect(parse(['--bogus'], {})).rejects.toThrow();
    expect((await parse(['--backend', 'memory'], {})).backend.backend).toBe('memory');
  });

  it('refuses a backend without the local capability before opening anything', async () => {
    await expect(parse([], { SEALBUS_BACKEND: 'aws', AWS_REGION: 'us-east-1' })).rejects.toThrow(
      'The gateway needs a backend with the local capability; got "aws". Use --backend memory or sqlite or postgres.',
    );
  });

  it('refuses to start its console without a token when verifying or beyond loopback', async () => {
    await expect(parse(['--host', '0.0.0.0'], {})).rejects.toThrow(
      /host "0\.0\.0\.0" is not a loopback address, so the web console needs an access token/,
    );
    await expect(parse(['--verify-sigv4', '--credentials', 'AKID:s'], {})).rejects.toThrow(
      /verifies SigV4 signatures, so the web console needs an access token/,
    );
    expect((await parse(['--host', '0.0.0.0', '--console-token', 'x'.repeat(16)], {})).host).toBe(
      '0.0.0.0',
    );
    expect((await parse(['--host', '::1'], {})).host).toBe('::1');
  });

  it('prints the endpoint, the backend and AWS_ENDPOINT_URL settings, never the secrets', async () => {
    const options = await parse(
      ['--verify-sigv4', '--credentials', 'AKID:topsecret', '--console-token', 'x'.repeat(16)],
      {},
    );
    const banner = startupBanner('http://127.0.0.1:4566', options);
    expect(banner).toContain(`Backend: sqlite ${DEFAULT_SQLITE_PATH} (local KMS in the same file)`);
    expect(banner).toContain('export AWS_ENDPOINT_URL=http://127.0.0.1:4566');
    expect(banner).toContain('AWS_ENDPOINT_URL_SQS=http://127.0.0.1:4566');
    expect(banner).not.toContain('topsecret');
    const memory = startupBanner('http://x', await parse(['--backend', 'memory'], {}));
    expect(memory).toContain('Backend: memory (local KMS in memory); nothing is kept after exit');
  });
});
