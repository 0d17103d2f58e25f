import {
  AccessDeniedError,
  BatchEntryIdsNotDistinctError,
  BatchRequestTooLongError,
  EmptyBatchRequestError,
  FilterPolicyLimitExceededError,
  IncompleteSignatureError,
  InternalFailureError,
  InvalidActionError,
  InvalidAttributeNameError,
  InvalidAttributeValueError,
  InvalidBatchEntryIdError,
  InvalidClientTokenIdError,
  InvalidMessageContentsError,
  InvalidParameterError,
  InvalidParameterValueError,
  isSealbusError,
  KmsAccessDeniedError,
  KmsAlreadyExistsError,
  KmsDisabledError,
  KmsIncorrectKeyError,
  KmsInternalError,
  KmsInvalidAliasNameError,
  KmsInvalidArnError,
  KmsInvalidCiphertextError,
  KmsInvalidKeyUsageError,
  KmsInvalidMarkerError,
  KmsInvalidStateError,
  KmsKeyUnavailableError,
  KmsMalformedPolicyDocumentError,
  KmsNotFoundError,
  KmsOptInRequiredError,
  KmsThrottlingError,
  KmsUnsupportedOperationError,
  KmsValidationError,
  MessageNotInflightError,
  MissingAuthenticationTokenError,
  MissingParameterError,
  NotFoundError,
  OverLimitError,
  PurgeQueueInProgressError,
  QueueDoesNotExistError,
  QueueNameExistsError,
  ReceiptHandleIsInvalidError,
  RequestExpiredError,
  RequestThrottledError,
  ResourceNotFoundError,
  type SealbusError,
  type SealbusErrorOptions,
  ServiceUnavailableError,
  SignatureDoesNotMatchError,
  SnsResourceNotFoundError,
  TagLimitExceededError,
  TooManyEntriesInBatchRequestError,
  UnsupportedOperationError,
} from '@sealbus/core';
import { AwsServiceError } from './AwsServiceError.js';

/** Which client raised the error: the same name means different things per service (`NotFoundException`). */
export type AwsService = 'sqs' | 'sns' | 'kms';

type SealbusErrorClass = new (message: string, options?: SealbusErrorOptions) => SealbusError;

interface Mapping {
  error: SealbusErrorClass;
  /** What the caller should do, appended to the service's message. */
  hint: string;
  /** Every spelling: SDK exception name, Query code, SQS-reported KMS code. */
  names: readonly string[];
}

const KMS_HINT = {
  disabled: 'Enable the key (kms:EnableKey) or point KmsMasterKeyId at an enabled key',
  notFound: 'Check the key id/alias and region, or point KmsMasterKeyId at an existing key',
  accessDenied:
    'Grant this principal kms:GenerateDataKey (producers) and kms:Decrypt (consumers) in the key policy or IAM',
  invalidState: 'The key is pending deletion or import; cancel the deletion or use another key',
  throttled: 'KMS throttled the request; raise KmsDataKeyReusePeriodSeconds or retry later',
  optIn: 'The account has not opted in to this KMS key type/region; use another key or opt in',
  keyUsage: 'Use a symmetric ENCRYPT_DECRYPT key',
} as const;

const SQS_MAPPINGS: readonly Mapping[] = [
  m(
    QueueDoesNotExistError,
    'Create the queue (createQueue/ensureQueue) or check its name, region and account',
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
  ),
  m(
    QueueNameExistsError,
    'A queue of this name exists with other attributes; use setAttributes or ensureQueue with onDrift',
    'QueueNameExists',
    'QueueAlreadyExists',
  ),
  m(
    MessageNotInflightError,
    'The message is not in flight; receive it again before changing its visibility',
    'MessageNotInflight',
    'AWS.SimpleQueueService.MessageNotInflight',
  ),
  m(
    ReceiptHandleIsInvalidError,
    'Use the receipt handle of the latest receive of this message',
    'ReceiptHandleIsInvalid',
  ),
  m(
    UnsupportedOperationError,
    'This operation is not supported for this queue',
    'UnsupportedOperation',
    'AWS.SimpleQueueService.UnsupportedOperation',
  ),
  m(
    PurgeQueueInProgressError,
    'Only one purge per 60 seconds is allowed; wait and retry',
    'PurgeQueueInProgress',
    'AWS.SimpleQueueService.PurgeQueueInProgress',
  ),
  m(
    TooManyEntriesInBatchRequestError,
    'Send at most 10 entries per batch',
    'TooManyEntriesInBatchRequest',
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  ),
  m(
    EmptyBatchRequestError,
    'Send at least one entry',
    'EmptyBatchRequest',
    'AWS.SimpleQueueService.EmptyBatchRequest',
  ),
  m(
    BatchEntryIdsNotDistinctError,
    'Give every batch entry its own Id',
    'BatchEntryIdsNotDistinct',
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  ),
  m(
    InvalidBatchEntryIdError,
    'Batch entry ids are 1-80 characters of A-Z, a-z, 0-9, hyphen or underscore',
    'InvalidBatchEntryId',
    'AWS.SimpleQueueService.InvalidBatchEntryId',
  ),
  m(
    BatchRequestTooLongError,
    'Send fewer or smaller entries (1 MiB per batch)',
    'BatchRequestTooLong',
    'AWS.SimpleQueueService.BatchRequestTooLong',
  ),
  m(InvalidAttributeNameError, 'Use a queue attribute name SQS knows', 'InvalidAttributeName'),
  m(
    InvalidAttributeValueError,
    'Fix the attribute value to lie within the SQS limits',
    'InvalidAttributeValue',
  ),
  m(
    InvalidMessageContentsError,
    'Bodies may hold only #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF; encode binary data as base64',
    'InvalidMessageContents',
  ),
  m(
    OverLimitError,
    'Too many in-flight messages or tags; delete messages or tags first',
    'OverLimit',
  ),
  m(
    RequestThrottledError,
    'Slow down; the SDK retry strategy (maxAttempts/retryMode in the client config) retries throttled calls',
    'RequestThrottled',
  ),
  m(
    ResourceNotFoundError,
    'The move task or resource does not exist; list tasks with listMessageMoveTasks',
    'ResourceNotFoundException',
  ),
  m(KmsDisabledError, KMS_HINT.disabled, 'KmsDisabled', 'KMS.DisabledException'),
  m(KmsNotFoundError, KMS_HINT.notFound, 'KmsNotFound', 'KMS.NotFoundException'),
  m(KmsAccessDeniedError, KMS_HINT.accessDenied, 'KmsAccessDenied', 'KMS.AccessDeniedException'),
  m(KmsInvalidStateError, KMS_HINT.invalidState, 'KmsInvalidState', 'KMS.InvalidStateException'),
  m(
    KmsInvalidKeyUsageError,
    KMS_HINT.keyUsage,
    'KmsInvalidKeyUsage',
    'KMS.InvalidKeyUsageException',
  ),
  m(KmsThrottlingError, KMS_HINT.throttled, 'KmsThrottled', 'KMS.ThrottlingException'),
  m(KmsOptInRequiredError, KMS_HINT.optIn, 'KmsOptInRequired', 'KMS.OptInRequired'),
];

const SNS_MAPPINGS: readonly Mapping[] = [
  m(
    NotFoundError,
    'Create the topic/subscription (createTopic/ensureTopic) or check the ARN',
    'NotFound',
    'NotFoundException',
  ),
  m(
    InvalidParameterError,
    'Fix the named parameter',
    'InvalidParameter',
    'InvalidParameterException',
    'InvalidParameterValue',
    'InvalidParameterValueException',
    'ParameterValueInvalid',
  ),
  m(
    TagLimitExceededError,
    'Remove tags first (untag); a topic carries at most 50',
    'TagLimitExceeded',
    'TagLimitExceededException',
  ),
  m(
    SnsResourceNotFoundError,
    'Check the topic ARN; tagging names the resource by ARN',
    'ResourceNotFound',
    'ResourceNotFoundException',
  ),
  m(
    FilterPolicyLimitExceededError,
    'Simplify the filter policy or ask AWS for a higher limit',
    'FilterPolicyLimitExceeded',
    'FilterPolicyLimitExceededException',
  ),
  m(
    AccessDeniedError,
    'Grant the caller the sns: action in IAM or the topic policy',
    'AuthorizationError',
    'AuthorizationErrorException',
  ),
  m(
    RequestThrottledError,
    'Slow down; the SDK retry strategy retries throttled calls',
    'Throttled',
    'ThrottledException',
  ),
  m(
    InternalFailureError,
    'SNS failed internally; retry later',
    'InternalError',
    'InternalErrorException',
  ),
  m(
    ResourceNotFoundError,
    'The resource does not exist',
    'ResourceNotFound',
    'ResourceNotFoundException',
  ),
  m(
    TooManyEntriesInBatchRequestError,
    'Publish at most 10 entries per batch',
    'TooManyEntriesInBatchRequest',
    'TooManyEntriesInBatchRequestException',
  ),
  m(
    EmptyBatchRequestError,
    'Publish at least one entry',
    'EmptyBatchRequest',
    'EmptyBatchRequestException',
  ),
  m(
    BatchEntryIdsNotDistinctError,
    'Give every batch entry its own Id',
    'BatchEntryIdsNotDistinct',
    'BatchEntryIdsNotDistinctException',
  ),
  m(
    InvalidBatchEntryIdError,
    'Batch entry ids are 1-80 characters of A-Z, a-z, 0-9, hyphen or underscore',
    'InvalidBatchEntryId',
    'InvalidBatchEntryIdException',
  ),
  m(
    BatchRequestTooLongError,
    'Publish fewer or smaller entries (256 KiB per batch)',
    'BatchRequestTooLong',
    'BatchRequestTooLongException',
  ),
  m(KmsDisabledError, KMS_HINT.disabled, 'KMSDisabled', 'KMSDisabledException'),
  m(KmsNotFoundError, KMS_HINT.notFound, 'KMSNotFound', 'KMSNotFoundException'),
  m(KmsAccessDeniedError, KMS_HINT.accessDenied, 'KMSAccessDenied', 'KMSAccessDeniedException'),
  m(KmsInvalidStateError, KMS_HINT.invalidState, 'KMSInvalidState', 'KMSInvalidStateException'),
  m(KmsThrottlingError, KMS_HINT.throttled, 'KMSThrottling', 'KMSThrottlingException'),
  m(KmsOptInRequiredError, KMS_HINT.optIn, 'KMSOptInRequired'),
];

const KMS_MAPPINGS: readonly Mapping[] = [
  m(KmsDisabledError, KMS_HINT.disabled, 'DisabledException'),
  m(KmsNotFoundError, KMS_HINT.notFound, 'NotFoundException'),
  m(KmsAccessDeniedError, KMS_HINT.accessDenied, 'AccessDeniedException'),
  m(KmsInvalidStateError, KMS_HINT.invalidState, 'KMSInvalidStateException'),
  m(KmsInvalidKeyUsageError, KMS_HINT.keyUsage, 'InvalidKeyUsageException'),
  m(KmsThrottlingError, KMS_HINT.throttled, 'ThrottlingException', 'LimitExceededException'),
  m(KmsOptInRequiredError, KMS_HINT.optIn, 'KMSOptInRequired', 'OptInRequired'),
  m(
    KmsInvalidCiphertextError,
    'The ciphertext is corrupt or its encryption context differs from the one it was sealed with',
    'InvalidCiphertextException',
  ),
  m(
    KmsIncorrectKeyError,
    'The ciphertext belongs to another key than the one named',
    'IncorrectKeyException',
  ),
  m(KmsAlreadyExistsError, 'Use another name', 'AlreadyExistsException'),
  m(
    KmsInvalidAliasNameError,
    'Aliases are alias/ followed by A-Z, a-z, 0-9, /, _ or -',
    'InvalidAliasNameException',
  ),
  m(KmsInvalidArnError, 'Pass a well-formed KMS key ARN', 'InvalidArnException'),
  m(KmsInvalidMarkerError, 'Pass a marker from an earlier List response', 'InvalidMarkerException'),
  m(KmsMalformedPolicyDocumentError, 'Fix the key policy JSON', 'MalformedPolicyDocumentException'),
  m(
    KmsValidationError,
    'Fix the request parameters',
    'ValidationException',
    'InvalidGrantTokenException',
  ),
  m(
    KmsUnsupportedOperationError,
    'The key does not support this operation',
    'UnsupportedOperationException',
  ),
  m(
    KmsInternalError,
    'KMS failed internally; retry later',
    'KMSInternalException',
    'DependencyTimeoutException',
  ),
  m(
    KmsKeyUnavailableError,
    'The key is temporarily unavailable; retry later',
    'KeyUnavailableException',
  ),
];

/** Codes every AWS service may answer with (authentication, generic failures). */
const COMMON_MAPPINGS: readonly Mapping[] = [
  m(InvalidParameterValueError, 'Fix the named parameter', 'InvalidParameterValue'),
  m(MissingParameterError, 'Pass the missing parameter', 'MissingParameter'),
  m(
    InvalidActionError,
    'The endpoint does not implement this action; check the endpoint URL and service',
    'InvalidAction',
    'MissingAction',
  ),
  m(
    AccessDeniedError,
    'Grant the caller this action in IAM or the resource policy',
    'AccessDenied',
    'AccessDeniedException',
    'InvalidSecurity',
  ),
  m(
    InvalidClientTokenIdError,
    'Check the access key id of the configured credentials',
    'InvalidClientTokenId',
    'UnrecognizedClientException',
  ),
  m(
    SignatureDoesNotMatchError,
    'Check the secret access key of the configured credentials',
    'SignatureDoesNotMatch',
    'InvalidSignatureException',
  ),
  m(
    MissingAuthenticationTokenError,
    'Configure credentials for the client',
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenException',
  ),
  m(
    IncompleteSignatureError,
    'The request signature is incomplete; check the client and credentials',
    'IncompleteSignature',
  ),
  m(
    RequestExpiredError,
    "Fix this machine's clock: it is more than 15 minutes off",
    'RequestExpired',
  ),
  m(
    RequestThrottledError,
    'Slow down; the SDK retry strategy retries throttled calls',
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
  ),
  m(
    InternalFailureError,
    'The service failed internally; retry later',
    'InternalFailure',
    'InternalError',
    'InternalServerError',
  ),
  m(
    ServiceUnavailableError,
    'The service is unavailable; retry later',
    'ServiceUnavailable',
    'ServiceUnavailableException',
  ),
];

/** Node socket errors and SDK timeouts: the request never got an answer. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_ERROR_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError']);

const TABLES: Record<AwsService, ReadonlyMap<string, Mapping>> = {
  sqs: index([...SQS_MAPPINGS, ...COMMON_MAPPINGS]),
  sns: index([...SNS_MAPPINGS, ...COMMON_MAPPINGS]),
  kms: index([...KMS_MAPPINGS, ...COMMON_MAPPINGS]),
};

/** The sealbus code of each mapping's class, read once per class. */
const CODES = new Map<SealbusErrorClass, string>();

/** The fields of an AWS SDK v3 service exception that the mapping reads. */
interface AwsSdkErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Turns an AWS SDK v3 failure into the sealbus error with the same code as the local backends
 * (`QueueDoesNotExist`, `KMS.DisabledException`, …), keeping the SDK error as `cause`. Codes
 * without a sealbus class keep their AWS code in an `AwsServiceError`; network failures become
 * `ServiceUnavailableError`. Errors that did not come from AWS or the network (programming
 * errors) are returned unchanged.
 */
export function mapAwsError(error: unknown, service: AwsService, operation: string): Error {
  if (isSealbusError(error)) return error;
  if (typeof error !== 'object' || error === null) {
    return new InternalFailureError(`${label(service, operation)} failed with a non-error value`, {
      cause: error,
    });
  }
  const shape = error as AwsSdkErrorShape;
  // Without its final period, so the hint reads on as the next sentence.
  const awsMessage =
    typeof shape.message === 'string' && shape.message !== ''
      ? shape.message.replace(/\.+$/, '')
      : undefined;
  const mapping = findMapping(shape, service);
  if (mapping !== undefined) {
    return new mapping.error(
      `${label(service, operation)} failed: ${awsMessage ?? codeOf(mapping)}. ${mapping.hint}`,
      { cause: error },
    );
  }
  if (isNetworkError(shape)) {
    return new ServiceUnavailableError(
      `${label(service, operation)} got no answer (${networkReason(shape)}). Check the endpoint and network; the SDK retries per its retry strategy`,
      { cause: error },
    );
  }
  if (shape.$metadata !== undefined || shape.$fault !== undefined) {
    const code = awsCodeOf(shape) ?? 'UnknownError';
    const fault = shape.$fault === 'server' ? 'server' : 'client';
    return new AwsServiceError(
      code,
      `${label(service, operation)} failed with ${code}: ${awsMessage ?? 'no message'}`,
      {
        cause: error,
        fault,
        retryable: shape.$retryable !== undefined || fault === 'server',
      },
    );
  }
  return error as Error;
}

/**
 * The sealbus code for a code AWS reports per batch entry (`Failed[].Code`), so batch results
 * carry the same codes on every backend; unknown codes pass through.
 */
export function normalizeAwsCode(code: string, service: AwsService): string {
  const mapping = TABLES[service].get(code);
  return mapping === undefined ? code : codeOf(mapping);
}

/** Runs one SDK call and rethrows its failure mapped by `mapAwsError`. */
export async function callAws<T>(
  service: AwsService,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapAwsError(error, service, operation);
  }
}

function findMapping(shape: AwsSdkErrorShape, service: AwsService): Mapping | undefined {
  const table = TABLES[service];
  for (const candidate of [shape.name, shape.Code]) {
    if (typeof candidate !== 'string') continue;
    const mapping = table.get(candidate);
    if (mapping !== undefined) return mapping;
  }
  return undefined;
}

function awsCodeOf(shape: AwsSdkErrorShape): string | undefined {
  if (typeof shape.Code === 'string') return shape.Code;
  return typeof shape.name === 'string' && shape.name !== 'Error' ? shape.name : undefined;
}

function isNetworkError(shape: AwsSdkErrorShape): boolean {
  if (typeof shape.code === 'string' && NETWORK_ERROR_CODES.has(shape.code)) return true;
  if (typeof shape.name === 'string' && NETWORK_ERROR_NAMES.has(shape.name)) return true;
  const cause = (shape as { cause?: AwsSdkErrorShape }).cause;
  return typeof cause?.code === 'string' && NETWORK_ERROR_CODES.has(cause.code);
}

function networkReason(shape: AwsSdkErrorShape): string {
  const cause = (shape as { cause?: AwsSdkErrorShape }).cause;
  const code = typeof shape.code === 'string' ? shape.code : cause?.code;
  return typeof code === 'string' ? code : String(shape.name);
}

function codeOf(mapping: Mapping): string {
  let code = CODES.get(mapping.error);
  if (code === undefined) {
    code = new mapping.error('').code;
    CODES.set(mapping.error, code);
  }
  return code;
}

function label(service: AwsService, operation: string): string {
  return `${service.toUpperCase()} ${operation}`;
}

function m(error: SealbusErrorClass, hint: string, ...names: string[]): Mapping {
  return { error, hint, names };
}

function index(mappings: readonly Mapping[]): ReadonlyMap<string, Mapping> {
  const table = new Map<string, Mapping>();
  for (const mapping of mappings) {
    for (const name of mapping.names) if (!table.has(name)) table.set(name, mapping);
  }
  return table;
}
