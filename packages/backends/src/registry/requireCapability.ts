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
  throw new InvalidParameterValueError(
    `${who} needs a backend with the ${capability} capability; got ${describeValue(config.backend)}. Use --backend ${await backendsWith(capability)}.`,
    { field: 'backend' },
  );
}

/** The installed backends that have `capability`, for messages: `memory or sqlite or postgres`. */
export async function backendsWith(capability: keyof BackendCapabilities): Promise<string> {
  return (await installedBackends())
    .filter((backend) => backend.capabilities[capability])
    .map((backend) => backend.kind)
    .join(' or ');
}
