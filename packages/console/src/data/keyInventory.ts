import type { KeyMetadata } from '@sealbus/core';
import { isAllowed, type LocalKms, type PolicyStatement, parseKeyPolicy } from '@sealbus/kms-local';

/**
 * Whether a console decrypt with the key would work: the key must be Enabled (KMS refuses a
 * disabled or pending-deletion key whatever the policy says) and the policy must allow it.
 */
export type ConsoleDecrypt =
  | { kind: 'allowed' }
  | { kind: 'deniedByPolicy' }
  | { kind: 'keyState'; keyState: string };

export interface KeyRow {
  metadata: KeyMetadata;
  aliases: string[];
  rotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: Date;
  statements: PolicyStatement[];
  consoleDecrypt: ConsoleDecrypt;
}

function consoleDecrypt(
  metadata: KeyMetadata,
  statements: readonly PolicyStatement[],
  principal: string,
): ConsoleDecrypt {
  if (metadata.keyState !== 'Enabled') return { kind: 'keyState', keyState: metadata.keyState };
  return isAllowed(statements, principal, 'kms:Decrypt', metadata.arn)
    ? { kind: 'allowed' }
    : { kind: 'deniedByPolicy' };
}

/**
 * Every key with its aliases, rotation and key-policy statements, AWS managed keys included.
 * Read through `keyInventory`, which writes no audit entries, so viewing keys never crowds the
 * audit log the same page shows.
 */
export async function listKeyRows(kms: LocalKms, consolePrincipal: string): Promise<KeyRow[]> {
  const rows = (await kms.keyInventory()).map(({ metadata, aliases, rotation, policy }) => {
    const statements = parseKeyPolicy(policy);
    const row: KeyRow = {
      metadata,
      aliases,
      rotationEnabled: rotation.keyRotationEnabled,
      statements,
      consoleDecrypt: consoleDecrypt(metadata, statements, consolePrincipal),
    };
    if (rotation.rotationPeriodInDays !== undefined) {
      row.rotationPeriodInDays = rotation.rotationPeriodInDays;
    }
    if (rotation.nextRotationDate !== undefined) row.nextRotationDate = rotation.nextRotationDate;
    return row;
  });
  return rows.sort((a, b) =>
    (a.aliases[0] ?? a.metadata.arn).localeCompare(b.aliases[0] ?? b.metadata.arn),
  );
}
