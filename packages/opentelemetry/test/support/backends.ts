import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Broker } from '@sealbus/core';
import { createMemoryBroker } from '@sealbus/memory';
import { createSqliteBroker } from '@sealbus/sqlite';
// The AWS backend's own gateway harness: the gateway runs as a child process on port 0 (packages
// never import apps) and the AWS SDK signs every request with static credentials.
import { gatewayBroker } from '../../../aws/test/support/gatewayHarness.js';
import { type GatewayProcess, startGateway } from '../../../aws/test/support/gatewayProcess.js';

/** A backend under test: fresh brokers on the same store, and its cleanup. */
export interface BackendUnderTest {
  readonly name: 'memory' | 'sqlite' | 'aws';
  /** A broker on the backend; on memory, the same one every time (one process, one store). */
  broker(): Broker;
  close(): Promise<void>;
}

export function memoryBackend(): BackendUnderTest {
  const broker = createMemoryBroker();
  return { name: 'memory', broker: () => broker, close: () => broker.close() };
}

export function sqliteBackend(): BackendUnderTest {
  const directory = mkdtempSync(join(tmpdir(), 'sealbus-otel-'));
  const opened: Broker[] = [];
  return {
    name: 'sqlite',
    broker: () => {
      const broker = createSqliteBroker({ path: join(directory, 'bus.db') });
      opened.push(broker);
      return broker;
    },
    close: async () => {
      await Promise.all(opened.map((broker) => broker.close()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function awsBackend(): Promise<BackendUnderTest> {
  const gateway: GatewayProcess = await startGateway();
  const opened: Broker[] = [];
  return {
    name: 'aws',
    broker: () => {
      const broker = gatewayBroker(gateway.url);
      opened.push(broker);
      return broker;
    },
    close: async () => {
      await Promise.all(opened.map((broker) => broker.close()));
      await gateway.stop();
    },
  };
}
