import {
  type KeyMetadata,
  type KeyProvider,
  KmsAlreadyExistsError,
  KmsNotFoundError,
} from '@sealbus/core';

/**
 * The alias of the broker-owned key behind `SqsManagedSseEnabled`. Every engine over the same
 * key store finds the same key through it, so processes sharing a SQLite file share the key.
 */
export const SQS_MANAGED_KEY_ALIAS = 'alias/sealbus/sqs-managed';

/** Key creation as local KMS offers it; a provider without it must already have the alias. */
export interface KeyCreation {
  createKey(request: { description?: string }): Promise<KeyMetadata>;
  createAlias(aliasName: string, targetKeyId: string): Promise<void>;
  /** Used, when present, to retire a key that lost the race for the alias. */
  scheduleKeyDeletion?(keyId: string, pendingWindowInDays?: number): Promise<unknown>;
}

/** The shortest KMS deletion window, for a key that never sealed anything. */
const ORPHAN_PENDING_WINDOW_DAYS = 7;

function canCreateKeys(provider: KeyProvider): provider is KeyProvider & KeyCreation {
  const candidate = provider as Partial<KeyCreation>;
  return typeof candidate.createKey === 'function' && typeof candidate.createAlias === 'function';
}

/** Finds the managed key by its alias, creating key and alias on first use when possible. */
export async function findOrCreateManagedKey(provider: KeyProvider): Promise<string> {
  const existing = await findManagedKey(provider);
  if (existing !== undefined) return existing;
  if (!canCreateKeys(provider)) {
    throw new KmsNotFoundError(
      `SqsManagedSseEnabled needs the broker-owned key ${SQS_MANAGED_KEY_ALIAS}, and this KeyProvider cannot create keys. Create a key with that alias, or set KmsMasterKeyId on the queue instead.`,
      { field: 'SqsManagedSseEnabled' },
    );
  }
  const key = await provider.createKey({
    description: 'sealbus SQS-managed SSE key (SqsManagedSseEnabled)',
  });
  try {
    await provider.createAlias(SQS_MANAGED_KEY_ALIAS, key.keyId);
    return key.arn;
  } catch (error) {
    // Another engine on the same key store created the alias first: use its key.
    if (!(error instanceof KmsAlreadyExistsError)) throw error;
    const winner = await findManagedKey(provider);
    if (winner === undefined) throw error;
    await provider.scheduleKeyDeletion?.(key.keyId, ORPHAN_PENDING_WINDOW_DAYS);
    return winner;
  }
}

/** The managed key's ARN, or undefined when no engine has created it yet. */
async function findManagedKey(provider: KeyProvider): Promise<string | undefined> {
  try {
    return (await provider.describeKey(SQS_MANAGED_KEY_ALIAS)).arn;
  } catch (error) {
    if (error instanceof KmsNotFoundError) return undefined;
    throw error;
  }
}
