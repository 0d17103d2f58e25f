import { randomBytes } from 'node:crypto';
import { AadTemplate } from '../crypto/aadTemplate.js';
import { encryptInto } from '../crypto/aesGcm.js';
import { type DerivedDataKey, deriveDataKey } from '../crypto/deriveDataKey.js';
import { SALT_LENGTH, TAG_LENGTH } from '../format/constants.js';
import { encodeHeaderPrefix } from '../format/envelopeHeader.js';
import { DataKeyEntry, type DataKeyEntryInit } from './DataKeyEntry.js';
import { allocateEnvelope } from './envelopeSlab.js';

const TWO_POW_32 = 2 ** 32;

export interface SealingDataKeyInit extends DataKeyEntryInit {
  /** Plaintext data key; zeroed as soon as the AES key is derived from it. */
  dataKey: Uint8Array;
  encryptedDataKey: Uint8Array;
  contextAad: Buffer;
  /** Random unless given (test vectors fix it). */
  salt?: Uint8Array;
  /** The 32-bit IV prefix; random unless given. */
  ivPrefix?: number;
}

export interface SealingLimits {
  readonly maxMessagesPerDataKey: number;
  readonly maxBytesPerDataKey: number;
}

/**
 * One cached data key on the sealing side: the derived AES key, the precomputed header and
 * the IV counter. IV = 32-bit random prefix || 64-bit message counter, so IVs never repeat
 * under this key; the engine retires the key before the counter reaches its limit.
 */
export class SealingDataKey extends DataKeyEntry {
  messagesSealed = 0;
  bytesSealed = 0;
  private readonly derived: DerivedDataKey;
  private readonly aad: AadTemplate;
  private readonly ivPrefix: number;

  constructor(init: SealingDataKeyInit) {
    super(init);
    const salt = init.salt ?? randomBytes(SALT_LENGTH);
    this.derived = deriveDataKey(init.dataKey, salt);
    init.dataKey.fill(0);
    try {
      this.aad = new AadTemplate(
        encodeHeaderPrefix(init.keyArn, init.encryptedDataKey, salt, this.derived.commitment),
        init.contextAad,
      );
    } catch (error) {
      this.derived.zero();
      throw error;
    }
    this.ivPrefix = init.ivPrefix ?? randomBytes(4).readUInt32BE(0);
  }

  /** Whether this key may seal a `byteLength`-byte body now, for a caller with `reusePeriodMs`. */
  canSeal(now: number, reusePeriodMs: number, byteLength: number, limits: SealingLimits): boolean {
    return (
      this.usableAt(now, reusePeriodMs) &&
      this.messagesSealed < limits.maxMessagesPerDataKey &&
      (this.messagesSealed === 0 || this.bytesSealed + byteLength <= limits.maxBytesPerDataKey)
    );
  }

  /**
   * header (prefix || IV) || ciphertext || tag, in one allocation. `binding` (e.g. the message
   * id) is authenticated after the context and not stored: the opener must supply it again.
   */
  seal(plaintext: Uint8Array, binding: string | Uint8Array = ''): Buffer {
    const counter = this.messagesSealed++;
    this.bytesSealed += plaintext.byteLength;
    const { iv, headerLength } = this.aad;
    iv.writeUInt32BE(this.ivPrefix, 0);
    iv.writeUInt32BE(Math.floor(counter / TWO_POW_32), 4);
    iv.writeUInt32BE(counter >>> 0, 8);
    // After the IV: a binding too long for the template is concatenated to a copy.
    const aad = this.aad.withBinding(binding);
    const out = allocateEnvelope(headerLength + plaintext.byteLength + TAG_LENGTH);
    aad.copy(out, 0, 0, headerLength);
    encryptInto(out, headerLength, this.derived.aesKey, iv, aad, plaintext);
    return out;
  }

  destroy(): void {
    this.destroyed = true;
    this.derived.zero();
  }
}
