import type { EngineBroker } from '@sealbus/broker-engine';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import {
  type ConsoleServer,
  type ConsoleServerOptions,
  startConsoleServer,
} from '../../src/index.js';
import { type Seeded, seedBroker } from './seedBroker.js';

export interface TestConsole {
  server: ConsoleServer;
  broker: EngineBroker;
  kms: LocalKms;
  seeded: Seeded;
  /** `http://127.0.0.1:port` */
  origin: string;
  close(): Promise<void>;
}

/** A console on a free loopback port over a seeded in-memory broker. */
export async function startTestConsole(
  options: Partial<ConsoleServerOptions> = {},
): Promise<TestConsole> {
  const kms = new LocalKms();
  const broker = createMemoryBroker({ kms });
  const seeded = await seedBroker(broker, kms);
  const server = await startConsoleServer({ broker, kms, port: 0, ...options });
  return {
    server,
    broker,
    kms,
    seeded,
    origin: new URL(server.url).origin,
    close: async () => {
      await server.close();
      await broker.close();
      await kms.close();
    },
  };
}
