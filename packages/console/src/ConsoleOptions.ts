import type { EngineBroker } from '@sealbus/broker-engine';
import {
  type Clock,
  DEFAULT_REGION,
  describeValue,
  InvalidParameterValueError,
  type Logger,
  silentLogger,
  systemClock,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import type { RegionBrokerList } from './data/recordedDeliveries.js';

export interface ConsoleOptions {
  /** The broker whose queues, DLQs and topics the console shows. */
  broker: EngineBroker;
  /** The KMS the broker seals with: keys, audit log, and the decrypt action. */
  kms: LocalKms;
  /** The region of `broker`, named on the deliveries page. @defaultValue 'us-east-1' */
  region?: string;
  /**
   * The brokers of other regions the host has open (the gateway opens one per region a request
   * names), read at each listing: the deliveries page lists their recorded deliveries too.
   */
  otherRegions?: RegionBrokerList;
  /**
   * The principal of the "decrypt" action: the key policy of each message's key decides whether
   * the console may open it, and the KMS audit log records it under this name.
   * @defaultValue 'sealbus-console'
   */
  principal?: string;
  /**
   * Required on any non-loopback address: requests must then carry `Authorization: Bearer
   * <token>` or the session cookie of the login form. At least 16 characters.
   */
  accessToken?: string;
  /** Where the console is mounted; no trailing slash. @defaultValue '/console' */
  basePath?: string;
  /** How often live pages refresh, in ms (1,000–60,000). @defaultValue 2000 */
  refreshIntervalMs?: number;
  /** @defaultValue silentLogger */
  logger?: Logger;
  /** @defaultValue systemClock */
  clock?: Clock;
}

export const DEFAULT_CONSOLE_OPTIONS = {
  principal: 'sealbus-console',
  basePath: '/console',
  refreshIntervalMs: 2000,
} as const;

export const MIN_ACCESS_TOKEN_LENGTH = 16;

export interface ResolvedConsoleOptions {
  broker: EngineBroker;
  kms: LocalKms;
  /** `broker` under its region, then the other regions open now. */
  regions: RegionBrokerList;
  principal: string;
  accessToken: string | undefined;
  basePath: string;
  refreshIntervalMs: number;
  logger: Logger;
  clock: Clock;
}

function invalid(field: string, message: string): InvalidParameterValueError {
  return new InvalidParameterValueError(message, { field });
}

/** Applies the defaults and checks every field, naming the field and the limit on failure. */
export function resolveConsoleOptions(options: ConsoleOptions): ResolvedConsoleOptions {
  if (typeof options?.broker?.peek !== 'function') {
    throw invalid(
      'broker',
      'broker must be an EngineBroker (from createSqliteBroker or createMemoryBroker): the console peeks stored messages.',
    );
  }
  if (typeof options.kms?.auditLog !== 'function') {
    throw invalid(
      'kms',
      'kms must be the LocalKms the broker seals with: the console reads its keys and audit log.',
    );
  }
  const principal = options.principal ?? DEFAULT_CONSOLE_OPTIONS.principal;
  if (typeof principal !== 'string' || principal.length === 0 || principal.length > 256) {
    throw invalid(
      'principal',
      `principal must be 1-256 characters; got ${describeValue(principal)}.`,
    );
  }
  const token = options.accessToken;
  if (
    token !== undefined &&
    (typeof token !== 'string' || token.length < MIN_ACCESS_TOKEN_LENGTH)
  ) {
    throw invalid(
      'accessToken',
      `accessToken must be at least ${MIN_ACCESS_TOKEN_LENGTH} characters; got ${typeof token === 'string' ? `${token.length} characters` : describeValue(token)}. Generate one with: openssl rand -hex 24`,
    );
  }
  const basePath = options.basePath ?? DEFAULT_CONSOLE_OPTIONS.basePath;
  if (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9_-]+)+$/.test(basePath)) {
    throw invalid(
      'basePath',
      `basePath must be a path such as /console (segments of letters, digits, _ or -, no trailing slash); got ${describeValue(basePath)}.`,
    );
  }
  const refreshIntervalMs = options.refreshIntervalMs ?? DEFAULT_CONSOLE_OPTIONS.refreshIntervalMs;
  if (
    !Number.isInteger(refreshIntervalMs) ||
    refreshIntervalMs < 1000 ||
    refreshIntervalMs > 60_000
  ) {
    throw invalid(
      'refreshIntervalMs',
      `refreshIntervalMs must be an integer from 1000 to 60000; got ${describeValue(refreshIntervalMs)}.`,
    );
  }
  const region = options.region ?? DEFAULT_REGION;
  if (typeof region !== 'string' || !/^[a-z0-9-]{1,64}$/.test(region)) {
    throw invalid(
      'region',
      `region must be a region name such as us-east-1; got ${describeValue(region)}.`,
    );
  }
  const { broker, otherRegions } = options;
  return {
    broker,
    kms: options.kms,
    regions: () => [{ region, broker }, ...(otherRegions?.() ?? [])],
    principal,
    accessToken: token,
    basePath,
    refreshIntervalMs,
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
  };
}
