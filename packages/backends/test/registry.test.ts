import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineBroker } from '@sealbus/broker-engine';
import { InvalidParameterValueError, UnsupportedOperationError } from '@sealbus/core';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshSchema } from '../../postgres/test/support/database.js';
import {
  BACKEND_KINDS,
  BACKENDS,
  backendFlags,
  backendInputFrom,
  createBackend,
  createBroker,
  installedBackends,
  loadBackend,
  requireCapability,
  resolveBackendConfig,
  withClose,
} from '../src/index.js';
import { loadBackendModule } from '../src/registry/loadBackendModule.js';

const dir = mkdtempSync(join(tmpdir(), 'sealbus-registry-'));
// The run's PostgreSQL cluster (this project's globalSetup), one database for this file.
const database = await freshDatabase();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

/** What each registered backend needs to open here without a network or a leftover file. */
const OPENABLE: Record<string, Record<string, string>> = {
  memory: {},
  sqlite: { path: ':memory:' },
  postgres: {
    databaseUrl: await freshSchema(database.url),
    rootKeyFile: join(dir, 'postgres.root-key'),
  },
  // Clients are created, never called: nothing listens on port 9.
  aws: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' },
};

describe('the backend registry', () => {
  it.each(BACKEND_KINDS)('%s: its registration loads a descriptor of that kind', async (kind) => {
    const backend = await loadBackend(kind);
    expect(backend.kind).toBe(kind);
    const names = backend.options.map((option) => option.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('backend');
    for (const option of backend.options) expect(option.description.length).toBeGreaterThan(0);
  });

  it.each(BACKEND_KINDS)(
    '%s: opens local parts exactly when it declares the local capability',
    async (kind) => {
      const input = OPENABLE[kind];
      if (input === undefined) throw new Error(`add ${kind} to OPENABLE in this test`);
      const backend = await createBackend({ backend: kind, ...input }, { env: {} });
      try {
        expect(backend.local !== undefined).toBe(backend.config.descriptor.capabilities.local);
        expect(backend.description).toBe(
          backend.config.descriptor.describe(backend.config.options),
        );
      } finally {
        await backend.close();
      }
    },
  );

  it('lists every installed backend, in registration order', async () => {
    expect((await installedBackends()).map((backend) => backend.kind)).toEqual([...BACKEND_KINDS]);
    expect(Object.keys(BACKENDS)).toEqual([...BACKEND_KINDS]);
  });

  it('merges the backends’ options into one set of flags, each once', async () => {
    const flags = await backendFlags();
    expect(flags.map((flag) => flag.flag)).toEqual([
      '--backend',
      '--region',
      '--account-id',
      '--path',
      '--database-url',
      '--root-key-file',
      '--endpoint',
    ]);
    const byFlag = Object.fromEntries(flags.map((flag) => [flag.flag, flag.description]));
    expect(byFlag['--backend']).toBe(
      'memory, sqlite, postgres, aws (env SEALBUS_BACKEND; default sqlite)',
    );
    expect(byFlag['--path']).toBe(
      'SQLite file (messages and keys; root key in <file>.root-key) (env SEALBUS_SQLITE_PATH; default ./.sealbus/sealbus.db; sqlite)',
    );
    expect(byFlag['--region']).toMatch(
      /\(env AWS_REGION, AWS_DEFAULT_REGION; memory, sqlite, postgres, aws\)$/,
    );
    expect(backendInputFrom({ path: 'a.db', port: '1', json: true }, flags)).toEqual({
      path: 'a.db',
    });
  });

  it('refuses a backend without a capability before opening it, naming those that have it', async () => {
    const aws = await resolveBackendConfig({ backend: 'aws', region: 'us-east-1' }, {});
    const refusal = requireCapability(aws, 'local', 'The gateway');
    await expect(refusal).rejects.toBeInstanceOf(InvalidParameterValueError);
    await expect(refusal).rejects.toThrow(
      'The gateway needs a backend with the local capability; got "aws". Use --backend memory or sqlite or postgres.',
    );
    await expect(
      requireCapability(await resolveBackendConfig({ backend: 'sqlite' }, {}), 'local', 'x'),
    ).resolves.toBeUndefined();
  });

  it('sqlite: names the file opening would create, and nothing once it exists', async () => {
    const path = join(dir, 'nested', 'store.db');
    const config = await resolveBackendConfig({ backend: 'sqlite', path }, {});
    expect(config.descriptor.newStorePath?.(config.options)).toBe(path);
    const backend = await createBackend({ backend: 'sqlite', path }, { env: {} });
    await backend.close();
    expect(existsSync(path)).toBe(true);
    expect(config.descriptor.newStorePath?.(config.options)).toBeUndefined();
    const memory = await resolveBackendConfig({ backend: 'sqlite', path: ':memory:' }, {});
    expect(memory.descriptor.newStorePath?.(memory.options)).toBeUndefined();
  });
});

describe('createBroker', () => {
  it('returns the backend’s own broker, with close closing the whole backend', async () => {
    const broker = await createBroker({ backend: 'memory' }, { env: {} });
    expect(broker).toBeInstanceOf(EngineBroker);
    const queue = await broker.createQueue('jobs');
    await queue.send('hello');
    expect((await queue.receive())[0]).toMatchObject({ state: 'open', body: 'hello' });
    await broker.close();
    await expect(broker.createQueue('after')).rejects.toThrow(/closed/);
  });
});

describe('withClose', () => {
  class Counter {
    #count = 0;
    closed = false;
    bump(): number {
      this.#count += 1;
      return this.#count;
    }
    async close(): Promise<void> {
      this.closed = true;
    }
  }

  it('runs every other member on the target itself, private fields included', async () => {
    const target = new Counter();
    let wrappedCalls = 0;
    const wrapped = withClose(target, async () => {
      wrappedCalls += 1;
    });
    expect(wrapped.bump()).toBe(1);
    expect(target.bump()).toBe(2);
    expect(wrapped).toBeInstanceOf(Counter);
    await wrapped.close();
    expect(wrappedCalls).toBe(1);
    expect(target.closed).toBe(false);
  });
});

describe('loadBackendModule', () => {
  // A variable specifier, so that the type checker does not resolve it; Node really fails to.
  const absent = '@sealbus/no-such-package';

  it('names the backend, the missing package and the install command', async () => {
    const failure = loadBackendModule('aws', () => import(absent));
    await expect(failure).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(failure).rejects.toThrow(
      'The aws backend needs @sealbus/no-such-package, which is not installed. Run: npm install @sealbus/aws',
    );
    await expect(failure).rejects.toMatchObject({ field: 'backend' });
  });

  it('passes other failures through unchanged', async () => {
    const boom = new Error('bad config');
    await expect(loadBackendModule('sqlite', () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
