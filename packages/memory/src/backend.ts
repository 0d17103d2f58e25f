import type { LocalParts } from '@sealbus/broker-engine';
import {
  ACCOUNT_ID_OPTION,
  defineBackend,
  observabilityOf,
  parseAccountId,
  REGION_OPTION,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';

export interface MemoryBackendConfig {
  /** Region of the ARNs and the local KMS. @defaultValue DEFAULT_REGION */
  readonly region?: string;
  /** Account of the ARNs and queue URLs. @defaultValue DEFAULT_ACCOUNT_ID */
  readonly accountId?: string;
}

/** The `memory` backend: engine and local KMS in this process; nothing outlives it. */
export const backend = defineBackend<MemoryBackendConfig, LocalParts<LocalKms>>({
  kind: 'memory',
  summary: 'everything in this process; nothing is kept after exit',
  capabilities: { persistent: false, local: true },
  options: [REGION_OPTION, ACCOUNT_ID_OPTION],
  parse: (values) => ({
    ...(values['region'] === undefined ? {} : { region: values['region'] }),
    ...parseAccountId(values['accountId']),
  }),
  describe: () => 'memory (local KMS in memory)',
  // Loaded on open: this module is read for options and capabilities alone.
  async open(config, deps) {
    const [{ localBackend }, { LocalKms }, { createMemoryBroker }] = await Promise.all([
      import('@sealbus/broker-engine'),
      import('@sealbus/kms-local'),
      import('./createMemoryBroker.js'),
    ]);
    const kms = new LocalKms(config);
    const options = { ...config, ...observabilityOf(deps), kms };
    return localBackend(createMemoryBroker(options), kms, (region) =>
      createMemoryBroker({ ...options, region }),
    );
  },
});
