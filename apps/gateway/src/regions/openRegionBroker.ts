import type { EngineBroker, LocalParts } from '@sealbus/broker-engine';
import type { BrokerForRegion } from './regionalServices.js';

/** The brokers of the regions besides the backend's own, and how to close them. */
export interface RegionBrokers {
  /** Absent for a backend that has no per-region form: the gateway then serves one region. */
  brokerForRegion?: BrokerForRegion;
  close(): Promise<void>;
}

/**
 * Another region's namespace of the same local backend, as the backend opens it
 * (`LocalParts.engineForRegion`: memory in memory, SQLite in a file beside the backend's), all
 * sealing with the same KMS (the KMS API is one namespace).
 */
export function regionBrokers(local: LocalParts<unknown>): RegionBrokers {
  const opened: EngineBroker[] = [];
  const open = local.engineForRegion;
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
