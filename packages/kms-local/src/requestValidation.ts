import {
  describeValue,
  KEY_SPECS,
  type KeySpec,
  type KeyUsage,
  KmsValidationError,
} from '@sealbus/core';
import { BLOB_MAX_PLAINTEXT } from './ciphertextBlob.js';
import { constraintError, kmsError, wireValue } from './errors/kmsErrorTable.js';
import { KEY_SPEC_INFO } from './kms/keySpecs.js';

export const DATA_KEY_SPEC_BYTES = { AES_256: 32, AES_128: 16 } as const;
export type DataKeySpec = keyof typeof DATA_KEY_SPEC_BYTES;
export const DESCRIPTION_MAX_LENGTH = 8192;
export const MAX_TAGS = 50;

/** Number of data key bytes from exactly one of `keySpec`/`numberOfBytes`; AES_256 when neither. */
export function dataKeyLength(keySpec: unknown, numberOfBytes: unknown): number {
  if (keySpec !== undefined && numberOfBytes !== undefined) {
    throw new KmsValidationError(
      'Pass either keySpec or numberOfBytes to generate a data key, not both.',
      { field: 'KeySpec' },
    );
  }
  if (numberOfBytes !== undefined) {
    return integerMember(numberOfBytes, 'numberOfBytes', 1, 1024);
  }
  if (keySpec === undefined) return DATA_KEY_SPEC_BYTES.AES_256;
  if (keySpec !== 'AES_256' && keySpec !== 'AES_128') {
    throw new KmsValidationError(`keySpec ${describeValue(keySpec)} is not AES_256 or AES_128.`, {
      field: 'KeySpec',
    });
  }
  return DATA_KEY_SPEC_BYTES[keySpec];
}

/** An integer request member in AWS's validation form. */
export function integerMember(value: unknown, member: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw constraintError(member, wireValue(String(value)), 'Member must be an integer');
  }
  if (value < min) {
    throw constraintError(
      member,
      wireValue(String(value)),
      `Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw constraintError(
      member,
      wireValue(String(value)),
      `Member must have value less than or equal to ${max}`,
    );
  }
  return value;
}

export function integerInRange(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new KmsValidationError(
      `${field} must be an integer from ${min} to ${max}, got ${describeValue(value)}.`,
      { field },
    );
  }
  return value;
}

/**
 * The key usage and spec of a new key: SYMMETRIC_DEFAULT/ENCRYPT_DECRYPT when both are absent;
 * the usage defaults to the spec's only or first usage (ENCRYPT_DECRYPT for RSA), as in KMS.
 */
export function validateKeyKind(
  keyUsage: unknown,
  keySpec: unknown,
): { keyUsage: KeyUsage; keySpec: KeySpec } {
  if (keySpec !== undefined && !(KEY_SPECS as readonly unknown[]).includes(keySpec)) {
    throw constraintError(
      'keySpec',
      wireValue(keySpec),
      `Member must satisfy enum value set: [${KEY_SPECS.join(', ')}]`,
    );
  }
  if (keyUsage !== undefined && !(USAGES as readonly unknown[]).includes(keyUsage)) {
    throw constraintError(
      'keyUsage',
      wireValue(keyUsage),
      `Member must satisfy enum value set: [${USAGES.join(', ')}]`,
    );
  }
  const spec = (keySpec ?? 'SYMMETRIC_DEFAULT') as KeySpec;
  const info = KEY_SPEC_INFO[spec];
  const usage = (keyUsage ?? info.usages[0]) as KeyUsage;
  if (!info.usages.includes(usage)) {
    throw kmsError(
      'invalidParameter',
      { detail: `KeyUsage ${usage} is not compatible with KeySpec ${spec}` },
      { field: 'KeyUsage' },
    );
  }
  return { keyUsage: usage, keySpec: spec };
}

const USAGES = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC'] as const;

/** 1-4096 bytes: what Encrypt, Sign, GenerateMac and friends take. */
export function validateMessageBytes(value: unknown, member: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw constraintError(member, wireValue(value), 'Member must be a blob');
  }
  if (value.length < 1) {
    throw constraintError(
      member,
      wireValue(value),
      'Member must have length greater than or equal to 1',
    );
  }
  if (value.length > BLOB_MAX_PLAINTEXT) {
    throw constraintError(
      member,
      wireValue(value),
      `Member must have length less than or equal to ${BLOB_MAX_PLAINTEXT}`,
    );
  }
  return value;
}

/** One value of an enum member, in AWS's validation form. */
export function enumMember<T extends string>(
  value: unknown,
  member: string,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw constraintError(
      member,
      wireValue(value),
      `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return value as T;
}

export const MAX_GRANT_TOKENS = 10;

export function validateGrantTokens(tokens: unknown): string[] {
  if (tokens === undefined) return [];
  if (!Array.isArray(tokens) || tokens.length > MAX_GRANT_TOKENS) {
    throw constraintError(
      'grantTokens',
      wireValue(tokens),
      `Member must have length less than or equal to ${MAX_GRANT_TOKENS}`,
    );
  }
  for (const token of tokens) {
    if (typeof token !== 'string' || token.length < 1 || token.length > 8192) {
      throw constraintError(
        'grantTokens',
        wireValue(token),
        'Member must have length less than or equal to 8192 and greater than or equal to 1',
      );
    }
  }
  return tokens as string[];
}

export function validateDescription(description: unknown): string {
  if (description === undefined) return '';
  if (typeof description !== 'string' || description.length > DESCRIPTION_MAX_LENGTH) {
    throw new KmsValidationError(
      `description must be a string of at most ${DESCRIPTION_MAX_LENGTH} characters, got ${describeValue(description)}.`,
      { field: 'Description' },
    );
  }
  return description;
}

/** AWS's tag character set: letters, spaces, numbers and `_ . : / = + - @`. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Tag keys and values as KMS checks them; the count limit is checked where tags are added. */
export function validateTags(tags: unknown): Record<string, string> {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw kmsError(
      'invalidParameter',
      { detail: `Tags must be a list of TagKey/TagValue pairs, got ${describeValue(tags)}.` },
      { field: 'Tags' },
    );
  }
  for (const [key, value] of Object.entries(tags)) {
    validateTagKey(key);
    if (typeof value !== 'string' || value.length > 256 || !TAG_PATTERN.test(value)) {
      throw kmsError(
        'tagInvalid',
        {
          what: 'value',
          value: describeValue(value),
          reason: 'a tag value is 0-256 letters, numbers, spaces or _ . : / = + - @',
        },
        { field: 'Tags' },
      );
    }
  }
  return { ...(tags as Record<string, string>) };
}

export function validateTagKey(key: unknown): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > 128 || !TAG_PATTERN.test(key)) {
    throw kmsError(
      'tagInvalid',
      {
        what: 'key',
        value: describeValue(key),
        reason: 'a tag key is 1-128 letters, numbers, spaces or _ . : / = + - @',
      },
      { field: 'Tags' },
    );
  }
  if (key.startsWith('aws:')) throw kmsError('tagReserved', {}, { field: 'Tags' });
  return key;
}

/** An audit label, not an identity: short printable text, so the log stays readable. */
const MAX_ON_BEHALF_OF = 256;

export function validateOnBehalfOf(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_ON_BEHALF_OF ||
    !/^[\x21-\x7e]+$/.test(value)
  ) {
    throw new KmsValidationError(
      `onBehalfOf must be 1-${MAX_ON_BEHALF_OF} printable ASCII characters without spaces, got ${describeValue(value)}.`,
      { field: 'onBehalfOf' },
    );
  }
  return value;
}

export function validatePrincipal(principal: unknown): void {
  if (principal !== undefined && (typeof principal !== 'string' || principal.length === 0)) {
    throw new KmsValidationError(
      `principal must be a non-empty string (an ARN or stable name), got ${describeValue(principal)}.`,
      { field: 'principal' },
    );
  }
}
