import type { EngineBroker } from '@sealbus/broker-engine';
import type { Logger } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { openSqliteBackend } from '@sealbus/sqlite';
import { ephemeralSigningIdentity, persistentSigningIdentity } from './sns/signingIdentity.js';
import { type GatewaySnsHttp, gatewaySnsHttp } from './sns/snsHttp.js';

export type GatewayBackendKind = 'sqlite' | 'memory';

/** A broker and the local KMS that seals its messages (and serves the KMS API). */
export interface GatewayBackend {
  /** The engine broker: SQS/SNS for clients, plus the inspection the console needs. */
  broker: EngineBroker;
  kms: LocalKms;
  /** SNS http/https delivery of the broker, for the gateway to serve. */
  snsHttp: GatewaySnsHttp;
  /** Closes the broker, then the KMS. */
  close(): Promise<void>;
}

export interface GatewayBackendOptions {
  backend: GatewayBackendKind;
  /** The SQLite file (sqlite backend only); keys live in the same file. */
  path: string;
  logger?: Logger;
  /** Deliver SNS http/https messages beyond loopback addresses. @defaultValue false */
  allowNonLoopbackEndpoints?: boolean;
}

/**
 * The gateway's backend: the SQLite broker with its local KMS in the same file (key material
 * wrapped by `<path>.root-key`, mode 0600), or everything in memory for throwaway runs.
 */
export function openGatewayBackend(options: GatewayBackendOptions): GatewayBackend {
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  // The SQLite gateway keeps its signing key beside the file, so subscribers' certificates last.
  const snsHttp = gatewaySnsHttp(
    options.backend === 'memory'
      ? ephemeralSigningIdentity()
      : persistentSigningIdentity(options.path),
    { allowNonLoopbackEndpoints: options.allowNonLoopbackEndpoints === true },
  );
  let broker: EngineBroker;
  let kms: LocalKms;
  if (options.backend === 'memory') {
    kms = new LocalKms();
    broker = createMemoryBroker({ kms, snsHttp: snsHttp.brokerOptions, ...logger });
  } else {
    const sqlite = openSqliteBackend({
      path: options.path,
      snsHttp: snsHttp.brokerOptions,
      ...logger,
    });
    // Without a `kms` option the SQLite backend always opens its own LocalKms.
    kms = sqlite.kms!;
    broker = sqlite.broker;
  }
  return {
    broker,
    kms,
    snsHttp,
    async close() {
      await broker.close();
      await kms.close();
    },
  };
}
