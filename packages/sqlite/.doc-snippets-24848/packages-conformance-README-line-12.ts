import {
  ALL_FEATURES,
  type ConformanceHarness,
  localKmsKeyAdmin,
  type ManualClock,
  runConformance,
} from '@sealbus/conformance';
import { openSqliteBackend } from '@sealbus/sqlite';

declare function tempFile(): string;

function openHarness(path: string, clock: ManualClock): ConformanceHarness {
  const { broker, kms } = openSqliteBackend({ path, clock });
  return {
    broker,
    clock, // only when the backend reads it (controllableClock)
    keys: localKmsKeyAdmin(kms!), // any ConformanceKeyAdmin
    store: {
      rawBodies: async (queue) =>
        (await broker.peek(queue, { limit: 1000 })).map((message) => message.storedBody),
    },
    openAnother: async () => openHarness(path, clock), // a second broker on the same file
    reopen: async () => {
      await broker.close();
      return openHarness(path, clock);
    },
    close: () => broker.close(),
  };
}

runConformance('sqlite', async ({ clock }) => openHarness(tempFile(), clock), ALL_FEATURES);
