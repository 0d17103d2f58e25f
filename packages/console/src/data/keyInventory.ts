import type { KeyMetadata } from '@sealbus/core';
import { isAllowed, type LocalKms, type PolicyStatement, parseKeyPolicy } from '@sealbus/kms-local';

export interface KeyRow {
  metadata: KeyMetadata;
  aliases: string[];
  rotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: Date;
  statements: PolicyStatement[];
  /** Whether the console principal may call kms:Decrypt with this key. */
  consoleMayDecrypt: boolean;
}

/** Every key with its aliases, rotation and key-policy statements, AWS managed keys included. */
export async function listKeyRows(kms: LocalKms, consolePrincipal: string): Promise<KeyRow[]> {
  const rows: KeyRow[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.listKeys(marker === undefined ? {} : { marker });
    for (const { keyArn } of page.keys) {
      const metadata = await kms.describeKey(keyArn);
      const { aliases } = await kms.listAliases({ keyId: keyArn, limit: 100 });
      const rotation = await kms.getKeyRotationStatus(keyArn);
      const statements = parseKeyPolicy(await kms.getKeyPolicy(keyArn));
      const row: KeyRow = {
        metadata,
        aliases: aliases.map((alias) => alias.aliasName),
        rotationEnabled: rotation.keyRotationEnabled,
        statements,
        consoleMayDecrypt: isAllowed(statements, consolePrincipal, 'kms:Decrypt', keyArn),
      };
      if (rotation.rotationPeriodInDays !== undefined) {
        row.rotationPeriodInDays = rotation.rotationPeriodInDays;
      }
      if (rotation.nextRotationDate !== undefined) row.nextRotationDate = rotation.nextRotationDate;
      rows.push(row);
    }
    marker = page.truncated ? page.nextMarker : undefined;
  } while (marker !== undefined);
  return rows.sort((a, b) =>
    (a.aliases[0] ?? a.metadata.arn).localeCompare(b.aliases[0] ?? b.metadata.arn),
  );
}
