import { describeValue, KmsUnsupportedOperationError, KmsValidationError } from '@sealbus/core';

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
    return integerInRange(numberOfBytes, 1, 1024, 'numberOfBytes');
  }
  if (keySpec === undefined) return DATA_KEY_SPEC_BYTES.AES_256;
  if (keySpec !== 'AES_256' && keySpec !== 'AES_128') {
    throw new KmsValidationError(`keySpec ${describeValue(keySpec)} is not AES_256 or AES_128.`, {
      field: 'KeySpec',
    });
  }
  return DATA_KEY_SPEC_BYTES[keySpec];
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

const ASYMMETRIC_USAGES = new Set(['SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT']);
const ASYMMETRIC_SPEC = /^(RSA_\d+|ECC_[A-Z0-9_]+|HMAC_\d+|SM2|ML_DSA_\d+)$/;

/** Local KMS holds symmetric encryption keys only; say so plainly for every other kind. */
export function validateKeyKind(keyUsage: unknown, keySpec: unknown): void {
  if (keyUsage !== undefined && keyUsage !== 'ENCRYPT_DECRYPT') {
    if (typeof keyUsage === 'string' && ASYMMETRIC_USAGES.has(keyUsage)) {
      throw new KmsUnsupportedOperationError(
        `keyUsage ${keyUsage} is not supported: local KMS creates only symmetric ENCRYPT_DECRYPT keys. Omit keyUsage or pass ENCRYPT_DECRYPT.`,
        { field: 'KeyUsage' },
      );
    }
    throw new KmsValidationError(
      `keyUsage ${describeValue(keyUsage)} is not a KMS key usage; pass ENCRYPT_DECRYPT.`,
      { field: 'KeyUsage' },
    );
  }
  if (keySpec !== undefined && keySpec !== 'SYMMETRIC_DEFAULT') {
    if (typeof keySpec === 'string' && ASYMMETRIC_SPEC.test(keySpec)) {
      throw new KmsUnsupportedOperationError(
        `keySpec ${keySpec} is not supported: local KMS creates only SYMMETRIC_DEFAULT keys (AES-256-GCM). Omit keySpec or pass SYMMETRIC_DEFAULT.`,
        { field: 'KeySpec' },
      );
    }
    throw new KmsValidationError(
      `keySpec ${describeValue(keySpec)} is not a KMS key spec; pass SYMMETRIC_DEFAULT.`,
      { field: 'KeySpec' },
    );
  }
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

export function validateTags(tags: unknown): Record<string, string> {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new KmsValidationError(
      `tags must be an object of tag keys to values, got ${describeValue(tags)}.`,
      {
        field: 'Tags',
      },
    );
  }
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    throw new KmsValidationError(
      `tags has ${entries.length} entries; a key takes at most ${MAX_TAGS}.`,
      {
        field: 'Tags',
      },
    );
  }
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 128 || key.startsWith('aws:')) {
      throw new KmsValidationError(
        `tag key ${describeValue(key)} must be 1-128 characters and must not start with "aws:".`,
        { field: 'Tags' },
      );
    }
    if (typeof value !== 'string' || value.length > 256) {
      throw new KmsValidationError(
        `tag ${describeValue(key)} must have a string value of at most 256 characters, got ${describeValue(value)}.`,
        { field: 'Tags' },
      );
    }
  }
  return { ...(tags as Record<string, string>) };
}

export function validatePrincipal(principal: unknown): void {
  if (principal !== undefined && (typeof principal !== 'string' || principal.length === 0)) {
    throw new KmsValidationError(
      `principal must be a non-empty string (an ARN or stable name), got ${describeValue(principal)}.`,
      { field: 'principal' },
    );
  }
}
