import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_PATH, resolveBackendConfig } from './BackendConfig.js';

describe('resolveBackendConfig', () => {
  it('defaults to SQLite at ./.sealbus/sealbus.db', () => {
    expect(resolveBackendConfig({}, {})).toEqual({ backend: 'sqlite', path: DEFAULT_SQLITE_PATH });
  });

  it('prefers explicit input, then the environment', () => {
    const env = {
      SEALBUS_BACKEND: 'aws',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://localhost:4566',
      SEALBUS_SQLITE_PATH: '/tmp/x.db',
    };
    expect(resolveBackendConfig({}, env)).toEqual({
      backend: 'aws',
      path: '/tmp/x.db',
      region: 'eu-west-1',
      endpoint: 'http://localhost:4566',
    });
    expect(
      resolveBackendConfig({ backend: 'memory', path: 'a.db', region: 'us-east-2' }, env),
    ).toMatchObject({
      backend: 'memory',
      path: 'a.db',
      region: 'us-east-2',
    });
    expect(resolveBackendConfig({}, { AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe(
      'ap-south-1',
    );
  });

  it('names the field and the fix on bad values', () => {
    expect(() => resolveBackendConfig({ backend: 'redis' }, {})).toThrow(
      /backend must be one of memory, sqlite, aws; got "redis"/,
    );
    expect(() => resolveBackendConfig({ endpoint: 'localhost:4566' }, {})).toThrow(
      /endpoint must be an http\(s\) URL/,
    );
    expect(() => resolveBackendConfig({ backend: 'aws' }, {})).toThrow(
      /region is required for the aws backend/,
    );
  });
});
