// Moved to core with the error catalogue; re-exported so existing imports keep working.
export { AwsServiceError, type AwsServiceErrorOptions } from '@sealbus/core';
export { AwsBroker } from './AwsBroker.js';
export { createAwsBroker } from './createAwsBroker.js';
export {
  type AttributeDrift,
  DEFAULT_ON_DRIFT,
  type EnsureOptions,
  type EnsureReport,
  type OnDrift,
} from './ensure/EnsureReport.js';
export { ensureQueue } from './ensure/ensureQueue.js';
export { ensureSubscription } from './ensure/ensureSubscription.js';
export { ensureTopic } from './ensure/ensureTopic.js';
export {
  type AwsService,
  callAws,
  mapAwsError,
  normalizeAwsCode,
} from './errors/mapAwsError.js';
export { ResourceDriftError } from './errors/ResourceDriftError.js';
export {
  AwsKmsKeyProvider,
  type AwsKmsKeyProviderOptions,
  toKeyMetadata,
  toSealingKeyMetadata,
} from './kms/AwsKmsKeyProvider.js';
export type {
  AwsBrokerOptions,
  AwsCredentials,
  ClientSideEncryptionOptions,
} from './options.js';
export {
  mergeTopicSendPolicy,
  type PolicyStatement,
  topicSendStatement,
} from './policy/topicSendPolicy.js';
export {
  NODE_SUPPORT_NOTE,
  type NodeSupportNoteDeps,
  noteNodeSupport,
  SDK_WARNING_SWITCH,
} from './runtime/nodeSupportNote.js';
export { ENVELOPE_ATTRIBUTE } from './sse/envelopeMarker.js';
export { parseSnsNotification, type SnsNotification } from './topics/snsNotification.js';
