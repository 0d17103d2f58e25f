import { openBackend } from '@sealbus/backends';
import { createConsole } from '@sealbus/console';
import { DEFAULT_REGION, InternalFailureError, type Logger } from '@sealbus/core';
import { createGateway } from '../gateway.js';
import { type RegionBrokers, regionBrokers } from '../regions/openRegionBroker.js';
import { ephemeralSigningIdentity, persistentSigningIdentity } from '../sns/signingIdentity.js';
import { gatewaySnsHttp } from '../sns/snsHttp.js';
import type { GatewayCliOptions } from './options.js';

export interface RunningGateway {
  readonly url: string;
  /** Closes the gateway (ending long polls), then the broker and the KMS. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway the way `sealbus gateway` and the app's bin do, over the local backend the
 * registry resolved (the SQLite file is created 0600 with its directories 0700 when missing).
 */
export async function startGateway(
  options: GatewayCliOptions,
  logger: Logger,
): Promise<RunningGateway> {
  const backend = await openBackend(options.backend, { logger });
  let regional: RegionBrokers | undefined;
  try {
    const local = backend.local;
    // parseGatewayCliOptions refused backends without the local capability.
    if (local === undefined) {
      throw new InternalFailureError(
        `The ${options.backend.backend} backend opened no local parts.`,
      );
    }
    const region = options.backend.values['region'];
    // A persistent backend keeps the SNS signing key beside its file, so receivers' cached
    // certificates stay valid across restarts; others make one per run.
    const path = options.backend.values['path'];
    const snsHttp = gatewaySnsHttp(
      path === undefined || path === ':memory:'
        ? ephemeralSigningIdentity()
        : persistentSigningIdentity(path),
      { allowNonLoopbackEndpoints: options.snsAnyEndpoint === true },
    );
    // Every region's broker delivers to http/https subscriptions, with the same signing identity.
    local.engine.enableHttpDelivery(snsHttp.brokerOptions);
    regional = regionBrokers(local, snsHttp.brokerOptions);
    const others = regional.opened;
    const defaultRegion = region ?? DEFAULT_REGION;
    const recordedDeliveries = () => [{ region: defaultRegion, broker: local.engine }, ...others()];
    const gateway = await createGateway({
      snsHttp,
      recordedDeliveries,
      broker: local.engine,
      kms: local.kms,
      ...(regional.brokerForRegion === undefined
        ? {}
        : { brokerForRegion: regional.brokerForRegion }),
      // The region of the backend's ARNs is the one signatures are scoped to.
      ...(region === undefined ? {} : { region }),
      port: options.port,
      host: options.host,
      verifySigv4: options.verifySigv4,
      credentials: options.credentials,
      logger,
      console: createConsole({
        broker: local.engine,
        kms: local.kms,
        region: defaultRegion,
        otherRegions: others,
        logger,
        ...(options.consoleToken === undefined ? {} : { accessToken: options.consoleToken }),
      }),
    });
    return {
      url: gateway.url,
      async stop() {
        await gateway.close();
        await regional?.close();
        await backend.close();
      },
    };
  } catch (error) {
    await regional?.close();
    await backend.close();
    throw error;
  }
}
