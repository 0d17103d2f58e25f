import { randomBytes } from 'node:crypto';
import {
  ALL_FEATURES,
  type ConformanceHarness,
  localKmsKeyAdmin,
  type ManualClock,
  runConformance,
} from '@sealbus/conformance';
import type { Clock } from '@sealbus/core';
import { afterAll } from 'vitest';
import { openPostgresBackend } from '../src/index.js';
import { freshDatabase, freshSchema } from './support/database.js';

/**
 * One "process": a backend with its own pool, listener and KMS connection on `url`;
 * `openAnother` and `reopen` open more on the same database and root key.
 */
async function openHarness(
  url: string,
  rootKey: Uint8Array,
  clock: Clock & ManualClock,
): Promise<ConformanceHarness> {
  const { broker, kms } = await openPostgresBackend({
    connectionString: url,
    rootKey: new Uint8Array(rootKey),
    clock,
    poolSize: 4,
    // Cases advance a manual clock; the sweep timer would only add noise.
    retentionSweepIntervalMs: 3_600_000,
  });
  const close = async () => {
    await broker.close();
    await kms!.close();
  };
  return {
    broker,
    clock,
    keys: localKmsKeyAdmin(kms!),
    store: {
      rawBodies: async (queueName) =>
        (await broker.peek(queueName, { limit: 1000 })).map((message) => message.storedBody),
    },
    close,
    openAnother: () => openHarness(url, rootKey, clock),
    reopen: async () => {
      await close();
      return openHarness(url, rootKey, clock);
    },
  };
}

const database = await freshDatabase();
afterAll(() => database.drop());

runConformance(
  'postgres',
  async ({ clock }) => openHarness(await freshSchema(database.url), randomBytes(32), clock),
  ALL_FEATURES,
);
