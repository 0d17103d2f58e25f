import type { KeyAdmin, OpenedBackend } from '@sealbus/core';
import type { EngineBroker } from '../EngineBroker.js';

/** The internals a local backend exposes: the engine (stored-message inspection) and its KMS. */
export interface LocalParts<Kms> {
  readonly engine: EngineBroker;
  readonly kms: Kms;
  /**
   * Opens another region's namespace of this backend, sealing with the same KMS (the gateway
   * serves every region a request names); the caller closes it. Absent: one region only.
   */
  readonly engineForRegion?: (region: string) => EngineBroker;
}

/**
 * The `OpenedBackend` of a backend that runs the engine over a local KMS (memory, SQLite, …):
 * the KMS is also its key administration, and closing closes the engine, then the KMS.
 */
export function localBackend<Kms extends KeyAdmin & { close(): Promise<void> }>(
  engine: EngineBroker,
  kms: Kms,
  engineForRegion?: (region: string) => EngineBroker,
): OpenedBackend<LocalParts<Kms>> {
  return {
    broker: engine,
    keys: kms,
    local: { engine, kms, ...(engineForRegion === undefined ? {} : { engineForRegion }) },
    close: async () => {
      await engine.close();
      await kms.close();
    },
  };
}
