import { InvalidParameterValueError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_PATH, parseGatewayCliOptions, startupBanner } from './options.js';

describe('parseGatewayCliOptions', () => {
  it('defaults to 127.0.0.1:4566 and ./.sealbus/gateway.db without verification', () => {
    expect(parseGatewayCliOptions([], {})).toEqual({
      backend: 'sqlite',
      port: 4566,
      host: '127.0.0.1',
      path: DEFAULT_SQLITE_PATH,
      verifySigv4: false,
      credentials: new Map(),
      accountId: '000000000000',
      region: 'us-east-1',
      help: false,
    });
  });

  it('takes --account-id and --region (env SEALBUS_ACCOUNT_ID, SEALBUS_REGION) and checks them', () => {
    expect(
      parseGatewayCliOptions(['--account-id', '123456789012'], { SEALBUS_REGION: 'eu-west-1' }),
    ).toMatchObject({ accountId: '123456789012', region: 'eu-west-1' });
    expect(() => parseGatewayCliOptions(['--account-id', '42'], {})).toThrow(
      expect.objectContaining({ field: 'accountId', message: expect.stringContaining('"42"') }),
    );
    expect(() => parseGatewayCliOptions(['--region', 'moon'], {})).toThrow(
      expect.objectContaining({ field: 'region', message: expect.stringContaining('"moon"') }),
    );
  });

  it('reads the environment, and flags override it', () => {
    const env = {
      PORT: '5000',
      SEALBUS_SQLITE_PATH: '/tmp/env.db',
      SEALBUS_VERIFY_SIGV4: 'true',
      SEALBUS_GATEWAY_CREDENTIALS: 'AKIDENV:secret',
      SEALBUS_CONSOLE_TOKEN: 'console-token-of-24-chars',
    };
    expect(parseGatewayCliOptions([], env)).toMatchObject({
      port: 5000,
      path: '/tmp/env.db',
      verifySigv4: true,
      credentials: new Map([['AKIDENV', 'secret']]),
    });
    expect(
      parseGatewayCliOptions(
        ['--port', '0', '--path', 'flag.db', '--credentials', 'AKIDFLAG:s'],
        env,
      ),
    ).toMatchObject({ port: 0, path: 'flag.db', credentials: new Map([['AKIDFLAG', 's']]) });
    expect(parseGatewayCliOptions(['--', '--port', '1'], {}).port).toBe(1);
  });

  it('rejects bad ports, verification without credentials and unknown flags', () => {
    expect(() => parseGatewayCliOptions(['--port', '70000'], {})).toThrow(
      InvalidParameterValueError,
    );
    expect(() => parseGatewayCliOptions(['--port', 'http'], {})).toThrow(
      InvalidParameterValueError,
    );
    expect(() => parseGatewayCliOptions(['--verify-sigv4'], {})).toThrow(/needs credentials/);
    expect(() => parseGatewayCliOptions(['--bogus'], {})).toThrow();
    expect(() => parseGatewayCliOptions([], { SEALBUS_BACKEND: 'aws' })).toThrow(
      /sqlite or memory/,
    );
    expect(parseGatewayCliOptions(['--backend', 'memory'], {}).backend).toBe('memory');
  });

  it('refuses to start its console without a token when verifying or beyond loopback', () => {
    expect(() => parseGatewayCliOptions(['--host', '0.0.0.0'], {})).toThrow(
      /host "0\.0\.0\.0" is not a loopback address, so the web console needs an access token/,
    );
    expect(() => parseGatewayCliOptions(['--verify-sigv4', '--credentials', 'AKID:s'], {})).toThrow(
      /verifies SigV4 signatures, so the web console needs an access token/,
    );
    expect(
      parseGatewayCliOptions(['--host', '0.0.0.0', '--console-token', 'x'.repeat(16)], {}).host,
    ).toBe('0.0.0.0');
    expect(parseGatewayCliOptions(['--host', '::1'], {}).host).toBe('::1');
  });

  it('prints the endpoint and AWS_ENDPOINT_URL settings, never the secrets', () => {
    const options = parseGatewayCliOptions(
      ['--verify-sigv4', '--credentials', 'AKID:topsecret', '--console-token', 'x'.repeat(16)],
      {},
    );
    const banner = startupBanner('http://127.0.0.1:4566', options);
    expect(banner).toContain('export AWS_ENDPOINT_URL=http://127.0.0.1:4566');
    expect(banner).toContain('AWS_ENDPOINT_URL_SQS=http://127.0.0.1:4566');
    expect(banner).not.toContain('topsecret');
  });
});
