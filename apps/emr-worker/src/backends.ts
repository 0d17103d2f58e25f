import { type BackendDeps, createBackend } from '@sealbus/backends';
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
  if (config.backend !== 'aws' || config.endpoint === undefined) return {};
  const credentialsFor = (principal: string) => ({
    accessKeyId: principal,
    secretAccessKey: 'sealbus-local',
  });
  return {
    credentials: credentialsFor(PRODUCER_PRINCIPAL),
    credentialsForPrincipal: credentialsFor,
  };
}

function describeBackend(config: EmrConfig): string {
  switch (config.backend) {
    case 'memory':
      return 'memory (local KMS in memory)';
    case 'sqlite':
      // Keys live in the same file (tables kms_*), wrapped by the root key in `<path>.root-key` (0600).
      return `sqlite ${config.path} (local KMS in the same file)`;
    case 'aws':
      return `aws ${config.endpoint ?? `(${config.region})`}`;
  }
}

/**
 * Opens the configured backend with the CLI's `createBackend` (each backend loads on demand, so
 * `--backend memory` never loads the native SQLite module); the rest of the app sees only
 * `Broker` and `KeyAdmin`.
 */
export async function openBackend(config: EmrConfig): Promise<Backend> {
  const backend = await createBackend(
    {
      backend: config.backend,
      path: config.path,
      region: config.region,
      endpoint: config.endpoint,
    },
    // The flags and environment are already resolved in `config`.
    { env: {}, ...principalCredentials(config) },
  );
  return {
    broker: backend.broker,
    keys: new KeyAdmin(backend.keys, backend.local),
    description: describeBackend(config),
    close: () => backend.close(),
  };
}
