import type {
  DecryptRequest,
  DecryptResult,
  GenerateDataKeyRequest,
  GenerateDataKeyResult,
  KeyMetadata,
  KeyProvider,
} from '@sealbus/core';

/** What the fault hook sees of each call, before the call reaches the KMS. */
export interface KmsCall {
  operation: 'GenerateDataKey' | 'Decrypt' | 'DescribeKey';
  /** The key as the caller named it (id, ARN or alias); absent for Decrypt without one. */
  keyId?: string;
  principal?: string;
}

/** Throw from it (e.g. `KmsThrottlingError`) to simulate throttling or outages. */
export type KmsFaultHook = (call: KmsCall) => void | Promise<void>;

/**
 * A `KeyProvider` that runs `hook` before each call and passes the call on when the hook
 * returns, so tests inject KMS faults at the boundary a broker sees, without touching the KMS.
 * A call the hook fails never reaches the KMS (nor its audit log), like a throttled request.
 */
export function withFaults(provider: KeyProvider, hook: KmsFaultHook): KeyProvider {
  const principalOf = (principal: string | undefined) =>
    principal === undefined ? {} : { principal };
  return {
    async generateDataKey(request: GenerateDataKeyRequest): Promise<GenerateDataKeyResult> {
      await hook({
        operation: 'GenerateDataKey',
        keyId: request.keyId,
        ...principalOf(request.principal),
      });
      return provider.generateDataKey(request);
    },
    async decrypt(request: DecryptRequest): Promise<DecryptResult> {
      await hook({
        operation: 'Decrypt',
        ...(request.keyId === undefined ? {} : { keyId: request.keyId }),
        ...principalOf(request.principal),
      });
      return provider.decrypt(request);
    },
    async describeKey(keyId: string, principal?: string): Promise<KeyMetadata> {
      await hook({ operation: 'DescribeKey', keyId, ...principalOf(principal) });
      return provider.describeKey(keyId, principal);
    },
  };
}
