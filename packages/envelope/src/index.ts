export {
  EnvelopeEngine,
  type EnvelopeEngineDependencies,
  type OpenOptions,
  type SealOptions,
} from './EnvelopeEngine.js';
export { EnvelopeFormatError } from './errors/EnvelopeFormatError.js';
export { EnvelopeIntegrityError } from './errors/EnvelopeIntegrityError.js';
export {
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  MIN_ENVELOPE_LENGTH,
  SUITE_AES_256_GCM_HKDF_SHA256_COMMIT,
} from './format/constants.js';
export { canonicalContextBytes } from './format/encryptionContext.js';
export { type EnvelopeHeader, readEnvelopeHeader } from './format/envelopeHeader.js';
export { isSealed } from './format/envelopeLayout.js';
export {
  DEFAULT_ENVELOPE_ENGINE_OPTIONS,
  DEFAULT_REUSE_PERIOD_SECONDS,
  type EnvelopeEngineOptions,
  MAX_MESSAGES_PER_DATA_KEY,
  MAX_REUSE_PERIOD_SECONDS,
  MIN_REUSE_PERIOD_SECONDS,
} from './options.js';
export type { DataKeyStats, EnvelopeStats } from './stats.js';
