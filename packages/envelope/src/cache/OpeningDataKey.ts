import { AadTemplate } from '../crypto/aadTemplate.js';
import { decryptAuthenticated } from '../crypto/aesGcm.js';
import { type DerivedDataKey, deriveDataKey } from '../crypto/deriveDataKey.js';
import { EnvelopeIntegrityError } from '../errors/EnvelopeIntegrityError.js';
import {
  COMMITMENT_LENGTH,
  ENVELOPE_VERSION_1,
  IV_LENGTH,
  TAG_LENGTH,
} from '../format/constants.js';
import type { EnvelopeLayout } from '../format/envelopeLayout.js';
import { DataKeyEntry, type DataKeyEntryInit } from './DataKeyEntry.js';

export interface OpeningDataKeyInit extends DataKeyEntryInit {
  /** Plaintext data key; owned (and zeroed on destroy) from now on. */
  dataKey: Buffer;
  /** The envelope that caused the load: its salt's derived key is the one cached. */
  envelope: Buffer;
  layout: EnvelopeLayout;
  contextAad: Buffer;
}

/**
 * Compares the stored commitment with the derived one in constant time: every byte is
 * XOR-accumulated, no early exit (like `crypto.timingSafeEqual`, without a view per call).
 */
function checkCommitment(derived: DerivedDataKey, envelope: Buffer, commitmentStart: number): void {
  const expected = derived.commitment;
  let difference = 0;
  for (let i = 0; i < COMMITMENT_LENGTH; i++) {
    difference |= (expected[i] as number) ^ (envelope[commitmentStart + i] as number);
  }
  if (difference !== 0) {
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
export class OpeningDataKey extends DataKeyEntry {
  private readonly dataKey: Buffer;
  private readonly derived: DerivedDataKey;
  private readonly contextAad: Buffer;
  /** Magic through commitment of the loading envelope, with the commitment of our derived key. */
  private readonly header: Buffer;
  private readonly aad: AadTemplate;
  /** Scratch for the tag of the envelope being opened (synchronous use only). */
  private readonly tag = Buffer.alloc(TAG_LENGTH);
  /** Field offsets shared by every envelope with this prefix. */
  private readonly ivStart: number;
  private readonly headerEnd: number;
  /** Version 1 envelopes authenticate no binding: any binding the caller passes is ignored. */
  private readonly bindsMessages: boolean;

  constructor(init: OpeningDataKeyInit) {
    super(init);
    const { envelope, layout } = init;
    this.dataKey = init.dataKey;
    this.derived = deriveDataKey(
      init.dataKey,
      envelope.subarray(layout.saltStart, layout.commitmentStart),
      layout.version,
    );
    this.bindsMessages = layout.version !== ENVELOPE_VERSION_1;
    this.contextAad = init.contextAad;
    this.header = Buffer.concat([
      envelope.subarray(0, layout.commitmentStart),
      this.derived.commitment,
    ]);
    this.ivStart = layout.ivStart;
    this.headerEnd = layout.headerEnd;
    this.aad = new AadTemplate(this.header, init.contextAad);
  }

  canOpen(now: number, reusePeriodMs: number): boolean {
    return this.usableAt(now, reusePeriodMs);
  }

  /**
   * Opens `envelope` if it starts with this entry's magic, version, suite, key ARN, encrypted
   * data key, salt and the commitment of this entry's derived key (one memcmp that also stands
   * in for parsing them and for the commitment check), else returns undefined. The commitment
   * is public (every envelope carries it), so comparing it in variable time leaks nothing; an
   * envelope whose commitment differs takes `open`'s other path, which rejects it.
   */
  openIfSameSalt(envelope: Buffer, binding: string | Uint8Array = ''): Buffer | undefined {
    const { ivStart, headerEnd } = this;
    const tagStart = envelope.byteLength - TAG_LENGTH;
    if (tagStart < headerEnd || this.header.compare(envelope, 0, ivStart) !== 0) {
      return undefined;
    }
    // Header equal up to the IV: the template holds this envelope's header bytes.
    const { iv } = this.aad;
    const tag = this.tag;
    for (let i = 0; i < IV_LENGTH; i++) iv[i] = envelope[ivStart + i] as number;
    for (let i = 0; i < TAG_LENGTH; i++) tag[i] = envelope[tagStart + i] as number;
    return decryptAuthenticated(
      this.derived.aesKey,
      iv,
      this.aad.withBinding(this.bindsMessages ? binding : ''),
      envelope.subarray(headerEnd, tagStart),
      tag,
    );
  }

  /** Opens a parsed envelope whose key ARN and encrypted data key are this entry's. */
  open(envelope: Buffer, layout: EnvelopeLayout, binding: string | Uint8Array = ''): Buffer {
    return (
      this.openIfSameSalt(envelope, binding) ?? this.openWithOtherSalt(envelope, layout, binding)
    );
  }

  /** Same data key under another salt: only a holder of the data key can make that valid. */
  private openWithOtherSalt(
    envelope: Buffer,
    layout: EnvelopeLayout,
    binding: string | Uint8Array,
  ): Buffer {
    const derived = deriveDataKey(
      this.dataKey,
      envelope.subarray(layout.saltStart, layout.commitmentStart),
      layout.version,
    );
    try {
      checkCommitment(derived, envelope, layout.commitmentStart);
      return decryptAuthenticated(
        derived.aesKey,
        envelope.subarray(layout.ivStart, layout.headerEnd),
        Buffer.concat([
          envelope.subarray(0, layout.headerEnd),
          this.contextAad,
          layout.version === ENVELOPE_VERSION_1 ? Buffer.alloc(0) : Buffer.from(binding),
        ]),
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
