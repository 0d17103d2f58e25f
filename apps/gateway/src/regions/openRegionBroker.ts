import type { EngineBroker, LocalParts, SnsHttpOptions } from '@sealbus/broker-engine';
import type { BrokerForRegion } from './regionalServices.js';

/** The brokers of the regions besides the backend's own, and how to close them. */
export interface RegionBrokers {
  /** Absent for a backend that has no per-region form: the gateway then serves one region. */
  brokerForRegion?: BrokerForRegion;
  /** The regions opened so far, in the order they opened. */
  opened(): ReadonlyArray<{ region: string; broker: EngineBroker }>;
  close(): Promise<void>;
}

/**
 * Another region's namespace of the same local backend, as the backend opens it
 * (`LocalParts.engineForRegion`: memory in memory, SQLite in a file beside the backend's), all
 * sealing with the same KMS (the KMS API is one namespace). With `snsHttp`, each delivers to
 * http/https subscriptions as the default region's broker does, signing with the same identity
 * and linking to the same gateway (SubscribeURL and UnsubscribeURL carry the region in their ARN).
 */
export function regionBrokers(local: LocalParts<unknown>, snsHttp?: SnsHttpOptions): RegionBrokers {
  const opened: Array<{ region: string; broker: EngineBroker }> = [];
  const open = local.engineForRegion;
  return {
    ...(open === undefined
      ? {}
      : {
          brokerForRegion: (region: string) => {
            const broker = open(region);
            opened.push({ region, broker });
            if (snsHttp !== undefined) broker.enableHttpDelivery(snsHttp);
            return broker;
          },
        }),
    opened: () => opened,
    async close() {
      await Promise.all(opened.map(({ broker }) => broker.close()));
    },
  };
}
