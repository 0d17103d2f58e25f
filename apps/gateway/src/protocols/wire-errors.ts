import { isSealbusError } from '@sealbus/core';

/** An error as one service reports it on the wire, whatever its protocol. */
export interface WireError {
  /** Query `<Code>`, and the SQS JSON `x-amzn-query-error` code. */
  queryCode: string;
  /** HTTP status of the Query form. */
  queryStatus: number;
  /** JSON `__type` shape name (SQS prefixes it with `com.amazonaws.sqs#`). */
  jsonType: string;
  /** HTTP status of the JSON form. */
  jsonStatus: number;
  /** `Sender` for client faults, `Receiver` for server faults. */
  fault: 'Sender' | 'Receiver';
  message: string;
}

interface Mapping {
  queryCode: string;
  jsonType: string;
  queryStatus: number;
  jsonStatus: number;
}

function same(code: string, status: number): Mapping {
  return { queryCode: code, jsonType: code, queryStatus: status, jsonStatus: status };
}

/** Errors every AWS endpoint may return. */
const COMMON: Record<string, Mapping> = {
  InvalidAction: { ...same('InvalidAction', 400), jsonType: 'UnknownOperationException' },
  MissingAction: same('MissingAction', 400),
  MissingParameter: same('MissingParameter', 400),
  InvalidParameterCombination: same('InvalidParameterCombination', 400),
  InvalidParameterValue: same('InvalidParameterValue', 400),
  AccessDeniedException: same('AccessDeniedException', 400),
  IncompleteSignature: {
    ...same('IncompleteSignature', 400),
    jsonType: 'IncompleteSignatureException',
  },
  RequestExpired: { ...same('RequestExpired', 400), jsonType: 'InvalidSignatureException' },
  SignatureDoesNotMatch: {
    queryCode: 'SignatureDoesNotMatch',
    queryStatus: 403,
    jsonType: 'InvalidSignatureException',
    jsonStatus: 400,
  },
  InvalidClientTokenId: {
    queryCode: 'InvalidClientTokenId',
    queryStatus: 403,
    jsonType: 'UnrecognizedClientException',
    jsonStatus: 400,
  },
  MissingAuthenticationToken: {
    queryCode: 'MissingAuthenticationToken',
    queryStatus: 403,
    jsonType: 'MissingAuthenticationTokenException',
    jsonStatus: 400,
  },
  AccessDenied: {
    ...same('AccessDenied', 403),
    jsonType: 'AccessDeniedException',
    jsonStatus: 400,
  },
  InternalFailure: same('InternalFailure', 500),
  ServiceUnavailable: same('ServiceUnavailable', 503),
  // The broker is shutting down with the gateway: the client should retry elsewhere or later.
  BrokerClosed: same('ServiceUnavailable', 503),
};

function sqs(shape: string, queryCode: string, status: number): Mapping {
  return { queryCode, jsonType: shape, queryStatus: status, jsonStatus: status };
}

/** Core error codes → SQS shapes and Query codes. */
const SQS: Record<string, Mapping> = {
  QueueDoesNotExist: sqs('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 400),
  QueueNameExists: sqs('QueueNameExists', 'QueueAlreadyExists', 400),
  PurgeQueueInProgress: sqs(
    'PurgeQueueInProgress',
    'AWS.SimpleQueueService.PurgeQueueInProgress',
    403,
  ),
  ReceiptHandleIsInvalid: same('ReceiptHandleIsInvalid', 404),
  InvalidAttributeName: same('InvalidAttributeName', 400),
  InvalidAttributeValue: same('InvalidAttributeValue', 400),
  InvalidMessageContents: same('InvalidMessageContents', 400),
  InvalidIdFormat: same('InvalidIdFormat', 400),
  OverLimit: same('OverLimit', 403),
  RequestThrottled: same('RequestThrottled', 403),
  InvalidSecurity: same('InvalidSecurity', 403),
  InvalidAddress: same('InvalidAddress', 404),
  ResourceNotFoundException: same('ResourceNotFoundException', 404),
  'KMS.DisabledException': sqs('KmsDisabled', 'KMS.DisabledException', 400),
  'KMS.NotFoundException': sqs('KmsNotFound', 'KMS.NotFoundException', 400),
  'KMS.InvalidStateException': sqs('KmsInvalidState', 'KMS.InvalidStateException', 400),
  'KMS.InvalidKeyUsageException': sqs('KmsInvalidKeyUsage', 'KMS.InvalidKeyUsageException', 400),
  'KMS.AccessDeniedException': sqs('KmsAccessDenied', 'KMS.AccessDeniedException', 400),
  'KMS.ThrottlingException': sqs('KmsThrottled', 'KMS.ThrottlingException', 400),
  'KMS.OptInRequired': sqs('KmsOptInRequired', 'KMS.OptInRequired', 403),
};
for (const shape of [
  'QueueDeletedRecently',
  'MessageNotInflight',
  'UnsupportedOperation',
  'TooManyEntriesInBatchRequest',
  'EmptyBatchRequest',
  'BatchEntryIdsNotDistinct',
  'InvalidBatchEntryId',
  'BatchRequestTooLong',
]) {
  SQS[shape] = sqs(shape, `AWS.SimpleQueueService.${shape}`, 400);
}

/** Core error codes → SNS Query codes. */
const SNS: Record<string, Mapping> = {
  NotFound: same('NotFound', 404),
  QueueDoesNotExist: same('NotFound', 404),
  ResourceNotFoundException: same('NotFound', 404),
  ResourceNotFound: same('ResourceNotFound', 404),
  TagLimitExceeded: same('TagLimitExceeded', 400),
  InvalidParameter: same('InvalidParameter', 400),
  InvalidParameterValue: same('InvalidParameter', 400),
  MissingParameter: same('InvalidParameter', 400),
  InvalidAttributeName: same('InvalidParameter', 400),
  InvalidAttributeValue: same('InvalidParameter', 400),
  InvalidMessageContents: same('InvalidParameter', 400),
  ParameterValueInvalid: same('ParameterValueInvalid', 400),
  ValidationException: same('ValidationException', 400),
  BatchEntryIdsNotDistinct: same('BatchEntryIdsNotDistinct', 400),
  BatchRequestTooLong: same('BatchRequestTooLong', 400),
  EmptyBatchRequest: same('EmptyBatchRequest', 400),
  InvalidBatchEntryId: same('InvalidBatchEntryId', 400),
  TooManyEntriesInBatchRequest: same('TooManyEntriesInBatchRequest', 400),
  'KMS.DisabledException': same('KMSDisabled', 400),
  'KMS.NotFoundException': same('KMSNotFound', 400),
  'KMS.InvalidStateException': same('KMSInvalidState', 400),
  'KMS.AccessDeniedException': same('KMSAccessDenied', 400),
  'KMS.ThrottlingException': same('KMSThrottling', 400),
  'KMS.OptInRequired': same('KMSOptInRequired', 403),
  AuthorizationError: same('AuthorizationError', 403),
  AccessDenied: same('AuthorizationError', 403),
  RequestThrottled: same('Throttled', 429),
  SubscriptionLimitExceeded: same('SubscriptionLimitExceeded', 403),
  TopicLimitExceeded: same('TopicLimitExceeded', 403),
  FilterPolicyLimitExceeded: same('FilterPolicyLimitExceeded', 403),
  Throttled: same('Throttled', 429),
  InternalFailure: same('InternalError', 500),
};

/** KMS reports request-validation failures as `ValidationException`. */
const KMS: Record<string, Mapping> = {
  InvalidParameterValue: same('ValidationException', 400),
  MissingParameter: same('ValidationException', 400),
  'KMS.InvalidStateException': same('KMSInvalidStateException', 400),
  'KMS.KMSInternalException': same('KMSInternalException', 500),
  'KMS.KeyUnavailableException': same('KeyUnavailableException', 500),
  'KMS.DependencyTimeoutException': same('DependencyTimeoutException', 503),
  'KMS.DryRunOperationException': same('DryRunOperationException', 412),
  AccessDenied: same('AccessDeniedException', 400),
};

const INTERNAL_MESSAGE = 'We encountered an internal error. Please try again.';

function toWireError(error: unknown, table: Record<string, Mapping>): WireError {
  if (!isSealbusError(error)) {
    return {
      ...(table.InternalFailure ?? COMMON.InternalFailure!),
      fault: 'Receiver',
      message: INTERNAL_MESSAGE,
    };
  }
  const fault = error.fault === 'server' ? 'Receiver' : 'Sender';
  const mapping = table[error.code] ?? COMMON[error.code] ?? fallback(error.code, error.fault);
  return { ...mapping, fault, message: error.message };
}

/** An error code no table names keeps its code, minus the `KMS.` prefix in JSON. */
function fallback(code: string, fault: 'client' | 'server'): Mapping {
  const status = fault === 'server' ? 500 : 400;
  return {
    queryCode: code,
    jsonType: code.startsWith('KMS.') ? code.slice(4) : code,
    queryStatus: status,
    jsonStatus: status,
  };
}

export function sqsWireError(error: unknown): WireError {
  return toWireError(error, SQS);
}

export function snsWireError(error: unknown): WireError {
  return toWireError(error, SNS);
}

/** KMS JSON: core codes `KMS.X` become the short `__type` `X`. */
export function kmsWireError(error: unknown): WireError {
  return toWireError(error, KMS);
}

/** The Query code an SQS batch entry reports for a core error code. */
export function sqsBatchEntryCode(code: string): string {
  return (SQS[code] ?? COMMON[code])?.queryCode ?? code;
}

/** The Query code an SNS batch entry reports for a core error code. */
export function snsBatchEntryCode(code: string): string {
  return (SNS[code] ?? COMMON[code])?.queryCode ?? code;
}
