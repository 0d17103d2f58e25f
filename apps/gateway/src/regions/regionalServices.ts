import { type Broker, OverLimitError } from '@sealbus/core';
import { regionNotServed } from './requestRegion.js';

/** Opens the broker of one region's namespace; called once per region. */
export type BrokerForRegion = (region: string) => Broker;

/**
 * Region namespaces one gateway opens at most: every name costs a broker (for SQLite a file),
 * so a client that invents region names cannot make the gateway open them without bound.
 */
export const DEFAULT_MAX_REGIONS = 16;

export interface RegionalServicesOptions<T> {
  defaultRegion: string;
  /** The default region's broker. */
  broker: Broker;
  /** Brokers of the other regions; without it only `defaultRegion` is served. */
  brokerForRegion?: BrokerForRegion;
  /** @defaultValue DEFAULT_MAX_REGIONS */
  maxRegions?: number;
  /** What the gateway builds over one region's broker (its action tables and protocols). */
  build(broker: Broker, region: string): T;
}

/** The services of a region, opening its broker on first use; `opened` never opens one. */
export type RegionalServices<T> = ((region: string) => T) & {
  opened(region: string): T | undefined;
};

/**
 * One namespace per region, as on AWS: queues and topics of `eu-west-1` are not those of
 * `us-east-1`. Returns the services of a region, opening its broker on first use.
 */
export function regionalServices<T>(options: RegionalServicesOptions<T>): RegionalServices<T> {
  const maxRegions = options.maxRegions ?? DEFAULT_MAX_REGIONS;
  const services = new Map<string, T>([
    [options.defaultRegion, options.build(options.broker, options.defaultRegion)],
  ]);
  const servicesOf = (region: string): T => {
    const known = services.get(region);
    if (known !== undefined) return known;
    if (options.brokerForRegion === undefined) throw regionNotServed(region);
    if (services.size >= maxRegions) {
      throw new OverLimitError(
        `This gateway serves at most ${maxRegions} regions and already has ${[...services.keys()].join(', ')}; region ${region} was refused. Raise maxRegions or reuse a region.`,
        { field: 'Credential' },
      );
    }
    const built = options.build(options.brokerForRegion(region), region);
    services.set(region, built);
    return built;
  };
  return Object.assign(servicesOf, { opened: (region: string) => services.get(region) });
}
