import { IV_LENGTH } from '../format/constants.js';

/** Bindings up to this many bytes are written into the template; longer ones are concatenated. */
const BINDING_CAPACITY = 256;

/**
 * The AAD of every message under one data key: header up to the IV, the IV, the canonical
 * encryption context, then the message's binding. Only the IV and the binding change per
 * message, so both are written into this buffer in place and the AAD goes to GCM in one call,
 * without concatenating per message. Used synchronously only (between the writes and the
 * cipher call nothing else runs).
 */
export class AadTemplate {
  /** Header ‖ context, followed by room for a binding. */
  readonly bytes: Buffer;
  /** View of the IV inside `bytes`; also the IV handed to the cipher. */
  readonly iv: Buffer;
  /** Length of header prefix + IV: `bytes` up to here is the envelope header. */
  readonly headerLength: number;
  /** Length of header + context: the AAD of a message without binding. */
  readonly fixedLength: number;
  /** Views of `bytes` by AAD length: a message id has one length, so this stays tiny. */
  readonly #views = new Map<number, Buffer>();
  #lastLength = -1;
  #lastView: Buffer | undefined;

  constructor(headerPrefix: Uint8Array, contextAad: Uint8Array) {
    this.headerLength = headerPrefix.byteLength + IV_LENGTH;
    this.fixedLength = this.headerLength + contextAad.byteLength;
    this.bytes = Buffer.alloc(this.fixedLength + BINDING_CAPACITY);
    this.bytes.set(headerPrefix, 0);
    this.bytes.set(contextAad, this.headerLength);
    this.iv = this.bytes.subarray(headerPrefix.byteLength, this.headerLength);
  }

  /** The AAD with `binding` written after the context (a string as UTF-8); call after writing the IV. */
  withBinding(binding: string | Uint8Array): Buffer {
    const start = this.fixedLength;
    let length: number;
    if (typeof binding === 'string') {
      // At most 3 UTF-8 bytes per UTF-16 code unit: short strings always fit the room.
      if (binding.length * 3 > BINDING_CAPACITY) return this.#concat(Buffer.from(binding, 'utf8'));
      length = this.bytes.write(binding, start, 'utf8');
    } else {
      if (binding.byteLength > BINDING_CAPACITY) return this.#concat(binding);
      this.bytes.set(binding, start);
      length = binding.byteLength;
    }
    return this.#view(start + length);
  }

  #view(length: number): Buffer {
    if (length === this.#lastLength) return this.#lastView!;
    let view = this.#views.get(length);
    if (view === undefined) {
      view = this.bytes.subarray(0, length);
      this.#views.set(length, view);
    }
    this.#lastLength = length;
    this.#lastView = view;
    return view;
  }

  #concat(binding: Uint8Array): Buffer {
    return Buffer.concat([this.bytes.subarray(0, this.fixedLength), binding]);
  }
}
