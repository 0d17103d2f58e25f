import { describeValue } from '@sealbus/core';
import { EnvelopeFormatError } from '../errors/EnvelopeFormatError.js';
import {
  COMMITMENT_LENGTH,
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  ENVELOPE_VERSION_1,
  IV_LENGTH,
  isReadableVersion,
  KEY_ARN_LENGTH_OFFSET,
  MAX_ENCRYPTED_DATA_KEY_LENGTH,
  MAX_KEY_ARN_LENGTH,
  MIN_ENVELOPE_LENGTH,
  SALT_LENGTH,
  SUITE_AES_256_GCM_HKDF_SHA256_COMMIT,
  TAG_LENGTH,
} from './constants.js';

/** Where each field of a parsed envelope sits: offsets only, so parsing allocates nothing. */
export interface EnvelopeLayout {
  readonly version: number;
  readonly suiteId: number;
  readonly keyArnStart: number;
  readonly keyArnEnd: number;
  readonly encryptedDataKeyStart: number;
  readonly encryptedDataKeyEnd: number;
  readonly saltStart: number;
  readonly commitmentStart: number;
  readonly ivStart: number;
  /** End of the header = start of the ciphertext. The header is the first part of the AAD. */
  readonly headerEnd: number;
  readonly tagStart: number;
}

function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
}

/** True when `bytes` starts with the envelope magic and a version this engine reads. */
export function isSealed(bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength < MIN_ENVELOPE_LENGTH) return false;
  for (let i = 0; i < ENVELOPE_MAGIC.length; i++) {
    if (bytes[i] !== ENVELOPE_MAGIC[i]) return false;
  }
  return isReadableVersion(bytes[ENVELOPE_MAGIC.length] as number);
}

function lengthField(
  bytes: Uint8Array,
  offset: number,
  field: string,
  max: number,
): { start: number; end: number } {
  if (offset + 2 > bytes.byteLength) {
    throw new EnvelopeFormatError(
      `envelope truncated: the ${field} length at byte ${offset} is past the end of the ${bytes.byteLength}-byte envelope; the envelope is damaged or not sealbus bytes`,
      { field },
    );
  }
  const length = readUint16(bytes, offset);
  if (length < 1 || length > max) {
    throw new EnvelopeFormatError(
      `envelope ${field} length is ${length}, must be 1-${max}; the envelope is damaged or not sealbus bytes`,
      { field },
    );
  }
  const start = offset + 2;
  const end = start + length;
  if (end > bytes.byteLength) {
    throw new EnvelopeFormatError(
      `envelope ${field} (${length} bytes at byte ${start}) runs past the end of the ${bytes.byteLength}-byte envelope; the envelope is truncated`,
      { field },
    );
  }
  return { start, end };
}

/**
 * Checks every fixed field and every length against the buffer. Throws `EnvelopeFormatError`
 * on anything malformed; authenticity is checked later, by the key commitment and the GCM tag.
 */
export function parseEnvelope(bytes: Uint8Array): EnvelopeLayout {
  if (!(bytes instanceof Uint8Array)) {
    throw new EnvelopeFormatError(
      `envelope must be a Uint8Array, got ${describeValue(bytes)}; pass the sealed bytes as stored`,
      { field: 'envelope' },
    );
  }
  if (bytes.byteLength < MIN_ENVELOPE_LENGTH) {
    throw new EnvelopeFormatError(
      `envelope is ${bytes.byteLength} bytes, shorter than the minimum of ${MIN_ENVELOPE_LENGTH}; it is truncated or not sealbus bytes`,
      { field: 'envelope' },
    );
  }
  for (let i = 0; i < ENVELOPE_MAGIC.length; i++) {
    if (bytes[i] !== ENVELOPE_MAGIC[i]) {
      throw new EnvelopeFormatError(
        'envelope magic is not FF 53 42 45 ("\\xFFSBE"); these bytes are not a sealbus envelope',
        { field: 'magic' },
      );
    }
  }
  const version = bytes[ENVELOPE_MAGIC.length] as number;
  if (!isReadableVersion(version)) {
    throw new EnvelopeFormatError(
      `envelope version is ${version}, this engine reads versions ${ENVELOPE_VERSION_1} and ${ENVELOPE_VERSION}; upgrade @sealbus/envelope to open it`,
      { field: 'version' },
    );
  }
  const suiteId = readUint16(bytes, ENVELOPE_MAGIC.length + 1);
  if (suiteId !== SUITE_AES_256_GCM_HKDF_SHA256_COMMIT) {
    throw new EnvelopeFormatError(
      `envelope algorithm suite is 0x${suiteId.toString(16).padStart(4, '0')}, this engine knows only 0x0001 (AES-256-GCM, HKDF-SHA256, key commitment); upgrade @sealbus/envelope`,
      { field: 'suite' },
    );
  }
  const keyArn = lengthField(bytes, KEY_ARN_LENGTH_OFFSET, 'keyArn', MAX_KEY_ARN_LENGTH);
  const dataKey = lengthField(bytes, keyArn.end, 'encryptedDataKey', MAX_ENCRYPTED_DATA_KEY_LENGTH);
  const saltStart = dataKey.end;
  const commitmentStart = saltStart + SALT_LENGTH;
  const ivStart = commitmentStart + COMMITMENT_LENGTH;
  const headerEnd = ivStart + IV_LENGTH;
  const tagStart = bytes.byteLength - TAG_LENGTH;
  if (tagStart < headerEnd) {
    throw new EnvelopeFormatError(
      `envelope is ${bytes.byteLength} bytes, too short for its ${headerEnd}-byte header plus the ${TAG_LENGTH}-byte tag; it is truncated`,
      { field: 'envelope' },
    );
  }
  return {
    version,
    suiteId,
    keyArnStart: keyArn.start,
    keyArnEnd: keyArn.end,
    encryptedDataKeyStart: dataKey.start,
    encryptedDataKeyEnd: dataKey.end,
    saltStart,
    commitmentStart,
    ivStart,
    headerEnd,
    tagStart,
  };
}
