import { createConsole } from '@sealbus/console';
import type { Logger } from '@sealbus/core';
import { openGatewayBackend } from '../backend.js';
import { createGateway } from '../gateway.js';
import type { GatewayCliOptions } from './options.js';

export interface RunningGateway {
  readonly url: string;
  /** Closes the gateway (ending long polls), then the broker and the KMS. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway the way `sealbus gateway` and the app's bin do: over the SQLite file of
 * `options.path` (created 0600 with its directories 0700 when missing), broker and local KMS in one file,
 * or in memory with `backend: 'memory'`.
 */
export async function startGateway(
  options: GatewayCliOptions,
  logger: Logger,
): Promise<RunningGateway> {
  const backend = openGatewayBackend({
    backend: options.backend,
    path: options.path,
    region: options.region,
    accountId: options.accountId,
    logger,
  });
  try {
    const gateway = await createGateway({
      broker: backend.broker,
      brokerForRegion: backend.brokerForRegion,
      region: options.region,
      kms: backend.kms,
      port: options.port,
      host: options.host,
      verifySigv4: options.verifySigv4,
      credentials: options.credentials,
      logger,
      console: createConsole({
        broker: backend.broker,
        kms: backend.kms,
        logger,
        ...(options.consoleToken === undefined ? {} : { accessToken: options.consoleToken }),
      }),
    });
    return {
      url: gateway.url,
      async stop() {
        await gateway.close();
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}
