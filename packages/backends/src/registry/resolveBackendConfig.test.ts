import { InvalidParameterValueError } from '@sealbus/core';
import { DEFAULT_SQLITE_PATH } from '@sealbus/sqlite/backend';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKEND_KINDS } from './registrations.js';
import { type BackendConfig, flagOf, resolveBackendConfig } from './resolveBackendConfig.js';

describe('resolveBackendConfig', () => {
  it('defaults to SQLite at the one default path, ./.sealbus/sealbus.db', async () => {
    const config = await resolveBackendConfig({}, {});
    expect(config.backend).toBe('sqlite');
    expect(config.values).toEqual({ path: './.sealbus/sealbus.db' });
    expect(DEFAULT_SQLITE_PATH).toBe('./.sealbus/sealbus.db');
    expect(config.options).toEqual({ path: DEFAULT_SQLITE_PATH });
  });

  it('takes the input over the environment over the defaults, option by option', async () => {
    const env = {
      SEALBUS_BACKEND: 'aws',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'ap-south-1',
      AWS_ENDPOINT_URL: 'http://localhost:4566',
      SEALBUS_SQLITE_PATH: '/tmp/env.db',
    };
    expect((await resolveBackendConfig({}, env)).values).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://localhost:4566',
    });
    const given = await resolveBackendConfig({ backend: 'sqlite', region: 'us-east-2' }, env);
    expect(given.values).toEqual({ path: '/tmp/env.db', region: 'us-east-2' });
    const flagged = await resolveBackendConfig({ backend: 'sqlite', path: 'a.db' }, env);
    expect(flagged.values['path']).toBe('a.db');
    // The second variable of an option is read when the first is unset or empty.
    const fallback = await resolveBackendConfig({}, { AWS_REGION: '', AWS_DEFAULT_REGION: 'x-1' });
    expect(fallback.values['region']).toBe('x-1');
    // An empty value counts as not given, as an unset variable does.
    expect((await resolveBackendConfig({ path: '' }, env)).values['region']).toBe('eu-west-1');
  });

  it('reads only the chosen backend’s variables: another backend’s setting is no error', async () => {
    const config = await resolveBackendConfig(
      { backend: 'memory' },
      { SEALBUS_SQLITE_PATH: '/tmp/x.db', AWS_ENDPOINT_URL: 'not a url' },
    );
    expect(config.values).toEqual({});
  });

  it('refuses an unknown backend, naming the field, the registered kinds and the value', async () => {
    const failure = resolveBackendConfig({ backend: 'redis' }, {});
    await expect(failure).rejects.toBeInstanceOf(InvalidParameterValueError);
    await expect(failure).rejects.toThrow(
      'backend must be one of memory, sqlite, postgres, aws; got "redis". Pass --backend or set SEALBUS_BACKEND.',
    );
    await expect(failure).rejects.toMatchObject({ field: 'backend' });
    // Inherited names are no backends either.
    await expect(resolveBackendConfig({ backend: 'constructor' }, {})).rejects.toMatchObject({
      field: 'backend',
    });
  });

  it('refuses an option the chosen backend does not declare, naming it and who takes it', async () => {
    const misplaced = resolveBackendConfig({ backend: 'memory', path: 'x.db' }, {});
    await expect(misplaced).rejects.toThrow(
      'The memory backend has no option "path"; it takes only region, accountId (path belongs to sqlite). Remove --path or choose another --backend.',
    );
    await expect(misplaced).rejects.toMatchObject({ field: 'path' });
    const typo = resolveBackendConfig({ backend: 'sqlite', pth: 'x.db' }, {});
    await expect(typo).rejects.toThrow(
      'The sqlite backend has no option "pth"; it takes only path, region, accountId.',
    );
    await expect(typo).rejects.toMatchObject({ field: 'pth' });
  });

  it('refuses a value that is not a string, naming the field', async () => {
    const input = { backend: 'sqlite', path: 42 } as unknown as Record<string, string>;
    await expect(resolveBackendConfig(input, {})).rejects.toThrow('path must be a string; got 42.');
  });

  it('refuses a missing required option and a value the descriptor rejects', async () => {
    await expect(resolveBackendConfig({ backend: 'aws' }, {})).rejects.toThrow(
      'region is required for the aws backend (there is no silent default). Pass --region or set AWS_REGION.',
    );
    await expect(
      resolveBackendConfig({ backend: 'aws', region: 'eu-west-1', endpoint: 'localhost:4566' }, {}),
    ).rejects.toMatchObject({
      field: 'endpoint',
      message: expect.stringMatching(/^endpoint must be an http\(s\) URL/),
    });
  });

  it('never accepts a backend outside the registry, nor fails other than with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...BACKEND_KINDS), fc.string()),
        fc.dictionary(
          fc.oneof(fc.constantFrom('path', 'region', 'endpoint', 'pth'), fc.string()),
          fc.oneof(fc.constantFrom('', 'x.db', 'http://127.0.0.1:1'), fc.string()),
        ),
        async (kind, rest) => {
          let config: BackendConfig;
          try {
            config = await resolveBackendConfig({ ...rest, backend: kind }, {});
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidParameterValueError);
            expect((error as InvalidParameterValueError).field).toBeTypeOf('string');
            return;
          }
          expect(BACKEND_KINDS).toContain(config.backend);
          const known = config.descriptor.options.map((option) => option.name);
          for (const [name, value] of Object.entries(rest)) {
            if (name !== 'backend' && value !== '') expect(known).toContain(name);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spells flags in kebab-case', () => {
    expect(flagOf('path')).toBe('--path');
    expect(flagOf('rootKeyPath')).toBe('--root-key-path');
  });
});
