import { timingSafeEqual } from 'node:crypto';
import { AadTemplate } from '../crypto/aadTemplate.js';
import { decryptAuthenticated } from '../crypto/aesGcm.js';
import { type DerivedDataKey, deriveDataKey } from '../crypto/deriveDataKey.js';
import { EnvelopeIntegrityError } from '../errors/EnvelopeIntegrityError.js';
import { COMMITMENT_LENGTH, IV_LENGTH } from '../format/constants.js';
import type { EnvelopeLayout } from '../format/envelopeLayout.js';
import type { DataKeyStats } from '../stats.js';
import type { CachedDataKey } from './DataKeyCache.js';

export interface OpeningDataKeyInit {
  keyArn: string;
  /** Plaintext data key; owned (and zeroed on destroy) from now on. */
  dataKey: Buffer;
  /** The envelope that caused the load: its salt's derived key is the one cached. */
  envelope: Buffer;
  layout: EnvelopeLayout;
  contextAad: Buffer;
  createdAt: number;
  reusePeriodMs: number;
  stats: DataKeyStats;
}

function checkCommitment(derived: DerivedDataKey, envelope: Buffer, layout: EnvelopeLayout): void {
  const stored = envelope.subarray(
    layout.commitmentStart,
    layout.commitmentStart + COMMITMENT_LENGTH,
  );
  if (!timingSafeEqual(derived.commitment, stored)) {
    throw new EnvelopeIntegrityError(
      'envelope key commitment does not match its data key: the salt, commitment or encrypted data key was altered; discard the envelope',
      { field: 'commitment' },
    );
  }
}

/**
 * One cached data key on the opening side. Envelopes from the sealer whose load filled the
 * entry share its header up to the IV (same key ARN, encrypted data key, salt), so their AAD
 * is this entry's template with the envelope's IV written in.
 */
export class OpeningDataKey implements CachedDataKey {
  readonly keyArn: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly stats: DataKeyStats;
  lastUsed = 0;
  destroyed = false;
  private readonly dataKey: Buffer;
  private readonly derived: DerivedDataKey;
  private readonly contextAad: Buffer;
  /** Magic through salt of the loading envelope. */
  private readonly prefix: Buffer;
  private readonly aad: AadTemplate;

  constructor(init: OpeningDataKeyInit) {
    const { envelope, layout } = init;
    this.keyArn = init.keyArn;
    this.dataKey = init.dataKey;
    this.derived = deriveDataKey(
      init.dataKey,
      envelope.subarray(layout.saltStart, layout.commitmentStart),
    );
    this.contextAad = init.contextAad;
    this.prefix = Buffer.from(envelope.subarray(0, layout.commitmentStart));
    this.aad = new AadTemplate(
      Buffer.concat([this.prefix, this.derived.commitment]),
      init.contextAad,
    );
    this.createdAt = init.createdAt;
    this.expiresAt = init.createdAt + init.reusePeriodMs;
    this.stats = init.stats;
  }

  canOpen(now: number, reusePeriodMs: number): boolean {
    return !this.destroyed && now < this.expiresAt && now < this.createdAt + reusePeriodMs;
  }

  /**
   * Opens `envelope` if it has this entry's key ARN, encrypted data key and salt (one memcmp),
   * else returns undefined. Checks the key commitment (constant time) before decrypting.
   */
  openIfSameSalt(envelope: Buffer, layout: EnvelopeLayout): Buffer | undefined {
    if (this.prefix.compare(envelope, 0, layout.commitmentStart) !== 0) return undefined;
    checkCommitment(this.derived, envelope, layout);
    // Prefix and commitment equal: the template holds this envelope's header bytes.
    envelope.copy(this.aad.iv, 0, layout.ivStart, layout.ivStart + IV_LENGTH);
    return decryptAuthenticated(
      this.derived.aesKey,
      this.aad.iv,
      this.aad.bytes,
      envelope.subarray(layout.headerEnd, layout.tagStart),
      envelope.subarray(layout.tagStart),
    );
  }

  /** Opens an envelope whose key ARN and encrypted data key are this entry's. */
  open(envelope: Buffer, layout: EnvelopeLayout): Buffer {
    return this.openIfSameSalt(envelope, layout) ?? this.openWithOtherSalt(envelope, layout);
  }

  /** Same data key under another salt: only a holder of the data key can make that valid. */
  private openWithOtherSalt(envelope: Buffer, layout: EnvelopeLayout): Buffer {
    const derived = deriveDataKey(
      this.dataKey,
      envelope.subarray(layout.saltStart, layout.commitmentStart),
    );
    try {
      checkCommitment(derived, envelope, layout);
      return decryptAuthenticated(
        derived.aesKey,
        envelope.subarray(layout.ivStart, layout.headerEnd),
        Buffer.concat([envelope.subarray(0, layout.headerEnd), this.contextAad]),
        envelope.subarray(layout.headerEnd, layout.tagStart),
        envelope.subarray(layout.tagStart),
      );
    } finally {
      derived.zero();
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.derived.zero();
    this.dataKey.fill(0);
  }
}
