import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineBroker } from '@sealbus/broker-engine';
import type { Clock } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';

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

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every backend the worker tests run on. */
export const BACKENDS: readonly Backend[] = [memory];
