import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineBroker } from '@sealbus/broker-engine';
import type { Clock } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { openSqliteBackend } from '@sealbus/sqlite';

/** A broker under test plus what the tests need around it. */
export interface BackendFixture {
  broker: EngineBroker;
  kms: LocalKms;
  /** Closes the broker and removes any files. */
  dispose(): Promise<void>;
}

export interface Backend {
  name: string;
  create(options: { clock: Clock }): Promise<BackendFixture>;
}

const memory: Backend = {
  name: 'memory',
  async create({ clock }) {
    const kms = new LocalKms({ clock });
    const broker = createMemoryBroker({ kms, clock });
    return { broker, kms, dispose: () => broker.close() };
  },
};

/** A SQLite file in a fresh directory, its local KMS on the same connection. */
const sqlite: Backend = {
  name: 'sqlite',
  async create({ clock }) {
    const dir = tempDir('sealbus-worker-');
    const backend = openSqliteBackend({ path: join(dir.path, 'bus.db'), clock });
    if (backend.kms === undefined)
      throw new Error('openSqliteBackend without kms opens a LocalKms');
    return {
      broker: backend.broker,
      kms: backend.kms,
      async dispose() {
        await backend.broker.close();
        dir.remove();
      },
    };
  },
};

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every backend the worker tests run on. */
export const BACKENDS: readonly Backend[] = [memory, sqlite];
