import { timingSafeEqual } from 'node:crypto';
import { decryptAuthenticated } from '../crypto/aesGcm.js';
import { type DerivedDataKey, deriveDataKey } from '../crypto/deriveDataKey.js';
import { EnvelopeIntegrityError } from '../errors/EnvelopeIntegrityError.js';
import { COMMITMENT_LENGTH, IV_LENGTH, SALT_LENGTH } from '../format/constants.js';
import type { EnvelopeLayout } from '../format/envelopeLayout.js';
import type { DataKeyStats } from '../stats.js';
import type { CachedDataKey } from './DataKeyCache.js';

export interface OpeningDataKeyInit {
  keyArn: string;
  /** Plaintext data key; owned (and zeroed on destroy) from now on. */
  dataKey: Buffer;
  /** The salt of the envelope that caused the load; its derived key is cached. */
  salt: Uint8Array;
  contextAad: Buffer;
  createdAt: number;
  reusePeriodMs: number;
  stats: DataKeyStats;
}

/** One cached data key on the opening side, with the key derived for its sealer's salt. */
export class OpeningDataKey implements CachedDataKey {
  readonly keyArn: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly stats: DataKeyStats;
  lastUsed = 0;
  destroyed = false;
  private readonly dataKey: Buffer;
  private readonly salt: Buffer;
  private readonly derived: DerivedDataKey;
  private readonly contextAad: Buffer;

  constructor(init: OpeningDataKeyInit) {
    this.keyArn = init.keyArn;
    this.dataKey = init.dataKey;
    this.salt = Buffer.from(init.salt);
    this.derived = deriveDataKey(init.dataKey, this.salt);
    this.contextAad = init.contextAad;
    this.createdAt = init.createdAt;
    this.expiresAt = init.createdAt + init.reusePeriodMs;
    this.stats = init.stats;
  }

  canOpen(now: number, reusePeriodMs: number): boolean {
    return !this.destroyed && now < this.expiresAt && now < this.createdAt + reusePeriodMs;
  }

  /**
   * Checks the key commitment (constant time), then decrypts. A salt other than the cached
   * one (only a sealer holding this data key can make a valid one) gets a one-off derivation.
   */
  open(envelope: Buffer, layout: EnvelopeLayout): Buffer {
    const salt = envelope.subarray(layout.saltStart, layout.saltStart + SALT_LENGTH);
    const sameSalt = salt.equals(this.salt);
    const derived = sameSalt ? this.derived : deriveDataKey(this.dataKey, salt);
    try {
      const commitment = envelope.subarray(
        layout.commitmentStart,
        layout.commitmentStart + COMMITMENT_LENGTH,
      );
      if (!timingSafeEqual(derived.commitment, commitment)) {
        throw new EnvelopeIntegrityError(
          'envelope key commitment does not match its data key: the salt, commitment or encrypted data key was altered; discard the envelope',
          { field: 'commitment' },
        );
      }
      return decryptAuthenticated(
        derived.aesKey,
        envelope.subarray(layout.ivStart, layout.ivStart + IV_LENGTH),
        envelope.subarray(0, layout.headerEnd),
        this.contextAad,
        envelope.subarray(layout.headerEnd, layout.tagStart),
        envelope.subarray(layout.tagStart),
      );
    } finally {
      if (!sameSalt) derived.zero();
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.derived.zero();
    this.dataKey.fill(0);
  }
}
