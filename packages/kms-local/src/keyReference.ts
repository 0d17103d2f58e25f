import {
  describeValue,
  KmsInvalidArnError,
  KmsNotFoundError,
  parseArn,
  tryParseKmsKeyId,
} from '@sealbus/core';
import { kmsError, wireValue } from './errors/kmsErrorTable.js';

/** Where this KMS lives: every ARN it issues or accepts names this region and account. */
export interface KmsLocation {
  readonly region: string;
  readonly accountId: string;
}

/** A `KeyId` input, parsed: either a key id or an alias name (`alias/x`). */
export type KeyReference = { kind: 'key'; keyId: string } | { kind: 'alias'; aliasName: string };

export const RESERVED_ALIAS_PREFIX = 'alias/aws/';

export function isKeyId(value: string): boolean {
  return tryParseKmsKeyId(value)?.kind === 'keyId';
}

/**
 * Parses every `KeyId` form KMS accepts with core's parser and maps its failures to KMS's codes:
 * a malformed ARN is `InvalidArnException`; anything else, and ARNs of another region or account
 * (keys this KMS cannot hold), are not found, as in KMS.
 */
export function parseKeyReference(location: KmsLocation, input: string): KeyReference {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2048) {
    throw new KmsNotFoundError(
      `keyId ${describeValue(input)} is not a key id, key ARN, alias name or alias ARN; pass one of those (1-2048 characters).`,
      { field: 'KeyId' },
    );
  }
  const parsed = tryParseKmsKeyId(input);
  if (parsed === undefined) {
    if (input.startsWith('arn:') && !isKmsKeyOrAliasArn(input)) {
      throw new KmsInvalidArnError(
        `keyId ${describeValue(input)} is not a valid KMS ARN; expected arn:aws:kms:<region>:<account>:key/<key-id> or ...:alias/<name>.`,
        { field: 'KeyId' },
      );
    }
    throw new KmsNotFoundError(
      `Invalid keyId ${describeValue(input)}: not a key id (UUID), key ARN, alias name or alias ARN.`,
      { field: 'KeyId' },
    );
  }
  if (
    (parsed.kind === 'keyArn' || parsed.kind === 'aliasArn') &&
    (parsed.region !== location.region || parsed.accountId !== location.accountId)
  ) {
    throw new KmsNotFoundError(
      `${input} is not in this KMS (region ${location.region}, account ${location.accountId}); use a key of this region and account.`,
      { field: 'KeyId' },
    );
  }
  return parsed.kind === 'keyId' || parsed.kind === 'keyArn'
    ? { kind: 'key', keyId: parsed.keyId }
    : { kind: 'alias', aliasName: parsed.aliasName };
}

/** A well-formed KMS ARN whose key id or alias name core still refuses names no key here. */
function isKmsKeyOrAliasArn(input: string): boolean {
  try {
    const arn = parseArn(input, 'KeyId');
    return arn.service === 'kms' && /^(key|alias)\/./.test(arn.resource);
  } catch {
    return false;
  }
}

/**
 * Checks an alias name a user wants to create, update or delete, in KMS's order: the type and
 * length, the `alias/` prefix, the character set, then the reserved `alias/aws/` names.
 */
export function validateUserAliasName(aliasName: unknown): string {
  if (typeof aliasName !== 'string' || aliasName.length < 1 || aliasName.length > 256) {
    throw kmsError(
      'constraint',
      {
        value: wireValue(aliasName),
        member: 'aliasName',
        constraint:
          'Member must have length less than or equal to 256 and greater than or equal to 1',
      },
      { field: 'AliasName' },
    );
  }
  if (!aliasName.startsWith('alias/')) {
    throw kmsError('aliasMissingPrefix', {}, { field: 'AliasName' });
  }
  if (!/^[a-zA-Z0-9/_-]+$/.test(aliasName) || aliasName === 'alias/') {
    throw kmsError('aliasInvalidCharacters', { alias: aliasName }, { field: 'AliasName' });
  }
  if (aliasName.startsWith(RESERVED_ALIAS_PREFIX)) {
    throw kmsError('aliasReserved', { alias: aliasName }, { field: 'AliasName' });
  }
  return aliasName;
}
