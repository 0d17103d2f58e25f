import { type BackendDeps, openBackend as openRegistered } from '@sealbus/backends';
import type { Broker } from '@sealbus/core';
import type { EmrConfig } from './config.js';
import { KeyAdmin } from './scenario/KeyAdmin.js';
import { PRODUCER_PRINCIPAL } from './scenario/names.js';

export interface Backend {
  /**
   * The broker of set-up, the producer and every consumer: local backends take the principal
   * per call; on AWS each principal a call names gets its own credentials (its access key id).
   */
  broker: Broker;
  keys: KeyAdmin;
  /** What the summary prints as the backend. */
  description: string;
  close(): Promise<void>;
}

/**
 * Against a local AWS-wire endpoint (the sealbus gateway) each principal is an access key id, so
 * key policies apply per integration. Against real AWS, use the environment's credentials: the
 * integrations then share one identity (give each service its own role in production).
 */
function principalCredentials(config: EmrConfig): BackendDeps {
  if (config.backend.backend !== 'aws' || config.backend.values['endpoint'] === undefined) {
    return {};
  }
  const credentialsFor = (principal: string) => ({
    accessKeyId: principal,
    secretAccessKey: 'sealbus-local',
  });
  return {
    credentials: credentialsFor(PRODUCER_PRINCIPAL),
    credentialsForPrincipal: credentialsFor,
  };
}

/**
 * Opens the configured backend through the backend registry, as the CLI does (each backend
 * loads on demand, so `--backend memory` never loads the native SQLite module); the rest of the
 * app sees only `Broker` and `KeyAdmin`.
 */
export async function openBackend(config: EmrConfig): Promise<Backend> {
  const backend = await openRegistered(config.backend, principalCredentials(config));
  return {
    broker: backend.broker,
    keys: new KeyAdmin(backend.keys, backend.local),
    description: backend.description,
    close: () => backend.close(),
  };
}
