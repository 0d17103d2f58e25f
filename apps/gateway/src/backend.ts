import type { EngineBroker } from '@sealbus/broker-engine';
import type { Logger } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { openSqliteBackend } from '@sealbus/sqlite';

export type GatewayBackendKind = 'sqlite' | 'memory';

/** A broker and the local KMS that seals its messages (and serves the KMS API). */
export interface GatewayBackend {
  /** The engine broker: SQS/SNS for clients, plus the inspection the console needs. */
  broker: EngineBroker;
  kms: LocalKms;
  /**
   * The broker of another region's namespace, opened on first use: in memory, or in its own
   * SQLite file next to `path` (`gateway.db` → `gateway.eu-west-1.db`), sealing with the same KMS.
   */
  brokerForRegion(region: string): EngineBroker;
  /** Closes every region's broker, then the KMS. */
  close(): Promise<void>;
}

export interface GatewayBackendOptions {
  backend: GatewayBackendKind;
  /** The SQLite file (sqlite backend only); keys live in the same file. */
  path: string;
  /** The default region: its queues live in `path`. @defaultValue 'us-east-1' */
  region?: string;
  /** The account id in ARNs and queue URLs. @defaultValue '000000000000' */
  accountId?: string;
  logger?: Logger;
}

/**
 * The gateway's backend: the SQLite broker with its local KMS in the same file (key material
 * wrapped by `<path>.root-key`, mode 0600), or everything in memory for throwaway runs.
 */
export function openGatewayBackend(options: GatewayBackendOptions): GatewayBackend {
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  const namespace = {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
  };
  let broker: EngineBroker;
  let kms: LocalKms;
  let openRegion: (region: string) => EngineBroker;
  if (options.backend === 'memory') {
    kms = new LocalKms(namespace);
    broker = createMemoryBroker({ kms, ...namespace, ...logger });
    openRegion = (region) => createMemoryBroker({ kms, ...namespace, region, ...logger });
  } else {
    const sqlite = openSqliteBackend({ path: options.path, ...namespace, ...logger });
    // Without a `kms` option the SQLite backend always opens its own LocalKms.
    kms = sqlite.kms!;
    broker = sqlite.broker;
    openRegion = (region) =>
      openSqliteBackend({
        path: regionalPath(options.path, region),
        kms,
        ...namespace,
        region,
        ...logger,
      }).broker;
  }
  const regional: EngineBroker[] = [];
  return {
    broker,
    kms,
    brokerForRegion(region) {
      const opened = openRegion(region);
      regional.push(opened);
      return opened;
    },
    async close() {
      await Promise.all([broker, ...regional].map((each) => each.close()));
      await kms.close();
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
