import { errorBase } from '@sealbus/core';

/**
 * The bytes are not a well-formed sealbus envelope: wrong magic, unknown version or suite,
 * a length field that points past the buffer, or a field out of its limits. Nothing was
 * decrypted; the message says which field and what was expected.
 */
export class EnvelopeFormatError extends errorBase('EnvelopeFormat') {}
