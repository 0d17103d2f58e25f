/**
 * Wire constants of the envelope. The first magic byte, 0xFF, never occurs in UTF-8, so no text
 * body can be mistaken for an envelope.
 */
export const ENVELOPE_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0xff, 0x53, 0x42, 0x45);
/** The version `seal` writes: version 1 plus a per-message binding in the AAD. */
export const ENVELOPE_VERSION = 2;
/** The first version: same layout, no per-message binding. Still opened. */
export const ENVELOPE_VERSION_1 = 1;

/** Whether this engine opens envelopes of `version`. */
export function isReadableVersion(version: number): boolean {
  return version === ENVELOPE_VERSION || version === ENVELOPE_VERSION_1;
}

/** AES-256-GCM, HKDF-SHA256 per data key, 32-byte salt, 32-byte key commitment, 16-byte tag. */
export const SUITE_AES_256_GCM_HKDF_SHA256_COMMIT = 0x0001;
export const SUITE_NAMES: Readonly<Record<number, string>> = {
  [SUITE_AES_256_GCM_HKDF_SHA256_COMMIT]: 'AES_256_GCM_HKDF_SHA256_COMMIT_KEY',
};

export const DATA_KEY_LENGTH = 32;
export const SALT_LENGTH = 32;
export const COMMITMENT_LENGTH = 32;
export const IV_LENGTH = 12;
export const TAG_LENGTH = 16;
/** KMS key ARNs are at most 2048 characters. */
export const MAX_KEY_ARN_LENGTH = 2048;
/** Longest per-message binding (`SealOptions.binding`). */
export const MAX_BINDING_LENGTH = 65_535;
/** KMS `CiphertextBlob` is at most 6144 bytes. */
export const MAX_ENCRYPTED_DATA_KEY_LENGTH = 6144;

/** magic + version + suite + key ARN length (the fields before the key ARN). */
export const KEY_ARN_LENGTH_OFFSET = ENVELOPE_MAGIC.length + 1 + 2;
/** The smallest possible envelope: 1-byte ARN, 1-byte encrypted data key, empty body. */
export const MIN_ENVELOPE_LENGTH =
  KEY_ARN_LENGTH_OFFSET + 2 + 1 + 2 + 1 + SALT_LENGTH + COMMITMENT_LENGTH + IV_LENGTH + TAG_LENGTH;
