import { hkdfSync } from 'node:crypto';
import {
  COMMITMENT_LENGTH,
  ENVELOPE_VERSION,
  ENVELOPE_VERSION_1,
  SUITE_AES_256_GCM_HKDF_SHA256_COMMIT,
} from '../format/constants.js';

const AES_KEY_LENGTH = 32;

/**
 * HKDF info: a label, the format version and the suite id, so no other use (and no other
 * version) derives the same key.
 */
export function hkdfInfo(version: number): Buffer {
  return Buffer.concat([
    Buffer.from('sealbus/envelope', 'ascii'),
    Buffer.of(
      version,
      SUITE_AES_256_GCM_HKDF_SHA256_COMMIT >> 8,
      SUITE_AES_256_GCM_HKDF_SHA256_COMMIT & 0xff,
    ),
  ]);
}

const HKDF_INFOS: ReadonlyMap<number, Buffer> = new Map(
  [ENVELOPE_VERSION_1, ENVELOPE_VERSION].map((version) => [version, hkdfInfo(version)]),
);

export interface DerivedDataKey {
  /** The AES-256-GCM key. */
  readonly aesKey: Buffer;
  /** Stored in the header; proves which data key and salt the envelope was sealed with. */
  readonly commitment: Buffer;
  /** Overwrites both with zeros. */
  zero(): void;
}

/**
 * HKDF-SHA256(IKM = data key, salt, info) → 64 bytes: the first 32 are the AES key, the last 32
 * the key commitment. Runs once per data key (and salt), never per message.
 */
export function deriveDataKey(
  dataKey: Uint8Array,
  salt: Uint8Array,
  version: number = ENVELOPE_VERSION,
): DerivedDataKey {
  const info = HKDF_INFOS.get(version) ?? hkdfInfo(version);
  const okm = Buffer.from(
    hkdfSync('sha256', dataKey, salt, info, AES_KEY_LENGTH + COMMITMENT_LENGTH),
  );
  return {
    aesKey: okm.subarray(0, AES_KEY_LENGTH),
    commitment: okm.subarray(AES_KEY_LENGTH),
    zero: () => {
      okm.fill(0);
    },
  };
}
