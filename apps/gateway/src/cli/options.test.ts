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
      help: false,
    });
  });

  it('reads the environment, and flags override it', () => {
    const env = {
      PORT: '5000',
      SEALBUS_SQLITE_PATH: '/tmp/env.db',
      SEALBUS_VERIFY_SIGV4: 'true',
      SEALBUS_GATEWAY_CREDENTIALS: 'AKIDENV:secret',
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

  it('prints the endpoint and AWS_ENDPOINT_URL settings, never the secrets', () => {
    const options = parseGatewayCliOptions(
      ['--verify-sigv4', '--credentials', 'AKID:topsecret'],
      {},
    );
    const banner = startupBanner('http://127.0.0.1:4566', options);
    expect(banner).toContain('export AWS_ENDPOINT_URL=http://127.0.0.1:4566');
    expect(banner).toContain('AWS_ENDPOINT_URL_SQS=http://127.0.0.1:4566');
    expect(banner).not.toContain('topsecret');
  });
});
