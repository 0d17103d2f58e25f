import { errorBase } from '@sealbus/core';

/**
 * The envelope is well formed but does not authenticate: tampered bytes, another encryption
 * context, another key, or a key commitment that does not match. No plaintext is returned.
 */
export class EnvelopeIntegrityError extends errorBase('EnvelopeIntegrity') {}
