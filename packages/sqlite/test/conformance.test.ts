import {
  ALL_FEATURES,
  type ConformanceHarness,
  localKmsKeyAdmin,
  type ManualClock,
  runConformance,
} from '@sealbus/conformance';
import type { Clock } from '@sealbus/core';
import { afterAll } from 'vitest';
import { openSqliteBackend } from '../src/index.js';
import { tempDir } from './support/records.js';

/** One "process": a backend on `path`; `openAnother` and `reopen` open more on the same file. */
function openHarness(path: string, clock: Clock & ManualClock): ConformanceHarness {
  const { broker, kms } = openSqliteBackend({ path, clock });
  const harness: ConformanceHarness = {
    broker,
    clock,
    keys: localKmsKeyAdmin(kms!),
    store: {
      rawBodies: async (queueName) =>
        (await broker.peek(queueName, { limit: 1000 })).map((message) => message.storedBody),
    },
    close: () => broker.close(),
  };
  if (path !== ':memory:') {
    harness.openAnother = async () => openHarness(path, clock);
    harness.reopen = async () => {
      await broker.close();
      return openHarness(path, clock);
    };
  }
  return harness;
}

const dir = tempDir();
afterAll(() => dir.cleanup());
let files = 0;

runConformance(
  'sqlite file',
  async ({ clock }) => openHarness(dir.path(`case-${++files}.db`), clock),
  ALL_FEATURES,
);

// A private in-memory database cannot be opened twice, so it cannot be another process or survive a restart.
runConformance('sqlite :memory:', async ({ clock }) => openHarness(':memory:', clock), {
  ...ALL_FEATURES,
  multiProcess: false,
  persistent: false,
});
