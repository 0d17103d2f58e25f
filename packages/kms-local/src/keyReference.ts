import {
  describeValue,
  KmsInvalidAliasNameError,
  KmsInvalidArnError,
  KmsNotFoundError,
} from '@sealbus/core';

/** Where this KMS lives: every ARN it issues or accepts names this region and account. */
export interface KmsLocation {
  readonly region: string;
  readonly accountId: string;
}

/** A `KeyId` input, parsed: either a key id or an alias name (`alias/x`). */
export type KeyReference = { kind: 'key'; keyId: string } | { kind: 'alias'; aliasName: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;
const ARN = /^arn:([^:]+):kms:([^:]*):([^:]*):(key|alias)\/(.+)$/;
export const ALIAS_NAME_MAX_LENGTH = 256;
export const RESERVED_ALIAS_PREFIX = 'alias/aws/';

export function keyArn(location: KmsLocation, keyId: string): string {
  return `arn:aws:kms:${location.region}:${location.accountId}:key/${keyId}`;
}

export function aliasArn(location: KmsLocation, aliasName: string): string {
  return `arn:aws:kms:${location.region}:${location.accountId}:${aliasName}`;
}

export function isKeyId(value: string): boolean {
  return UUID.test(value);
}

/**
 * Parses every `KeyId` form KMS accepts: key id, key ARN, `alias/x`, alias ARN. ARNs of another
 * region or account name keys this KMS cannot hold, so they are not found, as in KMS.
 */
export function parseKeyReference(location: KmsLocation, input: string): KeyReference {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2048) {
    throw new KmsNotFoundError(
      `keyId ${describeValue(input)} is not a key id, key ARN, alias name or alias ARN; pass one of those (1-2048 characters).`,
      { field: 'KeyId' },
    );
  }
  if (input.startsWith('arn:')) {
    const match = ARN.exec(input);
    if (!match) {
      throw new KmsInvalidArnError(
        `keyId ${describeValue(input)} is not a valid KMS ARN; expected arn:aws:kms:<region>:<account>:key/<key-id> or ...:alias/<name>.`,
        { field: 'KeyId' },
      );
    }
    const [, , region, account, type, rest] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (region !== location.region || account !== location.accountId) {
      throw new KmsNotFoundError(
        `${input} is not in this KMS (region ${location.region}, account ${location.accountId}); use a key of this region and account.`,
        { field: 'KeyId' },
      );
    }
    if (type === 'alias') return { kind: 'alias', aliasName: `alias/${rest}` };
    return { kind: 'key', keyId: requireKeyId(rest, input) };
  }
  if (input.startsWith('alias/')) return { kind: 'alias', aliasName: input };
  return { kind: 'key', keyId: requireKeyId(input, input) };
}

function requireKeyId(candidate: string, input: string): string {
  if (!isKeyId(candidate)) {
    throw new KmsNotFoundError(
      `Invalid keyId ${describeValue(input)}: not a key id (UUID), key ARN, alias name or alias ARN.`,
      { field: 'KeyId' },
    );
  }
  return candidate;
}

/** Checks an alias name a user wants to create, update or delete. */
export function validateUserAliasName(aliasName: string): void {
  if (
    typeof aliasName !== 'string' ||
    aliasName.length > ALIAS_NAME_MAX_LENGTH ||
    !ALIAS_NAME.test(aliasName)
  ) {
    throw new KmsInvalidAliasNameError(
      `aliasName ${describeValue(aliasName)} is invalid: it must start with "alias/", be at most ${ALIAS_NAME_MAX_LENGTH} characters and use only A-Z a-z 0-9 / _ -.`,
      { field: 'AliasName' },
    );
  }
  if (aliasName.startsWith(RESERVED_ALIAS_PREFIX)) {
    throw new KmsInvalidAliasNameError(
      `aliasName ${describeValue(aliasName)} is reserved: names beginning with "alias/aws/" belong to AWS managed keys; choose another name.`,
      { field: 'AliasName' },
    );
  }
}
