import { EnvelopeFormatError } from '../errors/EnvelopeFormatError.js';
import {
  COMMITMENT_LENGTH,
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  IV_LENGTH,
  MAX_ENCRYPTED_DATA_KEY_LENGTH,
  MAX_KEY_ARN_LENGTH,
  SALT_LENGTH,
  SUITE_AES_256_GCM_HKDF_SHA256_COMMIT,
  SUITE_NAMES,
  TAG_LENGTH,
} from './constants.js';
import { type EnvelopeLayout, parseEnvelope } from './envelopeLayout.js';

/** What an envelope says about itself, readable without any key (at-rest inspection). */
export interface EnvelopeHeader {
  readonly version: number;
  readonly suiteId: number;
  readonly suiteName: string;
  readonly keyArn: string;
  /** The KMS `CiphertextBlob` of the data key (a copy). */
  readonly encryptedDataKey: Uint8Array;
  readonly encryptedDataKeyLength: number;
  readonly salt: Uint8Array;
  readonly commitment: Uint8Array;
  readonly iv: Uint8Array;
  readonly headerLength: number;
  /** Equals the plaintext length: GCM adds no padding. */
  readonly ciphertextLength: number;
  readonly tagLength: number;
  readonly envelopeLength: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes the key ARN of a parsed envelope; invalid UTF-8 is a format error. */
export function decodeKeyArn(bytes: Uint8Array, layout: EnvelopeLayout): string {
  try {
    return utf8.decode(bytes.subarray(layout.keyArnStart, layout.keyArnEnd));
  } catch (cause) {
    throw new EnvelopeFormatError(
      `envelope keyArn (bytes ${layout.keyArnStart}-${layout.keyArnEnd}) is not valid UTF-8; the envelope is damaged`,
      { field: 'keyArn', cause },
    );
  }
}

/** Parses and describes an envelope WITHOUT decrypting it. Throws `EnvelopeFormatError`. */
export function readEnvelopeHeader(bytes: Uint8Array): EnvelopeHeader {
  const layout = parseEnvelope(bytes);
  return {
    version: layout.version,
    suiteId: layout.suiteId,
    suiteName: SUITE_NAMES[layout.suiteId] ?? 'unknown',
    keyArn: decodeKeyArn(bytes, layout),
    encryptedDataKey: bytes.slice(layout.encryptedDataKeyStart, layout.encryptedDataKeyEnd),
    encryptedDataKeyLength: layout.encryptedDataKeyEnd - layout.encryptedDataKeyStart,
    salt: bytes.slice(layout.saltStart, layout.saltStart + SALT_LENGTH),
    commitment: bytes.slice(layout.commitmentStart, layout.commitmentStart + COMMITMENT_LENGTH),
    iv: bytes.slice(layout.ivStart, layout.ivStart + IV_LENGTH),
    headerLength: layout.headerEnd,
    ciphertextLength: layout.tagStart - layout.headerEnd,
    tagLength: TAG_LENGTH,
    envelopeLength: bytes.byteLength,
  };
}

/**
 * Encodes the header up to (not including) the IV; a sealing data key builds it once and
 * copies it in front of every message it seals.
 */
export function encodeHeaderPrefix(
  keyArn: string,
  encryptedDataKey: Uint8Array,
  salt: Uint8Array,
  commitment: Uint8Array,
): Buffer {
  const arn = Buffer.from(keyArn, 'utf8');
  if (arn.byteLength < 1 || arn.byteLength > MAX_KEY_ARN_LENGTH) {
    throw new EnvelopeFormatError(
      `keyArn from the KeyProvider is ${arn.byteLength} bytes, must be 1-${MAX_KEY_ARN_LENGTH}; check the KeyProvider`,
      { field: 'keyArn' },
    );
  }
  if (
    encryptedDataKey.byteLength < 1 ||
    encryptedDataKey.byteLength > MAX_ENCRYPTED_DATA_KEY_LENGTH
  ) {
    throw new EnvelopeFormatError(
      `ciphertextBlob from the KeyProvider is ${encryptedDataKey.byteLength} bytes, must be 1-${MAX_ENCRYPTED_DATA_KEY_LENGTH}; check the KeyProvider`,
      { field: 'encryptedDataKey' },
    );
  }
  const prefix = Buffer.alloc(
    ENVELOPE_MAGIC.length +
      1 +
      2 +
      2 +
      arn.byteLength +
      2 +
      encryptedDataKey.byteLength +
      SALT_LENGTH +
      COMMITMENT_LENGTH,
  );
  let offset = 0;
  prefix.set(ENVELOPE_MAGIC, offset);
  offset += ENVELOPE_MAGIC.length;
  offset = prefix.writeUInt8(ENVELOPE_VERSION, offset);
  offset = prefix.writeUInt16BE(SUITE_AES_256_GCM_HKDF_SHA256_COMMIT, offset);
  offset = prefix.writeUInt16BE(arn.byteLength, offset);
  prefix.set(arn, offset);
  offset += arn.byteLength;
  offset = prefix.writeUInt16BE(encryptedDataKey.byteLength, offset);
  prefix.set(encryptedDataKey, offset);
  offset += encryptedDataKey.byteLength;
  prefix.set(salt, offset);
  offset += SALT_LENGTH;
  prefix.set(commitment, offset);
  return prefix;
}
