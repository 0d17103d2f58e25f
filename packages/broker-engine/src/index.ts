export { type LocalParts, localBackend } from './backend/localBackend.js';
export {
  createEngineBroker,
  DEFAULT_RETENTION_SWEEP_INTERVAL_MS,
  type EngineBrokerDeps,
  type EngineBrokerOptions,
  splitEngineOptions,
} from './createEngineBroker.js';
export { type EngineRuntime, engineRuntime } from './di/engineRuntime.js';
export { EngineBroker, type EngineStats } from './EngineBroker.js';
export {
  ENGINE_METRICS,
  type EngineCounterName,
  type EngineCounters,
} from './engine/EngineMetrics.js';
export type { PeekedMessage, PeekOptions } from './inspection/PeekedMessage.js';
export { MOVE_TASK_STALE_MS } from './moves/moveTaskLiveness.js';
export type { EngineQueue } from './queues/EngineQueue.js';
export { DEDUPLICATION_WINDOW_MS } from './queues/prepareMessage.js';
export { SSE_SWITCH_GRACE_MS } from './queues/toReceivedMessage.js';
export { OPT_IN_INTERVAL_MS, OPTED_OUT_PAGE_SIZE } from './sms/EngineSms.js';
export { queueEncryptionContext, topicEncryptionContext } from './sse/BodySealer.js';
export { SQS_MANAGED_KEY_ALIAS } from './sse/managedKey.js';
export { messageBinding, messageBindingOf } from './sse/messageBinding.js';
export {
  type ClaimCandidate,
  ClaimPlan,
  type ClaimStep,
  type PlainClaimBounds,
} from './store/ClaimPlan.js';
export type {
  ClaimRequest,
  ClaimResult,
  DeduplicationKey,
  ExpireRequest,
  MessageStore,
  MoveRequest,
  MoveResult,
  MoveTaskRecord,
  MoveTaskRunnerRecord,
  NewMessage,
  PeekRequest,
  QueueDepth,
  QueueRecord,
  QueueRecordPatch,
  SendEntry,
  SendOutcome,
  StoredMessage,
  SubscriptionRecord,
  TopicRecord,
  TopicRecordPatch,
} from './store/MessageStore.js';
export { decodeMessageAttributes, encodeMessageAttributes } from './store/messageAttributesJson.js';
export { type MoveCandidate, moveTargets } from './store/moveTargets.js';
export type {
  PlatformApplicationPatch,
  PlatformApplicationRecord,
  PlatformEndpointPatch,
  PlatformEndpointRecord,
  PlatformStore,
} from './store/PlatformStore.js';
export { QueueWaiters } from './store/QueueWaiters.js';
export type { PhoneNumberRecord, SmsRecordStore } from './store/SmsRecordStore.js';
export {
  type CapacityExhausted,
  capacityExhausted,
  isStoreMiss,
  type MoveDestinationMissing,
  type MoveMiss,
  type MoveSourceUnknown,
  moveDestinationMissing,
  type NotInFlight,
  notInFlight,
  type PlatformApplicationMissing,
  type PlatformEndpointMissing,
  platformApplicationMissing,
  platformEndpointMissing,
  type QueueMissing,
  queueMissing,
  type ReceiptStale,
  receiptStale,
  type StoreMiss,
  type SubscriptionMissing,
  subscriptionMissing,
  type TopicMissing,
  topicMissing,
} from './store/StoreMiss.js';
export {
  effectiveSubscriptionDeliveryPolicy,
  retryDelaysSeconds,
} from './topics/deliveryPolicy.js';
export type { EngineTopic } from './topics/EngineTopic.js';
export { messageTexts, type TextFor } from './topics/messageStructure.js';
export type { SnsHttpOptions } from './topics/push/HttpPush.js';
export {
  MAX_RECORDED_DELIVERIES,
  type RecordedDelivery,
} from './topics/push/RecordedDeliveries.js';
export {
  canonicalString,
  createNotificationSigner,
  type NotificationSigner,
} from './topics/push/signedMessage.js';
