import { type BackendCapabilities, describeValue, InvalidParameterValueError } from '@sealbus/core';
import { installedBackends } from './loadBackendModule.js';
import type { BackendConfig } from './resolveBackendConfig.js';

/**
 * Refuses, before anything is opened, a backend without a capability `who` needs (the gateway
 * serves only `local` backends), naming the installed backends that have it.
 */
export async function requireCapability(
  config: BackendConfig,
  capability: keyof BackendCapabilities,
  who: string,
): Promise<void> {
  if (config.descriptor.capabilities[capability]) return;
  const able = (await installedBackends())
    .filter((backend) => backend.capabilities[capability])
    .map((backend) => backend.kind);
  throw new InvalidParameterValueError(
    `${who} needs a backend with the ${capability} capability; got ${describeValue(config.backend)}. Use --backend ${able.join(' or ')}.`,
    { field: 'backend' },
  );
}
