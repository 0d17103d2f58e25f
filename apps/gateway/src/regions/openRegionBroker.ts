import type { BackendConfig } from '@sealbus/backends';
import type { EngineBroker } from '@sealbus/broker-engine';
import type { Logger } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { openSqliteBackend } from '@sealbus/sqlite';
import type { BrokerForRegion } from './regionalServices.js';

/** The brokers of the regions besides the backend's own, and how to close them. */
export interface RegionBrokers {
  /** Absent for a backend that has no per-region form: the gateway then serves one region. */
  brokerForRegion?: BrokerForRegion;
  close(): Promise<void>;
}

/**
 * Another region's namespace of the same local backend, sealing with the same KMS (the KMS API
 * is one namespace): in memory, or in its own SQLite file next to the backend's
 * (`gateway.db` → `gateway.eu-west-1.db`).
 */
export function regionBrokers(config: BackendConfig, kms: LocalKms, logger: Logger): RegionBrokers {
  const opened: EngineBroker[] = [];
  const accountId = config.values['accountId'];
  const common = { kms, logger, ...(accountId === undefined ? {} : { accountId }) };
  let open: ((region: string) => EngineBroker) | undefined;
  if (config.backend === 'memory') {
    open = (region) => createMemoryBroker({ ...common, region });
  } else if (config.backend === 'sqlite') {
    const path = config.values['path'] ?? ':memory:';
    open = (region) =>
      openSqliteBackend({ ...common, path: regionalPath(path, region), region }).broker;
  }
  return {
    ...(open === undefined
      ? {}
      : {
          brokerForRegion: (region: string) => {
            const broker = open(region);
            opened.push(broker);
            return broker;
          },
        }),
    async close() {
      await Promise.all(opened.map((broker) => broker.close()));
    },
  };
}

/** `dir/gateway.db` → `dir/gateway.<region>.db`; `:memory:` stays in memory. */
export function regionalPath(path: string, region: string): string {
  if (path === ':memory:') return path;
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash + 1
    ? `${path.slice(0, dot)}.${region}${path.slice(dot)}`
    : `${path}.${region}`;
}
