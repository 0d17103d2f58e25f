import { IV_LENGTH } from '../format/constants.js';

/**
 * The AAD of every message under one data key: header up to the IV, the IV, then the
 * canonical encryption context. Only the IV changes per message, so it is written into this
 * buffer in place and the AAD goes to GCM in one call, without concatenating per message.
 * Used synchronously only (between an IV write and the cipher call nothing else runs).
 */
export class AadTemplate {
  readonly bytes: Buffer;
  /** View of the IV inside `bytes`; also the IV handed to the cipher. */
  readonly iv: Buffer;
  /** Length of header prefix + IV: `bytes` up to here is the envelope header. */
  readonly headerLength: number;

  constructor(headerPrefix: Uint8Array, contextAad: Uint8Array) {
    this.headerLength = headerPrefix.byteLength + IV_LENGTH;
    this.bytes = Buffer.alloc(this.headerLength + contextAad.byteLength);
    this.bytes.set(headerPrefix, 0);
    this.bytes.set(contextAad, this.headerLength);
    this.iv = this.bytes.subarray(headerPrefix.byteLength, this.headerLength);
  }
}
