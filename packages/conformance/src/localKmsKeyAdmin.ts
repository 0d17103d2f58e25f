import type { ConformanceKeyAdmin } from './ConformanceHarness.js';
import { withDenyStatement } from './withDenyStatement.js';

/** The administrative calls of `@sealbus/kms-local`'s `LocalKms`, matched structurally. */
export interface LocalKmsAdministration {
  createKey(request: { description?: string }): Promise<{ arn: string }>;
  disableKey(keyId: string): Promise<void>;
  enableKey(keyId: string): Promise<void>;
  scheduleKeyDeletion(keyId: string, pendingWindowInDays?: number): Promise<unknown>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
  auditLog(query: { keyArn?: string; operation?: string; limit?: number }): Promise<unknown[]>;
}

/** The shortest KMS deletion window. */
const MIN_PENDING_WINDOW_DAYS = 7;
const MAX_AUDIT_ENTRIES = 100_000;

/** A `ConformanceKeyAdmin` over a local KMS, for the backends that run on one. */
export function localKmsKeyAdmin(kms: LocalKmsAdministration): ConformanceKeyAdmin {
  const deny = async (keyId: string, principal: string, action: string) => {
    await kms.putKeyPolicy(
      keyId,
      withDenyStatement(await kms.getKeyPolicy(keyId), principal, action),
    );
  };
  return {
    createKey: async (description) => (await kms.createKey({ description })).arn,
    disableKey: (keyId) => kms.disableKey(keyId),
    enableKey: (keyId) => kms.enableKey(keyId),
    scheduleKeyDeletion: async (keyId) => {
      await kms.scheduleKeyDeletion(keyId, MIN_PENDING_WINDOW_DAYS);
    },
    denyDecrypt: (keyId, principal) => deny(keyId, principal, 'kms:Decrypt'),
    denyGenerateDataKey: (keyId, principal) => deny(keyId, principal, 'kms:GenerateDataKey'),
    auditCount: async (operation, keyArn) =>
      (await kms.auditLog({ keyArn, operation, limit: MAX_AUDIT_ENTRIES })).length,
  };
}
