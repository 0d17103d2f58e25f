export {
  type ArnContext,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_QUEUE_BASE_URL,
  DEFAULT_REGION,
  isQueueArn,
  kmsAliasArn,
  kmsKeyArn,
  type ParsedArn,
  type ParsedQueueArn,
  type ParsedQueueUrl,
  type ParsedSubscriptionArn,
  type ParsedTopicArn,
  parseArn,
  parseQueueArn,
  parseQueueUrl,
  parseSubscriptionArn,
  parseTopicArn,
  type QueueUrlContext,
  queueArn,
  queueNameFrom,
  queueUrl,
  subscriptionArn,
  topicArn,
  topicNameFrom,
} from './arn/arn.js';
export {
  type AwsCredentials,
  type AwsCredentialValues,
  type BackendCapabilities,
  type BackendDescriptor,
  type BackendOpenDeps,
  type BackendOptionSpec,
  defineBackend,
  type OpenedBackend,
} from './backends/BackendDescriptor.js';
export {
  ACCOUNT_ID_OPTION,
  observabilityOf,
  parseAccountId,
  REGION_OPTION,
} from './backends/backendOptions.js';
export {
  type AliasEntry,
  type AliasListPage,
  type CreateGrantInput,
  type DeletionSchedule,
  type GrantInfo,
  type GrantListPage,
  type KeyAdmin,
  type KeyListPage,
  listAllAliases,
  listAllGrants,
  listAllKeys,
  type PublicKeyInfo,
  type RotationStatus,
} from './backends/KeyAdmin.js';
export {
  DEFAULT_KMS_PRICE_PER_10K_REQUESTS,
  estimateKmsRequests,
  KMS_COST_SERVICES,
  type KmsCostEstimate,
  type KmsCostQuery,
  type KmsCostService,
  type KmsCostTerm,
  REUSE_PERIOD_LIMITS,
} from './cost/estimateKmsRequests.js';
export { AwsServiceError, type AwsServiceErrorOptions } from './errors/AwsServiceError.js';
export {
  BrokerClosedError,
  DatabaseNotFoundError,
  UnknownOptionError,
} from './errors/broker.js';
export {
  type AwsService,
  type CatalogueEntry,
  catalogueEntry,
  ERROR_CATALOGUE,
  type ExternalErrorCode,
  isSealbusErrorCode,
  SEALBUS_ERROR_CODES,
  type SealbusErrorClassName,
  type SealbusErrorCode,
  type WireFault,
  type WireSpec,
} from './errors/catalogue.js';
export {
  isKmsKeyUnavailable,
  KmsAccessDeniedError,
  KmsAlreadyExistsError,
  KmsDisabledError,
  KmsIncorrectKeyError,
  KmsInternalError,
  KmsInvalidAliasNameError,
  KmsInvalidArnError,
  KmsInvalidCiphertextError,
  KmsInvalidGrantIdError,
  KmsInvalidGrantTokenError,
  KmsInvalidKeyUsageError,
  KmsInvalidMacError,
  KmsInvalidMarkerError,
  KmsInvalidSignatureError,
  KmsInvalidStateError,
  KmsKeyUnavailableError,
  KmsLimitExceededError,
  KmsMalformedPolicyDocumentError,
  KmsNotAuthorizedError,
  KmsNotFoundError,
  KmsOptInRequiredError,
  KmsRootKeyMissingError,
  KmsTagError,
  KmsThrottlingError,
  KmsUnsupportedOperationError,
  KmsValidationError,
} from './errors/kms.js';
export {
  createSealbusError,
  ERROR_CLASSES,
  FIELD_ERROR_CLASSES,
  type FieldErrorCode,
  isPlainErrorCode,
  type PlainErrorCode,
  type SealbusErrorOf,
} from './errors/registry.js';
export {
  IncompleteSignatureError,
  InvalidActionError,
  InvalidClientTokenIdError,
  MissingAuthenticationTokenError,
  RequestExpiredError,
  SignatureDoesNotMatchError,
} from './errors/request.js';
export {
  type CatalogueError,
  type CatalogueErrorClass,
  describeValue,
  type ErrorFault,
  type ErrorParamValue,
  errorBase,
  isSealbusError,
  SealbusError,
  type SealbusErrorOptions,
} from './errors/SealbusError.js';
export {
  AccessDeniedError,
  InternalFailureError,
  RequestThrottledError,
  ServiceUnavailableError,
} from './errors/service.js';
export {
  FilterPolicyLimitExceededError,
  InvalidParameterError,
  NotFoundError,
  SnsResourceNotFoundError,
  TagLimitExceededError,
} from './errors/sns.js';
export {
  BatchEntryIdsNotDistinctError,
  BatchRequestTooLongError,
  EmptyBatchRequestError,
  InvalidAttributeNameError,
  InvalidAttributeValueError,
  InvalidBatchEntryIdError,
  InvalidMessageContentsError,
  InvalidParameterValueError,
  MessageNotInflightError,
  MissingParameterError,
  OverLimitError,
  PurgeQueueInProgressError,
  QueueDoesNotExistError,
  QueueNameExistsError,
  ReceiptHandleIsInvalidError,
  ResourceNotFoundError,
  TooManyEntriesInBatchRequestError,
  UnsupportedOperationError,
} from './errors/sqs.js';
export {
  ANY_CALL_THROWS,
  type BrokerMethod,
  METHOD_THROWS,
} from './errors/throws.js';
export {
  type AwsWireError,
  awsBatchEntryCode,
  awsWireError,
  type WireContext,
} from './errors/wire.js';
export {
  compileFilterPolicy,
  FILTER_POLICY_LIMITS,
} from './filter-policy/compileFilterPolicy.js';
export {
  type FilterableMessage,
  matchesFilterPolicy,
} from './filter-policy/matchesFilterPolicy.js';
export type {
  CompiledFilterPolicy,
  FilterCondition,
  FilterConjunction,
  FilterLeaf,
  FilterMatcher,
  NumericBound,
} from './filter-policy/types.js';
export { md5OfMessageAttributes, md5OfMessageBody } from './md5/md5.js';
export { type Clock, systemClock } from './runtime/clock.js';
export { type Logger, silentLogger } from './runtime/logger.js';
export { type MetricLabels, type MetricsSink, noopMetrics } from './runtime/metrics.js';
export { TOKENS, type Token } from './runtime/tokens.js';
export {
  type FilterPolicyScope,
  type HealthyRetryPolicy,
  type MoveTask,
  type MoveTaskRequest,
  MoveTaskStatus,
  type QueueAttributes,
  type QueueCounters,
  type RedriveAllowPolicy,
  type RedrivePolicy,
  type ResolvedQueueAttributes,
  type ResolvedTopicAttributes,
  type SubscribeOptions,
  type SubscriptionAttributes,
  type SubscriptionDeliveryPolicy,
  type SubscriptionProtocol,
  type SubscriptionRedrivePolicy,
  type SubscriptionTarget,
  type TopicAttributes,
  type TopicCounters,
} from './types/attributes.js';
export type { Broker, Queue, Subscription, Topic, TopicPermission } from './types/broker.js';
export {
  type DecryptRequest,
  type DecryptResult,
  type EncryptionContext,
  type GenerateDataKeyRequest,
  type GenerateDataKeyResult,
  KEY_SPECS,
  KeyManager,
  type KeyMetadata,
  type KeyProvider,
  type KeySpec,
  KeyState,
  KeyUsage,
  type Principal,
} from './types/keys.js';
export type {
  BatchResult,
  BatchResultErrorEntry,
  ChangeVisibilityBatchEntry,
  DeleteBatchEntry,
  KmsErrorCode,
  MessageAttributes,
  MessageAttributeValue,
  OpenReceivedMessage,
  PublishBatchEntry,
  PublishOptions,
  PublishResult,
  ReceivedMessage,
  ReceivedMessageBase,
  ReceiveOptions,
  SealedBody,
  SealedReason,
  SealedReceivedMessage,
  SendBatchEntry,
  SendOptions,
  SendResult,
  SystemAttributes,
} from './types/messages.js';
export {
  IntegrityReason,
  isIntegrityReason,
  isSealedReason,
  sealedBodyBase64,
} from './types/messages.js';
export type {
  OptedOutPage,
  SmsAttributeName,
  SmsAttributes,
  SmsPublishOptions,
  SmsType,
} from './types/sms.js';
export type { FieldErrorClass } from './validation/attributeValues.js';
export {
  MAX_BATCH_ENTRIES,
  MAX_SNS_BATCH_PAYLOAD_BYTES,
  MAX_SQS_BATCH_PAYLOAD_BYTES,
  validateBatch,
  validateBatchPayload,
  validateSendBatch,
} from './validation/batch.js';
export {
  BATCH_OPTION_KEYS,
  PUBLISH_BATCH_ENTRY_KEYS,
  PUBLISH_OPTION_KEYS,
  RECEIVE_OPTION_KEYS,
  SEND_BATCH_ENTRY_KEYS,
  SEND_OPTION_KEYS,
  SMS_PUBLISH_OPTION_KEYS,
  SUBSCRIBE_OPTION_KEYS,
} from './validation/callOptionKeys.js';
export {
  KMS_KEY_ID_FORMS,
  MAX_KMS_ALIAS_NAME_LENGTH,
  type ParsedKmsKeyId,
  parseKmsKeyId,
  tryParseKmsKeyId,
  validateKmsKeyId,
} from './validation/kmsKeyId.js';
export {
  bodyText,
  byteLength,
  findDisallowedCharacter,
  isValidNumber,
  MAX_MESSAGE_ATTRIBUTE_DATA_TYPE_LENGTH,
  MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH,
  MAX_MESSAGE_ATTRIBUTES,
  MAX_NUMBER_SIGNIFICANT_DIGITS,
  type MessageAttributeRules,
  messageSize,
  SQS_MESSAGE_ATTRIBUTE_RULES,
  validateMessageAttributes,
  validateMessageBody,
} from './validation/message.js';
export {
  FIFO_SUFFIX,
  isFifoName,
  isValidQueueName,
  isValidTopicName,
  MAX_BATCH_ENTRY_ID_LENGTH,
  MAX_QUEUE_NAME_LENGTH,
  MAX_TOPIC_NAME_LENGTH,
  validateBatchEntryId,
  validateQueueName,
  validateTopicName,
} from './validation/names.js';
export {
  checkEntryKeys,
  checkOptionKeys,
  closestKey,
  defineOptionKeys,
  type OptionKeys,
} from './validation/optionKeys.js';
export {
  MAX_SNS_MESSAGE_BYTES,
  MAX_SNS_SUBJECT_LENGTH,
  SNS_MESSAGE_ATTRIBUTE_RULES,
  validatePublish,
  validatePublishBatch,
} from './validation/publish.js';
export {
  conflictingQueueAttributes,
  formatQueueAttributes,
  MAX_RECEIVE_COUNT_LIMITS,
  MAX_REDRIVE_SOURCE_QUEUE_ARNS,
  parseQueueAttributeStrings,
  QUEUE_ATTRIBUTE_LIMITS,
  QUEUE_ATTRIBUTE_NAMES,
  type QueueAttributesContext,
  queueAttributesEqual,
  READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
  resolveQueueAttributes,
} from './validation/queueAttributes.js';
export {
  addPermissionStatement,
  GRANTABLE_QUEUE_ACTIONS,
  MAX_PERMISSION_ACTIONS,
  MAX_PERMISSION_LABEL_LENGTH,
  MAX_POLICY_STATEMENTS,
  type QueuePermission,
  removePermissionStatement,
  validatePermissionLabel,
} from './validation/queuePermissions.js';
export {
  MAX_QUEUE_TAGS,
  MAX_TAG_KEY_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  validateQueueTags,
  validateTagKeys,
} from './validation/queueTags.js';
export {
  type FifoIdRules,
  type FifoIds,
  MAX_MESSAGE_SYSTEM_ID_LENGTH,
  RECEIVE_LIMITS,
  validateFifoIds,
  validateReceiveOptions,
  validateSendMessage,
  validateSendOptions,
  validateVisibilityTimeout,
} from './validation/sendReceive.js';
export {
  isE164,
  isSmsAttributeName,
  SMS_ATTRIBUTE_NAMES,
  SMS_MESSAGE_ATTRIBUTE_NAMES,
  SMS_MESSAGE_ATTRIBUTES,
  smsTypeOf,
  validatePhoneNumber,
  validatePublishPhoneNumber,
  validateSmsAttributes,
  validateSmsMessageAttributes,
} from './validation/sms.js';
export {
  conflictingTopicAttributes,
  formatTopicAttributes,
  MAX_TOPIC_DISPLAY_NAME_LENGTH,
  parseTopicAttributeStrings,
  resolveTopicAttributes,
  TOPIC_ATTRIBUTE_NAMES,
  type TopicAttributesContext,
  topicAttributesEqual,
} from './validation/topicAttributes.js';
